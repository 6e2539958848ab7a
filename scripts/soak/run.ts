// The soak: a gateway child process under steady acked load from sender/receiver pairs on the SDK,
// with a reconnect storm every few seconds (a share of the connections cut at once in a proxy),
// sampled throughout: the gateway's RSS and heap, its retry, outbox and offline backlogs, and
// send→ack latency. Ends by waiting until every acked message has been delivered.
import { performance } from 'node:perf_hooks';
import type * as hdr from 'hdr-histogram-js';
import { signToken } from '../../src/auth/jwt.js';
import { ImClient } from '../../src/client/im-client.js';
import type { Id } from '../../src/protocol/messages.js';
import { timeSeriesReport, writeHtmlReport } from '../bench/html-report.js';
import { SECRET, histogram, ms } from '../bench/support.js';
import { scrapeMetrics, startChildGateway, type Mode } from './gateway-child.js';
import { StormProxy } from './storm-proxy.js';

export interface SoakOptions {
  mode: Mode;
  seconds: number;
  pairs: number;
  /** Sends per second, all senders together. */
  rate: number;
  stormEverySec: number;
  /** Share of the connections each storm cuts. */
  stormFraction: number;
  sampleEverySec: number;
  progress: (line: string) => void;
}

export const SOAK_DATABASE = 'im_connect_soak';

export interface SoakSample {
  /** Seconds since the load started. */
  t: number;
  rssMb: number;
  heapMb: number;
  retryDepth: number;
  outboxBacklog: number;
  offlineBacklog: number;
  /** Sends acked since the previous sample, and their send→ack percentiles, ms. */
  acked: number;
  ackP50Ms: number;
  ackP99Ms: number;
  reconnects: number;
}

export interface SoakSummary {
  mode: Mode;
  seconds: number;
  pairs: number;
  rate: number;
  samples: number;
  acked: number;
  delivered: number;
  /** Acked, and never delivered by the end. */
  lost: number;
  sendErrors: number;
  storms: number;
  dropped: number;
  reconnects: number;
  heapSlopeMbPerMin: number;
  rssSlopeMbPerMin: number;
  heapMb: { first: number; last: number; max: number };
  rssMb: { first: number; last: number; max: number };
  maxRetryDepth: number;
  maxOutboxBacklog: number;
  maxOfflineBacklog: number;
  ackMs: { p50: number; p95: number; p99: number; max: number };
  /** Seconds the end took until every acked message was delivered (or gave up). */
  drainSeconds: number;
  report: string;
}

const BASE_USER = (1n << 61n) + 100_000n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
}

export function formatSample(s: SoakSample): string {
  return `t=${s.t.toFixed(0)}s rss=${s.rssMb.toFixed(1)}MB heap=${s.heapMb.toFixed(1)}MB retry=${s.retryDepth} outbox=${s.outboxBacklog} ` +
    `offline=${s.offlineBacklog} acked=+${s.acked} ack p50/p99=${s.ackP50Ms.toFixed(1)}/${s.ackP99Ms.toFixed(1)}ms reconnects=${s.reconnects}`;
}

export async function runSoak(options: SoakOptions): Promise<{ summary: SoakSummary; samples: SoakSample[]; table: string }> {
  const run = Date.now().toString(36);
  const gateway = await startChildGateway({ mode: options.mode, database: SOAK_DATABASE, redisPrefix: `imsoak:${run}:` });
  const proxy = new StormProxy(Number(new URL(gateway.url).port));
  const url = `ws://127.0.0.1:${await proxy.start()}/ws`;
  const clients: ImClient[] = [];
  try {
    const make = async (userId: Id) => {
      const token = await signToken({ userId, secret: SECRET, ttlSeconds: 24 * 3600 });
      const client = new ImClient({ url, token, deviceId: `soak-${run}`, requestTimeoutMs: 60_000, backoff: { initialMs: 200, maxMs: 5000 } });
      client.on('error', () => {});
      clients.push(client);
      return client;
    };
    const senders: ImClient[] = [];
    const receivers: ImClient[] = [];
    const receiverIds = Array.from({ length: options.pairs }, (_, i) => String(BASE_USER + BigInt(2 * i + 1)));
    const delivered = new Set<Id>();
    for (let i = 0; i < options.pairs; i++) {
      senders.push(await make(String(BASE_USER + BigInt(2 * i))));
      const receiver = await make(receiverIds[i]!);
      receiver.on('message', (m) => delivered.add(m.msgId));
      receivers.push(receiver);
    }
    await Promise.all(clients.map((c) => c.connect()));

    const acked = new Set<Id>();
    const total = histogram();
    let interval = histogram();
    let sendErrors = 0;
    let storms = 0;
    let dropped = 0;
    let running = true;
    const samples: SoakSample[] = [];
    const t0 = performance.now();
    const elapsed = () => (performance.now() - t0) / 1000;
    const reconnects = () => clients.reduce((s, c) => s + c.stats.reconnects, 0);

    const sendOne = async (i: number, n: number) => {
      const started = performance.now();
      try {
        const { msgId } = await senders[i]!.send(receiverIds[i]!, `soak ${run} ${i} ${n}`);
        acked.add(msgId);
        const us = Math.max(1, Math.round((performance.now() - started) * 1000));
        total.recordValue(us);
        interval.recordValue(us);
      } catch {
        sendErrors += 1;
      }
    };
    const intervalMs = (1000 * options.pairs) / options.rate;
    const loops = senders.map(async (_, i) => {
      const inflight = new Set<Promise<void>>();
      let next = performance.now() + Math.random() * intervalMs;
      for (let n = 0; running; n++) {
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
        if (!running) break;
        const p = sendOne(i, n).finally(() => inflight.delete(p));
        inflight.add(p);
        next += intervalMs;
      }
      await Promise.all(inflight);
    });
    const stormer = (async () => {
      while (running) {
        await sleep(options.stormEverySec * 1000);
        if (!running) break;
        storms += 1;
        dropped += proxy.drop(options.stormFraction);
      }
    })();
    const sample = async () => {
      const m = await scrapeMetrics(gateway.opsUrl);
      const s: SoakSample = {
        t: elapsed(),
        rssMb: (m.get('process_resident_memory_bytes') ?? NaN) / 1048576,
        heapMb: (m.get('nodejs_heap_size_used_bytes') ?? NaN) / 1048576,
        retryDepth: m.get('im_retry_queue_depth') ?? NaN,
        outboxBacklog: m.get('im_outbox_backlog') ?? NaN,
        offlineBacklog: m.get('im_offline_backlog') ?? NaN,
        acked: interval.totalCount,
        ackP50Ms: interval.totalCount === 0 ? 0 : Number(ms(interval, 50)),
        ackP99Ms: interval.totalCount === 0 ? 0 : Number(ms(interval, 99)),
        reconnects: reconnects(),
      };
      interval = histogram();
      samples.push(s);
      options.progress(formatSample(s));
    };
    while (elapsed() < options.seconds) {
      await sleep(Math.min(options.sampleEverySec, Math.max(0.05, options.seconds - elapsed())) * 1000);
      await sample();
    }
    running = false;
    await Promise.all([...loops, stormer]);
    const drainStarted = performance.now();
    const deadline = Date.now() + 60_000;
    while ([...acked].some((id) => !delivered.has(id)) && Date.now() < deadline) await sleep(200);
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    await sample();

    const minutes = (points: SoakSample[], pick: (s: SoakSample) => number): Array<[number, number]> =>
      points.map((s): [number, number] => [s.t / 60, pick(s)]).filter(([, y]) => Number.isFinite(y));
    // A gauge the gateway could not compute for one scrape (its store timed out) is NaN there.
    const maxOf = (pick: (s: SoakSample) => number) => Math.max(...samples.map(pick).filter(Number.isFinite));
    const range = (pick: (s: SoakSample) => number) => ({ first: pick(samples[0]!), last: pick(samples[samples.length - 1]!), max: maxOf(pick) });
    const lost = [...acked].filter((id) => !delivered.has(id)).length;
    const pct = (h: hdr.Histogram, p: number) => Number(ms(h, p));
    const params = `mode=${options.mode} seconds=${options.seconds} pairs=${options.pairs} rate=${options.rate}/s storm every ${options.stormEverySec}s ` +
      `cutting ${(options.stormFraction * 100).toFixed(0)}% sample every ${options.sampleEverySec}s node=${process.version}`;
    const summary: Omit<SoakSummary, 'report'> = {
      mode: options.mode, seconds: options.seconds, pairs: options.pairs, rate: options.rate, samples: samples.length,
      acked: acked.size, delivered: [...acked].filter((id) => delivered.has(id)).length, lost, sendErrors, storms, dropped, reconnects: reconnects(),
      heapSlopeMbPerMin: slope(minutes(samples, (s) => s.heapMb)), rssSlopeMbPerMin: slope(minutes(samples, (s) => s.rssMb)),
      heapMb: range((s) => s.heapMb), rssMb: range((s) => s.rssMb),
      maxRetryDepth: maxOf((s) => s.retryDepth), maxOutboxBacklog: maxOf((s) => s.outboxBacklog),
      maxOfflineBacklog: maxOf((s) => s.offlineBacklog),
      ackMs: { p50: pct(total, 50), p95: pct(total, 95), p99: pct(total, 99), max: total.maxValue / 1000 },
      drainSeconds,
    };
    const table = [
      params,
      `acked ${summary.acked}, delivered ${summary.delivered}, lost ${lost}, send errors ${sendErrors}; ${storms} storms cut ${dropped} connections, ${summary.reconnects} SDK reconnects; drained in ${drainSeconds.toFixed(1)} s`,
      `heap ${summary.heapMb.first.toFixed(1)} → ${summary.heapMb.last.toFixed(1)} MB (max ${summary.heapMb.max.toFixed(1)}), slope ${summary.heapSlopeMbPerMin.toFixed(2)} MB/min`,
      `rss ${summary.rssMb.first.toFixed(1)} → ${summary.rssMb.last.toFixed(1)} MB (max ${summary.rssMb.max.toFixed(1)}), slope ${summary.rssSlopeMbPerMin.toFixed(2)} MB/min`,
      `max depths: retry ${summary.maxRetryDepth}, outbox ${summary.maxOutboxBacklog}, offline ${summary.maxOfflineBacklog}`,
      `send→ack ms p50 / p95 / p99 / max: ${summary.ackMs.p50} / ${summary.ackMs.p95} / ${summary.ackMs.p99} / ${summary.ackMs.max.toFixed(1)}`,
      '',
      ...samples.map(formatSample),
    ].join('\n');
    const report = writeHtmlReport('soak', timeSeriesReport(`im-connect soak (${options.mode})`, params, table, [
      { title: 'Gateway memory', yUnit: 'MB', xUnit: 'min', series: [{ name: 'RSS', points: minutes(samples, (s) => s.rssMb) }, { name: 'heap used', points: minutes(samples, (s) => s.heapMb) }] },
      {
        title: 'Backlogs', yUnit: 'entries', xUnit: 'min', series: [
          { name: 'retry queue', points: minutes(samples, (s) => s.retryDepth) }, { name: 'outbox', points: minutes(samples, (s) => s.outboxBacklog) },
          { name: 'offline (pending)', points: minutes(samples, (s) => s.offlineBacklog) },
        ],
      },
      { title: 'send→ack latency per sample', yUnit: 'ms', xUnit: 'min', series: [{ name: 'p50', points: minutes(samples, (s) => s.ackP50Ms) }, { name: 'p99', points: minutes(samples, (s) => s.ackP99Ms) }] },
    ]));
    return { summary: { ...summary, report }, samples, table };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await proxy.stop();
    await gateway.stop();
  }
}
