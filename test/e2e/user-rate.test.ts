// The send limit per user holds across connections (and, in production, nodes): reconnecting or
// opening more connections buys no fresh burst. Measured from outside before: 500 sends accepted
// in 0.3 s over five connections of one user.
import { expect } from 'chai';
import { Cmd, ErrorCode, MsgFormat } from '../../src/protocol/messages.js';
import { RawClient } from '../support/raw-client.js';
import { startGatewayIn, type Mode, type TestGateway } from '../support/gateway.js';
import { needMysql, needRedis } from '../support/services.js';

const USER = '18446744073709551615';

for (const mode of ['embedded', 'production'] as Mode[]) describe(`per-user send limit (${mode} gateway)`, function () {
  let gw: TestGateway;
  const clients: RawClient[] = [];

  before(async function () {
    if (mode === 'production') {
      await needMysql(this);
      await needRedis(this);
    }
    // Generous per connection, tight per user.
    gw = await startGatewayIn(mode, { limits: { ratePerSec: 1000, rateBurst: 1000, userSendsPerSec: 0.1, userSendBurst: 10 } });
  });
  after(async () => {
    for (const c of clients) c.close();
    await gw?.stop();
  });

  it('accepts the user\'s burst over five connections together, and refuses the rest with RATE_LIMITED', async () => {
    const connections = await Promise.all(Array.from({ length: 5 }, async (_, i) => {
      const c = await RawClient.open(gw.url);
      clients.push(c);
      c.send(Cmd.AUTH_REQ, { token: await gw.token(USER), deviceId: `d${i}`, platform: 'test' });
      await c.next(Cmd.AUTH_RESP);
      return c;
    }));
    const sent = connections.map((c, i) => Array.from({ length: 6 }, (_, k) =>
      c.send(Cmd.C2C_SEND_REQ, { clientMsgId: `rate-${mode}-${i}-${k}`, toUserId: '42', content: 'x', format: MsgFormat.TEXT })));
    const replies = (c: RawClient, seqs: number[]) => c.frames.filter((f) => seqs.includes(f.seq) && (f.cmd === Cmd.C2C_SEND_ACK || f.cmd === Cmd.ERROR));
    const deadline = Date.now() + 10_000;
    while (connections.some((c, i) => replies(c, sent[i]!).length < 6) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const outcomes = connections.flatMap((c, i) => replies(c, sent[i]!)).map((f) => (f.cmd === Cmd.C2C_SEND_ACK ? 'ack'
      : f.cmd === Cmd.ERROR && f.body.code === ErrorCode.RATE_LIMITED ? 'limited' : `error ${JSON.stringify(f.body)}`));
    expect(outcomes).to.have.length(30);
    expect(outcomes.filter((o) => o === 'ack')).to.have.length(10);
    expect(outcomes.filter((o) => o === 'limited')).to.have.length(20);
  });
});
