import { Cmd, type FrameOf } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { LivePush } from '../messaging/live-push.js';
import type { SendService } from '../messaging/send-service.js';

/** C2C_SEND_REQ → durable commit → C2C_SEND_ACK → live push (a resend is acked, not pushed again). */
export class C2CSendStrategy implements Strategy<typeof Cmd.C2C_SEND_REQ> {
  readonly cmd = Cmd.C2C_SEND_REQ;

  constructor(
    private readonly sends: SendService,
    private readonly live: LivePush,
    private readonly observeAck: (seconds: number) => void,
  ) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.C2C_SEND_REQ>): Promise<void> {
    const started = performance.now();
    const { message, fresh } = await this.sends.send(session.user!.userId, body);
    session.send(Cmd.C2C_SEND_ACK, seq, {
      clientMsgId: message.clientMsgId, msgId: message.msgId, serverTimeMs: message.createTime, convId: message.convId, seq: message.seq,
    });
    this.observeAck((performance.now() - started) / 1000);
    if (fresh) await Promise.all([this.live.first(message, session), this.live.echo(message, session)]);
  }
}
