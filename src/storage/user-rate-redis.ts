import type { Redis } from 'ioredis';
import type { Id } from '../protocol/messages.js';
import { scriptsOf, type Scripts } from './redis/scripts.js';
import type { UserRate, UserRateOptions } from './user-rate.js';

/** Production: one bucket per user in Redis, one script call per take, on the server's clock. */
export class RedisUserRate implements UserRate {
  private readonly scripts: Scripts;

  constructor(redis: Redis, private readonly keyPrefix: string, private readonly options: UserRateOptions) {
    this.scripts = scriptsOf(redis);
  }

  take(userId: Id, cost: number): Promise<boolean> {
    return this.scripts.rateTake(`${this.keyPrefix}rate:{${userId}}`, this.options.ratePerSec, this.options.burst, cost);
  }
}
