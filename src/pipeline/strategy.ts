import type { FrameOf, KnownCmd } from '../protocol/messages.js';
import type { Session } from './session.js';

/**
 * How a command is rate-limited: `free` (the one login of a connection, heartbeats), or a
 * number of tokens from one of the session's buckets: `requests`, or `acks` (acks answer the
 * server's pushes; limiting them like requests would turn a busy receiver into a re-push storm).
 */
export type Meter<C extends KnownCmd = KnownCmd> = 'free' | { bucket: Bucket; cost: number } | MeterByFrame<C>;

export type Bucket = 'requests' | 'acks';

/** A cost that depends on what the frame asks of the gateway, e.g. the ids an ack carries. */
export interface MeterByFrame<C extends KnownCmd> {
  bucket: Bucket;
  costOf(frame: FrameOf<C>): number;
}

/** One request token: what a command costs unless its strategy says otherwise. */
export const ONE_REQUEST: Meter = { bucket: 'requests', cost: 1 };

/**
 * When a command is accepted: `login` only on a session that is not authenticated yet (the
 * command that authenticates it), `session` only on an authenticated one.
 */
export type Access = 'login' | 'session';

/**
 * The handler of one client command (Netty-style: one business handler per message type). It
 * replies through the session, or throws RequestError to answer with ERROR. The pipeline checks
 * access and meter before it is called; a command without a strategy is UNKNOWN_CMD.
 */
export interface Strategy<C extends KnownCmd = KnownCmd> {
  readonly cmd: C;
  /** Default 'session'. */
  readonly access?: Access;
  /** Default ONE_REQUEST. */
  readonly meter?: Meter<C>;
  handle(session: Session, frame: FrameOf<C>): Promise<void> | void;
}
