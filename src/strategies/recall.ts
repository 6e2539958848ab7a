import { Cmd, ErrorCode, type FrameOf } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import { isPossibleMsgId } from '../ids/snowflake.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { RecallService } from '../messaging/recall-service.js';
import type { GroupService } from '../groups/group-service.js';

/** RECALL_REQ: a one-to-one message, or else a group message (the msg_id says which it is not). */
export class RecallStrategy implements Strategy<typeof Cmd.RECALL_REQ> {
  readonly cmd = Cmd.RECALL_REQ;

  constructor(private readonly recalls: RecallService, private readonly groups: Pick<GroupService, 'recall'>) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.RECALL_REQ>): Promise<void> {
    if (body.msgId === '0') throw new RequestError(ErrorCode.BAD_REQUEST, 'msg_id must be > 0');
    if (!isPossibleMsgId(body.msgId)) throw new RequestError(ErrorCode.NOT_FOUND, `no message ${body.msgId}`);
    let recallTimeMs: number;
    try {
      recallTimeMs = await this.recalls.recall(session, body.msgId);
    } catch (err) {
      if (!(err instanceof RequestError) || err.code !== ErrorCode.NOT_FOUND) throw err;
      const inGroup = await this.groups.recall(session, body.msgId);
      if (inGroup === null) throw err;
      recallTimeMs = inGroup;
    }
    session.send(Cmd.RECALL_RESP, seq, { msgId: body.msgId, recallTimeMs });
  }
}
