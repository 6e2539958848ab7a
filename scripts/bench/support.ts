// What every benchmark scenario shares: the gateway and baseline processes, their CPU and memory,
// histograms and the way figures are printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import * as hdr from 'hdr-histogram-js';
import mysql from 'mysql2/promise';

export interface CommonArgs {
  mode: 'embedded' | 'production';
  /** Production: who publishes the outbox (separate = a `src/relay.ts` process beside the gateway). */
  relay: 'in-process' | 'separate';
  /**
   * `mq.kind`: rocketmq (the default) publishes in production and is off in embedded mode, which
   * has no broker; log relays the outbox to the log sink; off writes no outbox (to isolate its cost).
   */
  mq: 'rocketmq' | 'log' | 'off';
  seconds: number;
  skipBaseline: boolean;
}

export const SECRET = 'bench-secret-0123456789abcdef0123456789';
export const ADMIN_TOKEN = 'bench-admin-token';
// Overridable so that a second bench can run beside one already using the defaults.
export const BENCH_DATABASE = process.env.IM_BENCH_DATABASE ?? 'im_connect_bench';
export const BASE_USER = 1n << 60n; // ids above 2^53, as in production
const PORT_BASE = Number(process.env.IM_BENCH_PORT_BASE ?? 7170);
export const PORTS = { relay: PORT_BASE, gateway: PORT_BASE + 100, ops: PORT_BASE + 101 };

/** The MySQL server a production bench uses: the gateway's own IM_STORAGE__MYSQL__* overrides, else the local one. */
export const BENCH_MYSQL = {
  host: process.env.IM_STORAGE__MYSQL__HOST ?? '127.0.0.1', port: Number(process.env.IM_STORAGE__MYSQL__PORT ?? 3306),
  user: process.env.IM_STORAGE__MYSQL__USER ?? 'root', password: process.env.IM_STORAGE__MYSQL__PASSWORD ?? '',
};

export async function dropDatabase(name: string): Promise<void> {
  const conn = await mysql.createConnection(BENCH_MYSQL);
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

/** Microseconds, from 1 µs to 120 s. */
export function histogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
}

export function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/** CPU seconds (user + system) and RSS of a process, from /proc. */
export function procStats(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { cpuSeconds: ticks / 100, rssMb: (rssPages * 4096) / 1048576 };
}

const stopping = new Set<ChildProcess>();

/**
 * A server under test (the gateway, the baseline relay): a child process, on the CPUs
 * BENCH_SERVER_CPUS lists when it is set (`taskset -c`), so that a server can have a core to
 * itself while the bench, its clients and the backends are pinned to the others. `nodeArgs` go
 * before BENCH_NODE_ARGS' (e.g. an --inspect port a scenario drives itself).
 */
export function startProcess(args: string[], env: NodeJS.ProcessEnv, nodeArgs: readonly string[] = []): ChildProcess {
  const command = [process.execPath, ...nodeArgs, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', ...args];
  const cpus = process.env.BENCH_SERVER_CPUS;
  // taskset execs the command: the child's pid is the server's.
  const [file, ...argv] = cpus === undefined || cpus === '' ? command : ['taskset', '-c', cpus, ...command];
  const child = spawn(file!, argv, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null && child.exitCode !== null && !stopping.has(child)) {
      process.stderr.write(`\n${args.join(' ')} exited with ${code}\n`);
    }
  });
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  stopping.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** The gateway's environment for a run: bench ports, secret and admin token, no rate limits. */
export function gatewayEnv(args: CommonArgs, run: string, dataDir: string): NodeJS.ProcessEnv {
  return {
    IM_MODE: args.mode,
    IM_SERVER__PORT: String(PORTS.gateway),
    IM_OPS__PORT: String(PORTS.ops),
    IM_OPS__ADMIN_TOKEN: ADMIN_TOKEN,
    IM_AUTH__JWT_SECRET: SECRET,
    IM_LIMITS__RATE_PER_SEC: '100000',
    IM_LIMITS__RATE_BURST: '100000',
    // The bench measures throughput: one user sends far beyond a person's budget.
    IM_LIMITS__USER_SENDS_PER_SEC: '0',
    // Max load stalls the loop by design; shedding would turn the bench's clients away.
    IM_SERVER__OVERLOAD_LAG_MS: '0',
    IM_LOG__LEVEL: 'warn',
    IM_STORAGE__SQLITE__PATH: path.join(dataDir, 'bench.sqlite'),
    ...(args.mode === 'production'
      ? { IM_STORAGE__MYSQL__DATABASE: BENCH_DATABASE, IM_MQ__KIND: args.mq, IM_MQ__RELAY: args.relay, IM_REDIS__KEY_PREFIX: `imbench:${run}:` }
      : { IM_MQ__KIND: args.mq === 'rocketmq' ? 'off' : args.mq }),
  };
}

/** The value of `--mq`. */
export function mqFlag(value: string): CommonArgs['mq'] {
  if (value !== 'rocketmq' && value !== 'log' && value !== 'off') throw new Error('--mq is rocketmq, log or off');
  return value;
}

/** A metric's value from the gateway's /metrics (first sample of that name), or null. */
export async function metric(name: string): Promise<number | null> {
  const text = await (await fetch(`http://127.0.0.1:${PORTS.ops}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Event-loop delay percentiles, ms, as prom-client's monitorEventLoopDelay histogram holds them. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/**
 * The gateway's event-loop delay since the previous scrape of its /metrics: prom-client resets
 * the histogram on every scrape, so one call at a phase's start and one at its end bound it to the
 * phase. Its timer fires every 10 ms, so an idle loop reads about 10 ms, not 0.
 */
export async function loopDelay(): Promise<LoopDelay> {
  const text = await (await fetch(`http://127.0.0.1:${PORTS.ops}/metrics`)).text();
  const seconds = (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? NaN : 1000 * Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  return { p50: seconds('nodejs_eventloop_lag_p50_seconds'), p99: seconds('nodejs_eventloop_lag_p99_seconds'), max: seconds('nodejs_eventloop_lag_max_seconds') };
}

/**
 * Where a `--cpu-prof` gateway writes its profile, and the arguments that make it do so. V8 stamps
 * samples with the monotonic clock that process.hrtime reads, so the bench writes each phase's
 * window (µs) to `phases.json` beside it and profile-summary.ts can account for each phase apart.
 */
export function profileDir(run: string): { dir: string; nodeArgs: string[] } {
  const dir = path.resolve('bench-results', 'profiles', run);
  return { dir, nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] };
}

/** Now on the clock of V8's profile timestamps, µs. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** A percentile in milliseconds, from a histogram of microseconds. */
export function ms(h: hdr.Histogram, p: number): string {
  return (h.getValueAtPercentile(p) / 1000).toFixed(2);
}

/** "p50 / p95 / p99 / max" in milliseconds. */
export function percentiles(h: hdr.Histogram): string {
  return `${ms(h, 50)} / ${ms(h, 95)} / ${ms(h, 99)} / ${(h.maxValue / 1000).toFixed(1)}`;
}

/** Walks a command line flag by flag: next() the next flag (undefined at the end), value() and number() its argument. */
export class FlagCursor {
  private i = -1;

  constructor(private readonly argv: readonly string[]) {}

  next(): string | undefined {
    return this.argv[++this.i];
  }

  value(): string {
    const flag = this.argv[this.i];
    const v = this.argv[++this.i];
    if (v === undefined) throw new Error(`${flag} needs a value`);
    return v;
  }

  /** A number in [min, max]; with `integer`, a whole one. */
  number(min: number, max = Number.MAX_SAFE_INTEGER, integer = false): number {
    const flag = this.argv[this.i];
    const v = Number(this.value());
    if (!(integer ? Number.isInteger(v) : Number.isFinite(v)) || v < min || v > max) {
      throw new Error(`${flag} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`);
    }
    return v;
  }
}
