// transport/: sockets. Owns WebSocket and HTTP details so that nothing above it has to.
import type { Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import type { Connection, InputFlow } from '../pipeline/pipeline.js';
import { KickReason } from '../protocol/messages.js';
import { SocketSession, type SocketSessionOptions } from './socket-session.js';

/** What the port does with a session's socket events; one object for all of the port's sessions. */
export interface WsSessionEvents {
  message(session: WsSession, data: RawData, isBinary: boolean): void;
  close(session: WsSession): void;
  error(session: WsSession, err: Error): void;
}

export interface WsSessionOptions extends SocketSessionOptions {
  events: WsSessionEvents;
}

const SESSION = Symbol('session');
type OwnedSocket = WebSocket & { [SESSION]: WsSession };

// One set of listeners for every socket (`this` is the socket, which knows its session): a
// closure per listener per connection would be what an idle node spends its memory on.
function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  const session = (this as OwnedSocket)[SESSION];
  session.events.message(session, data, isBinary);
}

function onClose(this: WebSocket): void {
  const session = (this as OwnedSocket)[SESSION];
  session.events.close(session);
}

function onError(this: WebSocket, err: Error): void {
  const session = (this as OwnedSocket)[SESSION];
  session.events.error(session, err);
}

/**
 * A Session over one WebSocket. It owns the socket: nobody else writes to it. It is also the
 * pipeline's InputFlow for its socket (ws stops reading while paused; what the client sends waits
 * in TCP buffers).
 */
export class WsSession extends SocketSession implements InputFlow {
  /** The pipeline's side of this connection, where the socket's frames go; set once by the port. */
  input: Connection | null = null;
  declare protected readonly options: WsSessionOptions;

  constructor(private readonly ws: WebSocket, socket: Socket, options: WsSessionOptions) {
    super(socket, options);
    (ws as OwnedSocket)[SESSION] = this;
    // Without an error listener one oversized or broken frame would crash the process.
    ws.on('error', onError);
    ws.on('close', onClose);
    ws.on('message', onMessage);
  }

  /** The port's, shared by its sessions (in the options, so that a session holds no reference of its own). */
  get events(): WsSessionEvents {
    return this.options.events;
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

  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  override kick(reason: KickReason, detail: string): void {
    // The KICK frame and the close frame in one write, not two: a drain kicks every session in
    // one loop, and a write is most of a kick's cost (on loopback it runs the peer's TCP receive).
    this.socket.cork();
    try {
      super.kick(reason, detail);
    } finally {
      this.socket.uncork();
    }
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
