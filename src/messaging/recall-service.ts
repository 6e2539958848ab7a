import { Cmd, ErrorCode, type Id } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import type { Session } from '../pipeline/session.js';
import { MsgStatus, type MessageStore, type StoredMessage } from '../storage/message-store.js';
import type { Delivery } from './delivery.js';

/** Recalling a message: sender only, within the window, idempotent. */
export class RecallService {
  constructor(
    private readonly store: MessageStore,
    private readonly delivery: Delivery,
    private readonly windowMs: number,
    private readonly recallEvent: (m: StoredMessage, recallTime: number) => string,
    private readonly onCommitted: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the recall time (the original one when it was recalled before). */
  async recall(session: Session, msgId: Id): Promise<number> {
    const userId = session.user!.userId;
    const message = await this.store.findById(msgId);
    if (message === null) throw new RequestError(ErrorCode.NOT_FOUND, `no message ${msgId}`);
    if (message.fromUserId !== userId) throw new RequestError(ErrorCode.FORBIDDEN, 'only the sender may recall a message');
    const now = this.now();
    if (message.status !== MsgStatus.RECALLED && now - message.createTime > this.windowMs) {
      throw new RequestError(ErrorCode.RECALL_WINDOW_EXPIRED, `recall is allowed within ${this.windowMs} ms`);
    }
    const result = await this.store.recall(msgId, now, this.recallEvent);
    if (result === null) throw new RequestError(ErrorCode.NOT_FOUND, `message ${msgId} cannot be recalled`);
    if (result.kind === 'already') return result.recallTime;

    this.onCommitted();
    const { toUserId, fromUserId } = message;
    // The recall is committed: the store stops every later delivery of it even if this fails.
    await this.delivery.forget(toUserId, msgId).catch(() => undefined);
    const notice = { msgId, fromUserId, toUserId, recallTimeMs: result.recallTime };
    // Live notices are best effort (a route may be stale); the stored notice is consumed at the
    // receiver's next login, so an online receiver may hear of the recall twice. The requesting
    // device gets RECALL_RESP instead.
    await this.delivery.notify(toUserId, Cmd.RECALL_NOTIFY, notice, session);
    if (toUserId !== fromUserId) await this.delivery.notify(fromUserId, Cmd.RECALL_NOTIFY, notice, session);
    return result.recallTime;
  }
}
