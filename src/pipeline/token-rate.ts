/**
 * A token bucket kept as one number (the generic cell rate algorithm): the time at which the
 * bucket is full again. A node holds a bucket for every session and login address, so a bucket is
 * a field its owner stores, 0 (or any past time) when full, and the rate and burst are shared by
 * all buckets of a kind. Times in ms.
 */
export class TokenRate {
  /** ms per token. */
  private readonly interval: number;
  /** How far past `now` a bucket's full-again time may be: `burst` tokens' worth. */
  private readonly tolerance: number;

  constructor(ratePerSec: number, burst: number) {
    if (!(ratePerSec > 0) || !(burst >= 1)) throw new RangeError(`token rate ${ratePerSec}/s, burst ${burst}: both must be positive`);
    this.interval = 1000 / ratePerSec;
    this.tolerance = burst * this.interval;
  }

  /** The bucket's full-again time after taking `cost` tokens at `now`, or null (nothing taken) when it holds fewer. */
  take(fullAt: number, now: number, cost = 1): number | null {
    const next = Math.max(fullAt, now) + cost * this.interval;
    return next - now > this.tolerance ? null : next;
  }
}

/** A full bucket is the same as none: its owner may forget it. */
export function isFull(fullAt: number, now: number): boolean {
  return fullAt <= now;
}
