import type { Id } from '../protocol/messages.js';
import type { StoredMessage } from './message-store.js';
import type { OfflineQueue } from './offline-queue.js';

/** Lists of users who never come back are swept at most this often, ms. */
const SWEEP_EVERY_MS = 60_000;

interface UserList {
  /** Append order; a fill rewrites it ascending by msg_id. Trimming drops from the front. */
  entries: StoredMessage[];
  complete: boolean;
  /** One TTL for the list and its completeness, as the two Redis keys always share theirs. */
  expiresAt: number;
}

/** Offline lists in process memory (embedded mode); behaves as the Redis one does. */
export class MemoryOfflineQueue implements OfflineQueue {
  private readonly lists = new Map<Id, UserList>();
  private nextSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    this.nextSweep = now() + SWEEP_EVERY_MS;
  }

  async append(message: StoredMessage, cap: number, ttlMs: number): Promise<Id[]> {
    this.sweep();
    const list = this.live(message.toUserId) ?? { entries: [], complete: false, expiresAt: 0 };
    this.lists.set(message.toUserId, list);
    list.expiresAt = this.now() + ttlMs;
    if (list.entries.some((m) => m.msgId === message.msgId)) return [];
    list.entries.push({ ...message });
    const over = list.entries.length - cap;
    return over > 0 ? list.entries.splice(0, over).map((m) => m.msgId) : [];
  }

  async fill(userId: Id, messages: StoredMessage[], ttlMs: number): Promise<void> {
    this.sweep();
    const byId = new Map<Id, StoredMessage>();
    for (const m of this.live(userId)?.entries ?? []) byId.set(m.msgId, m);
    for (const m of messages) if (!byId.has(m.msgId)) byId.set(m.msgId, { ...m });
    this.lists.set(userId, { entries: ascending([...byId.values()]), complete: true, expiresAt: this.now() + ttlMs });
  }

  async read(userId: Id): Promise<StoredMessage[] | null> {
    const list = this.live(userId);
    if (list === undefined || !list.complete) return null;
    return ascending(list.entries.map((m) => ({ ...m })));
  }

  async remove(userId: Id, msgIds: Id[]): Promise<void> {
    const list = this.live(userId);
    if (list === undefined) return;
    const gone = new Set(msgIds);
    list.entries = list.entries.filter((m) => !gone.has(m.msgId));
    // An emptied incomplete list is no list at all (Redis deletes an empty LIST key).
    if (list.entries.length === 0 && !list.complete) this.lists.delete(userId);
  }

  async close(): Promise<void> {
    this.lists.clear();
  }

  private live(userId: Id): UserList | undefined {
    const list = this.lists.get(userId);
    if (list === undefined || list.expiresAt > this.now()) return list;
    this.lists.delete(userId);
    return undefined;
  }

  private sweep(): void {
    const now = this.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const [userId, list] of this.lists) if (list.expiresAt <= now) this.lists.delete(userId);
  }
}

/** Sorts in place by msg_id as a 64-bit integer (never through a JS number). */
function ascending(messages: StoredMessage[]): StoredMessage[] {
  return messages.sort((a, b) => {
    const x = BigInt(a.msgId);
    const y = BigInt(b.msgId);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
