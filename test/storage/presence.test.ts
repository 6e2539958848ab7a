import { expect } from 'chai';
import { MemoryPresence } from '../../src/storage/presence-memory.js';
import { RedisPresence } from '../../src/storage/presence-redis.js';
import { describeWithRedis, fakeClock, sleep } from './fixtures.js';
import { presenceContract } from './presence.contract.js';

presenceContract('MemoryPresence', async () => {
  const clock = fakeClock();
  return { presence: new MemoryPresence(clock.now), advance: clock.advance };
});

describeWithRedis('RedisPresence', (fixture) => {
  // Expiry runs on the Redis server's clock, so time passes for real.
  presenceContract('RedisPresence', async () => ({
    presence: new RedisPresence(fixture.redis(), fixture.freshPrefix()),
    advance: sleep,
  }));

  it('keeps the documented key layout: nodeId|sessionId|expiresAtMs per device, key with a TTL', async () => {
    const redis = fixture.redis();
    const prefix = fixture.freshPrefix();
    const presence = new RedisPresence(redis, prefix);
    await presence.register('5', { deviceId: 'phone', nodeId: 'n1', sessionId: 's1' }, 60_000);
    const key = `${prefix}presence:{5}`;
    expect(await redis.hget(key, 'phone')).to.match(/^n1\|s1\|\d{13}$/);
    expect(await redis.pttl(key)).to.be.within(1, 60_000);
  });

  it('keeps node leases in ZSET {prefix}nodes, each node scored by its lease\'s expiry', async () => {
    const redis = fixture.redis();
    const prefix = fixture.freshPrefix();
    const presence = new RedisPresence(redis, prefix);
    await presence.beat('n1', 60_000, 600_000);
    const [seconds, micros] = await redis.time();
    const expiresAt = Number(await redis.zscore(`${prefix}nodes`, 'n1'));
    expect(expiresAt - (Number(seconds) * 1000 + Math.floor(Number(micros) / 1000))).to.be.within(59_000, 60_000);
  });

  it('reports the lease as not live when the Redis servers changed since the last beat (restart, failover), though the lease is there', async () => {
    let servers = 'run-1';
    const presence = new RedisPresence(fixture.redis(), fixture.freshPrefix(), async () => servers);
    expect((await presence.beat('n1', 60_000, 600_000)).wasLive).to.equal(false);
    expect((await presence.beat('n1', 60_000, 600_000)).wasLive).to.equal(true);
    servers = 'run-2';
    expect((await presence.beat('n1', 60_000, 600_000)).wasLive).to.equal(false);
    expect((await presence.beat('n1', 60_000, 600_000)).wasLive).to.equal(true);
  });

  it('still renews its lease when the servers cannot be told (an ACL that denies INFO)', async () => {
    const presence = new RedisPresence(fixture.redis(), fixture.freshPrefix(), async () => { throw new Error('NOPERM'); });
    expect((await presence.beat('n1', 60_000, 600_000)).wasLive).to.equal(false);
    expect((await presence.beat('n1', 60_000, 600_000)).wasLive).to.equal(true);
  });

  it('tells the servers apart by their run ids: a live lease stays live across beats on the same servers', async () => {
    const presence = new RedisPresence(fixture.redis(), fixture.freshPrefix());
    await presence.beat('n1', 60_000, 600_000);
    expect((await presence.beat('n1', 60_000, 600_000)).wasLive).to.equal(true);
  });

  it('rejects a nodeId containing the value separator', async () => {
    const presence = new RedisPresence(fixture.redis(), fixture.freshPrefix());
    let error: unknown;
    try {
      await presence.register('5', { deviceId: 'phone', nodeId: 'n|1', sessionId: 's1' }, 60_000);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(Error);
  });
});
