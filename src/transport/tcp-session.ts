// transport/: sockets. The raw TCP transport's side of a Session.
import type net from 'node:net';
import { lengthPrefixed } from './length-prefix.js';
import { SocketSession, type SocketSessionOptions } from './socket-session.js';

export type TcpSessionOptions = SocketSessionOptions;

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
export class TcpSession extends SocketSession {
  private readingPaused = false;
  /** The pipeline asked to stop reading: the session has too many requests in flight. */
  private busy = false;
  private lingerTimer: NodeJS.Timeout | null = null;

  constructor(socket: net.Socket, options: TcpSessionOptions) {
    super(socket, options);
    socket.on('drain', () => this.checkBuffer());
    socket.on('close', () => {
      if (this.lingerTimer !== null) clearTimeout(this.lingerTimer);
    });
  }

  /** True once either side ended the connection: nothing more is sent. */
  get closed(): boolean {
    return !this.socket.writable;
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
  override checkBuffer(): boolean {
    const slow = super.checkBuffer();
    this.setReading((!slow && !this.busy) || this.closed);
    return slow;
  }

  /** The pipeline's input flow: reading stops while either it or the send buffer says so. */
  readonly flow = {
    pause: () => {
      this.busy = true;
      this.setReading(this.closed);
    },
    resume: () => {
      this.busy = false;
      this.checkBuffer();
    },
  };

  protected writeBytes(frame: Uint8Array): void {
    this.socket.write(lengthPrefixed(frame));
  }

  protected bufferedBytes(): number {
    return this.socket.writableLength;
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
