// Ids are minted only while the worker-id lease vouches for the worker id.
import { expect } from 'chai';
import { LeasedIds, WorkerIdUnvouchedError } from '../../src/ids/leased-ids.js';
import { Snowflake } from '../../src/ids/snowflake.js';
import { caught } from '../support/fakes.js';

describe('ids/leased-ids', () => {
  it('mints while the lease vouches, refuses from the moment it no longer does, and mints again once renewed', async () => {
    const clock = { now: 1_800_000_000_000 };
    let vouchedUntil = clock.now + 1000;
    const ids = new LeasedIds(new Snowflake({ workerId: 7, now: () => clock.now }), { vouchedUntil: () => vouchedUntil }, () => clock.now);
    const first = ids.next();
    clock.now += 999;
    const second = ids.next();
    expect(BigInt(second) > BigInt(first)).to.equal(true);
    clock.now += 1;
    const refused = await caught(() => ids.next());
    expect(refused).to.be.instanceOf(WorkerIdUnvouchedError);
    // Not a RangeError or TypeError: the pipeline answers UNAVAILABLE, not INTERNAL.
    expect(refused).to.not.be.instanceOf(RangeError);
    vouchedUntil = clock.now + 1000;
    expect(BigInt(ids.next()) > BigInt(second)).to.equal(true);
  });

  it('refuses for good once the lease is lost (-Infinity)', async () => {
    const ids = new LeasedIds(new Snowflake({ workerId: 1 }), { vouchedUntil: () => -Infinity });
    expect(await caught(() => ids.next())).to.be.instanceOf(WorkerIdUnvouchedError);
  });
});
