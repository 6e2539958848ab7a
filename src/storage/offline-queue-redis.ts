import { compareIds, isCanonicalId, type Id } from '../ids/id.js';
import type { OfflineQueue } from './offline-queue.js';
import type { RedisClient } from './redis/connect.js';
import { offlineKeys } from './redis/keys.js';
import { pipelined, script } from './redis/pipeline.js';
import { scriptsOf, type Scripts } from './redis/scripts.js';

/**
 * Offline lists in Redis. Per user, in one Cluster slot (the `{uid}` hash tag):
 * - `{prefix}offline:msg:{uid}`: LIST of msg_ids as plain decimal strings, in append order (a fill
 *   rewrites it ascending by id). Redis packs an id below 2^63 as a 64-bit integer, so an entry
 *   costs about ten bytes.
 * - `{prefix}offline:ready:{uid}`: the completeness marker, same TTL as the list.
 * Both keys carry the TTL, refreshed by every append and fill.
 */
export class RedisOfflineQueue implements OfflineQueue {
  private readonly scripts: Scripts;

  constructor(private readonly redis: RedisClient, private readonly keyPrefix: string) {
    this.scripts = scriptsOf(redis);
  }

  /** One offlineAppend script per entry, all in one pipeline. */
  async appendMany(entries: ReadonlyArray<{ userId: Id; msgId: Id }>, cap: number, ttlMs: number): Promise<Id[][]> {
    const replies = await pipelined(this.redis, entries.map(({ userId, msgId }) => {
      const { list, ready } = this.keys(userId);
      const id = checked(msgId);
      return { slot: userId, add: (p) => script(p, 'offlineAppend', list, ready, id, cap, ttlMs) };
    }));
    return replies.map((reply, i) => {
      if (!Array.isArray(reply) || reply.some((id) => typeof id !== 'string')) {
        throw new Error(`offlineAppend for ${entries[i]!.userId}: wanted the trimmed ids, got ${JSON.stringify(reply)}`);
      }
      return reply as Id[];
    });
  }

  async fill(userId: Id, msgIds: Id[], ttlMs: number): Promise<Id[]> {
    const { list, ready } = this.keys(userId);
    return listed(list, await this.scripts.offlineFill(list, ready, ttlMs, msgIds.map(checked)));
  }

  async read(userId: Id): Promise<Id[] | null> {
    const { list, ready } = this.keys(userId);
    const entries = await this.scripts.offlineRead(list, ready);
    return entries === null ? null : listed(list, entries);
  }

  async remove(userId: Id, msgIds: Id[]): Promise<void> {
    const { list } = this.keys(userId);
    if (msgIds.length === 0) return;
    await this.scripts.offlineRemove(list, msgIds.map(checked));
  }

  async removeMany(removals: ReadonlyArray<{ userId: Id; msgIds: Id[] }>): Promise<void> {
    await pipelined(this.redis, removals.filter(({ msgIds }) => msgIds.length > 0).map(({ userId, msgIds }) => {
      const { list } = this.keys(userId);
      const ids = msgIds.map(checked);
      return { slot: userId, add: (p) => script(p, 'offlineRemove', list, ...ids) };
    }));
  }

  private keys(userId: Id): { list: string; ready: string } {
    return offlineKeys(this.keyPrefix, checked(userId));
  }
}

/** A list's entries as ids, each once, ascending; a corrupt entry fails the read. */
function listed(list: string, entries: unknown[]): Id[] {
  const ids = new Set<Id>();
  for (const entry of entries) {
    const id = String(entry);
    if (!isCanonicalId(id)) throw new Error(`corrupt offline entry in ${list}: ${id.slice(0, 80)}`);
    ids.add(id);
  }
  return [...ids].sort(compareIds);
}

/**
 * Only canonical decimal uint64s reach the scripts: they compare ids as strings for equality and
 * by length then digits for order.
 */
function checked(id: Id): Id {
  if (typeof id !== 'string' || !isCanonicalId(id)) {
    throw new Error(`id ${JSON.stringify(id)} is not a canonical decimal uint64`);
  }
  return id;
}
