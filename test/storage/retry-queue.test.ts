import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { MemoryRetryQueue } from '../../src/storage/retry-queue-memory.js';
import { RedisRetryQueue } from '../../src/storage/retry-queue-redis.js';
import { describeWithRedis } from './fixtures.js';
import { retryQueueContract } from './retry-queue.contract.js';

retryQueueContract('MemoryRetryQueue', async () => {
  // One process: the other scanner is the same object.
  const queue = new MemoryRetryQueue();
  return { queue, peer: queue };
});

describeWithRedis('RedisRetryQueue', (fixture) => {
  let peerConnection: Redis;
  before(async () => {
    peerConnection = await fixture.connect();
  });

  retryQueueContract('RedisRetryQueue', async () => {
    const prefix = fixture.freshPrefix();
    // Two connections, so the two scanners really are two clients of the server.
    return { queue: new RedisRetryQueue(fixture.redis(), prefix), peer: new RedisRetryQueue(peerConnection, prefix) };
  });

  it('keeps the documented key layout: due time as the score, attempts in a hash', async () => {
    const redis = fixture.redis();
    const prefix = fixture.freshPrefix();
    const queue = new RedisRetryQueue(redis, prefix);
    await queue.schedule('5', '9', 1000);
    await queue.claimDue(1000, 10, 500);
    expect(await redis.zscore(`${prefix}{retry}`, '5:9')).to.equal('1500');
    expect(await redis.hget(`${prefix}{retry}:attempt`, '5:9')).to.equal('1');
    await queue.remove('5', ['9']);
    expect(await redis.exists(`${prefix}{retry}`, `${prefix}{retry}:attempt`)).to.equal(0);
  });
});
