// The UserRate contract: the same suite on the in-process buckets and on Redis.
import { expect } from 'chai';
import type { UserRate, UserRateOptions } from '../../src/storage/user-rate.js';

const BIG = '18446744073709551615';
const OTHER = '9007199254740993';

/** `open` gives a fresh limiter (no buckets yet) with these options; `advance` lets time pass. */
export function userRateContract(name: string, open: (options: UserRateOptions) => Promise<{ rate: UserRate; advance(ms: number): Promise<void> }>): void {
  describe(name, () => {
    it('allows a burst, then refuses until tokens have refilled at the rate', async () => {
      const { rate, advance } = await open({ ratePerSec: 10, burst: 3 });
      const first = await Promise.all([1, 2, 3, 4].map(() => rate.take(BIG, 1)));
      expect(first.filter(Boolean)).to.have.length(3);
      expect(await rate.take(BIG, 1)).to.equal(false);
      await advance(250); // 2.5 tokens at 10/s
      expect(await rate.take(BIG, 2)).to.equal(true);
      expect(await rate.take(BIG, 1)).to.equal(false);
    });

    it('keeps one bucket per user, and never holds more than the burst', async () => {
      const { rate, advance } = await open({ ratePerSec: 1000, burst: 2 });
      expect(await rate.take(BIG, 2)).to.equal(true);
      expect(await rate.take(OTHER, 2)).to.equal(true);
      await advance(100); // would be 100 tokens without the cap
      expect(await rate.take(BIG, 3)).to.equal(false);
      expect(await rate.take(BIG, 2)).to.equal(true);
    });

    it('a refused take takes nothing', async () => {
      const { rate } = await open({ ratePerSec: 0.1, burst: 5 });
      expect(await rate.take(BIG, 4)).to.equal(true);
      expect(await rate.take(BIG, 2)).to.equal(false);
      expect(await rate.take(BIG, 1)).to.equal(true);
    });
  });
}
