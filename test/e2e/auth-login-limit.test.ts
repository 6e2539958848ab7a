// auth.loginAttemptsPerMinute: one address may try only so many AUTH_REQs a minute on a node;
// past it ERROR RATE_LIMITED and close, before the token is even verified.
import { expect } from 'chai';
import { Cmd, ErrorCode } from '../../src/protocol/messages.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { RawClient } from '../support/raw-client.js';

const USER = '18446744073709551615';

describe('login attempts per client address (e2e)', () => {
  let gw: TestGateway;
  const clients: RawClient[] = [];

  before(async () => {
    gw = await startGateway({ auth: { loginAttemptsPerMinute: 3 } });
  });
  after(async () => {
    clients.forEach((c) => c.close());
    await gw?.stop();
  });

  async function attempt(token: string, from = '127.0.0.1'): Promise<RawClient> {
    const client = await RawClient.open(gw.url, from);
    clients.push(client);
    client.send(Cmd.AUTH_REQ, { token, deviceId: `d${clients.length}`, platform: 'test' }, 7);
    return client;
  }

  it('allows the budget (good and bad tokens alike), then refuses with RATE_LIMITED and closes', async () => {
    const good = await attempt(await gw.token(USER));
    await good.next(Cmd.AUTH_RESP);
    const bad = await attempt('not-a-token');
    expect((await bad.next(Cmd.ERROR)).body.code).to.equal(ErrorCode.UNAUTHENTICATED);
    const third = await attempt(await gw.token(USER));
    await third.next(Cmd.AUTH_RESP);

    const refused = await attempt(await gw.token(USER));
    const error = await refused.next(Cmd.ERROR);
    expect(error.seq).to.equal(7);
    expect(error.body).to.deep.equal({ code: ErrorCode.RATE_LIMITED, message: 'too many login attempts from this address; retry later' });
    await refused.closed();
    expect(refused.all(Cmd.AUTH_RESP)).to.deep.equal([]);

    const metrics = await (await fetch(`${gw.opsUrl}/metrics`)).text();
    expect(metrics).to.match(/im_auth_total\{result="limited"\} 1\b/);
    expect(metrics).to.match(/im_auth_total\{result="ok"\} 2\b/);
  });

  it('counts each address on its own: another source address still has its budget', async () => {
    const other = await attempt(await gw.token(USER), '127.0.0.2');
    await other.next(Cmd.AUTH_RESP);
    const refused = await attempt(await gw.token(USER));
    expect((await refused.next(Cmd.ERROR)).body.code).to.equal(ErrorCode.RATE_LIMITED);
  });

  it('leaves sessions already logged in alone', async () => {
    clients[0]!.send(Cmd.PING, { clientTimeMs: '1' });
    await clients[0]!.next(Cmd.PONG);
  });
});
