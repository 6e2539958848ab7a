import type { Id } from '../protocol/messages.js';

/**
 * A token bucket per user, shared by all of the user's connections (on every node, in
 * production: Redis hash `{prefix}rate:{uid}`), so that reconnecting, or connecting many times,
 * buys no fresh burst. Refilled continuously at `rate` per second up to `burst`.
 */
export interface UserRate {
  /** Takes `cost` tokens; false (nothing taken) when the user has too few. */
  take(userId: Id, cost: number): Promise<boolean>;
}

export interface UserRateOptions {
  ratePerSec: number;
  burst: number;
}
