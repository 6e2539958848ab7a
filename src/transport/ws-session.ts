// transport/: sockets. Owns WebSocket and HTTP details so that nothing above it has to.
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { encodeFrame } from '../protocol/codec.js';
import { Cmd, KickReason, type Bodies, type KnownCmd } from '../protocol/messages.js';
import type { PushFrame } from '../protocol/push-frame.js';
import type { Session, SessionUser } from '../pipeline/session.js';

export interface WsSessionOptions {
  /** Send buffer above which the session is a slow consumer, bytes. */
  slowConsumerBytes: number;
  onFrameOut?: (cmd: KnownCmd) => void;
  onKick?: (reason: KickReason) => void;
}

/** A Session over one WebSocket. It owns the socket: nobody else writes to it. */
export class WsSession implements Session {
  readonly id = randomUUID();
  readonly connectedAt = Date.now();
  lastSeen = this.connectedAt;
  /** When the send buffer first went over the limit; null while it is under. */
  slowSince: number | null = null;
  private current: SessionUser | null = null;

  constructor(private readonly ws: WebSocket, readonly remoteAddress: string, private readonly options: WsSessionOptions) {}

  get user(): SessionUser | null {
    return this.current;
  }

  get closed(): boolean {
    return this.ws.readyState !== this.ws.OPEN;
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
    this.ws.send(bytes);
    this.options.onFrameOut?.(cmd);
    this.checkBuffer();
    return true;
  }

  kick(reason: KickReason, detail: string): void {
    if (this.closed) return;
    this.options.onKick?.(reason);
    this.send(Cmd.KICK, 0, { reason, detail });
    this.ws.close(1000, KickReason[reason]);
  }

  close(code = 1000, reason = ''): void {
    if (!this.closed) this.ws.close(code, reason);
  }

  /** Drops the connection without a close handshake (peer unresponsive). */
  terminate(): void {
    this.ws.terminate();
  }

  /** Updates and returns the slow-consumer state. */
  checkBuffer(): boolean {
    const slow = this.ws.bufferedAmount > this.options.slowConsumerBytes;
    if (!slow) this.slowSince = null;
    else this.slowSince ??= Date.now();
    return slow;
  }
}
