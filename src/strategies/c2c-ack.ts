import { Cmd, ErrorCode, type FrameOf } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import { isPossibleMsgId } from '../ids/snowflake.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { Delivery } from '../messaging/delivery.js';
import type { FailureLog } from '../log/failure-log.js';

const MAX_IDS = 1000;
/** Ack ids one token of the acks bucket pays for. */
export const IDS_PER_TOKEN = 10;

/** C2C_ACK: the receiver has the messages. No reply on success. */
export class C2CAckStrategy implements Strategy<typeof Cmd.C2C_ACK> {
  readonly cmd = Cmd.C2C_ACK;
  /** By the ids carried: one frame of 1000 ids is 1000 rows to settle, not one request. */
  readonly meter = { bucket: 'acks', costOf: ({ body }: FrameOf<typeof Cmd.C2C_ACK>) => Math.max(1, Math.ceil(body.msgIds.length / IDS_PER_TOKEN)) } as const;

  constructor(
    private readonly delivery: Delivery,
    /** Store failures on the ack path, by state change (im_errors_total{code="UNAVAILABLE"} counts them). */
    private readonly failures: Pick<FailureLog, 'failed' | 'succeeded'>,
  ) {}

  async handle(session: Session, { body }: FrameOf<typeof Cmd.C2C_ACK>): Promise<void> {
    if (body.msgIds.length > MAX_IDS) throw new RequestError(ErrorCode.BAD_REQUEST, `at most ${MAX_IDS} ids per C2C_ACK`);
    // Ids this session was never given cost nothing: no store or Redis call for a flood of them.
    const msgIds = session.takeAcks(body.msgIds.filter(isPossibleMsgId));
    if (msgIds.length === 0) return;
    try {
      await this.delivery.ack(session.user!.userId, msgIds);
    } catch (err) {
      // Still owed: the client may ack them again, or the re-push makes it.
      session.awaitAcks(msgIds);
      this.failures.failed(err, { userId: session.user!.userId, ids: msgIds.length });
      throw new RequestError(ErrorCode.UNAVAILABLE, 'ack not recorded; the messages will be pushed again');
    }
    this.failures.succeeded();
  }
}
