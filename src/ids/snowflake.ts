// ids/: 64-bit message ids, unique across nodes and increasing with time, without coordination.
//
// Layout (most significant first): 1 zero bit | 41 bits ms since SNOWFLAKE_EPOCH_MS | 10 bits
// worker id | 12 bits sequence within the ms. 41 bits of ms last ~69.7 years: until 2093-09.
// Ids exceed 2^53 from 2024-01-25 on, so they travel as decimal strings and are built with BigInt.

/** 2024-01-01T00:00:00Z. Fixed forever: changing it would reorder and collide with issued ids. */
export const SNOWFLAKE_EPOCH_MS = Date.UTC(2024, 0, 1);

/** Snowflakes are signed 63-bit: a uint64 on the wire above this can name no message. */
export const MAX_MSG_ID = 2n ** 63n - 1n;

/** Whether a decoded uint64 id can be a msg_id at all (1 ... 2^63-1). */
export function isPossibleMsgId(id: string): boolean {
  const n = BigInt(id);
  return n > 0n && n <= MAX_MSG_ID;
}

const WORKER_BITS = 10n;
const SEQUENCE_BITS = 12n;
const MAX_WORKER_ID = (1 << Number(WORKER_BITS)) - 1;
const MAX_SEQUENCE = (1 << Number(SEQUENCE_BITS)) - 1;
const MAX_TIME_MS = 2 ** 41 - 1;
const MAX_ID = (1n << 63n) - 1n;

export interface SnowflakeOptions {
  /** 0-1023; distinct for every generator that runs at the same time. */
  workerId: number;
  /** Wall clock, integer ms since the Unix epoch. */
  now?: () => number;
  /** Blocks for about `ms`. Used only while the clock is behind the last issued id. */
  sleep?: (ms: number) => void;
  /** A clock step back at least this large throws instead of blocking, ms. Default 5000. */
  maxBackwardMs?: number;
}

export class ClockMovedBackwardsError extends Error {
  override readonly name = 'ClockMovedBackwardsError';

  constructor(readonly behindMs: number) {
    super(`clock moved backwards by ${behindMs} ms; refusing to issue ids until it catches up`);
  }
}

// Blocking is the point: next() is synchronous, and this only runs when the clock stepped back.
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function blockingSleep(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

export class Snowflake {
  private readonly workerBits: bigint;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => void;
  private readonly maxBackwardMs: number;
  private lastMs = -1;
  private sequence = 0;

  constructor({ workerId, now = Date.now, sleep = blockingSleep, maxBackwardMs = 5000 }: SnowflakeOptions) {
    if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER_ID) {
      throw new RangeError(`snowflake worker id must be an integer 0-${MAX_WORKER_ID}, got ${workerId}`);
    }
    this.workerBits = BigInt(workerId) << SEQUENCE_BITS;
    this.now = now;
    this.sleep = sleep;
    this.maxBackwardMs = maxBackwardMs;
  }

  /** A new id as a decimal string; strictly greater than every id this instance issued before. */
  next(): string {
    // State changes only once nothing can throw, so a failed call cannot cause a later duplicate.
    let ms = this.now();
    if (ms < this.lastMs) ms = this.waitUntil(this.lastMs);
    let sequence = 0;
    if (ms === this.lastMs) {
      sequence = (this.sequence + 1) & MAX_SEQUENCE;
      // 4096 ids in this ms already: the next one must carry a later ms.
      if (sequence === 0) ms = this.waitUntil(this.lastMs + 1);
    }
    const sinceEpoch = ms - SNOWFLAKE_EPOCH_MS;
    if (sinceEpoch < 0 || sinceEpoch > MAX_TIME_MS) throw new RangeError(`clock ${ms} is outside the snowflake time range`);
    const id = ((BigInt(sinceEpoch) << (WORKER_BITS + SEQUENCE_BITS)) | this.workerBits | BigInt(sequence)).toString();
    this.lastMs = ms;
    this.sequence = sequence;
    return id;
  }

  /** Reads the clock until it reaches `targetMs`; returns that reading. */
  private waitUntil(targetMs: number): number {
    for (;;) {
      const ms = this.now();
      if (ms >= targetMs) return ms;
      const behind = targetMs - ms;
      // A big step (NTP correction, VM restore) would block for too long: fail the caller instead.
      if (behind >= this.maxBackwardMs) throw new ClockMovedBackwardsError(behind);
      // Sleep through most of the gap; spin the last ms, where sleep granularity is too coarse.
      if (behind > 1) this.sleep(behind - 1);
    }
  }
}

/** The lowest snowflake id minted at `ms` or later: msg ids below it are older. */
export function snowflakeAt(ms: number): string {
  return (BigInt(Math.max(0, Math.floor(ms) - SNOWFLAKE_EPOCH_MS)) << (WORKER_BITS + SEQUENCE_BITS)).toString();
}

export interface SnowflakeParts {
  /** Unix time of the id, ms. */
  timeMs: number;
  workerId: number;
  sequence: number;
}

export function parseSnowflake(id: string): SnowflakeParts {
  if (!/^(0|[1-9]\d{0,18})$/.test(id) || BigInt(id) > MAX_ID) throw new RangeError(`not a snowflake id: '${id}'`);
  const n = BigInt(id);
  return {
    timeMs: Number(n >> (WORKER_BITS + SEQUENCE_BITS)) + SNOWFLAKE_EPOCH_MS,
    workerId: Number((n >> SEQUENCE_BITS) & BigInt(MAX_WORKER_ID)),
    sequence: Number(n & BigInt(MAX_SEQUENCE)),
  };
}
