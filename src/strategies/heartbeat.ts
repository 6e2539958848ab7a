import { Cmd, type FrameOf } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';

/** PING → PONG. Liveness itself is tracked by the transport: any frame counts. */
export class HeartbeatStrategy implements Strategy<typeof Cmd.PING> {
  readonly cmd = Cmd.PING;
  /** From the larger acks bucket: a client pings once per interval, a flood is bounded. */
  readonly meter = { bucket: 'acks', cost: 1 } as const;

  handle(session: Session, { seq, body }: FrameOf<typeof Cmd.PING>): void {
    session.send(Cmd.PONG, seq, { clientTimeMs: body.clientTimeMs, serverTimeMs: Date.now() });
  }
}
