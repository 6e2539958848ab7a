// transport/: sockets. Owns WebSocket and HTTP details so that nothing above it has to.
import type { WebSocket } from 'ws';
import { KickReason } from '../protocol/messages.js';
import { SocketSession, type SocketSessionOptions } from './socket-session.js';

export type WsSessionOptions = SocketSessionOptions;

/** A Session over one WebSocket. It owns the socket: nobody else writes to it. */
export class WsSession extends SocketSession {
  constructor(private readonly ws: WebSocket, remoteAddress: string, options: WsSessionOptions) {
    super(remoteAddress, options);
  }

  get closed(): boolean {
    return this.ws.readyState !== this.ws.OPEN;
  }

  close(code = 1000, reason = ''): void {
    if (!this.closed) this.ws.close(code, reason);
  }

  /** Drops the connection without a close handshake (peer unresponsive). */
  terminate(): void {
    this.ws.terminate();
  }

  protected override endAfterKick(reason: KickReason): void {
    this.ws.close(1000, KickReason[reason]);
  }

  protected writeBytes(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  protected bufferedBytes(): number {
    return this.ws.bufferedAmount;
  }
}
