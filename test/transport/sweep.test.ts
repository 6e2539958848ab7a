import { expect } from 'chai';
import { Cmd, ErrorCode, KickReason } from '../../src/protocol/messages.js';
import { Sweep, type SweptSession } from '../../src/transport/sweep.js';
import type { SessionUser } from '../../src/pipeline/session.js';
import { FakeSession } from '../support/fakes.js';

/** A FakeSession the sweep can keep times on. */
class Swept extends FakeSession implements SweptSession {
  connectedTick = 0;
  lastSeenTick = 0;
  slowSince: number | null = null;
  overLimit = false;

  checkBuffer(): boolean {
    if (!this.overLimit) this.slowSince = null;
    return this.overLimit;
  }
}

const T0 = 1_700_000_000_000;

function user(userId: string, tokenValidUntilMs?: number): SessionUser {
  return { userId, deviceId: 'phone', platform: 'test', echoOwnMessages: false, ...(tokenValidUntilMs !== undefined && { tokenValidUntilMs }) };
}
const LIMITS = { authTimeoutMs: 2_000, heartbeatIntervalMs: 1_000, slowConsumerGraceMs: 3_000 };

/** Sweeps every interval from `from` to `to` (ms since T0); returns when `session` was first closed, or null. */
function closedAt(sweep: Sweep, session: Swept, from: number, to: number, seen: number[] = []): number | null {
  for (let t = from; t <= to; t += sweep.intervalMs) {
    if (seen.includes(t)) sweep.seen(session);
    sweep.run([session], T0 + t);
    if (session.closed) return t;
  }
  return null;
}

describe('transport/sweep', () => {
  it('sweeps at most every second and at least twice per shortest limit', () => {
    expect(new Sweep(LIMITS).intervalMs).to.equal(500);
    expect(new Sweep({ ...LIMITS, heartbeatIntervalMs: 30_000, authTimeoutMs: 10_000 }).intervalMs).to.equal(1_000);
    expect(new Sweep({ ...LIMITS, authTimeoutMs: 100 }).intervalMs).to.equal(50);
  });

  it('closes a session that did not authenticate within the auth timeout, never earlier, at most two intervals later', () => {
    for (const openedAfter of [0, 1, 250, 499, 500, 777]) {
      const sweep = new Sweep(LIMITS, T0);
      sweep.run([], T0 + openedAfter - (openedAfter % 500));
      const session = new Swept();
      sweep.opened(session);
      const at = closedAt(sweep, session, openedAfter - (openedAfter % 500) + 500, 10_000);
      expect(at! - openedAfter, `opened at ${openedAfter}`).to.be.within(2_000, 2_000 + 2 * 500);
      expect(session.sent.map((f) => [f.cmd, (f.body as { code: ErrorCode }).code])).to.deep.equal([[Cmd.ERROR, ErrorCode.UNAUTHENTICATED]]);
      expect(session.closes).to.deep.equal([1000]);
    }
  });

  it('kicks a session silent for three heartbeats, counted from its last frame, never earlier', () => {
    const sweep = new Sweep(LIMITS, T0);
    const session = new Swept(user('9007199254740993'));
    sweep.opened(session);
    const at = closedAt(sweep, session, 500, 20_000, [1_000, 2_000, 4_000]);
    expect(at! - 4_000).to.be.within(3_000, 3_000 + 2 * 500);
    expect(session.kicks.map((k) => k.reason)).to.deep.equal([KickReason.HEARTBEAT_TIMEOUT]);
  });

  it('kicks a session whose token expired, and a slow consumer only past its grace', () => {
    const sweep = new Sweep(LIMITS, T0);
    const expiring = new Swept(user('9007199254740993', T0 + 1_200));
    const slow = new Swept(user('9007199254740994'));
    slow.overLimit = true;
    slow.slowSince = T0;
    for (let t = 500; t <= 3_000; t += 500) {
      sweep.seen(expiring);
      sweep.seen(slow);
      sweep.run([expiring, slow].filter((session) => !session.closed), T0 + t);
      if (t < 1_200) expect(expiring.closed).to.equal(false);
    }
    expect(expiring.kicks.map((k) => k.reason)).to.deep.equal([KickReason.AUTH_EXPIRED]);
    expect(slow.closed).to.equal(false);
    sweep.run([slow], T0 + 3_500);
    expect(slow.kicks.map((k) => k.reason)).to.deep.equal([KickReason.SLOW_CONSUMER]);
  });
});
