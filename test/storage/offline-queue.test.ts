import { expect } from 'chai';
import { MemoryOfflineQueue } from '../../src/storage/offline-queue-memory.js';
import { RedisOfflineQueue } from '../../src/storage/offline-queue-redis.js';
import { describeWithRedis, fakeClock, sleep } from './fixtures.js';
import { message, offlineQueueContract } from './offline-queue.contract.js';

offlineQueueContract('MemoryOfflineQueue', async () => {
  const clock = fakeClock();
  return { queue: new MemoryOfflineQueue(clock.now), advance: clock.advance };
});

describeWithRedis('RedisOfflineQueue', (fixture) => {
  offlineQueueContract('RedisOfflineQueue', async () => ({
    queue: new RedisOfflineQueue(fixture.redis(), fixture.freshPrefix()),
    advance: sleep,
  }));

  it('keeps the documented key layout: a list and its marker in one slot, both with the TTL', async () => {
    const redis = fixture.redis();
    const prefix = fixture.freshPrefix();
    const queue = new RedisOfflineQueue(redis, prefix);
    await queue.fill('5', [message('1', '5')], 60_000);
    await queue.append(message('2', '5'), 10, 60_000);

    const list = `${prefix}offline:msg:{5}`;
    const ready = `${prefix}offline:ready:{5}`;
    const entries = await redis.lrange(list, 0, -1);
    expect(entries.map((e) => e.slice(0, e.indexOf('|')))).to.deep.equal(['1', '2']);
    for (const key of [list, ready]) expect(await redis.pttl(key)).to.be.within(1, 60_000);
  });
});
