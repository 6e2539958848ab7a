import type { Redis } from 'ioredis';
import type { Id } from '../protocol/messages.js';
import { MsgStatus, type StoredMessage } from './message-store.js';
import type { OfflineQueue } from './offline-queue.js';
import { scriptsOf, type Scripts } from './redis/scripts.js';

/**
 * Offline lists in Redis. Per user, in one Cluster slot (the `{uid}` hash tag):
 * - `{prefix}offline:msg:{uid}`: LIST of `<msgId>|<json>` in append order (a fill rewrites it
 *   ascending by msg_id); the id prefix lets the scripts find entries without decoding JSON.
 * - `{prefix}offline:ready:{uid}`: the completeness marker, same TTL as the list.
 * Both keys carry the TTL, refreshed by every append and fill.
 */
export class RedisOfflineQueue implements OfflineQueue {
  private readonly scripts: Scripts;

  constructor(private readonly redis: Redis, private readonly keyPrefix: string) {
    this.scripts = scriptsOf(redis);
  }

  async append(message: StoredMessage, cap: number, ttlMs: number): Promise<Id[]> {
    const { list, ready } = this.keys(message.toUserId);
    return this.scripts.offlineAppend(list, ready, encode(message), cap, ttlMs);
  }

  async fill(userId: Id, messages: StoredMessage[], ttlMs: number): Promise<void> {
    const { list, ready } = this.keys(userId);
    await this.scripts.offlineFill(list, ready, ttlMs, messages.map(encode));
  }

  async read(userId: Id): Promise<StoredMessage[] | null> {
    const { list, ready } = this.keys(userId);
    // One transaction, so the marker and the entries are seen at the same instant.
    const replies = await this.redis.multi().exists(ready).lrange(list, 0, -1).exec();
    const [complete, entries] = (replies ?? []).map(([err, reply]) => {
      if (err) throw err;
      return reply;
    });
    if (complete !== 1) return null;
    if (!Array.isArray(entries)) throw new Error(`offline list ${list}: LRANGE returned ${typeof entries}`);

    const byId = new Map<Id, StoredMessage>();
    for (const entry of entries) {
      const message = decode(String(entry));
      byId.set(message.msgId, message);
    }
    return [...byId.values()].sort((a, b) => compareIds(a.msgId, b.msgId));
  }

  async remove(userId: Id, msgIds: Id[]): Promise<void> {
    if (msgIds.length === 0) return;
    await this.scripts.offlineRemove(this.keys(userId).list, msgIds);
  }

  /** The connection belongs to whoever opened it. */
  async close(): Promise<void> {}

  private keys(userId: Id): { list: string; ready: string } {
    return {
      list: `${this.keyPrefix}offline:msg:{${userId}}`,
      ready: `${this.keyPrefix}offline:ready:{${userId}}`,
    };
  }
}

const CANONICAL_ID = /^(0|[1-9][0-9]*)$/;

/**
 * `<msgId>|[clientMsgId, fromUserId, toUserId, chatId, content, format, createTime, status]`.
 * Fixed field order: the same message always encodes to the same bytes, which is how the append
 * script recognises a message already in the list. An array keeps 1000 entries per user small.
 */
function encode(m: StoredMessage): string {
  // The scripts split at the first '|' and order ids by length then digits.
  if (!CANONICAL_ID.test(m.msgId)) throw new Error(`msg_id ${JSON.stringify(m.msgId)} is not a canonical decimal id`);
  const fields = [m.clientMsgId, m.fromUserId, m.toUserId, m.chatId, m.content, m.format, m.createTime, m.status];
  return `${m.msgId}|${JSON.stringify(fields)}`;
}

function decode(entry: string): StoredMessage {
  const bar = entry.indexOf('|');
  if (bar <= 0) throw corrupt(entry);
  const fields: unknown = JSON.parse(entry.slice(bar + 1));
  if (!Array.isArray(fields) || fields.length !== 8) throw corrupt(entry);
  const [clientMsgId, fromUserId, toUserId, chatId, content, format, createTime, status] = fields as unknown[];
  if (
    typeof clientMsgId !== 'string' || typeof fromUserId !== 'string' || typeof toUserId !== 'string' ||
    typeof chatId !== 'string' || typeof content !== 'string' || typeof format !== 'number' ||
    typeof createTime !== 'number' || !isMsgStatus(status)
  ) throw corrupt(entry);
  return { msgId: entry.slice(0, bar), clientMsgId, fromUserId, toUserId, chatId, content, format, createTime, status };
}

function isMsgStatus(value: unknown): value is MsgStatus {
  return Object.values(MsgStatus).some((s) => s === value);
}

function corrupt(entry: string): Error {
  return new Error(`corrupt offline entry: ${entry.slice(0, 80)}`);
}

function compareIds(a: Id, b: Id): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
