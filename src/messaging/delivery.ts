// messaging/: the C2C message lifecycle: send, group commit, delivery (live push, retry, offline inbox, login replay), ack, recall.
import type { Id } from '../protocol/messages.js';
import type { StoredMessage } from '../storage/message-store.js';
import type { OfflineInbox } from './offline-inbox.js';
import type { RetryScanner } from './retry-scanner.js';

/**
 * A message's delivery state outside the store: armed (in the receiver's offline inbox and the
 * retry queue) until acked or recalled. The MessageStore row stays the truth.
 */
export class Delivery {
  constructor(
    private readonly inbox: OfflineInbox,
    private readonly retry: RetryScanner,
    /** store.markDelivered, group-committed: acks are as frequent as sends. */
    private readonly markDelivered: (userId: Id, msgIds: Id[]) => Promise<Id[]>,
  ) {}

  /**
   * Records the committed message as undelivered before the sender is acked: in the receiver's
   * offline inbox (so a complete list holds every pending message, and the next login brings it
   * whatever happened to the session) and in the retry queue (the first push follows the ack;
   * the scanner drops the entry once a push reaches nobody). Whether the receiver is online is
   * not asked: it may log in between this and the push. Once this resolved, a crash anywhere
   * cannot strand the message.
   */
  async arm(message: StoredMessage): Promise<void> {
    await Promise.all([this.inbox.append(message.toUserId, message.msgId), this.retry.schedule(message.toUserId, [message.msgId])]);
  }

  /** The receiver acked: never push these again. Ids not addressed to `userId` are ignored. */
  async ack(userId: Id, msgIds: Id[]): Promise<void> {
    await this.markDelivered(userId, msgIds);
    await this.forgetAll(userId, msgIds);
  }

  /** A recalled message must not be delivered any more. */
  forget(userId: Id, msgId: Id): Promise<void> {
    return this.forgetAll(userId, [msgId]);
  }

  private async forgetAll(userId: Id, msgIds: Id[]): Promise<void> {
    await Promise.all([this.retry.remove(userId, msgIds), this.inbox.remove(userId, msgIds)]);
  }
}
