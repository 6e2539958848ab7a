import { CodecError, decodeFrame } from '../protocol/codec.js';
import { Cmd, ErrorCode, KickReason, type Frame, type KnownCmd } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import { RequestError } from './request-error.js';
import type { Session } from './session.js';
import { ONE_REQUEST, type Strategy } from './strategy.js';
import { TokenRate } from './token-rate.js';

export interface PipelineOptions {
  maxFrameBytes: number;
  ratePerSec: number;
  rateBurst: number;
  maxBadFrames: number;
}

/** WebSocket close code "message too big". */
const CLOSE_TOO_LARGE = 1009;

/** The acks bucket is this many times larger than the requests bucket, which still bounds a flood. */
const ACK_BUCKET_FACTOR = 10;

/** What the transport calls for one connection. */
export interface Connection {
  onBinary(bytes: Uint8Array): void;
}

/**
 * How the pipeline slows a connection's input: while it has `MAX_IN_FLIGHT` requests unanswered
 * the transport stops reading from its socket, so that one session cannot queue unbounded work
 * (a flood sits in its own socket buffer, then TCP backpressure, not in the gateway).
 */
export interface InputFlow {
  pause(): void;
  resume(): void;
}

/** Requests of one connection being handled at once before its input is paused. */
export const MAX_IN_FLIGHT = 64;
const NO_FLOW: InputFlow = { pause: () => {}, resume: () => {} };

/** Observes the pipeline without being in it (metrics). */
export interface PipelineObserver {
  frameIn(cmd: Cmd): void;
  error(code: ErrorCode): void;
}

/**
 * decode → the strategy for the cmd → its access (auth guard) → its meter (rate limit) → the
 * strategy. Commands without a strategy are not accepted from clients. Strategies run concurrently (a
 * send waiting for its group commit does not hold up the next frame); each reply echoes its seq.
 */
export class Pipeline {
  private readonly strategies = new Map<Cmd, Strategy<KnownCmd>>();
  private readonly requestRate: TokenRate;
  private readonly ackRate: TokenRate;

  constructor(
    strategies: Strategy[],
    private readonly options: PipelineOptions,
    private readonly logger: Logger,
    private readonly observer?: PipelineObserver,
  ) {
    for (const strategy of strategies) {
      if (this.strategies.has(strategy.cmd)) throw new Error(`two strategies for cmd ${strategy.cmd}`);
      this.strategies.set(strategy.cmd, strategy);
    }
    this.requestRate = new TokenRate(options.ratePerSec, options.rateBurst);
    this.ackRate = new TokenRate(options.ratePerSec * ACK_BUCKET_FACTOR, options.rateBurst * ACK_BUCKET_FACTOR);
  }

  connect(session: Session, now: () => number = Date.now, flow: InputFlow = NO_FLOW): Connection {
    return new PipelineConnection(this, session, now, flow);
  }

  /** One frame of `conn`; called by PipelineConnection.onBinary. */
  received(conn: PipelineConnection, bytes: Uint8Array): void {
    const { session } = conn;
    let frame: Frame;
    try {
      frame = decodeFrame(bytes, this.options.maxFrameBytes);
    } catch (err) {
      if (!(err instanceof CodecError)) throw err;
      if (err.code === ErrorCode.TOO_LARGE) {
        this.fail(session, err.seq, err.code, err.message);
        session.close(CLOSE_TOO_LARGE);
      } else if (session.user === null) {
        this.fail(session, err.seq, ErrorCode.UNAUTHENTICATED, `the first frame must be AUTH_REQ (${err.message})`);
      } else {
        this.badFrame(conn, err.seq, err.code, err.message);
      }
      return;
    }
    this.observer?.frameIn(frame.cmd);
    const strategy = this.strategies.get(frame.cmd);
    const access = strategy?.access ?? 'session';
    if (session.user === null && access !== 'login') {
      this.fail(session, frame.seq, ErrorCode.UNAUTHENTICATED, 'the first frame must be AUTH_REQ');
      return;
    }
    if (strategy === undefined) {
      this.badFrame(conn, frame.seq, ErrorCode.UNKNOWN_CMD, `cmd ${frame.cmd} is not accepted from clients`);
      return;
    }
    if (session.user !== null && access === 'login') {
      this.badFrame(conn, frame.seq, ErrorCode.BAD_REQUEST, 'already authenticated');
      return;
    }
    const meter = strategy.meter ?? ONE_REQUEST;
    if (meter !== 'free') {
      const cost = 'cost' in meter ? meter.cost : meter.costOf(frame);
      if (!this.take(conn, meter.bucket, cost)) {
        this.fail(session, frame.seq, ErrorCode.RATE_LIMITED, 'too many requests; slow down');
        return;
      }
    }
    const done = this.dispatch(session, strategy, frame);
    if (done !== null) conn.started(done);
  }

  /** Takes `cost` from one of the connection's two buckets; false when it holds fewer. */
  private take(conn: PipelineConnection, which: 'requests' | 'acks', cost: number): boolean {
    const now = conn.now();
    if (which === 'requests') {
      const next = this.requestRate.take(conn.requestsFullAt, now, cost);
      if (next !== null) conn.requestsFullAt = next;
      return next !== null;
    }
    const next = this.ackRate.take(conn.acksFullAt, now, cost);
    if (next !== null) conn.acksFullAt = next;
    return next !== null;
  }

  private fail(session: Session, seq: number, code: ErrorCode, message: string): void {
    this.observer?.error(code);
    session.send(Cmd.ERROR, seq, { code, message });
    if (code === ErrorCode.UNAUTHENTICATED) session.close();
  }

  private badFrame(conn: PipelineConnection, seq: number, code: ErrorCode, message: string): void {
    this.fail(conn.session, seq, code, message);
    conn.badFrames += 1;
    if (conn.badFrames > this.options.maxBadFrames) {
      conn.session.kick(KickReason.ABUSE, `more than ${this.options.maxBadFrames} malformed frames`);
    }
  }

  /** Runs the strategy; returns its settling (never rejecting) when it is asynchronous. */
  private dispatch(session: Session, strategy: Strategy<KnownCmd>, frame: Frame): Promise<void> | null {
    try {
      const done = strategy.handle(session, frame);
      return done instanceof Promise ? done.catch((err: unknown) => this.failed(session, frame, err)) : null;
    } catch (err) {
      this.failed(session, frame, err);
      return null;
    }
  }

  private failed(session: Session, frame: Frame, err: unknown): void {
    if (err instanceof RequestError) {
      this.fail(session, frame.seq, err.code, err.message);
      return;
    }
    // Programming errors are INTERNAL; anything else that escaped a strategy is a backend failing.
    const bug = err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;
    this.logger.error('request failed', { cmd: frame.cmd, session: session.id, err });
    if (bug) this.fail(session, frame.seq, ErrorCode.INTERNAL, 'internal error');
    else this.fail(session, frame.seq, ErrorCode.UNAVAILABLE, 'temporarily unavailable; retry later');
  }
}

/**
 * One connection's state in the pipeline. A class rather than closures over connect()'s locals:
 * a node holds it for every idle connection, and fields cost a word each where a closure, its
 * context and (under tsx's keepNames) a property dictionary cost hundreds of bytes.
 */
class PipelineConnection implements Connection {
  /** The connection's two token buckets (TokenRate), each as the time it is full again. */
  requestsFullAt = 0;
  acksFullAt = 0;
  badFrames = 0;
  private inFlight = 0;
  private paused = false;

  constructor(
    private readonly pipeline: Pipeline,
    readonly session: Session,
    readonly now: () => number,
    private readonly flow: InputFlow,
  ) {}

  onBinary(bytes: Uint8Array): void {
    this.pipeline.received(this, bytes);
  }

  started(done: Promise<void>): void {
    this.inFlight += 1;
    if (this.inFlight >= MAX_IN_FLIGHT && !this.paused) {
      this.paused = true;
      this.flow.pause();
    }
    void done.finally(() => {
      this.inFlight -= 1;
      if (this.paused && this.inFlight <= MAX_IN_FLIGHT / 2) {
        this.paused = false;
        this.flow.resume();
      }
    });
  }
}
