// A token that expires during a session: the port's sweep kicks the session with AUTH_EXPIRED once
// the token would no longer be accepted by a new login (exp + CLOCK_TOLERANCE_SECONDS), and the
// SDK given a token provider logs in again with a fresh token.
import { expect } from 'chai';
import { CLOCK_TOLERANCE_SECONDS, signToken } from '../../src/auth/jwt.js';
import { ImClient } from '../../src/client/im-client.js';
import { Cmd, KickReason } from '../../src/protocol/messages.js';
import { TEST_SECRET } from '../support/gateway.js';
import { RawClient, type FrameClient } from '../support/raw-client.js';
import { startTcpGateway, TcpClient, type TcpTestGateway } from '../support/tcp-client.js';
import { waitForGateway } from '../client/support.js';

const USER = '18446744073709551615';
const PEER = '9007199254740993';

/** A token whose exp is `expSeconds` (whole seconds since the epoch). */
const expiringAt = (userId: string, expSeconds: number) =>
  signToken({ userId, secret: TEST_SECRET, ttlSeconds: 1, nowMs: (expSeconds - 1) * 1000 });

/** exp already passed, but by less than the tolerance: accepted at login, kicked about 3 s later. */
const almostExpired = () => Math.floor(Date.now() / 1000) - CLOCK_TOLERANCE_SECONDS + 3;

describe('token expiry during a session (e2e)', function () {
  this.timeout(30_000);
  let gw: TcpTestGateway;
  const clients: FrameClient[] = [];

  before(async () => {
    gw = await startTcpGateway();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  after(() => gw?.stop());

  async function login(client: FrameClient, token: string, deviceId: string): Promise<void> {
    clients.push(client);
    client.send(Cmd.AUTH_REQ, { token, deviceId, platform: 'test' });
    await client.next(Cmd.AUTH_RESP);
  }

  for (const transport of ['ws', 'tcp'] as const) {
    it(`kicks a ${transport} session with AUTH_EXPIRED at exp + ${CLOCK_TOLERANCE_SECONDS} s, not before; a longer token stays`, async () => {
      const open = () => (transport === 'ws' ? RawClient.open(gw.url) : TcpClient.open(gw.tcpPort));
      const exp = almostExpired();
      const expiring = await open();
      await login(expiring, await expiringAt(USER, exp), `expiring-${transport}`);
      const lasting = await open();
      await login(lasting, await gw.token(USER), `lasting-${transport}`);

      const kick = await expiring.next(Cmd.KICK, () => true, 15_000);
      const kickedAt = Date.now();
      expect(kick.body.reason).to.equal(KickReason.AUTH_EXPIRED);
      expect(kickedAt, 'kicked before the token stopped being valid').to.be.at.least((exp + CLOCK_TOLERANCE_SECONDS) * 1000);
      await expiring.closed();

      lasting.send(Cmd.PING, { clientTimeMs: '1' });
      await lasting.next(Cmd.PONG);
      expect(lasting.all(Cmd.KICK)).to.deep.equal([]);
    });
  }

  it('counts the kick in im_kicks_total{reason="AUTH_EXPIRED"}', async () => {
    const metrics = await (await fetch(`${gw.opsUrl}/metrics`)).text();
    expect(metrics).to.match(/im_kicks_total\{reason="AUTH_EXPIRED"\} 2\b/);
  });

  it('the SDK with a token provider is kicked, asks for a fresh token and carries on', async () => {
    const issued: number[] = [];
    const provider = async () => {
      const exp = issued.length === 0 ? almostExpired() : Math.floor(Date.now() / 1000) + 3600;
      issued.push(exp);
      return expiringAt(USER, exp);
    };
    const client = new ImClient({ url: gw.url, token: provider, deviceId: 'sdk', backoff: { initialMs: 10, maxMs: 40 } });
    const kicks: KickReason[] = [];
    client.on('kick', (k) => kicks.push(k.reason));
    try {
      await client.connect();
      await waitForGateway(() => client.stats.reconnects === 1, 'a reconnect after the kick', 15_000);
      expect(kicks).to.deep.equal([KickReason.AUTH_EXPIRED]);
      expect(issued).to.have.length(2);
      const ack = await client.send(PEER, 'after the fresh token');
      expect(ack.msgId).to.match(/^\d+$/);
    } finally {
      await client.close();
    }
  });

  it('the SDK with a fixed token stops at AUTH_EXPIRED instead of looping', async () => {
    const client = new ImClient({ url: gw.url, token: await expiringAt(USER, almostExpired()), deviceId: 'sdk-fixed', backoff: { initialMs: 10, maxMs: 40 } });
    const kicks: KickReason[] = [];
    client.on('kick', (k) => kicks.push(k.reason));
    try {
      await client.connect();
      await waitForGateway(() => kicks.length === 1, 'the kick', 15_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(kicks).to.deep.equal([KickReason.AUTH_EXPIRED]);
      expect(client.stats.reconnects).to.equal(0);
      expect((await client.send(PEER, 'x').then(() => null, (e: Error) => e))?.message).to.equal('C2C_SEND_REQ while not connected');
    } finally {
      await client.close();
    }
  });
});
