import type { FrameOf, KnownCmd } from '../protocol/messages.js';
import type { Session } from './session.js';

/**
 * The handler of one client command (Netty-style: one business handler per message type). It
 * replies through the session, or throws RequestError to answer with ERROR.
 */
export interface Strategy<C extends KnownCmd = KnownCmd> {
  readonly cmd: C;
  handle(session: Session, frame: FrameOf<C>): Promise<void> | void;
}
