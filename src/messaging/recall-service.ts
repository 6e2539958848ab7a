import { Cmd, ErrorCode, type Id } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import type { Session } from '../pipeline/session.js';
import { recallEvent } from '../mq/events.js';
import { MsgStatus, RECALL_FORMAT, type MessageStore } from '../storage/message-store.js';
import type { Delivery } from './delivery.js';
import type { Fanout } from './fanout.js';
import type { IdSource } from './send-service.js';

/** Recalling a message: sender only, within the window, idempotent. */
export class RecallService {
  constructor(
    private readonly store: MessageStore,
    private readonly delivery: Delivery,
    /** For RECALL_NOTIFY: live and best effort (the receiver also gets a stored notice). */
    private readonly notices: Fanout,
    private readonly ids: IdSource,
    private readonly windowMs: number,
    private readonly onCommitted: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns the recall time (the original one when it was recalled before). */
  async recall(session: Session, msgId: Id): Promise<number> {
    const userId = session.user!.userId;
    const message = await this.store.findById(msgId);
    if (message === null || message.format === RECALL_FORMAT) throw new RequestError(ErrorCode.NOT_FOUND, `no message ${msgId}`);
    if (message.fromUserId !== userId) throw new RequestError(ErrorCode.FORBIDDEN, 'only the sender may recall a message');
    const now = this.now();
    if (message.status !== MsgStatus.RECALLED && now - message.createTime > this.windowMs) {
      throw new RequestError(ErrorCode.RECALL_WINDOW_EXPIRED, `recall is allowed within ${this.windowMs} ms`);
    }
    const tombstoneMsgId = this.ids.next();
    const result = await this.store.recall(msgId, now, tombstoneMsgId, recallEvent(message, now, tombstoneMsgId));
    if (result === null) throw new RequestError(ErrorCode.NOT_FOUND, `message ${msgId} cannot be recalled`);
    if (result.kind === 'already') return result.recallTime;

    this.onCommitted();
    const { toUserId, fromUserId } = message;
    // The recall is committed: the store stops every later delivery of it even if this fails.
    await this.delivery.forget(toUserId, msgId).catch(() => undefined);
    const notice = { msgId, fromUserId, toUserId, recallTimeMs: result.recallTime, convId: message.convId, seq: result.tombstone.seq };
    // The stored notice is for a receiver that was offline (PROTOCOL.md: live, or at the next
    // login): once a session took it live it is dropped, or the next login would say it again.
    // A device that was offline meanwhile learns of it from the tombstone in SYNC and HISTORY. The
    // requesting device gets RECALL_RESP instead.
    const reached = await this.notices.deliver(toUserId, Cmd.RECALL_NOTIFY, notice, { except: session });
    // A failed delete only repeats the notice at the next login.
    if (reached > 0) await this.store.deleteRecallNotices(toUserId, [msgId]).catch(() => undefined);
    if (toUserId !== fromUserId) await this.notices.deliver(fromUserId, Cmd.RECALL_NOTIFY, notice, { except: session });
    return result.recallTime;
  }
}
