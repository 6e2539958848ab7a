/** Distinct subjects counted per window at most: the count is for reading, not billing. */
const MAX_SUBJECTS = 10_000;

export interface LogWindowReport {
  /** Events per key, in the order the keys first came in this window. */
  counts: ReadonlyMap<string, number>;
  total: number;
  /** Distinct subjects (users, say), counted up to 10,000. */
  subjects: number;
  /** The first few distinct subjects. */
  samples: readonly string[];
  /** From the window's first event to the report. */
  seconds: number;
}

export interface LogWindowOptions {
  /** How long a window collects before it is reported (default 60 s). */
  intervalMs?: number;
  /** How many subjects the report names (default 5). */
  samples?: number;
  now?: () => number;
  /** Runs `fn` after `ms`; returns a cancel. Default: a setTimeout that never holds the process open. */
  schedule?: (fn: () => void, ms: number) => () => void;
}

function unrefTimeout(fn: () => void, ms: number): () => void {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

/**
 * Repeated events of one kind written as one line per interval instead of one each (any client
 * can cause them by the thousand). The first event opens a window and arms a timer; when it ends,
 * `report` gets the counts per key, the distinct subjects and a few samples. Nothing is armed
 * while nothing happens, and flush() reports what is pending at once (on shutdown).
 */
export class LogWindow {
  private readonly intervalMs: number;
  private readonly sampleCount: number;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;
  private counts = new Map<string, number>();
  private total = 0;
  private subjects = new Set<string>();
  private samples: string[] = [];
  private openedAt = 0;
  private cancel: (() => void) | null = null;

  constructor(private readonly report: (window: LogWindowReport) => void, options: LogWindowOptions = {}) {
    this.intervalMs = options.intervalMs ?? 60_000;
    this.sampleCount = options.samples ?? 5;
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? unrefTimeout;
  }

  /** Counts `n` events of `key`, about `subject` if given. True when `key` is new in this window. */
  add(key: string, n = 1, subject?: string): boolean {
    if (this.cancel === null) {
      this.openedAt = this.now();
      this.cancel = this.schedule(() => this.flush(), this.intervalMs);
    }
    const before = this.counts.get(key);
    this.counts.set(key, (before ?? 0) + n);
    this.total += n;
    if (subject !== undefined && this.subjects.size < MAX_SUBJECTS && !this.subjects.has(subject)) {
      this.subjects.add(subject);
      if (this.samples.length < this.sampleCount) this.samples.push(subject);
    }
    return before === undefined;
  }

  /** Reports the open window, if any, and disarms its timer. */
  flush(): void {
    if (this.cancel === null) return;
    this.cancel();
    this.cancel = null;
    const window: LogWindowReport = {
      counts: this.counts, total: this.total, subjects: this.subjects.size, samples: this.samples,
      seconds: Math.round((this.now() - this.openedAt) / 1000),
    };
    this.counts = new Map();
    this.total = 0;
    this.subjects = new Set();
    this.samples = [];
    this.report(window);
  }
}
