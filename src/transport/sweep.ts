import { Cmd, ErrorCode, KickReason } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';

/** What the sweep reads and keeps on a transport's session. */
export interface SweptSession extends Session {
  readonly connectedAt: number;
  /** When the last complete frame arrived. */
  lastSeen: number;
  /** When the send buffer first went over the limit; null while it is under. */
  slowSince: number | null;
  /** Updates and returns the slow-consumer state. */
  checkBuffer(): boolean;
}

export interface SweepLimits {
  authTimeoutMs: number;
  heartbeatIntervalMs: number;
  slowConsumerGraceMs: number;
}

/** How often a port sweeps its sessions: often enough for its shortest limit, at most once a second. */
export function sweepInterval(limits: SweepLimits): number {
  return Math.max(10, Math.min(1000, limits.heartbeatIntervalMs / 2, limits.authTimeoutMs / 2));
}

/**
 * One timer per port, not per session: closes sessions that did not authenticate in time, kicks
 * those whose token has expired (within a sweep interval of its end, at most a second late),
 * those silent for three heartbeats and slow consumers past their grace. A send buffer only grows
 * by a write, and every write checks it, so only sessions a write found over the limit are checked.
 */
export function sweep(sessions: Iterable<SweptSession>, limits: SweepLimits, now = Date.now()): void {
  const { authTimeoutMs, heartbeatIntervalMs, slowConsumerGraceMs } = limits;
  for (const session of sessions) {
    if (session.user === null) {
      if (now - session.connectedAt > authTimeoutMs) {
        session.send(Cmd.ERROR, 0, { code: ErrorCode.UNAUTHENTICATED, message: `no AUTH_REQ within ${authTimeoutMs} ms` });
        session.close();
      }
    } else if (session.user.tokenValidUntilMs !== undefined && now >= session.user.tokenValidUntilMs) {
      session.kick(KickReason.AUTH_EXPIRED, 'token expired; log in again with a fresh one');
    } else if (now - session.lastSeen > 3 * heartbeatIntervalMs) {
      session.kick(KickReason.HEARTBEAT_TIMEOUT, `silent for more than ${3 * heartbeatIntervalMs} ms`);
    } else if (session.slowSince !== null && session.checkBuffer() && now - session.slowSince > slowConsumerGraceMs) {
      session.kick(KickReason.SLOW_CONSUMER, 'send buffer over the limit for too long');
    }
  }
}
