import type { Logger } from './logger.js';

/** Errors longer than this are cut: the log needs to say what failed, not carry the payload. */
const MAX_ERROR_CHARS = 300;

/** An error as one short line: its message, never its stack (a gRPC error's stack is ~2 KB). */
export function errorText(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text;
}

export interface FailureLogOptions {
  /** While failing, at most one line per this long (default 60 s). */
  intervalMs?: number;
  now?: () => number;
}

/**
 * The log of one dependency's failures, by state change rather than per call: the first failure
 * of an outage is logged at once (the error's message, no stack), then at most one summary per
 * interval with the count and the last error, and one line when a call succeeds again. The
 * metrics count every failure; this says when an outage began, that it goes on, and when it
 * ended. A dependency that flaps does not log more often: a failure within an interval of the
 * previous line is not announced, and goes into the next line's count instead.
 *
 * No timer: lines are written from failed() and succeeded() calls, so a summary comes with the
 * first failure after the interval, and the last failures of an outage are in its recovery line.
 */
export class FailureLog {
  private readonly intervalMs: number;
  private readonly now: () => number;
  private failing = false;
  /** The current outage has been logged, so its end will be. */
  private announced = false;
  private outageStart = 0;
  private outageFailures = 0;
  /** Failures in no line yet. */
  private unlogged = 0;
  private lastLineAt = -Infinity;

  constructor(private readonly logger: Logger, private readonly what: string, options: FailureLogOptions = {}) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** `context` goes into the first line of an outage only (e.g. the key of the first failed event). */
  failed(err: unknown, context: Record<string, unknown> = {}): void {
    const now = this.now();
    this.unlogged++;
    this.outageFailures++;
    if (!this.failing) {
      this.failing = true;
      this.outageStart = now;
    }
    if (now - this.lastLineAt < this.intervalMs) return;
    if (!this.announced) {
      this.announced = true;
      this.outageFailures = this.unlogged;
      this.logger.warn(`${this.what} failing`, { err: errorText(err), failures: this.unlogged, ...context });
    } else {
      this.logger.warn(`${this.what} still failing`, {
        err: errorText(err), failures: this.unlogged, seconds: Math.round((now - this.outageStart) / 1000),
      });
    }
    this.lastLineAt = now;
    this.unlogged = 0;
  }

  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    if (!this.announced) return;
    const now = this.now();
    this.logger.info(`${this.what} recovered`, {
      failures: this.outageFailures, seconds: Math.round((now - this.outageStart) / 1000),
    });
    this.announced = false;
    this.outageFailures = 0;
    this.unlogged = 0;
    this.lastLineAt = now;
  }
}
