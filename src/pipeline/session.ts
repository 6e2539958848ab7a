// pipeline/: per-frame processing (decode → auth guard → rate limit → strategy) over a Session.
import type { Bodies, Id, KickReason, KnownCmd } from '../protocol/messages.js';
import type { PushFrame } from '../protocol/push-frame.js';

export interface SessionUser {
  userId: Id;
  deviceId: string;
  platform: string;
  /** AuthReq.echo_own_messages: this user's messages sent from other sessions are pushed here too. */
  echoOwnMessages: boolean;
  /**
   * The token's `exp` plus the clock tolerance (sessionValidUntil): the transport's sweep kicks the
   * session (AUTH_EXPIRED) from then on. Absent when the token had no `exp`.
   */
  tokenValidUntilMs?: number;
}

/**
 * One client connection as strategies and services see it. Implemented by the transport; nothing
 * here knows about sockets.
 */
export interface Session {
  readonly id: string;
  readonly remoteAddress: string;
  /** Null until AUTH_REQ succeeded. */
  readonly user: SessionUser | null;
  readonly closed: boolean;
  authenticate(user: SessionUser): void;
  /** Sends a reply or notice. False when the session is closed. */
  send<C extends KnownCmd>(cmd: C, seq: number, body: Bodies[C]): boolean;
  /**
   * Sends a server-initiated delivery (C2C_PUSH, RECALL_NOTIFY, notices), as encoded once for
   * all its receivers. False when it was not sent: the session is closed or a slow consumer;
   * the caller keeps the message undelivered.
   */
  push(frame: PushFrame): boolean;
  /** Records msg_ids given in a reply (PULL_OFFLINE_RESP) as owed a C2C_ACK, as push() does for C2C_PUSH. */
  awaitAcks(msgIds: readonly Id[]): void;
  /** Records what the user was owed at login (its offline list), which this session may ack too. */
  owedAtLogin(msgIds: readonly Id[]): void;
  /** Of `msgIds`, those this session was given or owed at login and has not acked before; they are forgotten. */
  takeAcks(msgIds: readonly Id[]): Id[];
  /** Sends KICK and closes. */
  kick(reason: KickReason, detail: string): void;
  /** Closes after what was sent so far, with a WebSocket close code (default 1000). */
  close(code?: number): void;
}
