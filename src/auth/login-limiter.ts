// Login attempts per client address, on this node: a token bucket per address (perMinute tokens,
// refilled evenly over a minute), so that one address cannot try tokens, or make this node verify
// signatures, faster than that. Per node, not shared: a guessing client spread over N nodes gets N
// budgets, which still bounds it, and a login never waits for Redis.
import { TokenRate } from '../pipeline/token-rate.js';

/** Addresses remembered at once; beyond it the one idle longest is forgotten (its bucket had refilled the most). */
export const MAX_TRACKED_ADDRESSES = 65_536;

export class LoginLimiter {
  /** Each address's bucket (TokenRate: when it is full again); insertion order is recency. */
  private readonly buckets = new Map<string, number>();
  private readonly rate: TokenRate | null;

  constructor(
    /** 0 = off. */
    perMinute: number,
    private readonly maxAddresses = MAX_TRACKED_ADDRESSES,
    private readonly now: () => number = Date.now,
  ) {
    this.rate = perMinute === 0 ? null : new TokenRate(perMinute / 60, perMinute);
  }

  /** Whether attempts are counted at all: when not, the caller need not read the address. */
  get enabled(): boolean {
    return this.rate !== null;
  }

  /** Counts one attempt; false when the address is over its budget (the attempt is refused). */
  attempt(address: string): boolean {
    if (this.rate === null) return true;
    const fullAt = this.buckets.get(address);
    if (fullAt === undefined) {
      if (this.buckets.size >= this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
    } else {
      this.buckets.delete(address);
    }
    const next = this.rate.take(fullAt ?? 0, this.now());
    this.buckets.set(address, next ?? fullAt ?? 0);
    return next !== null;
  }

  get trackedAddresses(): number {
    return this.buckets.size;
  }
}
