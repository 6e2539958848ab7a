// transport/: sockets. The optional raw TCP client port (PROTOCOL.md, "Optional second transport").
import net from 'node:net';
import type { Config } from '../config/schema.js';
import { Cmd, ErrorCode, KickReason, type KnownCmd } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { Session } from '../pipeline/session.js';
import { REFUSALS, type Admission } from './admission.js';
import { LengthPrefixDecoder } from './length-prefix.js';
import { Sweep } from './sweep.js';
import { TcpSession } from './tcp-session.js';

export interface TcpServerOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  /** Empty frames a session may send before KICK ABUSE (the pipeline never sees them). */
  maxBadFrames: number;
  slowConsumerBytes: number;
  slowConsumerGraceMs: number;
  authTimeoutMs: number;
  heartbeatIntervalMs: number;
}

/** The WebSocket server's hooks, typed by the Session interface so that one object serves both ports. */
export interface TcpServerHooks {
  onOpen(session: Session): void;
  onClose(session: Session): void;
  onFrameOut(cmd: KnownCmd): void;
  onKick(reason: KickReason): void;
}

/** The TCP port's settings: the WebSocket port's limits, on `server.tcpPort`. */
export function tcpServerOptions(config: Config): TcpServerOptions {
  return {
    host: config.server.host,
    port: config.server.tcpPort,
    maxFrameBytes: config.server.maxFrameBytes,
    maxBadFrames: config.limits.maxBadFrames,
    slowConsumerBytes: config.server.slowConsumerBytes,
    slowConsumerGraceMs: config.server.slowConsumerGraceMs,
    authTimeoutMs: config.auth.timeoutMs,
    heartbeatIntervalMs: config.heartbeat.intervalMs,
  };
}

/**
 * The raw TCP client port: every frame is a 4-byte big-endian length and then the frame, into
 * the same pipeline as WebSocket frames. One sweep timer enforces the auth timeout, the heartbeat
 * timeout and the slow-consumer grace, as on the WebSocket port; TCP keepalive also probes
 * connections that went quiet, so a peer that vanished without a FIN is found even while nothing
 * is being sent to it.
 */
export class TcpServer {
  private readonly server: net.Server;
  private readonly live = new Set<TcpSession>();
  private readonly sweep: Sweep;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: TcpServerOptions,
    private readonly pipeline: Pipeline,
    private readonly hooks: TcpServerHooks,
    private readonly admission: Admission,
    private readonly logger: Logger,
  ) {
    this.sweep = new Sweep(options);
    this.server = net.createServer({
      noDelay: true, // frames are small and latency-bound; Nagle would hold replies back
      keepAlive: true,
      keepAliveInitialDelay: options.heartbeatIntervalMs,
    }, (socket) => this.accept(socket));
    this.server.on('error', (err) => this.logger.error('tcp server error', { err }));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.sweepTimer = setInterval(() => this.sweep.run(this.live), this.sweep.intervalMs);
    return (this.server.address() as net.AddressInfo).port;
  }

  get sessions(): ReadonlySet<TcpSession> {
    return this.live;
  }

  /**
   * Kicks every session and closes the port. Peers that have not closed their side within
   * `waitMs` are cut off.
   */
  async close(reason: KickReason, detail: string, waitMs: number): Promise<void> {
    if (this.sweepTimer !== null) clearInterval(this.sweepTimer);
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.live) session.kick(reason, detail);
    const deadline = Date.now() + waitMs;
    while (this.live.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const session of this.live) session.terminate();
    await closing;
    // A destroyed socket reports 'close' a moment after the server does; wait for every onClose.
    while (this.live.size > 0) await new Promise((r) => setImmediate(r));
  }

  private accept(socket: net.Socket): void {
    const session = new TcpSession(socket, {
      slowConsumerBytes: this.options.slowConsumerBytes,
      onFrameOut: this.hooks.onFrameOut,
      onKick: this.hooks.onKick,
    });
    const refused = this.admission.check();
    if (refused !== null) {
      // TCP has no status line: the refusal is the contract's ERROR frame, then close.
      session.send(Cmd.ERROR, 0, { code: ErrorCode.UNAVAILABLE, message: REFUSALS[refused] });
      session.close();
      socket.on('error', () => undefined);
      return;
    }
    this.sweep.opened(session);
    const connection = this.pipeline.connect(session, Date.now, session.flow);
    const decoder = new LengthPrefixDecoder(this.options.maxFrameBytes);
    let emptyFrames = 0;
    this.live.add(session);
    this.admission.opened();
    this.hooks.onOpen(session);
    // Without an error listener one reset connection would crash the process.
    socket.on('error', (err) => this.logger.debug('client socket error', { session: session.id, err: err.message }));
    socket.on('close', () => {
      this.live.delete(session);
      this.admission.closed();
      this.hooks.onClose(session);
    });
    socket.on('data', (chunk: Buffer) => {
      // Once closing, input is read only to be dropped (see TcpSession's linger).
      for (const frame of decoder.push(chunk)) {
        if (session.closed) return;
        this.sweep.seen(session);
        if (frame.length > 0) connection.onBinary(frame);
        else this.emptyFrame(session, ++emptyFrames);
      }
      if (decoder.oversized !== null && !session.closed) {
        session.send(Cmd.ERROR, 0, {
          code: ErrorCode.TOO_LARGE,
          message: `frame of ${decoder.oversized} bytes exceeds ${this.options.maxFrameBytes}`,
        });
        session.close();
      }
    });
  }

  /**
   * A zero-length frame has no envelope, so the pipeline would take it for version 0; it is a
   * malformed frame, answered and bounded here like the pipeline answers and bounds those.
   */
  private emptyFrame(session: TcpSession, count: number): void {
    if (session.user === null) {
      session.send(Cmd.ERROR, 0, { code: ErrorCode.UNAUTHENTICATED, message: 'the first frame must be AUTH_REQ (got an empty frame)' });
      session.close();
      return;
    }
    session.send(Cmd.ERROR, 0, { code: ErrorCode.BAD_REQUEST, message: 'empty frame' });
    if (count > this.options.maxBadFrames) session.kick(KickReason.ABUSE, `more than ${this.options.maxBadFrames} empty frames`);
  }
}
