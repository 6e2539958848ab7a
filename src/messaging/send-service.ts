import { ErrorCode, type Bodies, type Cmd, type Id } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import { RequestError } from '../pipeline/request-error.js';
import { messageEvent } from '../mq/events.js';
import { MsgStatus, type InsertResult, type MessageWrite, type NewMessage, type StoredMessage } from '../storage/message-store.js';
import type { Delivery } from './delivery.js';
import type { Commits } from '../storage/group-commit.js';
import { takeSend, validateMessage } from './validate.js';
import type { UserRate } from '../storage/user-rate.js';

export interface SendResult {
  message: StoredMessage;
  /** False when (sender, client_msg_id) had been accepted before: the original is returned. */
  fresh: boolean;
}

export interface IdSource {
  next(): string;
}

/** Accepting a C2C message: validate, dedup, group commit, arm delivery. */
export class SendService {
  /** Same (sender, client_msg_id) arriving again while the first is still committing. */
  private readonly inflight = new Map<string, Promise<SendResult>>();

  constructor(
    private readonly committer: Commits<MessageWrite, InsertResult>,
    private readonly delivery: Delivery,
    private readonly ids: IdSource,
    /** Sends per user over all its connections and nodes (per-connection limits are the pipeline's). */
    private readonly userRate: UserRate,
    private readonly maxContentChars: number,
    private readonly logger: Logger,
    private readonly onCommitted: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  send(fromUserId: Id, req: Bodies[typeof Cmd.C2C_SEND_REQ]): Promise<SendResult> {
    this.validate(req);
    const key = `${fromUserId}|${req.clientMsgId}`;
    const running = this.inflight.get(key);
    if (running !== undefined) return running.then((r) => ({ message: r.message, fresh: false }));
    const result = this.accept(fromUserId, req).finally(() => this.inflight.delete(key));
    this.inflight.set(key, result);
    return result;
  }

  private validate(req: Bodies[typeof Cmd.C2C_SEND_REQ]): void {
    validateMessage(req, this.maxContentChars);
    if (req.toUserId === '0') throw new RequestError(ErrorCode.BAD_REQUEST, 'to_user_id must be > 0');
  }

  private async accept(fromUserId: Id, req: Bodies[typeof Cmd.C2C_SEND_REQ]): Promise<SendResult> {
    await takeSend(this.userRate, fromUserId);
    let result;
    try {
      const message: NewMessage = {
        msgId: this.ids.next(), clientMsgId: req.clientMsgId, fromUserId, toUserId: req.toUserId,
        content: req.content, format: req.format, createTime: this.now(),
      };
      result = await this.committer.submit({ message, event: messageEvent(message) });
    } catch (err) {
      this.logger.warn('message store unavailable; send refused', { err: (err as Error).message });
      throw new RequestError(ErrorCode.UNAVAILABLE, 'message store unavailable; resend with the same client_msg_id');
    }
    this.onCommitted();
    // A resend after a crash between commit and arm must re-arm, or the message could strand.
    if (result.message.status === MsgStatus.PENDING) {
      try {
        await this.delivery.arm(result.message);
      } catch (err) {
        this.logger.warn('delivery queue unavailable; send refused after commit', { err: (err as Error).message });
        throw new RequestError(ErrorCode.UNAVAILABLE, 'delivery queue unavailable; resend with the same client_msg_id');
      }
    }
    return { message: result.message, fresh: result.inserted };
  }
}
