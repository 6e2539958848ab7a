import { Cmd, ErrorCode, KickReason } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';

/** What the sweep reads and keeps on a transport's session. */
export interface SweptSession extends Session {
  /** The sweep's tick when the session opened. */
  connectedTick: number;
  /** The sweep's tick when the last complete frame arrived. */
  lastSeenTick: number;
  /** When the send buffer first went over the limit (ms); null while it is under. */
  slowSince: number | null;
  /** Updates and returns the slow-consumer state. */
  checkBuffer(): boolean;
}

export interface SweepLimits {
  authTimeoutMs: number;
  heartbeatIntervalMs: number;
  slowConsumerGraceMs: number;
}

/**
 * One timer per port, not per session: closes sessions that did not authenticate in time, kicks
 * those whose token has expired (within a sweep interval of its end, at most a second late),
 * those silent for three heartbeats and slow consumers past their grace.
 *
 * A session records when it opened and when its last frame came as the sweep's tick, a small
 * integer: a time in ms would be a heap number per session and a clock read per frame. The tick
 * a port hands out is the last sweep's, so a timeout is never early and at most two sweep
 * intervals late (an interval is at most a second and at most half of the shortest limit).
 */
export class Sweep {
  readonly intervalMs: number;
  /** The tick of the last sweep: what a session records when it opens and at each frame. */
  private tick = 0;
  private readonly epoch: number;
  private readonly authTicks: number;
  private readonly silentTicks: number;

  constructor(private readonly limits: SweepLimits, now = Date.now()) {
    this.intervalMs = Math.max(10, Math.min(1000, limits.heartbeatIntervalMs / 2, limits.authTimeoutMs / 2));
    this.epoch = now;
    this.authTicks = Math.ceil(limits.authTimeoutMs / this.intervalMs);
    this.silentTicks = Math.ceil((3 * limits.heartbeatIntervalMs) / this.intervalMs);
  }

  /** A session of the port opened. */
  opened(session: SweptSession): void {
    session.connectedTick = session.lastSeenTick = this.tick;
  }

  /** A complete frame arrived from the session. */
  seen(session: SweptSession): void {
    session.lastSeenTick = this.tick;
  }

  /**
   * A send buffer only grows by a write, and every write checks it, so only sessions a write
   * found over the limit are checked.
   */
  run(sessions: Iterable<SweptSession>, now = Date.now()): void {
    const { authTimeoutMs, heartbeatIntervalMs, slowConsumerGraceMs } = this.limits;
    const tick = (this.tick = Math.floor((now - this.epoch) / this.intervalMs));
    for (const session of sessions) {
      if (session.user === null) {
        if (tick - session.connectedTick > this.authTicks) {
          session.send(Cmd.ERROR, 0, { code: ErrorCode.UNAUTHENTICATED, message: `no AUTH_REQ within ${authTimeoutMs} ms` });
          session.close();
        }
      } else if (session.user.tokenValidUntilMs !== undefined && now >= session.user.tokenValidUntilMs) {
        session.kick(KickReason.AUTH_EXPIRED, 'token expired; log in again with a fresh one');
      } else if (tick - session.lastSeenTick > this.silentTicks) {
        session.kick(KickReason.HEARTBEAT_TIMEOUT, `silent for more than ${3 * heartbeatIntervalMs} ms`);
      } else if (session.slowSince !== null && session.checkBuffer() && now - session.slowSince > slowConsumerGraceMs) {
        session.kick(KickReason.SLOW_CONSUMER, 'send buffer over the limit for too long');
      }
    }
  }
}
