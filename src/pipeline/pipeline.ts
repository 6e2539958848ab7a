import { CodecError, decodeFrame } from '../protocol/codec.js';
import { Cmd, ErrorCode, KickReason, type Frame, type KnownCmd } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import { RequestError } from './request-error.js';
import type { Session } from './session.js';
import { ONE_REQUEST, type Strategy } from './strategy.js';
import { TokenBucket } from './token-bucket.js';

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
  }

  connect(session: Session, now: () => number = Date.now, flow: InputFlow = NO_FLOW): Connection {
    let inFlight = 0;
    let paused = false;
    const started = (done: Promise<void>) => {
      inFlight += 1;
      if (inFlight >= MAX_IN_FLIGHT && !paused) {
        paused = true;
        flow.pause();
      }
      void done.finally(() => {
        inFlight -= 1;
        if (paused && inFlight <= MAX_IN_FLIGHT / 2) {
          paused = false;
          flow.resume();
        }
      });
    };
    const buckets = {
      requests: new TokenBucket(this.options.ratePerSec, this.options.rateBurst, now()),
      acks: new TokenBucket(this.options.ratePerSec * ACK_BUCKET_FACTOR, this.options.rateBurst * ACK_BUCKET_FACTOR, now()),
    };
    let badFrames = 0;

    const fail = (seq: number, code: ErrorCode, message: string) => {
      this.observer?.error(code);
      session.send(Cmd.ERROR, seq, { code, message });
      if (code === ErrorCode.UNAUTHENTICATED) session.close();
    };

    const badFrame = (seq: number, code: ErrorCode, message: string) => {
      fail(seq, code, message);
      badFrames += 1;
      if (badFrames > this.options.maxBadFrames) {
        session.kick(KickReason.ABUSE, `more than ${this.options.maxBadFrames} malformed frames`);
      }
    };

    return {
      onBinary: (bytes) => {
        let frame: Frame;
        try {
          frame = decodeFrame(bytes, this.options.maxFrameBytes);
        } catch (err) {
          if (!(err instanceof CodecError)) throw err;
          if (err.code === ErrorCode.TOO_LARGE) {
            fail(err.seq, err.code, err.message);
            session.close(CLOSE_TOO_LARGE);
          } else if (session.user === null) {
            fail(err.seq, ErrorCode.UNAUTHENTICATED, `the first frame must be AUTH_REQ (${err.message})`);
          } else {
            badFrame(err.seq, err.code, err.message);
          }
          return;
        }
        this.observer?.frameIn(frame.cmd);
        const strategy = this.strategies.get(frame.cmd);
        const access = strategy?.access ?? 'session';
        if (session.user === null && access !== 'login') {
          fail(frame.seq, ErrorCode.UNAUTHENTICATED, 'the first frame must be AUTH_REQ');
          return;
        }
        if (strategy === undefined) {
          badFrame(frame.seq, ErrorCode.UNKNOWN_CMD, `cmd ${frame.cmd} is not accepted from clients`);
          return;
        }
        if (session.user !== null && access === 'login') {
          badFrame(frame.seq, ErrorCode.BAD_REQUEST, 'already authenticated');
          return;
        }
        const meter = strategy.meter ?? ONE_REQUEST;
        const cost = meter === 'free' ? 0 : 'cost' in meter ? meter.cost : meter.costOf(frame);
        if (meter !== 'free' && !buckets[meter.bucket].take(now(), cost)) {
          fail(frame.seq, ErrorCode.RATE_LIMITED, 'too many requests; slow down');
          return;
        }
        const done = this.dispatch(session, strategy, frame, fail);
        if (done !== null) started(done);
      },
    };
  }

  /** Runs the strategy; returns its settling (never rejecting) when it is asynchronous. */
  private dispatch(
    session: Session, strategy: Strategy<KnownCmd>, frame: Frame, fail: (seq: number, code: ErrorCode, message: string) => void,
  ): Promise<void> | null {
    const onError = (err: unknown) => {
      if (err instanceof RequestError) {
        fail(frame.seq, err.code, err.message);
        return;
      }
      // Programming errors are INTERNAL; anything else that escaped a strategy is a backend failing.
      const bug = err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;
      this.logger.error('request failed', { cmd: frame.cmd, session: session.id, err });
      if (bug) fail(frame.seq, ErrorCode.INTERNAL, 'internal error');
      else fail(frame.seq, ErrorCode.UNAVAILABLE, 'temporarily unavailable; retry later');
    };
    try {
      const done = strategy.handle(session, frame);
      return done instanceof Promise ? done.catch(onError) : null;
    } catch (err) {
      onError(err);
      return null;
    }
  }
}
