import { Cmd, type Bodies, type Id, type KnownCmd } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../ops/metrics.js';
import type { Session } from '../pipeline/session.js';
import type { MessageStore, RecallNotice, StoredMessage } from '../storage/message-store.js';
import type { OfflineQueue } from '../storage/offline-queue.js';
import type { RetryQueue } from '../storage/retry-queue.js';
import { toChatMessage } from './chat-message.js';
import type { DeliveryTarget, Fanout } from './fanout.js';

export interface DeliveryOptions {
  initialBackoffMs: number;
  maxAttempts: number;
  leaseMs: number;
  batchSize: number;
  loginBatch: number;
  capPerUser: number;
  ttlMs: number;
}

/**
 * Getting stored messages to their receivers: live push, unacked re-push with backoff (retry
 * queue), and the offline list for everything not acked yet. The MessageStore stays the truth:
 * an offline list that is missing (e.g. Redis lost it) is rebuilt from PENDING rows.
 */
export class Delivery {
  constructor(
    private readonly store: MessageStore,
    private readonly offline: OfflineQueue,
    private readonly retry: RetryQueue,
    private readonly fanout: Fanout,
    /** store.markDelivered, group-committed: acks are as frequent as sends. */
    private readonly markDelivered: (userId: Id, msgIds: Id[]) => Promise<Id[]>,
    private readonly options: DeliveryOptions,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records the committed message as undelivered before the sender is acked: in the receiver's
   * offline list (so a complete list holds every pending message, and the next login brings it
   * whatever happened to the session) and in the retry queue (the first push follows the ack;
   * the scanner drops the entry once a push reaches nobody). Whether the receiver is online is
   * not asked: it may log in between this and the push. Once this resolved, a crash anywhere
   * cannot strand the message.
   */
  async arm(message: StoredMessage): Promise<void> {
    await Promise.all([
      this.appendOffline(message.toUserId, message.msgId),
      this.retry.schedule(message.toUserId, message.msgId, this.now() + this.options.initialBackoffMs),
    ]);
  }

  /**
   * First live push of an armed message, after the sender's ack. Never rejects: what this push
   * misses, the retry scanner and the offline list deliver.
   */
  async pushNow(message: StoredMessage): Promise<void> {
    try {
      await this.push(message, 'first');
    } catch (err) {
      this.logger.warn('live push failed; the retry scanner will push again', { msgId: message.msgId, err: (err as Error).message });
    }
  }

  /** The receiver acked: never push these again. Ids not addressed to `userId` are ignored. */
  async ack(userId: Id, msgIds: Id[]): Promise<void> {
    await this.markDelivered(userId, msgIds);
    await Promise.all([this.retry.remove(userId, msgIds), this.offline.remove(userId, msgIds)]);
  }

  /** A recalled message must not be delivered any more. */
  async forget(userId: Id, msgId: Id): Promise<void> {
    await Promise.all([this.retry.remove(userId, [msgId]), this.offline.remove(userId, [msgId])]);
  }

  /** Sends a server-initiated frame to the user's sessions, on any node; returns how many took it. */
  private notify<C extends KnownCmd>(userId: Id, cmd: C, body: Bodies[C], target: DeliveryTarget = {}): Promise<number> {
    return this.fanout.deliver(userId, cmd, body, target);
  }

  /**
   * A fresh message to the sender's other sessions that asked for echo_own_messages: at most
   * once, no ack, no retry. A note to yourself is delivered by the normal path instead.
   */
  async echo(message: StoredMessage, sender: Session): Promise<void> {
    if (message.toUserId === message.fromUserId) return;
    try {
      await this.notify(message.fromUserId, Cmd.C2C_PUSH, { message: toChatMessage(message) }, { except: sender, echoOnly: true });
    } catch (err) {
      this.logger.warn('echo to own devices failed; they catch up with SYNC and HISTORY', { msgId: message.msgId, err: (err as Error).message });
    }
  }

  /** Right after AUTH_RESP: pending recall notices, then the oldest undelivered messages. */
  async onLogin(session: Session): Promise<void> {
    const userId = session.user!.userId;
    const notices = await this.store.listRecallNotices(userId);
    const sent = notices.filter((n) => session.push(Cmd.RECALL_NOTIFY, recallNotify(n)));
    if (sent.length > 0) await this.store.deleteRecallNotices(userId, sent.map((n) => n.msgId));

    if (this.options.loginBatch === 0) return;
    const batch = await this.load(userId, (await this.undelivered(userId)).slice(0, this.options.loginBatch));
    const pushed = batch.filter((m) => session.push(Cmd.C2C_PUSH, { message: toChatMessage(m) }));
    this.metrics.pushes.inc({ kind: 'offline' }, pushed.length);
    const dueAt = this.now() + this.options.initialBackoffMs;
    await Promise.all(pushed.map((m) => this.retry.schedule(userId, m.msgId, dueAt)));
  }

  /** One page of undelivered messages after the cursor, oldest first, read in one query. */
  async page(userId: Id, afterMsgId: Id, limit: number): Promise<{ messages: StoredMessage[]; hasMore: boolean }> {
    const after = BigInt(afterMsgId);
    const rest = (await this.undelivered(userId)).filter((id) => BigInt(id) > after);
    const messages = await this.load(userId, rest.slice(0, limit));
    return { messages, hasMore: rest.length > limit };
  }

  /**
   * One scanner round: claims due retry entries (atomically, so no other node gets them) and
   * re-pushes the ones still pending, or stops once attempts run out or the receiver is gone.
   * Returns the number of entries handled.
   */
  async retryDue(): Promise<number> {
    const now = this.now();
    const entries = await this.retry.claimDue(now, this.options.batchSize, this.options.leaseMs);
    if (entries.length === 0) return 0;
    const pending = new Map((await this.store.findPending(entries.map((e) => e.msgId))).map((m) => [m.msgId, m]));
    await Promise.all(entries.map(async (entry) => {
      const message = pending.get(entry.msgId);
      // Acked, recalled or dropped; or out of attempts, or the receiver left: either way the
      // message, if still pending, waits in the offline list for the next login or pull.
      if (message === undefined || message.toUserId !== entry.toUserId
        || entry.attempt > this.options.maxAttempts || (await this.push(message, 'retry')) === 0) {
        await this.retry.remove(entry.toUserId, [entry.msgId]);
      } else {
        await this.retry.reschedule(entry.toUserId, entry.msgId, now + this.options.initialBackoffMs * 2 ** entry.attempt);
      }
    }));
    return entries.length;
  }

  private async push(message: StoredMessage, kind: 'first' | 'retry'): Promise<number> {
    const n = await this.notify(message.toUserId, Cmd.C2C_PUSH, { message: toChatMessage(message) });
    if (n > 0) this.metrics.pushes.inc({ kind }, n);
    return n;
  }

  private async appendOffline(userId: Id, msgId: Id): Promise<void> {
    const trimmed = await this.offline.append(userId, msgId, this.options.capPerUser, this.options.ttlMs);
    if (trimmed.length > 0) await this.drop(userId, trimmed, 'cap');
  }

  /** The ids of the user's undelivered messages, ascending; rebuilds a missing list. */
  private async undelivered(userId: Id): Promise<Id[]> {
    const list = await this.offline.read(userId);
    if (list !== null) return list;
    await this.rebuild(userId);
    return (await this.offline.read(userId)) ?? [];
  }

  private async rebuild(userId: Id): Promise<void> {
    const cutoff = this.now() - this.options.ttlMs;
    const expired = await this.store.dropExpired(userId, cutoff);
    if (expired.length > 0) this.logDrop(userId, expired, 'ttl');
    const pending: Id[] = [];
    for (let after = '0'; ;) {
      const page = await this.store.listPending(userId, after, 1000, cutoff);
      pending.push(...page.map((m) => m.msgId));
      if (page.length < 1000) break;
      after = page[page.length - 1]!.msgId;
    }
    const over = pending.length - this.options.capPerUser;
    if (over > 0) await this.drop(userId, pending.splice(0, over), 'cap');
    await this.offline.fill(userId, pending, this.options.ttlMs);
    this.logger.info('offline list rebuilt from the message store', { userId, messages: pending.length });
  }

  /**
   * The messages behind these ids that are still pending and within the TTL, ascending, in one
   * query. The list may lag the store (an ack racing a read, a backend hiccup): trust the store,
   * and take what it no longer holds as pending off the list.
   */
  private async load(userId: Id, msgIds: Id[]): Promise<StoredMessage[]> {
    if (msgIds.length === 0) return [];
    const byId = new Map((await this.store.findPending(msgIds)).map((m) => [m.msgId, m]));
    const cutoff = this.now() - this.options.ttlMs;
    const expired = [...byId.values()].filter((m) => m.createTime < cutoff).map((m) => m.msgId);
    if (expired.length > 0) await this.drop(userId, expired, 'ttl');
    const gone = msgIds.filter((id) => !byId.has(id) || expired.includes(id));
    if (gone.length > 0) await this.offline.remove(userId, gone);
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
    this.logger.warn('undelivered messages dropped from offline delivery', {
      userId, why, count: msgIds.length, msgIds: msgIds.slice(0, 20),
    });
  }
}

function recallNotify(n: RecallNotice): Bodies[typeof Cmd.RECALL_NOTIFY] {
  return { msgId: n.msgId, fromUserId: n.fromUserId, toUserId: n.toUserId, recallTimeMs: n.recallTime, convId: n.convId, seq: n.seq };
}
