import type { Id } from '../protocol/messages.js';
import type { RetryEntry, RetryQueue } from './retry-queue.js';
import type { RedisClient } from './redis/connect.js';
import { RETRY_SHARDS, retryKeys, retryShardOf } from './redis/keys.js';
import { pipelined, type Batched } from './redis/pipeline.js';
import { scriptsOf, type Scripts } from './redis/scripts.js';

/**
 * Unacked pushes in Redis, split by receiver over RETRY_SHARDS shards so that on a Redis Cluster
 * the whole deployment's retries do not load one slot. Shard N is:
 * - `{prefix}{retry:N}`: ZSET, member `<toUserId>:<msgId>`, score = due ms;
 * - `{prefix}{retry:N}:attempt`: HASH, member -> attempts so far (absent = 0).
 * The `{retry:N}` hash tag keeps a shard's two keys in one slot, which the claim script needs.
 */
export class RedisRetryQueue implements RetryQueue {
  private readonly scripts: Scripts;
  private readonly shards: ReadonlyArray<{ set: string; attempts: string }>;

  constructor(private readonly redis: RedisClient, keyPrefix: string) {
    this.scripts = scriptsOf(redis);
    this.shards = Array.from({ length: RETRY_SHARDS }, (_, n) => retryKeys(keyPrefix, n));
  }

  /**
   * One ZADD per shard with all of its members, the shards' ZADDs in one pipeline. A plain ZADD:
   * a new member has no attempt field (0), an existing one keeps its field.
   */
  async scheduleMany(entries: ReadonlyArray<{ toUserId: Id; msgId: Id }>, dueAt: number): Promise<void> {
    const byShard = this.byShard(entries.map(({ toUserId, msgId }) => ({ toUserId, msgIds: [msgId] })));
    await pipelined(this.redis, [...byShard].map(([n, members]): Batched => ({
      slot: String(n),
      add: (p) => p.zadd(this.shards[n]!.set, ...members.flatMap((m) => [dueAt, m])),
    })));
  }

  async reschedule(toUserId: Id, msgId: Id, dueAt: number): Promise<void> {
    await this.redis.zadd(this.shardOf(toUserId).set, 'XX', dueAt, member(toUserId, msgId));
  }

  /**
   * Reads the earliest due entries of every shard, then claims, shard by shard, as many as each
   * holds among the earliest `limit` overall. Claiming stays one script per shard, so an entry is
   * never claimed twice. When another scanner took some of them in between, it reads again for
   * what is left of `limit`: every entry it lost now lies beyond `now` (leased), so each pass sees
   * fewer due entries and the loop ends.
   */
  async claimDue(now: number, limit: number, leaseMs: number): Promise<RetryEntry[]> {
    const claimed: Array<[string, number, number]> = [];
    for (;;) {
      const wanted = limit - claimed.length;
      const quota = await this.earliestDue(now, wanted);
      const got = await Promise.all(this.shards.map(({ set, attempts }, n) =>
        quota[n] === 0 ? [] : this.scripts.retryClaim(set, attempts, now, quota[n]!, now + leaseMs)));
      claimed.push(...got.flat());
      const contended = got.some((entries, n) => entries.length < quota[n]!);
      if (!contended || claimed.length === limit) break;
    }
    return claimed.sort((a, b) => a[2] - b[2]).map(([m, attempt]) => {
      const colon = m.indexOf(':');
      return { toUserId: m.slice(0, colon), msgId: m.slice(colon + 1), attempt };
    });
  }

  /** How many of the earliest `limit` entries due at `now` each shard holds. */
  private async earliestDue(now: number, limit: number): Promise<number[]> {
    const due = await Promise.all(this.shards.map(async ({ set }, n) => {
      const flat = await this.redis.zrangebyscore(set, '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit);
      return Array.from({ length: flat.length / 2 }, (_, i) => ({ shard: n, due: Number(flat[2 * i + 1]) }));
    }));
    const quota = new Array<number>(this.shards.length).fill(0);
    for (const { shard } of due.flat().sort((a, b) => a.due - b.due).slice(0, limit)) quota[shard]! += 1;
    return quota;
  }

  async remove(toUserId: Id, msgIds: Id[]): Promise<void> {
    await this.removeMany([{ toUserId, msgIds }]);
  }

  /**
   * Per shard, ZREM then HDEL of all its members, in one pipeline. Not a transaction, and need not
   * be: once ZREM ran no claim can see the member (so none recreates its attempts field), and a
   * schedule in between starts again from attempt 0, which the HDEL gives it.
   */
  async removeMany(removals: ReadonlyArray<{ toUserId: Id; msgIds: Id[] }>): Promise<void> {
    const commands: Batched[] = [];
    for (const [n, members] of this.byShard(removals)) {
      const { set, attempts } = this.shards[n]!;
      commands.push({ slot: String(n), add: (p) => p.zrem(set, ...members) }, { slot: String(n), add: (p) => p.hdel(attempts, ...members) });
    }
    await pipelined(this.redis, commands);
  }

  /** Members by shard, for the shards that have any. */
  private byShard(entries: ReadonlyArray<{ toUserId: Id; msgIds: Id[] }>): Map<number, string[]> {
    const byShard = new Map<number, string[]>();
    for (const { toUserId, msgIds } of entries) {
      if (msgIds.length === 0) continue;
      const n = retryShardOf(toUserId);
      const members = byShard.get(n) ?? [];
      for (const msgId of msgIds) members.push(member(toUserId, msgId));
      byShard.set(n, members);
    }
    return byShard;
  }

  async size(): Promise<number> {
    const sizes = await Promise.all(this.shards.map(({ set }) => this.redis.zcard(set)));
    return sizes.reduce((a, b) => a + b, 0);
  }

  /** The connection belongs to whoever opened it. */
  async close(): Promise<void> {}

  private shardOf(toUserId: Id): { set: string; attempts: string } {
    return this.shards[retryShardOf(toUserId)]!;
  }
}

function member(toUserId: Id, msgId: Id): string {
  return `${toUserId}:${msgId}`;
}
