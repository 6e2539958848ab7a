// messaging/: the C2C message lifecycle: send, group commit, delivery (live push, retry, offline inbox, login replay), ack, recall.
import type { Id } from '../protocol/messages.js';
import type { StoredMessage } from '../storage/message-store.js';
import type { OfflineInbox } from './offline-inbox.js';
import type { RetryScanner } from './retry-scanner.js';

/**
 * A message's delivery state outside the store: armed (in the receiver's offline inbox and the
 * retry queue) until acked or recalled. The MessageStore row stays the truth.
 *
 * Arming and forgetting go to Redis per batch, not per message: everything asked for in one turn
 * of the event loop is one round trip. The sends of a group-commit batch resume in the same turn
 * (their commit settles them all at once), and so do the acks of an ack batch.
 */
export class Delivery {
  private readonly arming = new TurnBatch<StoredMessage>((messages) => this.armAll(messages));
  private readonly forgetting = new TurnBatch<{ userId: Id; msgIds: Id[] }>((removals) => this.forgetAll(removals));

  constructor(
    private readonly inbox: OfflineInbox,
    private readonly retry: RetryScanner,
    /** store.markDelivered, group-committed: acks are as frequent as sends. */
    private readonly markDelivered: (userId: Id, msgIds: Id[]) => Promise<void>,
  ) {}

  /**
   * Records the committed message as undelivered before the sender is acked: in the receiver's
   * offline inbox (so a complete list holds every pending message, and the next login brings it
   * whatever happened to the session) and in the retry queue (the first push follows the ack;
   * the scanner drops the entry once a push reaches nobody). Whether the receiver is online is
   * not asked: it may log in between this and the push. Once this resolved, a crash anywhere
   * cannot strand the message. Joins the turn's batch: it rejects when that batch's arming fails.
   */
  arm(message: StoredMessage): Promise<void> {
    return this.arming.add(message);
  }

  /**
   * Arms every message in one round trip. When it rejects, none of them counts as armed (some
   * may be: arming is idempotent, and a resend or the ArmSweeper arms them again).
   */
  async armAll(messages: readonly StoredMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await Promise.all([
      this.inbox.appendAll(messages.map((m) => ({ userId: m.toUserId, msgId: m.msgId }))),
      this.retry.scheduleAll(messages.map((m) => ({ toUserId: m.toUserId, msgId: m.msgId }))),
    ]);
  }

  /** The receiver acked: never push these again. Ids not addressed to `userId` are ignored. */
  async ack(userId: Id, msgIds: Id[]): Promise<void> {
    await this.markDelivered(userId, msgIds);
    await this.forgetting.add({ userId, msgIds });
  }

  /** A recalled message must not be delivered any more. */
  forget(userId: Id, msgId: Id): Promise<void> {
    return this.forgetting.add({ userId, msgIds: [msgId] });
  }

  private async forgetAll(removals: ReadonlyArray<{ userId: Id; msgIds: Id[] }>): Promise<void> {
    await Promise.all([
      this.retry.removeAll(removals.map(({ userId, msgIds }) => ({ toUserId: userId, msgIds }))),
      this.inbox.removeAll(removals),
    ]);
  }
}

/**
 * Gathers what is added during one turn of the event loop and runs it as one batch at the end of
 * that turn (setImmediate: after the I/O callbacks of the turn, as ioredis' auto-pipelining does,
 * so no later than a single command would have gone). Every add settles with its batch.
 */
class TurnBatch<T> {
  private pending: { items: T[]; done: Promise<void> } | null = null;

  constructor(private readonly run: (items: readonly T[]) => Promise<void>) {}

  add(item: T): Promise<void> {
    if (this.pending === null) {
      const items: T[] = [];
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pending = null;
        return this.run(items);
      });
      this.pending = { items, done };
    }
    this.pending.items.push(item);
    return this.pending.done;
  }
}
