import { expect } from 'chai';
import { MemoryRetryQueue } from '../../src/storage/retry-queue-memory.js';
import type { RedisClient } from '../../src/storage/redis/connect.js';
import { RETRY_SHARDS, retryKeys, retryShardOf } from '../../src/storage/redis/keys.js';
import { RedisRetryQueue } from '../../src/storage/retry-queue-redis.js';
import { describeWithRedis } from './fixtures.js';
import { retryQueueContract, schedule } from './retry-queue.contract.js';

retryQueueContract('MemoryRetryQueue', async () => {
  // One process: the other scanner is the same object.
  const queue = new MemoryRetryQueue();
  return { queue, peer: queue };
});

describeWithRedis('RedisRetryQueue', (fixture) => {
  let peerConnection: RedisClient;
  before(async () => {
    peerConnection = await fixture.connect();
  });

  retryQueueContract('RedisRetryQueue', async () => {
    const prefix = fixture.freshPrefix();
    // Two connections, so the two scanners really are two clients of the server.
    return { queue: new RedisRetryQueue(fixture.redis(), prefix), peer: new RedisRetryQueue(peerConnection, prefix) };
  });

  it('keeps the documented key layout: the receiver\'s shard, due time as the score, attempts in a hash', async () => {
    const redis = fixture.redis();
    const prefix = fixture.freshPrefix();
    const queue = new RedisRetryQueue(redis, prefix);
    await schedule(queue, '5', '9', 1000);
    await queue.claimDue(1000, 10, 500);
    const { set, attempts } = retryKeys(prefix, retryShardOf('5'));
    expect(await fixture.keys(prefix)).to.deep.equal([set, attempts].sort());
    expect(await redis.zscore(set, '5:9')).to.equal('1500');
    expect(await redis.hget(attempts, '5:9')).to.equal('1');
    await queue.remove('5', ['9']);
    expect(await fixture.keys(prefix)).to.deep.equal([]);
  });

  it('claims over every shard: the earliest `limit` overall, earliest first, each once', async () => {
    const prefix = fixture.freshPrefix();
    const queue = new RedisRetryQueue(fixture.redis(), prefix);
    // Receivers 1..64 land in every shard; due times interleave across them.
    const users = Array.from({ length: 64 }, (_, i) => String(i + 1));
    expect(new Set(users.map(retryShardOf)).size).to.equal(RETRY_SHARDS);
    await Promise.all(users.map((user, i) => schedule(queue, user, '7', 100 + i)));
    const first = await queue.claimDue(1000, 20, 10_000);
    expect(first.map((e) => e.toUserId)).to.deep.equal(users.slice(0, 20));
    const rest = await queue.claimDue(1000, 100, 10_000);
    expect(rest.map((e) => e.toUserId)).to.deep.equal(users.slice(20));
    expect(await queue.claimDue(1000, 100, 10_000)).to.deep.equal([]);
    expect(await queue.size()).to.equal(64);
  });
});
