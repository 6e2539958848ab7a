import type { Redis } from 'ioredis';
import type { Id } from '../protocol/messages.js';
import type { RetryEntry, RetryQueue } from './retry-queue.js';
import { scriptsOf, type Scripts } from './redis/scripts.js';

/**
 * Unacked pushes in Redis:
 * - `{prefix}{retry}`: ZSET, member `<toUserId>:<msgId>`, score = due ms;
 * - `{prefix}{retry}:attempt`: HASH, member -> attempts so far (absent = 0).
 * The `{retry}` hash tag puts both in one Cluster slot, which the claim script needs.
 */
export class RedisRetryQueue implements RetryQueue {
  private readonly scripts: Scripts;
  private readonly set: string;
  private readonly attempts: string;

  constructor(private readonly redis: Redis, keyPrefix: string) {
    this.scripts = scriptsOf(redis);
    this.set = `${keyPrefix}{retry}`;
    this.attempts = `${keyPrefix}{retry}:attempt`;
  }

  async schedule(toUserId: Id, msgId: Id, dueAt: number): Promise<void> {
    // A plain ZADD: a new member has no attempt field (0), an existing one keeps its field.
    await this.redis.zadd(this.set, dueAt, member(toUserId, msgId));
  }

  async reschedule(toUserId: Id, msgId: Id, dueAt: number): Promise<void> {
    await this.redis.zadd(this.set, 'XX', dueAt, member(toUserId, msgId));
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<RetryEntry[]> {
    const claimed = await this.scripts.retryClaim(this.set, this.attempts, now, limit, now + leaseMs);
    return claimed.map(([m, attempt]) => {
      const colon = m.indexOf(':');
      return { toUserId: m.slice(0, colon), msgId: m.slice(colon + 1), attempt };
    });
  }

  async remove(toUserId: Id, msgIds: Id[]): Promise<void> {
    if (msgIds.length === 0) return;
    const members = msgIds.map((msgId) => member(toUserId, msgId));
    const replies = await this.redis.multi().zrem(this.set, ...members).hdel(this.attempts, ...members).exec();
    for (const [err] of replies ?? []) if (err) throw err;
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.set);
  }

  /** The connection belongs to whoever opened it. */
  async close(): Promise<void> {}
}

function member(toUserId: Id, msgId: Id): string {
  return `${toUserId}:${msgId}`;
}
