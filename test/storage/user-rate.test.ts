import { MemoryUserRate } from '../../src/storage/user-rate-memory.js';
import { RedisUserRate } from '../../src/storage/user-rate-redis.js';
import { describeWithRedis, fakeClock, sleep } from './fixtures.js';
import { userRateContract } from './user-rate.contract.js';

userRateContract('MemoryUserRate', async (options) => {
  const clock = fakeClock();
  return { rate: new MemoryUserRate(options, clock.now), advance: clock.advance };
});

describeWithRedis('RedisUserRate', (fixture) => {
  // The bucket refills on the Redis server's clock, so time passes for real.
  userRateContract('RedisUserRate', async (options) => ({ rate: new RedisUserRate(fixture.redis(), fixture.freshPrefix(), options), advance: sleep }));
});
