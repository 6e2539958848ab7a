import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { Cmd, ErrorCode, KickReason, type KnownCmd } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { REFUSALS, type Admission } from './admission.js';
import { StaticFiles, WEB_ROOT } from './static-files.js';
import { Sweep } from './sweep.js';
import { WsSession, type WsSessionOptions } from './ws-session.js';

export interface ClientServerOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  slowConsumerBytes: number;
  slowConsumerGraceMs: number;
  /** Longest a connection may take to send its HTTP request (the upgrade), ms. */
  handshakeTimeoutMs: number;
  authTimeoutMs: number;
  heartbeatIntervalMs: number;
}

export interface ClientServerHooks {
  onOpen(session: WsSession): void;
  onClose(session: WsSession): void;
  onFrameOut(cmd: KnownCmd): void;
  onKick(reason: KickReason): void;
}

/** Frames up to this multiple of the limit still get an ERROR TOO_LARGE before close 1009. */
const HARD_LIMIT_FACTOR = 4;

/**
 * The client port: WebSocket at /ws, binary frames into the pipeline, and one sweep timer that
 * enforces the auth timeout, the heartbeat timeout and the slow-consumer grace for all sessions.
 * Plain GETs elsewhere get the web chat page's files.
 */
export class ClientServer {
  private readonly files = new StaticFiles(WEB_ROOT);
  private readonly http: http.Server;
  private readonly wss: WebSocketServer;
  private readonly live = new Set<WsSession>();
  private readonly sweep: Sweep;
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Shared by every session of this port, so that a session holds one reference, not its own copy. */
  private readonly sessionOptions: WsSessionOptions;

  constructor(
    private readonly options: ClientServerOptions,
    private readonly pipeline: Pipeline,
    private readonly hooks: ClientServerHooks,
    private readonly admission: Admission,
    private readonly logger: Logger,
  ) {
    // A socket that never finishes its request would otherwise be closed by Node only after
    // its defaults (60 s for the headers, checked every 30 s).
    this.http = http.createServer({
      headersTimeout: options.handshakeTimeoutMs,
      requestTimeout: options.handshakeTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, options.handshakeTimeoutMs / 4)),
    }, (req, res) => this.answerHttp(req, res));
    this.wss = new WebSocketServer({
      noServer: true,
      path: '/ws',
      maxPayload: options.maxFrameBytes * HARD_LIMIT_FACTOR,
      perMessageDeflate: false,
      // `live` holds the sessions; ws's own Set of them would be a second entry per connection.
      clientTracking: false,
    });
    this.http.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const refused = this.admission.check();
      if (refused !== null) {
        refuseUpgrade(socket, REFUSALS[refused]);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req.socket));
    });
    this.sweep = new Sweep(options);
    this.wss.on('error', (err) => this.logger.error('websocket server error', { err }));
    this.sessionOptions = {
      slowConsumerBytes: options.slowConsumerBytes,
      onFrameOut: hooks.onFrameOut,
      onKick: hooks.onKick,
      events: {
        message: (session, data, isBinary) => this.received(session, data, isBinary),
        close: (session) => this.closed(session),
        error: (session, err) => this.logger.debug('client socket error', { session: session.id, err: err.message }),
      },
    };
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => resolve());
    });
    this.sweepTimer = setInterval(() => this.sweep.run(this.live), this.sweep.intervalMs);
    return (this.http.address() as { port: number }).port;
  }

  get sessions(): ReadonlySet<WsSession> {
    return this.live;
  }

  /** Stops accepting connections (the open ones are `live`'s to close). */
  private async stopAccepting(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.wss.close(() => resolve());
      this.http.close();
    });
  }

  /**
   * Kicks every session and closes the port. Peers that have not finished the close handshake
   * within `waitMs` (ws would wait 30 s for each) are cut off.
   */
  async close(reason: KickReason, detail: string, waitMs: number): Promise<void> {
    if (this.sweepTimer !== null) clearInterval(this.sweepTimer);
    const closing = this.stopAccepting();
    for (const session of this.live) session.kick(reason, detail);
    const deadline = Date.now() + waitMs;
    while (this.live.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const session of this.live) session.terminate();
    this.http.closeAllConnections();
    await closing;
  }

  private answerHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!this.files.accepts(req)) {
      res.writeHead(426).end('WebSocket only, at /ws\n');
      return;
    }
    this.files.serve(req, res).catch((err: Error) => {
      this.logger.warn('static file not served', { url: req.url, err: err.message });
      res.destroy();
    });
  }

  private accept(ws: WebSocket, socket: Socket): void {
    const session = new WsSession(ws, socket, this.sessionOptions);
    this.sweep.opened(session);
    session.input = this.pipeline.connect(session, Date.now, session);
    this.live.add(session);
    this.admission.opened();
    this.hooks.onOpen(session);
  }

  private received(session: WsSession, data: RawData, isBinary: boolean): void {
    this.sweep.seen(session);
    if (!isBinary) {
      session.send(Cmd.ERROR, 0, { code: ErrorCode.BAD_REQUEST, message: 'text messages are not accepted; send binary frames' });
      session.close(1003);
      return;
    }
    session.input!.onBinary(data as Buffer);
  }

  private closed(session: WsSession): void {
    this.live.delete(session);
    this.admission.closed();
    this.hooks.onClose(session);
  }
}

/** Answers the upgrade request and closes; Retry-After asks clients to back off instead of hammering. */
function refuseUpgrade(socket: Duplex, text: string): void {
  socket.once('finish', () => socket.destroy());
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\n`
    + `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text) + 1}\r\n\r\n${text}\n`);
}
