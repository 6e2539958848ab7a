// WorkerIdLease against a real Redis: claims race across connections, renewals, loss, expiry.
import { expect } from 'chai';
import { NoFreeWorkerIdError, WorkerIdLease, type WorkerLeaseOptions } from '../../src/cluster/worker-lease.js';
import { describeWithRedis, sleep } from '../storage/fixtures.js';
import { caught } from '../support/fakes.js';

/** Short enough for tests: renewed every 100 ms. */
const TTL_MS = 300;

describeWithRedis('WorkerIdLease', (fixture) => {
  const leases: WorkerIdLease[] = [];
  let prefix: string;

  /** Acquires on the fixture's connection unless told otherwise; released after the test. */
  async function acquire(nodeId: string, options: Partial<WorkerLeaseOptions> = {}, redis = fixture.redis()): Promise<WorkerIdLease> {
    const lease = await WorkerIdLease.acquire(redis, prefix, nodeId, { ttlMs: TTL_MS, onLost: () => {}, ...options });
    leases.push(lease);
    return lease;
  }

  const key = (workerId: number) => `${prefix}worker:${workerId}`;

  beforeEach(() => {
    prefix = fixture.freshPrefix();
  });

  afterEach(async () => {
    await Promise.all(leases.splice(0).map((lease) => lease.release().catch(() => undefined)));
  });

  it('gives 50 nodes starting at once 50 distinct ids, each key naming its node', async () => {
    const connections = await Promise.all(Array.from({ length: 5 }, () => fixture.connect()));
    const got = await Promise.all(Array.from({ length: 50 }, (_, i) => acquire(`node-${i}`, {}, connections[i % 5])));
    const ids = got.map((lease) => lease.workerId);
    expect(new Set(ids).size).to.equal(50);
    for (const id of ids) expect(id).to.be.within(0, 1023);
    // One GET per key: on a Cluster the keys are in different slots, which MGET refuses.
    const holders = await Promise.all(ids.map((id) => fixture.redis().get(key(id))));
    expect(holders).to.deep.equal(got.map((_, i) => `node-${i}`));
  });

  it('hands out every id of the range exactly once when nodes race for all of them', async () => {
    const connections = await Promise.all(Array.from({ length: 5 }, () => fixture.connect()));
    const got = await Promise.all(Array.from({ length: 50 }, (_, i) => acquire(`node-${i}`, { maxWorkers: 50 }, connections[i % 5])));
    expect(got.map((lease) => lease.workerId).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i));
  });

  it('sets the key with the ttl, and keeps it alive by renewing', async () => {
    let lost: Error | null = null;
    const lease = await acquire('node-a', { onLost: (err) => { lost = err; } });
    expect(await fixture.redis().pttl(key(lease.workerId))).to.be.within(1, TTL_MS);
    await sleep(TTL_MS * 3);
    expect(await fixture.redis().get(key(lease.workerId))).to.equal('node-a');
    expect(await fixture.redis().pttl(key(lease.workerId))).to.be.within(1, TTL_MS);
    expect(lost).to.equal(null);
  });

  it('vouches for the id until the last confirmed renewal plus the ttl, and not at all once released', async () => {
    const before = Date.now();
    const lease = await acquire('node-a');
    expect(lease.vouchedUntil()).to.be.within(before + TTL_MS, Date.now() + TTL_MS);
    await sleep(TTL_MS);
    expect(lease.vouchedUntil(), 'renewals move it on').to.be.above(before + TTL_MS);
    await lease.release();
    expect(lease.vouchedUntil()).to.equal(-Infinity);
  });

  it('frees the id on release, so that another node can take it', async () => {
    const lease = await acquire('node-a', { maxWorkers: 1 });
    await lease.release();
    expect(await fixture.redis().exists(key(0))).to.equal(0);
    expect((await acquire('node-b', { maxWorkers: 1 })).workerId).to.equal(0);
    await lease.release();
    expect(await fixture.redis().get(key(0)), 'a second release must not free the new holder\'s id').to.equal('node-b');
  });

  it('calls onLost once when another node holds the key, and then neither renews nor deletes it', async () => {
    const lost: Error[] = [];
    const lease = await acquire('node-a', { onLost: (err) => lost.push(err) });
    await fixture.redis().set(key(lease.workerId), 'node-b', 'PX', 60_000);
    await sleep(TTL_MS);
    expect(lost).to.have.length(1);
    expect(lost[0]!.message).to.contain(`worker id ${lease.workerId} is held by another node`);
    await lease.release();
    expect(await fixture.redis().get(key(lease.workerId))).to.equal('node-b');
    expect(await fixture.redis().pttl(key(lease.workerId))).to.be.above(TTL_MS);
    expect(lost).to.have.length(1);
  });

  it('claims a key that vanished again, telling onReclaimed, not onLost', async () => {
    let lost: Error | null = null;
    let reclaimed = 0;
    const lease = await acquire('node-a', { onLost: (err) => { lost = err; }, onReclaimed: () => { reclaimed += 1; } });
    await fixture.redis().del(key(lease.workerId));
    await sleep(TTL_MS);
    expect(await fixture.redis().get(key(lease.workerId))).to.equal('node-a');
    expect(reclaimed).to.equal(1);
    expect(lost).to.equal(null);
  });

  it('throws a clear error when every id is leased', async () => {
    await Promise.all([acquire('node-a', { maxWorkers: 3 }), acquire('node-b', { maxWorkers: 3 }), acquire('node-c', { maxWorkers: 3 })]);
    const err = await caught(() => acquire('node-d', { maxWorkers: 3 }));
    expect(err).to.be.instanceOf(NoFreeWorkerIdError);
    expect((err as Error).message).to.contain('all 3 snowflake worker ids are leased').and.contain(`${prefix}worker:0..2`);
  });

  it('rejects a range outside the 10 snowflake worker bits', async () => {
    for (const maxWorkers of [0, 1025, 1.5]) expect(await caught(() => acquire('node-a', { maxWorkers }))).to.be.instanceOf(RangeError);
  });

  it('lets another node take the id once a dead node\'s lease lapsed; the dead node learns it lost the id', async () => {
    const doomed = await fixture.connect();
    const lost: Error[] = [];
    const dead = await acquire('node-a', { maxWorkers: 1, onLost: (err) => lost.push(err) }, doomed);
    // The node is cut off from Redis: its renewals fail from now on.
    doomed.disconnect();
    expect(await caught(() => acquire('node-b', { maxWorkers: 1 }))).to.be.instanceOf(NoFreeWorkerIdError);
    await sleep(TTL_MS + 50);
    const successor = await acquire('node-b', { maxWorkers: 1 });
    expect(successor.workerId).to.equal(dead.workerId);
    await sleep(TTL_MS);
    expect(lost).to.have.length(1);
    expect(lost[0]!.message).to.contain(`was not renewed for ${TTL_MS} ms`);
  });
});
