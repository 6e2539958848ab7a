import { expect } from 'chai';
import { TokenBucket } from '../../src/pipeline/token-bucket.js';

function takeAll(bucket: TokenBucket, now: number, max = 1000): number {
  let n = 0;
  while (n < max && bucket.take(now)) n += 1;
  return n;
}

describe('pipeline/token-bucket', () => {
  it('starts full: burst tokens at once, then none', () => {
    const bucket = new TokenBucket(10, 5, 1_000);
    expect(takeAll(bucket, 1_000)).to.equal(5);
    expect(bucket.take(1_000)).to.equal(false);
  });

  it('refills at ratePerSec, including fractions of a token', () => {
    const bucket = new TokenBucket(2, 3, 0);
    expect(takeAll(bucket, 0)).to.equal(3);
    expect(bucket.take(250)).to.equal(false); // 0.5 token
    expect(bucket.take(500)).to.equal(true); // 1 token (the 0.5 kept from the refused take counts)
    expect(bucket.take(500)).to.equal(false);
    expect(bucket.take(1_000)).to.equal(true);
  });

  it('never holds more than burst, however long it was idle', () => {
    const bucket = new TokenBucket(100, 4, 0);
    expect(takeAll(bucket, 0)).to.equal(4);
    expect(takeAll(bucket, 3_600_000)).to.equal(4);
  });

  it('a refused take does not cost a token', () => {
    const bucket = new TokenBucket(1, 1, 0);
    expect(bucket.take(0)).to.equal(true);
    for (let t = 0; t < 1_000; t += 100) expect(bucket.take(t)).to.equal(false);
    // Refills are summed in floating point (ten 0.1s fall just short of 1): allow 1 ms.
    expect(bucket.take(1_001)).to.equal(true);
  });

  it('ratePerSec 0 never refills', () => {
    const bucket = new TokenBucket(0, 2, 0);
    expect(takeAll(bucket, 0)).to.equal(2);
    expect(bucket.take(10_000_000)).to.equal(false);
  });

  it('sustains ratePerSec over a long run', () => {
    const bucket = new TokenBucket(50, 10, 0);
    let granted = 0;
    for (let t = 0; t <= 10_000; t += 5) if (bucket.take(t)) granted += 1;
    // 10 burst + 50/s for 10 s
    expect(granted).to.be.within(509, 510);
  });
});
