import { ErrorCode, MsgFormat, type Bodies, type Cmd, type Id } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import { RequestError } from '../pipeline/request-error.js';
import { messageEvent } from '../mq/events.js';
import { FIRST_SERVER_FORMAT, MsgStatus, type InsertResult, type MessageWrite, type NewMessage, type StoredMessage } from '../storage/message-store.js';
import type { Delivery } from './delivery.js';
import type { GroupCommit } from './group-commit.js';

export interface SendResult {
  message: StoredMessage;
  /** False when (sender, client_msg_id) had been accepted before: the original is returned. */
  fresh: boolean;
}

export interface IdSource {
  next(): string;
}

const MAX_CLIENT_MSG_ID = 64;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Characters (code points) in `s`. The UTF-16 length is never fewer, so code points are only
 * counted when that length is over the limit.
 */
function charCount(s: string, limit: number): number {
  return s.length <= limit ? s.length : [...s].length;
}

/** Accepting a C2C message: validate, dedup, group commit, arm delivery. */
export class SendService {
  /** Same (sender, client_msg_id) arriving again while the first is still committing. */
  private readonly inflight = new Map<string, Promise<SendResult>>();

  constructor(
    private readonly committer: GroupCommit<MessageWrite, InsertResult>,
    private readonly delivery: Delivery,
    private readonly ids: IdSource,
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
    const bad = (why: string) => new RequestError(ErrorCode.BAD_REQUEST, why);
    if (req.clientMsgId.length === 0 || charCount(req.clientMsgId, MAX_CLIENT_MSG_ID) > MAX_CLIENT_MSG_ID) {
      throw bad('client_msg_id must be 1-64 characters');
    }
    // MySQL compares VARCHARs ignoring trailing spaces: "x" and "x " would be one message there.
    if (req.clientMsgId.endsWith(' ')) throw bad('client_msg_id must not end with a space');
    // Control characters are reserved for the server's own keys (recall tombstones).
    if (CONTROL.test(req.clientMsgId)) throw bad('client_msg_id must not contain control characters');
    if (req.toUserId === '0') throw bad('to_user_id must be > 0');
    if (req.content.length === 0) throw bad('content must not be empty');
    if (!(req.format in MsgFormat) || req.format === MsgFormat.MSG_FORMAT_UNSPECIFIED) throw bad(`unknown format ${req.format}`);
    if (req.format >= FIRST_SERVER_FORMAT) throw bad(`format ${MsgFormat[req.format]} is made by the server only`);
    if (charCount(req.content, this.maxContentChars) > this.maxContentChars) {
      throw new RequestError(ErrorCode.TOO_LARGE, `content exceeds ${this.maxContentChars} characters`);
    }
  }

  private async accept(fromUserId: Id, req: Bodies[typeof Cmd.C2C_SEND_REQ]): Promise<SendResult> {
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
