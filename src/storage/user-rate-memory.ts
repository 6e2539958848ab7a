import type { Id } from '../protocol/messages.js';
import { isFull, TokenRate } from '../pipeline/token-rate.js';
import type { UserRate, UserRateOptions } from './user-rate.js';

/** Embedded mode: one process, so the buckets live here; full ones are forgotten. */
export class MemoryUserRate implements UserRate {
  /** Each user's bucket (TokenRate: when it is full again). */
  private readonly buckets = new Map<Id, number>();
  private readonly rate: TokenRate;

  constructor(options: UserRateOptions, private readonly now: () => number = Date.now) {
    this.rate = new TokenRate(options.ratePerSec, options.burst);
  }

  async take(userId: Id, cost: number): Promise<boolean> {
    const now = this.now();
    const next = this.rate.take(this.buckets.get(userId) ?? 0, now, cost);
    if (next !== null) this.buckets.set(userId, next);
    if (this.buckets.size > 100_000) this.forgetFull(now);
    return next !== null;
  }

  /** A full bucket is the same as none. */
  private forgetFull(now: number): void {
    for (const [userId, fullAt] of this.buckets) if (isFull(fullAt, now)) this.buckets.delete(userId);
  }
}
