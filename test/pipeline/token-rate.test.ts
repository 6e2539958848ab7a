import { expect } from 'chai';
import { isFull, TokenRate } from '../../src/pipeline/token-rate.js';

/** One bucket and its rate, as an owner holds them. */
class Bucket {
  fullAt = 0;
  constructor(private readonly rate: TokenRate) {}
  take(now: number, cost = 1): boolean {
    const next = this.rate.take(this.fullAt, now, cost);
    if (next === null) return false;
    this.fullAt = next;
    return true;
  }
}

function takeAll(bucket: Bucket, now: number, max = 1000): number {
  let n = 0;
  while (n < max && bucket.take(now)) n += 1;
  return n;
}

describe('pipeline/token-rate', () => {
  it('starts full: burst tokens at once, then none', () => {
    const bucket = new Bucket(new TokenRate(10, 5));
    expect(takeAll(bucket, 1_000)).to.equal(5);
    expect(bucket.take(1_000)).to.equal(false);
  });

  it('refills at ratePerSec, including fractions of a token', () => {
    const bucket = new Bucket(new TokenRate(2, 3));
    expect(takeAll(bucket, 0)).to.equal(3);
    expect(bucket.take(250)).to.equal(false); // 0.5 token
    expect(bucket.take(500)).to.equal(true); // 1 token (the 0.5 kept from the refused take counts)
    expect(bucket.take(500)).to.equal(false);
    expect(bucket.take(1_000)).to.equal(true);
  });

  it('never holds more than burst, however long it was idle', () => {
    const bucket = new Bucket(new TokenRate(100, 4));
    expect(takeAll(bucket, 0)).to.equal(4);
    expect(takeAll(bucket, 3_600_000)).to.equal(4);
  });

  it('a refused take does not cost a token', () => {
    const bucket = new Bucket(new TokenRate(1, 1));
    expect(bucket.take(0)).to.equal(true);
    for (let t = 0; t < 1_000; t += 100) expect(bucket.take(t)).to.equal(false);
    expect(bucket.take(1_000)).to.equal(true);
  });

  it('a heavier take costs more tokens, and one heavier than the burst never passes', () => {
    const bucket = new Bucket(new TokenRate(10, 5));
    expect(bucket.take(0, 3)).to.equal(true);
    expect(bucket.take(0, 3)).to.equal(false);
    expect(bucket.take(0, 2)).to.equal(true);
    expect(bucket.take(3_600_000, 6)).to.equal(false);
  });

  it('is full again once the time it stores has passed', () => {
    const rate = new TokenRate(10, 5);
    const fullAt = rate.take(0, 1_000, 2)!;
    expect(isFull(fullAt, 1_100)).to.equal(false);
    expect(isFull(fullAt, 1_200)).to.equal(true);
  });

  it('refuses a rate or burst that is not positive', () => {
    expect(() => new TokenRate(0, 2)).to.throw(RangeError, /must be positive/);
    expect(() => new TokenRate(1, 0)).to.throw(RangeError, /must be positive/);
  });

  it('sustains ratePerSec over a long run', () => {
    const bucket = new Bucket(new TokenRate(50, 10));
    let granted = 0;
    for (let t = 0; t <= 10_000; t += 5) if (bucket.take(t)) granted += 1;
    // 10 burst + 50/s for 10 s
    expect(granted).to.be.within(509, 510);
  });
});
