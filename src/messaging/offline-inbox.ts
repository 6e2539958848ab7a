import type { Id } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import { LogWindow } from '../log/log-window.js';
import type { Metrics } from '../ops/metrics.js';
import type { MessageRows, StoredMessage } from '../storage/message-store.js';
import type { OfflineQueue } from '../storage/offline-queue.js';

export interface InboxOptions {
  /** Undelivered messages kept per user; older ones are dropped from offline delivery. */
  capPerUser: number;
  /** Undelivered messages older than this are dropped from offline delivery. */
  ttlMs: number;
}

export type InboxStore = Pick<MessageRows, 'findPending' | 'listPending' | 'markDropped'>;

/**
 * Each user's undelivered messages: the offline list (ids only) over the MessageStore's PENDING
 * rows, which stay the truth. Enforces the cap and the TTL visibly (DROPPED, counted, logged),
 * and rebuilds a list the backend lost from the store.
 */
export class OfflineInbox {
  /** Any sender can make drops by the thousand: each is counted, and logged in one line a minute. */
  private readonly drops: LogWindow;

  constructor(
    private readonly store: InboxStore,
    private readonly list: OfflineQueue,
    private readonly options: InboxOptions,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {
    this.drops = new LogWindow((window) => this.logger.warn('undelivered messages dropped from offline delivery', {
      count: window.total, cap: window.counts.get('cap') ?? 0, ttl: window.counts.get('ttl') ?? 0,
      users: window.subjects, sampleUserIds: window.samples, seconds: window.seconds,
    }), { now });
  }

  /** Writes the drops not yet logged (on shutdown); the summary's timer never holds the process open. */
  stop(): void {
    this.drops.flush();
  }

  /** Appends in one round trip, then drops, per user, what the cap trimmed away. */
  async appendAll(entries: ReadonlyArray<{ userId: Id; msgId: Id }>): Promise<void> {
    const trimmed = await this.list.appendMany(entries, this.options.capPerUser, this.options.ttlMs);
    const byUser = new Map<Id, Id[]>();
    trimmed.forEach((ids, i) => {
      if (ids.length > 0) byUser.set(entries[i]!.userId, [...(byUser.get(entries[i]!.userId) ?? []), ...ids]);
    });
    await Promise.all([...byUser].map(([userId, ids]) => this.drop(userId, ids, 'cap')));
  }

  /**
   * Those of `msgIds` the user's list lacks. A missing list lacks nothing: it is rebuilt from the
   * store when next read.
   */
  async unlisted(userId: Id, msgIds: Id[]): Promise<Id[]> {
    const list = await this.list.read(userId);
    if (list === null) return [];
    const listed = new Set(list);
    return msgIds.filter((id) => !listed.has(id));
  }

  removeAll(removals: ReadonlyArray<{ userId: Id; msgIds: Id[] }>): Promise<void> {
    return this.list.removeMany(removals);
  }

  /** One page of undelivered messages after the cursor, oldest first, read in one query. */
  async page(userId: Id, afterMsgId: Id, limit: number): Promise<{ messages: StoredMessage[]; hasMore: boolean }> {
    const after = BigInt(afterMsgId);
    const rest = (await this.undeliveredIds(userId)).filter((id) => BigInt(id) > after);
    const messages = await this.messagesOf(userId, rest.slice(0, limit));
    return { messages, hasMore: rest.length > limit };
  }

  /** The ids of the user's undelivered messages, ascending; rebuilds a missing list. */
  async undeliveredIds(userId: Id): Promise<Id[]> {
    return (await this.list.read(userId)) ?? this.rebuild(userId);
  }

  /** Fills the user's list from the store's pending rows; returns the list. */
  private async rebuild(userId: Id): Promise<Id[]> {
    const cutoff = this.now() - this.options.ttlMs;
    // One read, expired rows included: most lists rebuilt are empty (a first login), and a
    // separate write for the expired ones would cost every such login a transaction.
    const pending: Id[] = [];
    const expired: Id[] = [];
    for (let after = '0'; ;) {
      const page = await this.store.listPending(userId, after, 1000);
      for (const m of page) (m.createTime < cutoff ? expired : pending).push(m.msgId);
      if (page.length < 1000) break;
      after = page[page.length - 1]!.msgId;
    }
    if (expired.length > 0) await this.drop(userId, expired, 'ttl');
    const over = pending.length - this.options.capPerUser;
    if (over > 0) await this.drop(userId, pending.splice(0, over), 'cap');
    const list = await this.list.fill(userId, pending, this.options.ttlMs);
    // Every first login after a Redis restart rebuilds: one line per user would flood the log.
    this.logger.debug('offline list rebuilt from the message store', { userId, messages: pending.length });
    return list;
  }

  /**
   * The messages behind these ids that are still pending and within the TTL, ascending, in one
   * query. The list may lag the store (an ack racing a read, a backend hiccup): trust the store,
   * and take what it no longer holds as pending off the list.
   */
  async messagesOf(userId: Id, msgIds: Id[]): Promise<StoredMessage[]> {
    if (msgIds.length === 0) return [];
    const byId = new Map((await this.store.findPending(msgIds)).map((m) => [m.msgId, m]));
    const cutoff = this.now() - this.options.ttlMs;
    const expired = [...byId.values()].filter((m) => m.createTime < cutoff).map((m) => m.msgId);
    if (expired.length > 0) await this.drop(userId, expired, 'ttl');
    const gone = msgIds.filter((id) => !byId.has(id) || expired.includes(id) || byId.get(id)!.toUserId !== userId);
    if (gone.length > 0) await this.list.remove(userId, gone);
    return msgIds.flatMap((id) => {
      const m = byId.get(id);
      return m === undefined || m.createTime < cutoff || m.toUserId !== userId ? [] : [m];
    });
  }

  private async drop(userId: Id, msgIds: Id[], why: 'cap' | 'ttl'): Promise<void> {
    const dropped = await this.store.markDropped(userId, msgIds);
    if (dropped.length > 0) this.logDrop(userId, dropped, why);
  }

  private logDrop(userId: Id, msgIds: Id[], why: 'cap' | 'ttl'): void {
    this.metrics.offlineDropped.inc({ why }, msgIds.length);
    this.drops.add(why, msgIds.length, userId);
  }
}
