// The group scenario: one group, most of its members online, a few of them sending at a fixed
// rate; every send is measured to every online member's GROUP_PUSH. The baseline is the bare ws
// relay broadcasting the same frames to as many connections, measured in the same run.
import { htmlReport, writeHtmlReport } from './html-report.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type * as hdr from 'hdr-histogram-js';
import WebSocket from 'ws';
import { signToken } from '../../src/auth/jwt.js';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, MsgFormat, type Id, type KnownCmd, type Bodies } from '../../src/protocol/messages.js';
import {
  ADMIN_TOKEN, BASE_USER, BENCH_DATABASE, PORTS, SECRET, dropDatabase, gatewayEnv, histogram, metric, percentiles, procStats, startProcess,
  stopProcess, waitForPort, type CommonArgs,
} from './support.js';

export interface GroupArgs {
  /** Members of the group, owner included. */
  members: number;
  /** Share of the members connected, 0-1. */
  online: number;
  /** Online members that send. */
  senders: number;
  /** Sends per second, all senders together (open loop). */
  rate: number;
  /** Seconds of traffic before measuring, for the JIT and the caches. */
  warmup: number;
}

type Args = CommonArgs & GroupArgs;

interface GroupResult {
  seconds: number;
  accepted: number;
  /** Pushes received by members. */
  pushes: number;
  /** Pushes owed: each accepted send to every online member but its sender. */
  expected: number;
  errors: number;
  ack: hdr.Histogram;
  push: hdr.Histogram;
  cpuPercent: number;
  maxRssMb: number;
  loadCpuPercent: number;
  /** The load generator's event-loop delay, p99 ms: when high, its own queue is in the latencies. */
  loadLoopDelayMs: number;
  /** The gateway's event-loop delay over the phase, p99 ms (from its /metrics); null for the baseline. */
  serverLoopDelayMs: number | null;
}

/** prom-client resets its event-loop histogram at each scrape: read once before a phase, once after. */
const serverLoopDelay = async () => {
  const seconds = await metric('nodejs_eventloop_lag_p99_seconds');
  return seconds === null ? null : seconds * 1000;
};

/** Logins at once: enough to connect 1,000 members in a few seconds, few enough not to time out. */
const CONNECT_CONCURRENCY = 50;
const PADDING = 'x'.repeat(64);
/** Ends the send time in a message's content. */
const SEPARATOR = 0x7c; // '|'

/**
 * A member over a bare WebSocket: the SDK's gap detection and history fill would add client work
 * that is neither the gateway's nor the baseline's. Pushes are found by their tag in the raw bytes
 * rather than decoded: one process receives every member's ~50k pushes/s, and decoding them would
 * make the load generator, not the server, what is measured.
 */
class Member {
  private seq = 0;
  private readonly pending = new Map<number, (ok: boolean) => void>();
  private readonly heartbeat: NodeJS.Timeout;
  private tag: Buffer | null = null;
  private onPush: (sentAt: number, at: number) => void = () => {};

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.receive(data));
    ws.on('error', () => {});
    ws.on('close', () => {
      for (const resolve of this.pending.values()) resolve(false);
      this.pending.clear();
    });
    this.heartbeat = setInterval(() => this.request(Cmd.PING, { clientTimeMs: String(Date.now()) }), 20_000);
    this.heartbeat.unref();
  }

  static async login(url: string, userId: Id): Promise<Member> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const member = new Member(ws);
    const token = await signToken({ userId, secret: SECRET, ttlSeconds: 3600 });
    if (!(await member.request(Cmd.AUTH_REQ, { token, deviceId: 'bench', platform: 'bench' }))) throw new Error(`login of ${userId} refused`);
    return member;
  }

  /** True once answered; false for an ERROR or a closed connection. */
  request<C extends KnownCmd>(cmd: C, body: Bodies[C]): Promise<boolean> {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(seq, resolve);
      this.ws.send(encodeFrame(cmd, seq, body));
    });
  }

  /**
   * Calls `onPush` for each frame whose content starts with `tag` (only a GROUP_PUSH carries
   * content), with the send time the content holds.
   */
  watch(tag: string, onPush: (sentAt: number, at: number) => void): void {
    this.tag = Buffer.from(tag);
    this.onPush = onPush;
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.ws.close();
  }

  private receive(data: Buffer): void {
    const at = performance.now();
    const found = this.tag === null ? -1 : data.indexOf(this.tag);
    if (found >= 0) {
      const start = found + this.tag!.length;
      this.onPush(Number(data.toString('latin1', start, data.indexOf(SEPARATOR, start))), at);
      return;
    }
    const frame = decodeFrame(data);
    if (frame.cmd === Cmd.GROUP_PUSH) return; // the warm-up's
    const resolve = this.pending.get(frame.seq);
    if (frame.seq === 0 || resolve === undefined) return;
    this.pending.delete(frame.seq);
    resolve(frame.cmd !== Cmd.ERROR);
  }
}

const memberId = (i: number): Id => (BASE_USER + BigInt(i)).toString();
const onlineCount = (args: Args) => Math.max(2, Math.round(args.members * args.online));

async function connectMembers(url: string, args: Args): Promise<Member[]> {
  const members: Member[] = new Array(onlineCount(args));
  let next = 0;
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, async () => {
    for (let i = next++; i < members.length; i = next++) members[i] = await Member.login(url, memberId(i));
  }));
  return members;
}

/** Creates the group through the admin API, the way a business service would. */
async function createGroup(args: Args): Promise<Id> {
  const res = await fetch(`http://127.0.0.1:${PORTS.ops}/admin/groups`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ownerUserId: memberId(0), name: 'bench', memberUserIds: Array.from({ length: args.members }, (_, i) => memberId(i)) }),
  });
  const body = await res.json() as { group?: { groupId: Id }; error?: string };
  if (res.status !== 200 || body.group === undefined) throw new Error(`group not created: ${res.status} ${body.error ?? ''}`);
  return body.group.groupId;
}

/** Sends at `rate` in all for `seconds`, open loop; resolves once every send was answered. */
async function traffic(senders: Member[], groupId: Id, args: Args, seconds: number, tag: string,
  answered: (ok: boolean, started: number) => void): Promise<void> {
  const intervalMs = (1000 * senders.length) / args.rate;
  const end = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(senders.map(async (sender) => {
    const inflight: Promise<void>[] = [];
    for (let due = performance.now() + Math.random() * intervalMs; due < end; due += intervalMs) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const started = performance.now();
      // The tag only in the content: an ack (which echoes client_msg_id) must not look like a push.
      const body = { clientMsgId: `${tag.slice(0, -1)}#${n++}`, groupId, content: `${tag}${started}|${PADDING}`, format: MsgFormat.TEXT, mentionUserIds: [] };
      inflight.push(sender.request(Cmd.GROUP_SEND_REQ, body).then((ok) => answered(ok, started)));
    }
    await Promise.all(inflight);
  }));
}

async function runPhase(label: string, url: string, pid: number, groupId: Id, args: Args, run: string, gateway: boolean): Promise<GroupResult> {
  process.stderr.write(`  ${label}: connecting ${onlineCount(args)} members…`);
  const connectStarted = performance.now();
  const members = await connectMembers(url, args);
  process.stderr.write(` ${((performance.now() - connectStarted) / 1000).toFixed(1)} s\n`);
  const senders = members.slice(0, Math.min(args.senders, members.length));
  const ack = histogram();
  const push = histogram();
  const tag = `${run}|`;
  let accepted = 0;
  let errors = 0;
  let pushes = 0;
  for (const member of members) {
    member.watch(tag, (sentAt, at) => {
      pushes += 1;
      push.recordValue(Math.max(1, Math.round((at - sentAt) * 1000)));
    });
  }
  if (args.warmup > 0) {
    process.stderr.write(`  ${label}: warming up ${args.warmup} s\n`);
    await traffic(senders, groupId, args, args.warmup, `${run}w|`, () => {});
    await new Promise((r) => setTimeout(r, 500));
  }

  if (gateway) await serverLoopDelay();
  const before = procStats(pid);
  const loadBefore = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let maxRss = before.rssMb;
  const t0 = performance.now();
  const progress = setInterval(() => {
    const elapsed = (performance.now() - t0) / 1000;
    maxRss = Math.max(maxRss, procStats(pid).rssMb);
    process.stderr.write(`\r  ${label}: ${elapsed.toFixed(0)}s accepted=${accepted} pushes=${pushes} (${(pushes / elapsed).toFixed(0)}/s) errors=${errors}    `);
  }, 1000);
  await traffic(senders, groupId, args, args.seconds, tag, (ok, started) => {
    if (!ok) {
      errors += 1;
      return;
    }
    accepted += 1;
    ack.recordValue(Math.max(1, Math.round((performance.now() - started) * 1000)));
  });
  const seconds = (performance.now() - t0) / 1000;
  const expected = accepted * (members.length - 1);
  // The last pushes are still on their way when the last ack is in.
  const deadline = Date.now() + 5000;
  while (pushes < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  clearInterval(progress);
  const after = procStats(pid);
  const load = process.cpuUsage(loadBefore);
  loopDelay.disable();
  const serverLoopDelayMs = gateway ? await serverLoopDelay() : null;
  process.stderr.write('\n');
  for (const member of members) member.close();
  return {
    seconds, accepted, pushes, expected, errors, ack, push,
    cpuPercent: (100 * (after.cpuSeconds - before.cpuSeconds)) / seconds,
    maxRssMb: Math.max(maxRss, after.rssMb),
    loadCpuPercent: (100 * (load.user + load.system) / 1e6) / seconds,
    loadLoopDelayMs: loopDelay.percentile(99) / 1e6, serverLoopDelayMs,
  };
}

function row(name: string, r: GroupResult): string {
  const delivered = r.expected === 0 ? 'n/a' : `${((100 * r.pushes) / r.expected).toFixed(2)}%`;
  return `| ${name} | ${(r.accepted / r.seconds).toFixed(1)} | ${(r.pushes / r.seconds).toFixed(0)} | ${delivered} | ` +
    `${percentiles(r.ack)} | ${percentiles(r.push)} | ${r.errors} | ${r.cpuPercent.toFixed(0)}% | ${cpuPerThousand(r).toFixed(1)} | ` +
    `${r.maxRssMb.toFixed(0)} | ${r.loadCpuPercent.toFixed(0)}% / ${r.loadLoopDelayMs.toFixed(0)} ms |`;
}

/** At a fixed rate both servers push about as much; what a push costs tells them apart. */
function cpuPerThousand(r: GroupResult): number {
  return r.pushes === 0 ? 0 : (10 * r.cpuPercent * r.seconds) / (r.pushes / 1000);
}

function ratio(ours: number, theirs: number): string {
  return theirs === 0 ? 'n/a' : (ours / theirs).toFixed(2);
}

export async function runGroupScenario(args: Args): Promise<void> {
  const run = Date.now().toString(36);
  const started = performance.now();
  const rows: string[] = [];
  let baseline: GroupResult | null = null;

  if (!args.skipBaseline) {
    const relay = startProcess(['scripts/bench/relay.ts', String(PORTS.relay)], {});
    try {
      await waitForPort(PORTS.relay, 20_000);
      baseline = await runPhase('baseline ws broadcast', `ws://127.0.0.1:${PORTS.relay}/ws`, relay.pid!, '1', args, `${run}r`, false);
      rows.push(row('baseline ws broadcast (no persistence)', baseline));
    } finally {
      await stopProcess(relay);
    }
  }

  if (args.mode === 'production') await dropDatabase(BENCH_DATABASE);
  const env = { ...gatewayEnv(args, run, mkdtempSync(path.join(tmpdir(), 'im-bench-'))), IM_GROUPS__MAX_MEMBERS: String(Math.max(10_000, args.members)) };
  const gateway = startProcess(['src/main.ts'], env);
  const relay = args.mode === 'production' && args.relay === 'separate' ? startProcess(['src/relay.ts'], env) : null;
  let ours: GroupResult;
  try {
    await waitForPort(PORTS.ops, 60_000);
    await waitForPort(PORTS.gateway, 60_000);
    const groupId = await createGroup(args);
    ours = await runPhase(`im-connect ${args.mode}`, `ws://127.0.0.1:${PORTS.gateway}/ws`, gateway.pid!, groupId, args, `${run}g`, true);
    rows.push(row(`im-connect ${args.mode}`, ours));
  } finally {
    await stopProcess(gateway);
    if (relay !== null) await stopProcess(relay);
  }

  const online = onlineCount(args);
  const params = `scenario=group members=${args.members} online=${online} senders=${Math.min(args.senders, online)} rate=${args.rate} msgs/s ` +
    `seconds=${args.seconds} warmup=${args.warmup} mode=${args.mode}` +
    (args.mode === 'production' ? ` mq=${args.mq} relay=${args.relay}` : '') + ` node=${process.version}`;
  const text = [
    '',
    params,
    '',
    '| run | accepted sends/s | pushes/s | pushes delivered / owed | send→ack ms p50 / p95 / p99 / max | send→push ms p50 / p95 / p99 / max | errors | server CPU | server CPU ms per 1k pushes | server max RSS MB | load generator CPU / event-loop delay p99 |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    baseline === null ? '' : `im-connect / baseline: pushes/s ${ratio(ours.pushes / ours.seconds, baseline.pushes / baseline.seconds)}, ` +
      `send→push p50 ${ratio(ours.push.getValueAtPercentile(50), baseline.push.getValueAtPercentile(50))}×, ` +
      `p99 ${ratio(ours.push.getValueAtPercentile(99), baseline.push.getValueAtPercentile(99))}×, ` +
      `server CPU per push ${ratio(cpuPerThousand(ours), cpuPerThousand(baseline))}×`,
    `gateway event-loop delay p99 during the phase: ${ours.serverLoopDelayMs?.toFixed(1) ?? 'n/a'} ms; ` +
      `whole run: ${((performance.now() - started) / 1000).toFixed(0)} s`,
    '',
  ].join('\n');
  const runs = [...(baseline === null ? [] : [{ name: 'baseline ws broadcast', r: baseline }]), { name: `im-connect ${args.mode}`, r: ours }]
    .map(({ name, r }) => ({ name, throughput: r.pushes / r.seconds, latencies: { 'send→ack': r.ack, 'send→push': r.push } }));
  const file = writeHtmlReport('bench-group', htmlReport(`im-connect group fan-out (${args.mode})`, params, text, runs, 'pushes/s'));
  process.stdout.write(`${text}HTML report: ${file}\n`);
}
