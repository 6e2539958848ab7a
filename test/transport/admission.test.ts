// Refusing connections before a session exists: the connection cap (WebSocket and TCP counted
// together) and shedding while the event loop is stalled; live sessions keep working throughout.
import { expect } from 'chai';
import WebSocket from 'ws';
import { Cmd, ErrorCode } from '../../src/protocol/messages.js';
import { Admission, connectionCap, descriptorLimit, DESCRIPTOR_RESERVE, type Refusal } from '../../src/transport/admission.js';
import { RawClient, type FrameClient } from '../support/raw-client.js';
import { startTcpGateway, TcpClient, type TcpTestGateway } from '../support/tcp-client.js';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            20000                1048576              files
`;

/** The status of a refused upgrade, or 101 when the connection opened. */
function upgradeStatus(url: string): Promise<{ status: number; body: string; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.terminate();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, retryAfter: res.headers['retry-after'] }));
    });
    ws.on('error', reject);
  });
}

async function scrape(opsUrl: string): Promise<string> {
  return (await fetch(`${opsUrl}/metrics`)).text();
}

function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) { /* stalls the event loop on purpose */ }
}

describe('transport/admission', function () {
  this.timeout(20_000);

  describe('the cap in force', () => {
    it('reads the soft open-files limit', () => {
      expect(descriptorLimit(LIMITS)).to.equal(20000);
      expect(descriptorLimit('Max open files            unlimited            unlimited            files\n')).to.equal(null);
      expect(descriptorLimit('')).to.equal(null);
    });

    it('defaults to the descriptor limit less the reserve, and warns when a configured cap is above it', () => {
      expect(connectionCap(0, 20000)).to.deep.equal({ cap: 20000 - DESCRIPTOR_RESERVE, warning: null });
      expect(connectionCap(0, null)).to.deep.equal({ cap: 0, warning: null });
      expect(connectionCap(5000, 20000)).to.deep.equal({ cap: 5000, warning: null });
      const { cap, warning } = connectionCap(100_000, 20000);
      expect(cap).to.equal(100_000);
      expect(warning).to.match(/server\.maxConnections is 100000 but the open-files limit is 20000/);
    });

    it('counts open connections and refuses at the cap', () => {
      const refused: Refusal[] = [];
      const admission = new Admission({ maxConnections: 2, overloadLagMs: 0 }, { refused: (why) => refused.push(why), overloaded: () => undefined });
      expect(admission.check()).to.equal(null);
      admission.opened();
      admission.opened();
      expect(admission.check()).to.equal('full');
      admission.closed();
      expect(admission.check()).to.equal(null);
      expect(refused).to.deep.equal(['full']);
    });
  });

  describe('server.maxConnections on a gateway with both ports', () => {
    let gw: TcpTestGateway;
    const clients: FrameClient[] = [];
    before(async () => {
      gw = await startTcpGateway({ server: { maxConnections: 2 } });
    });
    afterEach(() => {
      for (const client of clients.splice(0)) client.terminate();
    });
    after(() => gw.stop());

    async function login(client: FrameClient, userId: string): Promise<void> {
      clients.push(client);
      client.send(Cmd.AUTH_REQ, { token: await gw.token(userId), deviceId: 'd', platform: 'test' });
      await client.next(Cmd.AUTH_RESP);
    }

    it('answers an upgrade past the cap with 503 and Retry-After, and the TCP port with ERROR UNAVAILABLE', async () => {
      await login(await RawClient.open(gw.url), '9007199254740993');
      await login(await TcpClient.open(gw.tcpPort), '18446744073709551615');

      const refused = await upgradeStatus(gw.url);
      expect(refused.status).to.equal(503);
      expect(refused.body).to.match(/connection limit/);
      expect(refused.retryAfter).to.equal('5');
      const tcp = await TcpClient.open(gw.tcpPort);
      clients.push(tcp);
      const error = await tcp.next(Cmd.ERROR);
      expect(error.body.code).to.equal(ErrorCode.UNAVAILABLE);
      expect(error.body.message).to.match(/connection limit/);
      await tcp.closed();

      // The two sessions in place are untouched.
      for (const client of clients.slice(0, 2)) {
        const seq = client.send(Cmd.PING, { clientTimeMs: '9223372036854775807' });
        expect((await client.next(Cmd.PONG, (f) => f.seq === seq)).body.clientTimeMs).to.equal('9223372036854775807');
      }
      const text = await scrape(gw.opsUrl);
      expect(text).to.match(/^im_connections_refused_total\{why="full"\} 2$/m);
    });

    it('takes a new connection once one has closed', async () => {
      const first = await RawClient.open(gw.url);
      await login(first, '9007199254740993');
      await login(await RawClient.open(gw.url), '9007199254740995');
      expect((await upgradeStatus(gw.url)).status).to.equal(503);
      first.close();
      await first.closed();
      await login(await RawClient.open(gw.url), '9007199254740997');
    });
  });

  describe('server.overloadLagMs', () => {
    let gw: TcpTestGateway;
    before(async () => {
      gw = await startTcpGateway({ server: { overloadLagMs: 100 } });
    });
    after(() => gw.stop());

    it('sheds new connections while the event loop is stalled, keeps live sessions, and recovers', async () => {
      const live = await RawClient.open(gw.url);
      live.send(Cmd.AUTH_REQ, { token: await gw.token('9007199254740993'), deviceId: 'd', platform: 'test' });
      await live.next(Cmd.AUTH_RESP);

      // A stall longer than the judging window: the next judgement sees it, whenever it runs. On a
      // loaded machine the upgrade may come after the judgement following that one; stall again.
      let shed = { status: 0, body: '' };
      for (let attempt = 0; attempt < 5 && shed.status !== 503; attempt++) {
        busyFor(1300);
        await new Promise((r) => setTimeout(r, 20));
        shed = await upgradeStatus(gw.url);
      }
      expect(shed.status).to.equal(503);
      expect(shed.body).to.match(/overloaded/);

      const seq = live.send(Cmd.PING, { clientTimeMs: '1' });
      await live.next(Cmd.PONG, (f) => f.seq === seq);

      // A quiet window later the node accepts again.
      const deadline = Date.now() + 5000;
      let status = 503;
      while (status === 503 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        status = (await upgradeStatus(gw.url)).status;
      }
      expect(status).to.equal(101);
      const text = await scrape(gw.opsUrl);
      expect(text).to.match(/^im_overloaded 0$/m);
      expect(text).to.match(/^im_connections_refused_total\{why="overloaded"\} [1-9]/m);
      live.terminate();
    });
  });
});
