// npm run bench -- [--scenario c2c|group|connections] [--mode embedded|production] [--seconds N] [--skip-baseline]
//                   [--relay in-process|separate] [--mq rocketmq|log|off] [--profile]
//   c2c (default):  [--pairs 50] [--window 8]                        (--seconds 15 per phase)
//   group:          [--members 1000] [--online 1] [--senders 4] [--rate 20] [--warmup 3]  (--seconds 20)
//   connections:    [--connections 20000] [--sources 4] [--concurrency 200] [--idle 30] [--settle 5]
//                   [--heap-snapshot PREFIX] [--cpu-profile PREFIX] [--restart] (scripts/bench/connections.ts)
//
// c2c drives N sender/receiver pairs through the SDK against (1) a minimal in-memory ws relay (the
// baseline, same wire protocol, no persistence) and (2) a real im-connect process, both started
// here on loopback. Phase "max": every sender keeps `window` sends outstanding. Phase "half": a
// fixed rate at half of what phase max accepted, for the latency target. Prints a live progress
// line, then accepted and delivered msgs/s, send→ack and send→push percentiles, errors, the
// server's CPU and RSS, and our throughput as a ratio of the baseline's. With --profile the
// gateway runs under --cpu-prof (bench-results/profiles/<run>/, with each phase's window in
// phases.json for scripts/bench/profile-summary.ts), and its event-loop delay is printed per phase.
//
// group: one group of `members`, `online` of them connected, `senders` of those sending
// `rate` msgs/s in all; send→push latency to every online member and pushes/s, beside the same
// frames broadcast by the bare ws relay to as many connections (scripts/bench/group.ts).
import { htmlReport, writeHtmlReport } from './bench/html-report.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as hdr from 'hdr-histogram-js';
import { signToken } from '../src/auth/jwt.js';
import { ImClient } from '../src/client/im-client.js';
import { runGroupScenario, type GroupArgs } from './bench/group.js';
import { parseConnectionsArgs, runConnectionsScenario } from './bench/connections.js';
import {
  ADMIN_TOKEN, BASE_USER, BENCH_DATABASE, PORTS, SECRET, dropDatabase, gatewayEnv, histogram, loopDelay, metric, monotonicMicros, ms, procStats, profileDir,
  startProcess, stopProcess, waitForPort, type CommonArgs, type LoopDelay,
  FlagCursor, mqFlag,
} from './bench/support.js';

interface Args extends CommonArgs, GroupArgs {
  scenario: 'c2c' | 'group';
  pairs: number;
  window: number;
  profile: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    scenario: 'c2c', mode: 'embedded', relay: 'in-process', mq: 'rocketmq', pairs: 50, seconds: 15, window: 8, skipBaseline: false, profile: false,
    members: 1000, online: 1, senders: 4, rate: 20, warmup: 3,
  };
  let seconds: number | null = null;
  const flags = new FlagCursor(argv);
  for (let flag = flags.next(); flag !== undefined; flag = flags.next()) {
    if (flag === '--scenario') {
      const v = flags.value();
      if (v !== 'c2c' && v !== 'group') throw new Error('--scenario is c2c or group');
      args.scenario = v;
    } else if (flag === '--mode') args.mode = flags.value() === 'production' ? 'production' : 'embedded';
    else if (flag === '--relay') args.relay = flags.value() === 'separate' ? 'separate' : 'in-process';
    else if (flag === '--mq') args.mq = mqFlag(flags.value());
    else if (flag === '--pairs') args.pairs = Number(flags.value());
    else if (flag === '--seconds') seconds = flags.number(1);
    else if (flag === '--window') args.window = Number(flags.value());
    else if (flag === '--skip-baseline') args.skipBaseline = true;
    else if (flag === '--profile') args.profile = true;
    else if (flag === '--members') args.members = Math.round(flags.number(2));
    else if (flag === '--online') args.online = flags.number(0, 1);
    else if (flag === '--senders') args.senders = Math.round(flags.number(1));
    else if (flag === '--rate') args.rate = flags.number(0.1);
    else if (flag === '--warmup') args.warmup = flags.number(0);
    else throw new Error(`unknown flag ${flag}`);
  }
  // One fixed-rate phase per server instead of two: the group run keeps to ~2 minutes in all.
  // The group's default rate (20 msgs/s = 20k pushes/s to 1,000 members) leaves a 2-core machine
  // some headroom with the load generator on it; at 50 even the bare relay queues for seconds.
  args.seconds = seconds ?? (args.scenario === 'group' ? 20 : 15);
  return args;
}

interface PhaseResult {
  seconds: number;
  accepted: number;
  delivered: number;
  errors: number;
  ack: hdr.Histogram;
  push: hdr.Histogram;
  cpuPercent: number;
  maxRssMb: number;
  /** The gateway's, over the phase; null for the baseline relay (no /metrics). */
  loop: LoopDelay | null;
  /** The phase's window on V8's profile clock, µs. */
  window: { from: number; to: number };
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
async function runPhase(label: string, url: string, pid: number, args: Args, ratePerSec: number, run: string, gateway = true): Promise<PhaseResult> {
  const { senders, receivers } = await connectPairs(url, args.pairs, run);
  // This scrape empties the histogram: the one after the phase covers the phase alone.
  if (gateway) await loopDelay();
  const from = monotonicMicros();
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
  const to = monotonicMicros();
  const loop = gateway ? await loopDelay() : null;
  process.stderr.write('\n');
  await Promise.all([...senders, ...receivers].map((c) => c.close()));
  return {
    seconds, accepted, delivered, errors, ack, push,
    cpuPercent: (100 * (after.cpuSeconds - before.cpuSeconds)) / seconds,
    maxRssMb: Math.max(maxRss, after.rssMb),
    loop, window: { from, to },
  };
}

function loopLine(name: string, r: PhaseResult): string {
  return r.loop === null ? '' : `gateway event-loop delay, ${name}: p50 ${r.loop.p50.toFixed(1)} / p99 ${r.loop.p99.toFixed(1)} / max ${r.loop.max.toFixed(1)} ms`;
}

function report(name: string, r: PhaseResult): string {
  return `| ${name} | ${(r.accepted / r.seconds).toFixed(0)} | ${(r.delivered / r.seconds).toFixed(0)} | ` +
    `${ms(r.ack, 50)} / ${ms(r.ack, 95)} / ${ms(r.ack, 99)} / ${(r.ack.maxValue / 1000).toFixed(1)} | ` +
    `${ms(r.push, 50)} / ${ms(r.push, 95)} / ${ms(r.push, 99)} / ${(r.push.maxValue / 1000).toFixed(1)} | ` +
    `${r.errors} | ${r.cpuPercent.toFixed(0)}% | ${r.maxRssMb.toFixed(0)} |`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // Its own flags: none of the c2c and group ones apply.
  if (argv.includes('connections') && argv[argv.indexOf('connections') - 1] === '--scenario') return runConnectionsScenario(parseConnectionsArgs(argv));
  const args = parseArgs(argv);
  if (args.scenario === 'group') return runGroupScenario(args);
  const run = Date.now().toString(36);
  const rows: string[] = [];
  let baseline: PhaseResult | null = null;

  if (!args.skipBaseline) {
    const relay = startProcess(['scripts/bench/relay.ts', String(PORTS.relay)], {});
    try {
      await waitForPort(PORTS.relay, 20_000);
      baseline = await runPhase('baseline relay, max', `ws://127.0.0.1:${PORTS.relay}/ws`, relay.pid!, args, 0, `${run}r`, false);
      rows.push(report('baseline relay (no persistence), max', baseline));
    } finally {
      await stopProcess(relay);
    }
  }

  const env = gatewayEnv(args, run, mkdtempSync(path.join(tmpdir(), 'im-bench-')));
  // Every run starts from an empty database: an outbox left by an earlier run would be drained
  // during this one and blur its figures.
  if (args.mode === 'production') await dropDatabase(BENCH_DATABASE);
  const profile = args.profile ? profileDir(run) : null;
  const gateway = startProcess(['src/main.ts'], env, profile?.nodeArgs);
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
    // Counted now (the admin API reads the store; the gauge reports the reading a previous scrape started).
    const node = await (await fetch(`http://127.0.0.1:${PORTS.ops}/admin/node`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() as { outboxBacklog: number };
    const backlog = node.outboxBacklog;
    const published = await metric('im_mq_published_total');
    const relayCpuPercent = relay === null || relayCpu === null
      ? null : (100 * (procStats(relay.pid!).cpuSeconds - relayCpu)) / ((performance.now() - t0) / 1000);
    const params = `pairs=${args.pairs} window=${args.window} seconds=${args.seconds} mode=${args.mode}` +
      (args.mode === 'production' ? ` mq=${args.mq} relay=${args.relay}` : args.mq === 'rocketmq' ? '' : ` mq=${args.mq}`) + ` node=${process.version}`;
    const text = [
      '',
      params,
      '',
      '| run | accepted msgs/s | delivered+acked msgs/s | send→ack ms p50 / p95 / p99 / max | send→push ms p50 / p95 / p99 / max | errors | server CPU | server max RSS MB |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      baseline === null ? '' : `throughput ratio (im-connect max accepted / baseline accepted): ${((max.accepted / max.seconds) / (baseline.accepted / baseline.seconds)).toFixed(2)}`,
      loopLine('max', max),
      loopLine(`${half}/s`, atHalf),
      args.mode === 'production' && args.relay === 'in-process'
        ? `MQ events published by the gateway during the run: ${published ?? 'n/a'}; outbox backlog when traffic stopped: ${backlog ?? 'n/a'}`
        : args.mode === 'production'
          ? `outbox backlog when traffic stopped: ${backlog ?? 'n/a'}; relay process CPU: ${relayCpuPercent?.toFixed(0) ?? 'n/a'}%`
          : '',
      '',
    ].join('\n');
    const runs = [
      ...(baseline === null ? [] : [{ name: 'baseline relay, max', r: baseline }]),
      { name: `im-connect ${args.mode}, max`, r: max },
      { name: `im-connect ${args.mode}, ${half}/s`, r: atHalf },
    ].map(({ name, r }) => ({ name, throughput: r.accepted / r.seconds, latencies: { 'send→ack': r.ack, 'send→push': r.push } }));
    const file = writeHtmlReport('bench', htmlReport(`im-connect bench (${args.mode})`, params, text, runs, 'accepted msgs/s'));
    process.stdout.write(`${text}HTML report: ${file}\n`);
    if (profile !== null) {
      mkdirSync(profile.dir, { recursive: true });
      writeFileSync(path.join(profile.dir, 'phases.json'), JSON.stringify({ max: max.window, half: atHalf.window }));
    }
  } finally {
    await stopProcess(gateway);
    if (relay !== null) await stopProcess(relay);
  }
  if (profile !== null) process.stdout.write(`CPU profile: ${profile.dir} (npx tsx scripts/bench/profile-summary.ts ${path.relative(process.cwd(), profile.dir)})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
