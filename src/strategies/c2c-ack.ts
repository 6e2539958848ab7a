import { Cmd, ErrorCode, type FrameOf } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import { isPossibleMsgId } from '../ids/snowflake.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { Delivery } from '../messaging/delivery.js';
import type { FailureLog } from '../log/failure-log.js';

const MAX_IDS = 1000;

/** C2C_ACK: the receiver has the messages. No reply on success. */
export class C2CAckStrategy implements Strategy<typeof Cmd.C2C_ACK> {
  readonly cmd = Cmd.C2C_ACK;
  readonly meter = { bucket: 'acks', cost: 1 } as const;

  constructor(
    private readonly delivery: Delivery,
    /** Store failures on the ack path, by state change (im_errors_total{code="UNAVAILABLE"} counts them). */
    private readonly failures: Pick<FailureLog, 'failed' | 'succeeded'>,
  ) {}

  async handle(session: Session, { body }: FrameOf<typeof Cmd.C2C_ACK>): Promise<void> {
    if (body.msgIds.length > MAX_IDS) throw new RequestError(ErrorCode.BAD_REQUEST, `at most ${MAX_IDS} ids per C2C_ACK`);
    // Ids no message can have are ignored like ids of other users' messages.
    const msgIds = body.msgIds.filter(isPossibleMsgId);
    if (msgIds.length === 0) return;
    try {
      await this.delivery.ack(session.user!.userId, msgIds);
    } catch (err) {
      this.failures.failed(err, { userId: session.user!.userId, ids: msgIds.length });
      throw new RequestError(ErrorCode.UNAVAILABLE, 'ack not recorded; the messages will be pushed again');
    }
    this.failures.succeeded();
  }
}
