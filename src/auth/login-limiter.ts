// Login attempts per client address, on this node: a token bucket per address (perMinute tokens,
// refilled evenly over a minute), so that one address cannot try tokens, or make this node verify
// signatures, faster than that. Per node, not shared: a guessing client spread over N nodes gets N
// budgets, which still bounds it, and a login never waits for Redis.
import { TokenBucket } from '../pipeline/token-bucket.js';

/** Addresses remembered at once; beyond it the one idle longest is forgotten (its bucket had refilled the most). */
export const MAX_TRACKED_ADDRESSES = 65_536;

export class LoginLimiter {
  /** Insertion order is recency: an address is moved to the end at every attempt. */
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    /** 0 = off. */
    private readonly perMinute: number,
    private readonly maxAddresses = MAX_TRACKED_ADDRESSES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; false when the address is over its budget (the attempt is refused). */
  attempt(address: string): boolean {
    if (this.perMinute === 0) return true;
    const now = this.now();
    let bucket = this.buckets.get(address);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.perMinute / 60, this.perMinute, now);
      if (this.buckets.size >= this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
    } else {
      this.buckets.delete(address);
    }
    this.buckets.set(address, bucket);
    return bucket.take(now);
  }

  get trackedAddresses(): number {
    return this.buckets.size;
  }
}
