import type { Id } from '../protocol/messages.js';
import { TokenBucket } from '../pipeline/token-bucket.js';
import type { UserRate, UserRateOptions } from './user-rate.js';

/** Embedded mode: one process, so the buckets live here; full ones are forgotten. */
export class MemoryUserRate implements UserRate {
  private readonly buckets = new Map<Id, TokenBucket>();

  constructor(private readonly options: UserRateOptions, private readonly now: () => number = Date.now) {}

  async take(userId: Id, cost: number): Promise<boolean> {
    const now = this.now();
    let bucket = this.buckets.get(userId);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.options.ratePerSec, this.options.burst, now);
      this.buckets.set(userId, bucket);
    }
    const taken = bucket.take(now, cost);
    if (this.buckets.size > 100_000) this.forgetFull(now);
    return taken;
  }

  /** A full bucket is the same as none. */
  private forgetFull(now: number): void {
    for (const [userId, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(userId);
  }
}
