import { expect } from 'chai';
import { Cmd } from '../../src/protocol/messages.js';
import { HeartbeatStrategy } from '../../src/strategies/heartbeat.js';
import { FakeSession } from '../support/fakes.js';

describe('strategies/heartbeat', () => {
  it('is the PING handler', () => {
    expect(new HeartbeatStrategy().cmd).to.equal(Cmd.PING);
  });

  it('is not rate-limited (meter \'free\'): a heartbeat must never be refused', () => {
    expect(new HeartbeatStrategy().meter).to.equal('free');
  });

  it('answers PING with PONG: same seq, client time echoed, server time now', () => {
    const session = FakeSession.as('1');
    const before = Date.now();
    new HeartbeatStrategy().handle(session, { cmd: Cmd.PING, seq: 17, body: { clientTimeMs: 1_234_567 } });
    const after = Date.now();
    const pong = session.only(Cmd.PONG);
    expect(pong.seq).to.equal(17);
    expect(pong.body.clientTimeMs).to.equal(1_234_567);
    expect(pong.body.serverTimeMs).to.be.within(before, after);
    expect(session.sent).to.have.length(1);
  });

  it('echoes any client time, including 0 and negative', () => {
    const session = FakeSession.as('1');
    const heartbeat = new HeartbeatStrategy();
    heartbeat.handle(session, { cmd: Cmd.PING, seq: 1, body: { clientTimeMs: 0 } });
    heartbeat.handle(session, { cmd: Cmd.PING, seq: 2, body: { clientTimeMs: -5 } });
    expect(session.framesOf(Cmd.PONG).map((f) => [f.seq, f.body.clientTimeMs])).to.deep.equal([[1, 0], [2, -5]]);
  });

  it('is synchronous (no promise to wait for)', () => {
    const result = new HeartbeatStrategy().handle(FakeSession.as('1'), { cmd: Cmd.PING, seq: 1, body: { clientTimeMs: 1 } });
    expect(result).to.equal(undefined);
  });
});
