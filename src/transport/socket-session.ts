import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { encodeFrame } from '../protocol/codec.js';
import { Cmd, type Bodies, type KickReason, type KnownCmd } from '../protocol/messages.js';
import type { PushFrame } from '../protocol/push-frame.js';
import type { Id } from '../protocol/messages.js';
import { AwaitedAcks } from '../pipeline/awaited-acks.js';
import type { Session, SessionUser } from '../pipeline/session.js';

export interface SocketSessionOptions {
  /** Send buffer above which the session is a slow consumer, bytes. */
  slowConsumerBytes: number;
  onFrameOut?: (cmd: KnownCmd) => void;
  onKick?: (reason: KickReason) => void;
}

/**
 * What a Session is on any socket: its user, frames written and counted, pushes refused while the
 * send buffer is over the slow-consumer limit, KICK before closing. A transport says how bytes
 * go out, how much is buffered and how the socket ends.
 */
export abstract class SocketSession implements Session {
  readonly id = randomUUID();
  /** Set by the port from its Sweep (ticks, not ms): the auth and heartbeat timeouts. */
  connectedTick = 0;
  lastSeenTick = 0;
  /** When the send buffer first went over the limit (ms); null while it is under. */
  slowSince: number | null = null;
  private current: SessionUser | null = null;
  /** Made on the first push or reply owed an ack: idle sessions are most sessions. */
  private awaited: AwaitedAcks | null = null;

  /** `socket`: the connection's TCP socket (under a WebSocket, the one it was upgraded on). */
  constructor(protected readonly socket: Socket, protected readonly options: SocketSessionOptions) {}

  /**
   * Read from the socket when asked (the login limiter, when it is on): reading it costs a
   * getpeername, and Node then keeps the address on the socket for the connection's life.
   */
  get remoteAddress(): string {
    return this.socket.remoteAddress ?? '';
  }

  abstract get closed(): boolean;
  /** Closes after what was sent so far (`code`: the WebSocket close code, where there is one). */
  abstract close(code?: number): void;
  /** Drops the connection at once (peer unresponsive). */
  abstract terminate(): void;
  protected abstract writeBytes(frame: Uint8Array): void;
  protected abstract bufferedBytes(): number;

  get user(): SessionUser | null {
    return this.current;
  }

  authenticate(user: SessionUser): void {
    this.current = user;
  }

  send<C extends KnownCmd>(cmd: C, seq: number, body: Bodies[C]): boolean {
    return this.write(cmd, encodeFrame(cmd, seq, body));
  }

  push(frame: PushFrame): boolean {
    if (this.checkBuffer()) return false;
    if (!this.write(frame.cmd, frame.bytes)) return false;
    if (frame.ackId !== null) (this.awaited ??= new AwaitedAcks()).add(frame.ackId);
    return true;
  }

  awaitAcks(msgIds: readonly Id[]): void {
    if (msgIds.length === 0) return;
    const awaited = (this.awaited ??= new AwaitedAcks());
    for (const msgId of msgIds) awaited.add(msgId);
  }

  owedAtLogin(msgIds: readonly Id[]): void {
    if (msgIds.length > 0 || this.awaited !== null) (this.awaited ??= new AwaitedAcks()).owed(msgIds);
  }

  takeAcks(msgIds: readonly Id[]): Id[] {
    return this.awaited === null ? [] : this.awaited.take(msgIds);
  }

  kick(reason: KickReason, detail: string): void {
    if (this.closed) return;
    this.options.onKick?.(reason);
    this.send(Cmd.KICK, 0, { reason, detail });
    this.endAfterKick(reason);
  }

  protected endAfterKick(_reason: KickReason): void {
    this.close();
  }

  /** Updates and returns the slow-consumer state. */
  checkBuffer(): boolean {
    const slow = this.bufferedBytes() > this.options.slowConsumerBytes;
    if (!slow) this.slowSince = null;
    else this.slowSince ??= Date.now();
    return slow;
  }

  private write(cmd: KnownCmd, bytes: Uint8Array): boolean {
    if (this.closed) return false;
    this.writeBytes(bytes);
    this.options.onFrameOut?.(cmd);
    this.checkBuffer();
    return true;
  }
}
