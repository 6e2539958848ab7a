// ops/: what operators see: metrics, health, and the ops HTTP server.
import { readdir } from 'node:fs/promises';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Cmd, ErrorCode, KickReason } from '../protocol/messages.js';
import type { PipelineObserver } from '../pipeline/pipeline.js';

const cmdName = (cmd: number) => Cmd[cmd] ?? String(cmd);

/**
 * A counter by cmd that the per-frame path bumps in `counts` (a Map increment, where prom-client's
 * inc hashes a label object per call); the registry reads it at each scrape.
 */
function byCmd(registry: Registry, name: string, help: string, counts: ReadonlyMap<number, number>): void {
  new Counter({
    name, help, labelNames: ['cmd'], registers: [registry],
    collect() {
      this.reset();
      for (const [cmd, n] of counts) this.inc({ cmd: cmdName(cmd) }, n);
    },
  });
}

/** Where the backlog gauges read their values; each one may be a query, so scrapes cache them. */
export interface BacklogSources {
  /** Pushes waiting for a C2C_ACK (the retry queue's size). */
  retryDepth: () => Promise<number>;
  /** Outbox rows not yet published to the MQ topic. */
  outboxBacklog: () => Promise<number>;
  /** PENDING messages in the message store. */
  offlineBacklog: () => Promise<number>;
}

export interface BacklogOptions {
  /** A source is read at most once per this long, on a scrape that finds its last reading older, ms. Default 5000. */
  maxAgeMs?: number;
  /** While a source has no reading, a scrape waits this long for it, then reports it unset, ms. Default 1000. */
  waitMs?: number;
}

/** One registry per gateway instance, so several gateways can live in one test process. */
export class Metrics implements PipelineObserver {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'im_connections', help: 'Open client connections', registers: [this.registry] });
  readonly refused = new Counter({
    name: 'im_connections_refused_total', help: 'Connections refused before a session, by why (full, overloaded)', labelNames: ['why'], registers: [this.registry],
  });
  readonly overloaded = new Gauge({ name: 'im_overloaded', help: '1 while new connections are shed for event-loop delay', registers: [this.registry] });
  readonly auths = new Counter({ name: 'im_auth_total', help: 'Logins by result', labelNames: ['result'], registers: [this.registry] });
  private readonly framesIn = new Map<number, number>();
  private readonly framesOut = new Map<number, number>();
  readonly errors = new Counter({ name: 'im_errors_total', help: 'ERROR frames sent by code', labelNames: ['code'], registers: [this.registry] });
  readonly kicks = new Counter({ name: 'im_kicks_total', help: 'Sessions kicked by reason', labelNames: ['reason'], registers: [this.registry] });
  readonly sendAckSeconds = new Histogram({
    name: 'im_send_ack_seconds', help: 'C2C_SEND_REQ received → C2C_SEND_ACK sent',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'im_commit_batch_size', help: 'Messages per group-commit transaction',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500], registers: [this.registry],
  });
  readonly pushes = new Counter({ name: 'im_pushes_total', help: 'C2C_PUSH sent, first or re-push', labelNames: ['kind'], registers: [this.registry] });
  readonly offlineDropped = new Counter({
    name: 'im_offline_dropped_total', help: 'Undelivered messages dropped from offline delivery', labelNames: ['why'], registers: [this.registry],
  });
  readonly publishFailures = new Counter({ name: 'im_mq_publish_failures_total', help: 'Failed MQ publish attempts (retried)', registers: [this.registry] });
  readonly published = new Counter({ name: 'im_mq_published_total', help: 'Events published to the MQ topic', registers: [this.registry] });
  readonly forwarded = new Counter({
    name: 'im_forwarded_total', help: 'Messages forwarded to the node holding the receiving session', labelNames: ['kind'], registers: [this.registry],
  });
  readonly retryDepth = this.backlogGauge('im_retry_queue_depth', 'Pushes waiting for a C2C_ACK', 'retryDepth');
  readonly outboxBacklog = this.backlogGauge('im_outbox_backlog', 'Outbox events not yet published to the MQ topic', 'outboxBacklog');
  readonly offlineBacklog = this.backlogGauge('im_offline_backlog', 'Undelivered (PENDING) messages in the message store', 'offlineBacklog');
  private backlogs: Record<keyof BacklogSources, CachedReading> | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    byCmd(this.registry, 'im_frames_in_total', 'Frames received by cmd', this.framesIn);
    byCmd(this.registry, 'im_frames_out_total', 'Frames sent by cmd', this.framesOut);
    // These walk every descriptor or handle synchronously on each scrape: 20-40 ms of a blocked
    // event loop at 20k connections. im_connections counts the sockets that matter; the
    // descriptor count is listed off the loop, in the background (listing 20k takes 20-35 ms),
    // and a scrape reports the last count.
    for (const name of ['process_open_fds', 'nodejs_active_handles', 'nodejs_active_handles_total', 'nodejs_active_resources', 'nodejs_active_resources_total']) {
      this.registry.removeSingleMetric(name);
    }
    const openFds = new CachedReading(async () => (await readdir('/proc/self/fd')).length, 5000, 0);
    new Gauge({
      name: 'process_open_fds', help: 'Number of open file descriptors (listed at most every 5 s).', registers: [this.registry],
      async collect() {
        const value = await openFds.current();
        if (value === undefined) this.remove(); // not read yet, or not Linux
        else this.set(value);
      },
    });
  }

  /** Fills the backlog gauges from `sources` on every scrape; until called they have no value. */
  observeBacklogs(sources: BacklogSources, { maxAgeMs = 5000, waitMs = 1000 }: BacklogOptions = {}): void {
    const cached = (read: () => Promise<number>) => new CachedReading(read, maxAgeMs, waitMs);
    this.backlogs = {
      retryDepth: cached(sources.retryDepth),
      outboxBacklog: cached(sources.outboxBacklog),
      offlineBacklog: cached(sources.offlineBacklog),
    };
  }

  frameIn(cmd: Cmd): void {
    this.framesIn.set(cmd, (this.framesIn.get(cmd) ?? 0) + 1);
  }

  frameOut(cmd: Cmd): void {
    this.framesOut.set(cmd, (this.framesOut.get(cmd) ?? 0) + 1);
  }

  error(code: ErrorCode): void {
    this.errors.inc({ code: ErrorCode[code] ?? String(code) });
  }

  kick(reason: KickReason): void {
    this.kicks.inc({ reason: KickReason[reason] ?? String(reason) });
  }

  private backlogGauge(name: string, help: string, source: keyof BacklogSources): Gauge {
    const metrics = this;
    return new Gauge({
      name, help, registers: [this.registry],
      // Runs on every scrape. Without a value the sample is left out: a 0 would claim "no backlog".
      async collect() {
        const value = await metrics.backlogs?.[source].current();
        if (value === undefined) this.remove();
        else this.set(value);
      },
    });
  }
}

/**
 * The last reading of a source; never rejects. A scrape does not wait on a source that has answered:
 * it gets the last answer, and an answer older than maxAgeMs starts a read whose result the next
 * scrape reports (a count over a busy database took 5-30 ms, and a scrape waiting on it was late by
 * as much). Only while there is no answer (the first read, or after a failure) does a scrape wait
 * for the read, at most waitMs.
 */
class CachedReading {
  private value: number | undefined;
  private readAt = -Infinity;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly read: () => Promise<number>,
    private readonly maxAgeMs: number,
    private readonly waitMs: number,
  ) {}

  /** The last answer, or undefined when the source failed or has not answered within waitMs. */
  async current(): Promise<number | undefined> {
    if (this.reading === null && Date.now() - this.readAt >= this.maxAgeMs) {
      // Stamped when the read starts, so a failing or slow source is not asked more often either.
      this.readAt = Date.now();
      // Wrapped: a source that throws instead of rejecting must not fail the scrape either.
      this.reading = new Promise<number>((resolve) => resolve(this.read())).then(
        (value) => { this.value = Number.isFinite(value) ? value : undefined; },
        () => { this.value = undefined; },
      ).finally(() => { this.reading = null; });
    }
    if (this.reading === null || this.value !== undefined) return this.value;
    return (await settledWithin(this.reading, this.waitMs)) ? this.value : undefined;
  }
}

/** Whether `promise` (which never rejects) settled within `ms`. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(resolve, ms, false); });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
