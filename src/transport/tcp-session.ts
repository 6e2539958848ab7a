// transport/: sockets. The raw TCP transport's side of a Session.
import { randomUUID } from 'node:crypto';
import type net from 'node:net';
import { encodeFrame } from '../protocol/codec.js';
import { Cmd, KickReason, type Bodies, type KnownCmd } from '../protocol/messages.js';
import type { PushFrame } from '../protocol/push-frame.js';
import type { Session, SessionUser } from '../pipeline/session.js';
import { lengthPrefixed } from './length-prefix.js';

export interface TcpSessionOptions {
  /** Send buffer above which the session is a slow consumer, bytes. */
  slowConsumerBytes: number;
  onFrameOut?: (cmd: KnownCmd) => void;
  onKick?: (reason: KickReason) => void;
}

/**
 * After we end a connection, how long the peer has to take what we sent and close its side. Until
 * then we keep reading (and dropping) what it sends: closing with unread input would make the
 * kernel answer with a reset, which can destroy our last frames (the ERROR or KICK) before the
 * peer has read them.
 */
const LINGER_MS = 5_000;

/**
 * A Session over one TCP connection, frames length-prefixed. It owns the socket: nobody else
 * writes to it. While its send buffer is over the slow-consumer limit it stops reading, so a client
 * that does not read its replies cannot make it queue more of them.
 */
export class TcpSession implements Session {
  readonly id = randomUUID();
  readonly connectedAt = Date.now();
  /** When the last complete frame arrived; partial frames do not count (slowloris). */
  lastSeen = this.connectedAt;
  /** When the send buffer first went over the limit; null while it is under. */
  slowSince: number | null = null;
  private current: SessionUser | null = null;
  private readingPaused = false;
  private lingerTimer: NodeJS.Timeout | null = null;

  constructor(private readonly socket: net.Socket, readonly remoteAddress: string, private readonly options: TcpSessionOptions) {
    socket.on('drain', () => this.checkBuffer());
    socket.on('close', () => {
      if (this.lingerTimer !== null) clearTimeout(this.lingerTimer);
    });
  }

  get user(): SessionUser | null {
    return this.current;
  }

  /** True once either side ended the connection: nothing more is sent. */
  get closed(): boolean {
    return !this.socket.writable;
  }

  authenticate(user: SessionUser): void {
    this.current = user;
  }

  send<C extends KnownCmd>(cmd: C, seq: number, body: Bodies[C]): boolean {
    return this.write(cmd, encodeFrame(cmd, seq, body));
  }

  push(frame: PushFrame): boolean {
    if (this.checkBuffer()) return false;
    return this.write(frame.cmd, frame.bytes);
  }

  private write(cmd: KnownCmd, bytes: Uint8Array): boolean {
    if (this.closed) return false;
    this.socket.write(lengthPrefixed(bytes));
    this.options.onFrameOut?.(cmd);
    this.checkBuffer();
    return true;
  }

  kick(reason: KickReason, detail: string): void {
    if (this.closed) return;
    this.options.onKick?.(reason);
    this.send(Cmd.KICK, 0, { reason, detail });
    this.end();
  }

  /** Closes after what was sent so far. TCP has no close codes: `_code` is the WebSocket's, unused. */
  close(_code?: number): void {
    if (!this.closed) this.end();
  }

  /** Drops the connection at once (peer unresponsive). */
  terminate(): void {
    this.socket.destroy();
  }

  /** Updates and returns the slow-consumer state; reads from the peer only while it is under the limit. */
  checkBuffer(): boolean {
    const slow = this.socket.writableLength > this.options.slowConsumerBytes;
    if (!slow) this.slowSince = null;
    else this.slowSince ??= Date.now();
    this.setReading(!slow || this.closed);
    return slow;
  }

  private setReading(on: boolean): void {
    if (this.readingPaused === !on) return;
    this.readingPaused = !on;
    if (on) this.socket.resume();
    else this.socket.pause();
  }

  private end(): void {
    this.socket.end();
    this.setReading(true);
    this.lingerTimer = setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
  }
}
