import { compareIds, type Id } from '../ids/id.js';
import type { OfflineQueue } from './offline-queue.js';

/** Lists of users who never come back are swept at most this often, ms. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The ids of every list that has none (most users' lists, after their login's fill), shared;
 * frozen, so that a push that missed replacing it throws instead of filling every such list.
 */
const NONE = Object.freeze([]) as unknown as Id[];

interface UserList {
  /** msg_ids in append order; a fill rewrites it ascending by id. Trimming drops from the front. */
  ids: Id[];
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

  async appendMany(entries: ReadonlyArray<{ userId: Id; msgId: Id }>, cap: number, ttlMs: number): Promise<Id[][]> {
    return entries.map(({ userId, msgId }) => this.append(userId, msgId, cap, ttlMs));
  }

  private append(userId: Id, msgId: Id, cap: number, ttlMs: number): Id[] {
    this.sweep();
    const list = this.live(userId) ?? { ids: NONE, complete: false, expiresAt: 0 };
    this.lists.set(userId, list);
    list.expiresAt = this.now() + ttlMs;
    if (list.ids.includes(msgId)) return [];
    if (list.ids === NONE) list.ids = [];
    list.ids.push(msgId);
    const over = list.ids.length - cap;
    return over > 0 ? list.ids.splice(0, over) : [];
  }

  async fill(userId: Id, msgIds: Id[], ttlMs: number): Promise<Id[]> {
    this.sweep();
    const union = new Set<Id>(this.live(userId)?.ids);
    for (const id of msgIds) union.add(id);
    const ids = union.size === 0 ? NONE : ascending([...union]);
    this.lists.set(userId, { ids, complete: true, expiresAt: this.now() + ttlMs });
    return [...ids];
  }

  async read(userId: Id): Promise<Id[] | null> {
    const list = this.live(userId);
    if (list === undefined || !list.complete) return null;
    return ascending([...list.ids]);
  }

  async remove(userId: Id, msgIds: Id[]): Promise<void> {
    const list = this.live(userId);
    if (list === undefined) return;
    const gone = new Set(msgIds);
    list.ids = list.ids.filter((id) => !gone.has(id));
    // An emptied incomplete list is no list at all (Redis deletes an empty LIST key).
    if (list.ids.length === 0 && !list.complete) this.lists.delete(userId);
  }

  async removeMany(removals: ReadonlyArray<{ userId: Id; msgIds: Id[] }>): Promise<void> {
    for (const { userId, msgIds } of removals) await this.remove(userId, msgIds);
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

/** Sorts in place as 64-bit integers (never through a JS number). */
function ascending(ids: Id[]): Id[] {
  return ids.sort(compareIds);
}
