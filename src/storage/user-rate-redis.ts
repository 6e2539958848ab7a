import type { Id } from '../protocol/messages.js';
import type { RedisClient } from './redis/connect.js';
import { rateKey } from './redis/keys.js';
import { scriptsOf, type Scripts } from './redis/scripts.js';
import type { UserRate, UserRateOptions } from './user-rate.js';

/** Production: one bucket per user in Redis, one script call per take, on the server's clock. */
export class RedisUserRate implements UserRate {
  private readonly scripts: Scripts;

  constructor(redis: RedisClient, private readonly keyPrefix: string, private readonly options: UserRateOptions) {
    this.scripts = scriptsOf(redis);
  }

  take(userId: Id, cost: number): Promise<boolean> {
    return this.scripts.rateTake(rateKey(this.keyPrefix, userId), this.options.ratePerSec, this.options.burst, cost);
  }
}
