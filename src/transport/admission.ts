// transport/: who may open a connection. One Admission serves every client port of a gateway, so
// the connection cap counts WebSocket and TCP sessions together.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface AdmissionOptions {
  /** Open connections past which new ones are refused; 0 = no cap. */
  maxConnections: number;
  /** Longest event-loop delay in the last window above which new connections are shed, ms; 0 = never. */
  overloadLagMs: number;
  /** How often the delay is judged; the histogram restarts each time, ms. */
  overloadWindowMs?: number;
}

export type Refusal = 'full' | 'overloaded';

export interface AdmissionObserver {
  refused(why: Refusal): void;
  overloaded(on: boolean): void;
}

/**
 * Refusing at accept costs a few syscalls; letting a login in costs a token check, presence writes
 * and an offline replay, which is exactly what an overloaded node cannot afford without slowing
 * the sessions it already holds. So the cap and the overload state are judged before a session
 * exists, and a refused client retries with backoff, likely on another node.
 */
export class Admission {
  private open = 0;
  private shedding = false;
  private readonly delay: IntervalHistogram | null;
  private readonly timer: NodeJS.Timeout | null;

  constructor(private readonly options: AdmissionOptions, private readonly observer: AdmissionObserver) {
    if (options.overloadLagMs > 0) {
      this.delay = monitorEventLoopDelay({ resolution: 10 });
      this.delay.enable();
      this.timer = setInterval(() => this.judge(), options.overloadWindowMs ?? 1000);
      this.timer.unref();
    } else {
      this.delay = null;
      this.timer = null;
    }
  }

  get connections(): number {
    return this.open;
  }

  get overloaded(): boolean {
    return this.shedding;
  }

  /** null when the connection may open; then `opened` must follow, and `closed` once it ends. */
  check(): Refusal | null {
    let why: Refusal | null = null;
    if (this.options.maxConnections > 0 && this.open >= this.options.maxConnections) why = 'full';
    else if (this.shedding) why = 'overloaded';
    if (why !== null) this.observer.refused(why);
    return why;
  }

  opened(): void {
    this.open++;
  }

  closed(): void {
    this.open--;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.delay?.disable();
  }

  private judge(): void {
    const delay = this.delay!;
    // The longest stall, not a percentile: one stall of a second among a hundred 10 ms samples
    // is the overload, and a percentile would not see it.
    const lagMs = delay.count === 0 ? 0 : delay.max / 1e6;
    delay.reset();
    const shedding = lagMs > this.options.overloadLagMs;
    if (shedding !== this.shedding) {
      this.shedding = shedding;
      this.observer.overloaded(shedding);
    }
  }
}

/** What a refused client is told: after HTTP 503 on the WebSocket port, in ERROR UNAVAILABLE on TCP. */
export const REFUSALS: Record<Refusal, string> = {
  full: 'server at its connection limit; retry later or elsewhere',
  overloaded: 'server overloaded; retry later or elsewhere',
};

/** Descriptors kept for the process's own pools, peers, log and static files. */
export const DESCRIPTOR_RESERVE = 256;

/** The soft limit on open files (Linux: /proc/self/limits); null where it cannot be read. */
export function descriptorLimit(limitsText?: string): number | null {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return null;
    }
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
  return soft === undefined || soft === 'unlimited' ? null : Number(soft);
}

/**
 * The cap in force: the configured one, or by default what the descriptor limit leaves after the
 * reserve (so the process refuses with a status instead of failing accept() with EMFILE). A
 * configured cap above that is kept, with a warning: connections past the limit will be reset.
 */
export function connectionCap(configured: number, limit: number | null): { cap: number; warning: string | null } {
  const room = limit === null ? null : Math.max(1, limit - DESCRIPTOR_RESERVE);
  if (configured === 0) return { cap: room ?? 0, warning: null };
  if (room !== null && configured > room) {
    return {
      cap: configured,
      warning: `server.maxConnections is ${configured} but the open-files limit is ${limit} (${DESCRIPTOR_RESERVE} kept for the process): raise it (ulimit -n, LimitNOFILE=) or connections past ${room} are reset`,
    };
  }
  return { cap: configured, warning: null };
}
