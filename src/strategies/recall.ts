import { Cmd, ErrorCode, type FrameOf } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import { isPossibleMsgId } from '../ids/snowflake.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { RecallService } from '../messaging/recall-service.js';

export class RecallStrategy implements Strategy<typeof Cmd.RECALL_REQ> {
  readonly cmd = Cmd.RECALL_REQ;

  constructor(private readonly recalls: RecallService) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.RECALL_REQ>): Promise<void> {
    if (body.msgId === '0') throw new RequestError(ErrorCode.BAD_REQUEST, 'msg_id must be > 0');
    if (!isPossibleMsgId(body.msgId)) throw new RequestError(ErrorCode.NOT_FOUND, `no message ${body.msgId}`);
    const recallTimeMs = await this.recalls.recall(session, body.msgId);
    session.send(Cmd.RECALL_RESP, seq, { msgId: body.msgId, recallTimeMs });
  }
}
