import { expect } from 'chai';
import { MemoryOfflineQueue } from '../../src/storage/offline-queue-memory.js';
import { RedisOfflineQueue } from '../../src/storage/offline-queue-redis.js';
import type { RedisClient } from '../../src/storage/redis/connect.js';
import { describeWithRedis, fakeClock, sleep } from './fixtures.js';
import { append, big, offlineQueueContract, top } from './offline-queue.contract.js';

offlineQueueContract('MemoryOfflineQueue', async () => {
  const clock = fakeClock();
  return { queue: new MemoryOfflineQueue(clock.now), advance: clock.advance };
});

/** `n` snowflake-sized ids (19 digits): ms since the Twitter epoch << 22 | worker << 12 | sequence. */
function snowflakes(n: number): string[] {
  const ms = BigInt(Date.UTC(2025, 0, 1) - 1_288_834_974_657);
  return Array.from({ length: n }, (_, i) => ((ms + BigInt(i * 37)) << 22n | 5n << 12n | BigInt(i % 4096)).toString());
}

async function memoryUsage(redis: RedisClient, key: string): Promise<number> {
  // SAMPLES 0: every element is counted, not an estimate from a few.
  const bytes = await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
  if (typeof bytes !== 'number') throw new Error(`MEMORY USAGE ${key}: got ${JSON.stringify(bytes)}`);
  return bytes;
}

describeWithRedis('RedisOfflineQueue', (fixture) => {
  offlineQueueContract('RedisOfflineQueue', async () => ({
    queue: new RedisOfflineQueue(fixture.redis(), fixture.freshPrefix()),
    advance: sleep,
  }));

  it('keeps the documented key layout: a list of plain ids and its marker in one slot, both with the TTL', async () => {
    const redis = fixture.redis();
    const prefix = fixture.freshPrefix();
    const queue = new RedisOfflineQueue(redis, prefix);
    await queue.fill('5', [top(0)], 60_000);
    await append(queue, '5', big(1), 10, 60_000);

    const list = `${prefix}offline:msg:{5}`;
    const ready = `${prefix}offline:ready:{5}`;
    expect(await redis.lrange(list, 0, -1)).to.deep.equal([top(0), big(1)]);
    for (const key of [list, ready]) expect(await redis.pttl(key)).to.be.within(1, 60_000);
  });

  it('rejects ids that are not canonical decimal uint64, touching nothing', async () => {
    const redis = fixture.redis();
    const prefix = fixture.freshPrefix();
    const queue = new RedisOfflineQueue(redis, prefix);
    const bad = ['', '01', '-1', '+1', '1.0', '1e3', ' 1', '1 ', '0x10', 'abc', '18446744073709551616', '1'.repeat(21)];
    for (const id of bad) {
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['append msgId', () => append(queue, '5', id, 10, 60_000)],
        ['fill msgIds', () => queue.fill('5', [big(1), id], 60_000)],
        ['remove msgIds', () => queue.remove('5', [big(1), id])],
        ['append userId', () => append(queue, id, big(1), 10, 60_000)],
        ['fill userId', () => queue.fill(id, [], 60_000)],
        ['read userId', () => queue.read(id)],
        ['remove userId', () => queue.remove(id, [big(1)])],
      ];
      for (const [what, call] of calls) {
        const err = await call().then(() => null, (e: unknown) => e);
        expect(err, `${what} ${JSON.stringify(id)}`).to.be.instanceOf(Error);
      }
    }
    expect(await fixture.keys(prefix)).to.deep.equal([]);
  });

  it('stores an offline entry in under 40 bytes of Redis memory', async () => {
    const redis = fixture.redis();
    const prefix = fixture.freshPrefix();
    const queue = new RedisOfflineQueue(redis, prefix);
    const perEntry = async (userId: string, n: number): Promise<number> => {
      const ids = snowflakes(n);
      for (const id of ids) expect(id).to.have.length(19);
      await queue.fill(userId, ids, 60_000);
      expect(await queue.read(userId)).to.have.length(n);
      const bytes = await memoryUsage(redis, `${prefix}offline:msg:{${userId}}`);
      const each = bytes / n;
      console.log(`      offline list of ${n} snowflake ids: MEMORY USAGE ${bytes} bytes, ${each.toFixed(2)} bytes per entry`);
      return each;
    };

    expect(await perEntry('5', 1000)).to.be.below(40);
    // Informational: with few entries the key's fixed overhead dominates the figure.
    await perEntry('6', 10);
  });
});
