// npm run bench -- [--mode embedded|production] [--pairs 50] [--seconds 15] [--window 8] [--relay in-process|separate]
//                   [--mq rocketmq|off] [--skip-baseline]
//
// Drives N sender/receiver pairs through the SDK against (1) a minimal in-memory ws relay (the
// baseline, same wire protocol, no persistence) and (2) a real im-connect process, both started
// here on loopback. Phase "max": every sender keeps `window` sends outstanding. Phase "half": a
// fixed rate at half of what phase max accepted, for the latency target. Prints a live progress
// line, then accepted and delivered msgs/s, send→ack and send→push percentiles, errors, the
// server's CPU and RSS, and our throughput as a ratio of the baseline's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import mysql from 'mysql2/promise';
import { signToken } from '../src/auth/jwt.js';
import { ImClient } from '../src/client/im-client.js';

interface Args {
  mode: 'embedded' | 'production';
  /** Production: who publishes the outbox (separate = a `src/relay.ts` process beside the gateway). */
  relay: 'in-process' | 'separate';
  /** Production: publish to RocketMQ, or drain the outbox without publishing (to isolate its cost). */
  mq: 'rocketmq' | 'off';
  pairs: number;
  seconds: number;
  window: number;
  skipBaseline: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { mode: 'embedded', relay: 'in-process', mq: 'rocketmq', pairs: 50, seconds: 15, window: 8, skipBaseline: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--mode') args.mode = value() === 'production' ? 'production' : 'embedded';
    else if (flag === '--relay') args.relay = value() === 'separate' ? 'separate' : 'in-process';
    else if (flag === '--mq') args.mq = value() === 'off' ? 'off' : 'rocketmq';
    else if (flag === '--pairs') args.pairs = Number(value());
    else if (flag === '--seconds') args.seconds = Number(value());
    else if (flag === '--window') args.window = Number(value());
    else if (flag === '--skip-baseline') args.skipBaseline = true;
    else throw new Error(`unknown flag ${flag}`);
  }
  return args;
}

const SECRET = 'bench-secret-0123456789abcdef0123456789';
const BENCH_DATABASE = 'im_connect_bench';

async function dropDatabase(name: string): Promise<void> {
  const env = process.env;
  const conn = await mysql.createConnection({
    host: env.IM_STORAGE__MYSQL__HOST ?? '127.0.0.1', port: Number(env.IM_STORAGE__MYSQL__PORT ?? 3306),
    user: env.IM_STORAGE__MYSQL__USER ?? 'root', password: env.IM_STORAGE__MYSQL__PASSWORD ?? '',
  });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}
const BASE_USER = 1n << 60n; // ids above 2^53, as in production
const PORTS = { relay: 7170, gateway: 7270, ops: 7271 };

interface PhaseResult {
  seconds: number;
  accepted: number;
  delivered: number;
  errors: number;
  ack: hdr.Histogram;
  push: hdr.Histogram;
  cpuPercent: number;
  maxRssMb: number;
}

function histogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
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
function procStats(pid: number): { cpuSeconds: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { cpuSeconds: ticks / 100, rssMb: (rssPages * 4096) / 1048576 };
}

function startProcess(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', ...args], {
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

const stopping = new Set<ChildProcess>();

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  stopping.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function connectPairs(url: string, pairs: number, run: string) {
  const senders: ImClient[] = [];
  const receivers: ImClient[] = [];
  for (let i = 0; i < pairs; i++) {
    const from = (BASE_USER + BigInt(2 * i)).toString();
    const to = (BASE_USER + BigInt(2 * i + 1)).toString();
    senders.push(new ImClient({ url, token: await signToken({ userId: from, secret: SECRET, ttlSeconds: 3600 }), deviceId: `bench-${run}`, requestTimeoutMs: 30_000 }));
    receivers.push(new ImClient({ url, token: await signToken({ userId: to, secret: SECRET, ttlSeconds: 3600 }), deviceId: `bench-${run}`, requestTimeoutMs: 30_000 }));
  }
  await Promise.all([...senders, ...receivers].map((c) => c.connect()));
  return { senders, receivers };
}

/**
 * One phase. `ratePerSec` 0 = closed loop with `window` outstanding per sender; otherwise each
 * sender sends at ratePerSec / pairs, open loop.
 */
async function runPhase(label: string, url: string, pid: number, args: Args, ratePerSec: number, run: string): Promise<PhaseResult> {
  const { senders, receivers } = await connectPairs(url, args.pairs, run);
  const ack = histogram();
  const push = histogram();
  let accepted = 0;
  let delivered = 0;
  let errors = 0;
  let running = true;
  const tag = `${run}|`;
  for (const receiver of receivers) {
    receiver.on('message', (m) => {
      if (!m.content.startsWith(tag)) return; // a leftover from an earlier run
      delivered += 1;
      push.recordValue(Math.max(1, Math.round((performance.now() - Number(m.content.slice(tag.length).split('|')[0])) * 1000)));
    });
  }
  const padding = 'x'.repeat(64);
  const sendOne = async (i: number) => {
    const sender = senders[i]!;
    const to = (BASE_USER + BigInt(2 * i + 1)).toString();
    const started = performance.now();
    try {
      await sender.send(to, `${tag}${started}|${padding}`);
      accepted += 1;
      ack.recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)));
    } catch {
      errors += 1;
    }
  };

  const before = procStats(pid);
  let maxRss = before.rssMb;
  const t0 = performance.now();
  const progress = setInterval(() => {
    const elapsed = (performance.now() - t0) / 1000;
    maxRss = Math.max(maxRss, procStats(pid).rssMb);
    process.stderr.write(`\r  ${label}: ${elapsed.toFixed(0)}s accepted=${accepted} (${(accepted / elapsed).toFixed(0)}/s) delivered=${delivered} errors=${errors}    `);
  }, 1000);

  const loops: Promise<void>[] = [];
  if (ratePerSec === 0) {
    for (let i = 0; i < args.pairs; i++) {
      for (let w = 0; w < args.window; w++) {
        loops.push((async () => {
          while (running) await sendOne(i);
        })());
      }
    }
  } else {
    const intervalMs = (1000 * args.pairs) / ratePerSec;
    for (let i = 0; i < args.pairs; i++) {
      loops.push((async () => {
        const inflight: Promise<void>[] = [];
        let next = performance.now() + Math.random() * intervalMs;
        while (running) {
          const wait = next - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          inflight.push(sendOne(i));
          next += intervalMs;
        }
        await Promise.all(inflight);
      })());
    }
  }
  await new Promise((r) => setTimeout(r, args.seconds * 1000));
  running = false;
  await Promise.all(loops);
  const seconds = (performance.now() - t0) / 1000;
  // let the last pushes land
  const deadline = Date.now() + 5000;
  while (delivered < accepted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  clearInterval(progress);
  const after = procStats(pid);
  process.stderr.write('\n');
  await Promise.all([...senders, ...receivers].map((c) => c.close()));
  return {
    seconds, accepted, delivered, errors, ack, push,
    cpuPercent: (100 * (after.cpuSeconds - before.cpuSeconds)) / seconds,
    maxRssMb: Math.max(maxRss, after.rssMb),
  };
}

/** A metric's value from the gateway's /metrics (first sample of that name), or null. */
async function metric(name: string): Promise<number | null> {
  const text = await (await fetch(`http://127.0.0.1:${PORTS.ops}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

function ms(h: hdr.Histogram, p: number): string {
  return (h.getValueAtPercentile(p) / 1000).toFixed(2);
}

function report(name: string, r: PhaseResult): string {
  return `| ${name} | ${(r.accepted / r.seconds).toFixed(0)} | ${(r.delivered / r.seconds).toFixed(0)} | ` +
    `${ms(r.ack, 50)} / ${ms(r.ack, 95)} / ${ms(r.ack, 99)} / ${(r.ack.maxValue / 1000).toFixed(1)} | ` +
    `${ms(r.push, 50)} / ${ms(r.push, 95)} / ${ms(r.push, 99)} / ${(r.push.maxValue / 1000).toFixed(1)} | ` +
    `${r.errors} | ${r.cpuPercent.toFixed(0)}% | ${r.maxRssMb.toFixed(0)} |`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const run = Date.now().toString(36);
  const rows: string[] = [];
  let baseline: PhaseResult | null = null;

  if (!args.skipBaseline) {
    const relay = startProcess(['scripts/bench/relay.ts', String(PORTS.relay)], {});
    try {
      await waitForPort(PORTS.relay, 20_000);
      baseline = await runPhase('baseline relay, max', `ws://127.0.0.1:${PORTS.relay}/ws`, relay.pid!, args, 0, `${run}r`);
      rows.push(report('baseline relay (no persistence), max', baseline));
    } finally {
      await stopProcess(relay);
    }
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'im-bench-'));
  const env: NodeJS.ProcessEnv = {
    IM_MODE: args.mode,
    IM_SERVER__PORT: String(PORTS.gateway),
    IM_OPS__PORT: String(PORTS.ops),
    IM_AUTH__JWT_SECRET: SECRET,
    IM_LIMITS__RATE_PER_SEC: '100000',
    IM_LIMITS__RATE_BURST: '100000',
    IM_LOG__LEVEL: 'warn',
    IM_STORAGE__SQLITE__PATH: path.join(dataDir, 'bench.sqlite'),
    ...(args.mode === 'production'
      ? { IM_STORAGE__MYSQL__DATABASE: BENCH_DATABASE, IM_MQ__KIND: args.mq, IM_MQ__RELAY: args.relay, IM_REDIS__KEY_PREFIX: `imbench:${run}:` }
      : { IM_MQ__KIND: 'off' }),
  };
  // Every run starts from an empty database: an outbox left by an earlier run would be drained
  // during this one and blur its figures.
  if (args.mode === 'production') await dropDatabase(BENCH_DATABASE);
  const gateway = startProcess(['src/main.ts'], env);
  const relay = args.mode === 'production' && args.relay === 'separate' ? startProcess(['src/relay.ts'], env) : null;
  try {
    await waitForPort(PORTS.gateway, 60_000);
    const pid = gateway.pid!;
    const relayCpu = relay === null ? null : procStats(relay.pid!).cpuSeconds;
    const t0 = performance.now();
    const url = `ws://127.0.0.1:${PORTS.gateway}/ws`;
    const max = await runPhase(`im-connect ${args.mode}, max`, url, pid, args, 0, `${run}m`);
    rows.push(report(`im-connect ${args.mode}, max`, max));
    const half = Math.max(1, Math.round(max.accepted / max.seconds / 2));
    const atHalf = await runPhase(`im-connect ${args.mode}, ${half}/s`, url, pid, args, half, `${run}h`);
    rows.push(report(`im-connect ${args.mode}, fixed ${half} msgs/s (half of max)`, atHalf));
    // The outbox decouples the MQ from sends: say how far behind the topic is when traffic stops.
    const backlog = await metric('im_outbox_backlog');
    const published = await metric('im_mq_published_total');
    const relayCpuPercent = relay === null || relayCpu === null
      ? null : (100 * (procStats(relay.pid!).cpuSeconds - relayCpu)) / ((performance.now() - t0) / 1000);
    process.stdout.write([
      '',
      `pairs=${args.pairs} window=${args.window} seconds=${args.seconds} mode=${args.mode}` +
        (args.mode === 'production' ? ` mq=${args.mq} relay=${args.relay}` : '') + ` node=${process.version}`,
      '',
      '| run | accepted msgs/s | delivered+acked msgs/s | send→ack ms p50 / p95 / p99 / max | send→push ms p50 / p95 / p99 / max | errors | server CPU | server max RSS MB |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      baseline === null ? '' : `throughput ratio (im-connect max accepted / baseline accepted): ${((max.accepted / max.seconds) / (baseline.accepted / baseline.seconds)).toFixed(2)}`,
      args.mode === 'production' && args.relay === 'in-process'
        ? `MQ events published by the gateway during the run: ${published ?? 'n/a'}; outbox backlog when traffic stopped: ${backlog ?? 'n/a'}`
        : args.mode === 'production'
          ? `outbox backlog when traffic stopped: ${backlog ?? 'n/a'}; relay process CPU: ${relayCpuPercent?.toFixed(0) ?? 'n/a'}%`
          : '',
      '',
    ].join('\n'));
  } finally {
    await stopProcess(gateway);
    if (relay !== null) await stopProcess(relay);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
