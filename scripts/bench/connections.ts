// The connections scenario: memory per idle authenticated connection, the connect+auth rate of a
// wave of logins and the CPU of holding them idle with heartbeats, against a bare ws server that
// accepts the same connections, measured in the same run.
//
// Three kinds of process, so that the load generator's memory and descriptors are not the
// server's: this one (orchestration, figures), the server (the gateway or the bare baseline, each
// started with an inspector port this process drives to force GC, take heap snapshots and CPU
// profiles), and one client process per loopback source address (127.0.B.1..127.0.B.N, a fresh
// block B per wave), each holding its share of the connections, so that no source runs out of
// ephemeral ports and no process out of descriptors.
//   node --import tsx scripts/bench/connections.ts clients   (a client process; its spec in BENCH_CLIENTS)
//   node --import tsx scripts/bench/connections.ts baseline PORT OPS_PORT
import { randomInt } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as hdr from 'hdr-histogram-js';
import WebSocket, { WebSocketServer } from 'ws';
import { signToken } from '../../src/auth/jwt.js';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd } from '../../src/protocol/messages.js';
import { descriptorLimit } from '../../src/transport/admission.js';
import {
  BASE_USER, BENCH_DATABASE, PORTS, SECRET, dropDatabase, gatewayEnv, histogram, metric, ms, procStats, startProcess, stopProcess,
  waitForPort, type CommonArgs,
  FlagCursor, mqFlag,
} from './support.js';

export interface ConnectionsArgs extends CommonArgs {
  connections: number;
  sources: number;
  /** Logins in flight at once, all client processes together. */
  concurrency: number;
  /** The idle window over which CPU is measured, s. */
  idleSeconds: number;
  /** Wait after the wave before memory is read, s: work a login started may outlast its AUTH_RESP. */
  settleSeconds: number;
  /**
   * Write heap snapshots of each server before the wave and idle with every connection open
   * (`<prefix>-<server>-empty.heapsnapshot`, `<prefix>-<server>.heapsnapshot`), to diff.
   */
  heapSnapshot: string | null;
  /** Write CPU profiles of each server during the wave, the idle window and the storm, `<prefix>-<server>[-idle|-storm].cpuprofile`. */
  cpuProfile: string | null;
  /**
   * After the idle window, restart the server (SIGTERM, start again with the same data) and have
   * every client log in again as soon as its port is back: the reconnect storm of a deploy.
   */
  restart: boolean;
}

const HEARTBEAT_MS = 10_000;
/** The client's ping wheel: one timer per client process, each tick pings one slot's connections. */
const WHEEL_TICK_MS = 100;
const WHEEL_SLOTS = HEARTBEAT_MS / WHEEL_TICK_MS;
// Beside the relay's port, so that IM_BENCH_PORT_BASE moves them all for a second bench.
const BASELINE_OPS_PORT = PORTS.relay + 1;
const INSPECT_PORTS = { baseline: PORTS.relay + 2, gateway: PORTS.relay + 3 };
/** Descriptors a server keeps for itself (the gateway's own reserve, plus listeners, pools, files). */
const DESCRIPTOR_RESERVE = 300;
/** Scrapes of /metrics after the idle window. */
const SCRAPES = 10;
const THIS_FILE = fileURLToPath(import.meta.url);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowMs = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// The client process

interface ClientSpec {
  url: string;
  /** The last byte of this process's source addresses, 127.0.B.<source>; B comes with each wave. */
  source: number;
  firstUser: string;
  count: number;
  concurrency: number;
}

type ToClient = { type: 'go' | 'storm'; block: number } | { type: 'stats' };
type FromClient =
  | { type: 'ready' }
  | { type: 'wave'; startedAt: number; endedAt: number; authed: number; failed: number; firstFailure: string | null; handshakeUs: number[]; authUs: number[] }
  | { type: 'stats'; pongs: number; open: number; dropped: number };

async function clientProcess(): Promise<void> {
  const spec = JSON.parse(process.env.BENCH_CLIENTS ?? '') as ClientSpec;
  const send = (m: FromClient) => process.send!(m);
  // Everything a connection sends is encoded before the wave: the wave measures the server.
  const authFrames: Uint8Array[] = [];
  for (let i = 0; i < spec.count; i++) {
    const token = await signToken({ userId: (BigInt(spec.firstUser) + BigInt(i)).toString(), secret: SECRET, ttlSeconds: 7200 });
    authFrames.push(encodeFrame(Cmd.AUTH_REQ, 1, { token, deviceId: 'bench', platform: 'bench' }));
  }
  const ping = encodeFrame(Cmd.PING, 2, { clientTimeMs: '0' });
  const sockets: (WebSocket | null)[] = new Array(spec.count).fill(null);
  const authed = new Uint8Array(spec.count);
  let handshakeUs: number[] = [];
  let authUs: number[] = [];
  let pongs = 0;
  let dropped = 0;
  let failed = 0;
  let firstFailure: string | null = null;

  const wave = (localAddress: string) => new Promise<void>((resolve) => {
    let next = 0;
    let settled = 0;
    const openOne = () => {
      if (next >= spec.count) return;
      const i = next++;
      const t0 = performance.now();
      let sentAt = 0;
      let over = false;
      const ws = new WebSocket(spec.url, { localAddress, perMessageDeflate: false });
      const done = (why: string | null) => {
        if (over) return;
        over = true;
        if (why !== null) {
          failed += 1;
          firstFailure ??= why;
        }
        settled += 1;
        if (settled === spec.count) resolve();
        else openOne();
      };
      ws.on('open', () => {
        sentAt = performance.now();
        handshakeUs.push(Math.max(1, Math.round((sentAt - t0) * 1000)));
        ws.send(authFrames[i]!);
      });
      ws.on('message', (data: Buffer) => {
        if (authed[i] === 1) {
          pongs += 1;
          return;
        }
        const frame = decodeFrame(data);
        if (frame.cmd !== Cmd.AUTH_RESP) {
          ws.terminate();
          done(`cmd ${frame.cmd} instead of AUTH_RESP`);
          return;
        }
        authed[i] = 1;
        sockets[i] = ws;
        authUs.push(Math.max(1, Math.round((performance.now() - sentAt) * 1000)));
        done(null);
      });
      ws.on('error', (err) => done(err.message));
      ws.on('close', () => {
        if (authed[i] === 1 && sockets[i] === ws) {
          authed[i] = 2;
          dropped += 1;
        }
        done('closed before AUTH_RESP');
      });
    };
    for (let c = 0; c < Math.min(spec.concurrency, spec.count); c++) openOne();
  });

  const report = (startedAt: number, block: number) => wave(`127.0.${block}.${spec.source}`).then(() => send({
    type: 'wave', startedAt, endedAt: nowMs(), authed: authUs.length, failed, firstFailure, handshakeUs, authUs,
  }));

  process.on('message', (m: ToClient) => {
    if (m.type === 'stats') {
      let open = 0;
      for (let i = 0; i < spec.count; i++) if (authed[i] === 1) open += 1;
      send({ type: 'stats', pongs, open, dropped });
      return;
    }
    if (m.type === 'storm') {
      // The server went away and is back: every connection logs in again, the wave's figures anew.
      authed.fill(0);
      sockets.fill(null);
      handshakeUs = [];
      authUs = [];
      failed = 0;
      firstFailure = null;
      void report(nowMs(), m.block);
      return;
    }
    const startedAt = nowMs();
    let tick = 0;
    // By the clock, not by the number of fires: a process starved during the wave fires late, and
    // one slot per fire would stretch every connection's ping period past the server's timeout.
    setInterval(() => {
      const due = Math.floor((nowMs() - startedAt) / WHEEL_TICK_MS);
      for (; tick <= due; tick++) {
        for (let i = tick % WHEEL_SLOTS; i < spec.count; i += WHEEL_SLOTS) if (authed[i] === 1) sockets[i]!.send(ping);
      }
    }, WHEEL_TICK_MS);
    void report(startedAt, m.block);
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

class Clients {
  private readonly children: ChildProcess[] = [];
  private readonly inbox = new Map<ChildProcess, FromClient[]>();
  private readonly waiters = new Map<ChildProcess, (m: FromClient) => void>();
  private block = 0;

  constructor(url: string, args: ConnectionsArgs) {
    const per = Math.ceil(args.connections / args.sources);
    for (let s = 0; s < args.sources; s++) {
      const count = Math.min(per, args.connections - s * per);
      if (count <= 0) break;
      const spec: ClientSpec = {
        url, source: s + 1, firstUser: (BASE_USER + BigInt(s * per)).toString(), count,
        concurrency: Math.max(1, Math.round(args.concurrency / args.sources)),
      };
      const child = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, 'clients'], {
        env: { ...process.env, BENCH_CLIENTS: JSON.stringify(spec) },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      this.inbox.set(child, []);
      child.on('message', (m: FromClient) => {
        const waiter = this.waiters.get(child);
        if (waiter === undefined) this.inbox.get(child)!.push(m);
        else {
          this.waiters.delete(child);
          waiter(m);
        }
      });
      this.children.push(child);
    }
  }

  private next(child: ChildProcess): Promise<FromClient> {
    const queued = this.inbox.get(child)!.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => this.waiters.set(child, resolve));
  }

  private all<T extends FromClient['type']>(type: T): Promise<Extract<FromClient, { type: T }>[]> {
    return Promise.all(this.children.map(async (child) => {
      const m = await this.next(child);
      if (m.type !== type) throw new Error(`client process sent ${m.type}, expected ${type}`);
      return m as Extract<FromClient, { type: T }>;
    }));
  }

  ready(): Promise<unknown> {
    return this.all('ready');
  }

  /** The first wave (`go`) or, once the server is back from a restart, every client again (`storm`). */
  wave(type: 'go' | 'storm'): Promise<Extract<FromClient, { type: 'wave' }>[]> {
    // A fresh block of source addresses for each wave: the previous wave's connections (the
    // baseline's, an earlier run's, or before a restart this one's) sit in TIME_WAIT on theirs
    // for a minute, and binding new ones beside them slowed the next wave's clients (auth p50
    // 15 → 85 ms, rate 732 → 500/s); after a restart, 19,700 of them made each client process
    // spend a third of a core in the kernel looking for a free port, the server waiting.
    let block: number;
    do block = 1 + randomInt(250); while (block === this.block);
    this.block = block;
    for (const child of this.children) child.send({ type, block } satisfies ToClient);
    return this.all('wave');
  }

  async stats(): Promise<{ pongs: number; open: number; dropped: number }> {
    for (const child of this.children) child.send({ type: 'stats' } satisfies ToClient);
    const replies = await this.all('stats');
    return replies.reduce((a, r) => ({ pongs: a.pongs + r.pongs, open: a.open + r.open, dropped: a.dropped + r.dropped }), { pongs: 0, open: 0, dropped: 0 });
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map(async (child) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }));
  }
}

// ---------------------------------------------------------------------------------------------
// The baseline: a bare ws server that answers AUTH_REQ and PING, and nothing else

function baselineProcess(port: number, opsPort: number): void {
  const wss = new WebSocketServer({ host: '127.0.0.1', port, path: '/ws', perMessageDeflate: false });
  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => {
      const frame = decodeFrame(data);
      if (frame.cmd === Cmd.AUTH_REQ) {
        // The token is trusted: the baseline holds connections, it does not verify anything.
        const { sub } = JSON.parse(Buffer.from(frame.body.token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string };
        ws.send(encodeFrame(Cmd.AUTH_RESP, frame.seq, { userId: sub, sessionId: sub, heartbeatIntervalMs: HEARTBEAT_MS, serverTimeMs: Date.now() }));
      } else if (frame.cmd === Cmd.PING) {
        ws.send(encodeFrame(Cmd.PONG, frame.seq, { clientTimeMs: frame.body.clientTimeMs, serverTimeMs: Date.now() }));
      }
    });
  });
  http.createServer((_req, res) => {
    const { rss, heapUsed } = process.memoryUsage();
    res.end(JSON.stringify({ rss, heapUsed }));
  }).listen(opsPort, '127.0.0.1');
}

// ---------------------------------------------------------------------------------------------
// The inspector, driven over its WebSocket (Chrome DevTools Protocol)

class Inspector {
  private nextId = 1;
  private readonly replies = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  private onChunk: ((chunk: string) => void) | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { id?: number; method?: string; params?: { chunk: string }; result?: unknown; error?: { message: string } };
      if (m.method === 'HeapProfiler.addHeapSnapshotChunk') this.onChunk?.(m.params!.chunk);
      else if (m.id !== undefined) this.replies.get(m.id)?.(m);
    });
  }

  static async attach(port: number): Promise<Inspector> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json() as { webSocketDebuggerUrl: string }[];
        const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        return new Inspector(ws);
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`no inspector on ${port}: ${(err as Error).message}`);
        await sleep(200);
      }
    }
  }

  call<T = unknown>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.replies.set(id, (m) => {
      this.replies.delete(id);
      if (m.error !== undefined) reject(new Error(`${method}: ${m.error.message}`));
      else resolve(m.result as T);
    }));
  }

  /** Full GCs until the heap stops shrinking (weak callbacks and finalizers free more on the next). */
  async gc(): Promise<void> {
    for (let i = 0; i < 3; i++) await this.call('HeapProfiler.collectGarbage');
  }

  async heapSnapshot(file: string): Promise<void> {
    const out = createWriteStream(file);
    this.onChunk = (chunk) => out.write(chunk);
    await this.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    this.onChunk = null;
    await new Promise((resolve) => out.end(resolve));
  }

  async startProfile(): Promise<void> {
    await this.call('Profiler.enable');
    await this.call('Profiler.start');
  }

  async stopProfile(file: string): Promise<void> {
    const { profile } = await this.call<{ profile: unknown }>('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
  }

  close(): void {
    this.ws.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The run

interface Server {
  name: 'baseline' | 'gateway';
  label: string;
  url: string;
  /** RSS and V8 heap used, bytes, as the server reports them. */
  memory(): Promise<{ rss: number; heap: number }>;
}

/** A server process with its inspector; `restart` stops it (SIGTERM) and starts it again. */
interface Running {
  child: ChildProcess;
  inspector: Inspector;
  restart(): Promise<void>;
}

/** One wave of logins, all client processes together. */
interface Logins {
  connections: number;
  failed: number;
  firstFailure: string | null;
  ratePerSec: number;
  cpuMsPerLogin: number;
  handshake: hdr.Histogram;
  auth: hdr.Histogram;
}

interface Result {
  label: string;
  wave: Logins;
  before: { rss: number; heap: number };
  after: { rss: number; heap: number };
  idleCpuPercent: number;
  pongs: number;
  expectedPongs: number;
  dropped: number;
  /** Ten scrapes of /metrics 200 ms apart after the idle window, ms: median and slowest; null for the baseline. */
  scrapeMs: { p50: number; max: number } | null;
  /** The gateway's kicks by reason over the run (im_kicks_total), to tell what dropped connections. */
  kicks: string;
  /** With `--restart`: the logins of the storm, and the time from SIGTERM to the port open again. */
  storm: (Logins & { restartSeconds: number }) | null;
}

/** Runs a wave (or a storm) of logins, with the server's CPU over it and its profile if asked. */
async function logins(server: Server, running: Running, clients: Clients, type: 'go' | 'storm', profile: string | null): Promise<Logins> {
  if (profile !== null) await running.inspector.startProfile();
  const pid = running.child.pid!;
  const cpu0 = procStats(pid).cpuSeconds;
  const progress = setInterval(() => process.stderr.write(`\r  ${server.label}: ${type === 'go' ? 'wave' : 'storm'}…    `), 1000);
  const waves = await clients.wave(type).finally(() => clearInterval(progress));
  const cpu = procStats(pid).cpuSeconds - cpu0;
  if (profile !== null) await running.inspector.stopProfile(profile);
  const handshake = histogram();
  const auth = histogram();
  for (const w of waves) {
    for (const v of w.handshakeUs) handshake.recordValue(v);
    for (const v of w.authUs) auth.recordValue(v);
  }
  const authed = waves.reduce((n, w) => n + w.authed, 0);
  const seconds = (Math.max(...waves.map((w) => w.endedAt)) - Math.min(...waves.map((w) => w.startedAt))) / 1000;
  process.stderr.write(`\r  ${server.label}: ${authed} logged in in ${seconds.toFixed(1)} s\n`);
  return {
    connections: authed, failed: waves.reduce((n, w) => n + w.failed, 0),
    firstFailure: waves.find((w) => w.firstFailure !== null)?.firstFailure ?? null,
    ratePerSec: authed / seconds, cpuMsPerLogin: (1000 * cpu) / Math.max(1, authed), handshake, auth,
  };
}

async function measure(server: Server, args: ConnectionsArgs, running: Running): Promise<Result> {
  const profile = (suffix: string) => (args.cpuProfile === null ? null : `${args.cpuProfile}-${server.name}${suffix}.cpuprofile`);
  await running.inspector.gc();
  await sleep(1000);
  const before = await server.memory();
  if (args.heapSnapshot !== null) {
    await running.inspector.heapSnapshot(`${args.heapSnapshot}-${server.name}-empty.heapsnapshot`);
    await running.inspector.gc();
  }
  const clients = new Clients(server.url, args);
  try {
    await clients.ready();
    const wave = await logins(server, running, clients, 'go', profile(''));
    process.stderr.write(`  settling ${args.settleSeconds} s, GC, idle ${args.idleSeconds} s…\n`);

    // Offline replay and presence writes finish after AUTH_RESP: let them, then collect.
    await sleep(args.settleSeconds * 1000);
    await running.inspector.gc();
    await sleep(2000);
    const after = await server.memory();
    if (args.heapSnapshot !== null) {
      await running.inspector.heapSnapshot(`${args.heapSnapshot}-${server.name}.heapsnapshot`);
      await running.inspector.gc();
    }

    const stats0 = await clients.stats();
    if (args.cpuProfile !== null) await running.inspector.startProfile();
    const pid = running.child.pid!;
    const idle0 = procStats(pid).cpuSeconds;
    const t0 = performance.now();
    await sleep(args.idleSeconds * 1000);
    const idleCpu = procStats(pid).cpuSeconds - idle0;
    const idleSeconds = (performance.now() - t0) / 1000;
    if (args.cpuProfile !== null) await running.inspector.stopProfile(profile('-idle')!);
    const stats1 = await clients.stats();

    let scrapeMs: Result['scrapeMs'] = null;
    let kicks = '';
    if (server.name === 'gateway') {
      // One scrape is one sample of a loop that is answering PINGs and collecting garbage: take ten.
      const times: number[] = [];
      let text = '';
      for (let i = 0; i < SCRAPES; i++) {
        if (i > 0) await sleep(200);
        const s0 = performance.now();
        text = await (await fetch(`http://127.0.0.1:${PORTS.ops}/metrics`)).text();
        times.push(performance.now() - s0);
      }
      times.sort((a, b) => a - b);
      scrapeMs = { p50: times[Math.floor(SCRAPES / 2)]!, max: times[SCRAPES - 1]! };
      kicks = [...text.matchAll(/^im_kicks_total\{reason="(\w+)"\} (\d+)$/gm)].map(([, reason, n]) => `${reason} ${n}`).join(', ');
    }

    let storm: Result['storm'] = null;
    if (args.restart) {
      process.stderr.write(`  ${server.label}: restarting…\n`);
      const r0 = performance.now();
      await running.restart();
      const restartSeconds = (performance.now() - r0) / 1000;
      storm = { ...await logins(server, running, clients, 'storm', profile('-storm')), restartSeconds };
    }
    return {
      label: server.label, wave, before, after,
      idleCpuPercent: (100 * idleCpu) / idleSeconds,
      pongs: stats1.pongs - stats0.pongs, expectedPongs: Math.round((stats0.open * idleSeconds * 1000) / HEARTBEAT_MS),
      dropped: stats1.dropped, scrapeMs, kicks, storm,
    };
  } finally {
    await clients.stop();
  }
}

async function withServer(server: Server, start: () => ChildProcess, port: number, args: ConnectionsArgs): Promise<Result> {
  const launch = async (): Promise<Pick<Running, 'child' | 'inspector'>> => {
    const child = start();
    try {
      await waitForPort(port, 60_000);
      return { child, inspector: await Inspector.attach(INSPECT_PORTS[server.name]) };
    } catch (err) {
      await stopProcess(child);
      throw err;
    }
  };
  const running: Running = {
    ...await launch(),
    restart: async () => {
      running.inspector.close();
      await stopProcess(running.child);
      Object.assign(running, await launch());
    },
  };
  try {
    return await measure(server, args, running);
  } finally {
    running.inspector.close();
    await stopProcess(running.child);
  }
}

const kb = (bytes: number, n: number) => (bytes / n / 1024).toFixed(2);
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

/** The columns a wave and a storm share: logins, failures, rate, CPU per login, latencies. */
const loginCells = (l: Logins) => `${l.connections} | ${l.failed} | ${l.ratePerSec.toFixed(0)} | ${l.cpuMsPerLogin.toFixed(3)} | ` +
  `${ms(l.handshake, 50)} / ${ms(l.handshake, 99)} | ${ms(l.auth, 50)} / ${ms(l.auth, 99)} / ${(l.auth.maxValue / 1000).toFixed(1)}`;

function row(r: Result): string {
  const n = r.wave.connections;
  return `| ${r.label} | ${loginCells(r.wave)} | ` +
    `${mb(r.before.rss)} → ${mb(r.after.rss)} | ${kb(r.after.rss - r.before.rss, n)} | ${mb(r.before.heap)} → ${mb(r.after.heap)} | ` +
    `${kb(r.after.heap - r.before.heap, n)} | ${r.idleCpuPercent.toFixed(1)}% | ${r.pongs} / ${r.expectedPongs} | ${r.dropped} | ` +
    `${r.scrapeMs === null ? '—' : `${r.scrapeMs.p50.toFixed(1)} / ${r.scrapeMs.max.toFixed(1)}`} |`;
}

export async function runConnectionsScenario(args: ConnectionsArgs): Promise<void> {
  const limit = descriptorLimit();
  const room = limit === null ? Infinity : limit - DESCRIPTOR_RESERVE;
  const requested = args.connections;
  if (args.connections > room) args.connections = room;
  const run = Date.now().toString(36);
  const results: Result[] = [];

  if (!args.skipBaseline) {
    results.push(await withServer(
      {
        name: 'baseline', label: 'bare ws (baseline)', url: `ws://127.0.0.1:${PORTS.relay}/ws`,
        memory: async () => {
          const m = await (await fetch(`http://127.0.0.1:${BASELINE_OPS_PORT}/`)).json() as { rss: number; heapUsed: number };
          return { rss: m.rss, heap: m.heapUsed };
        },
      },
      () => startProcess([THIS_FILE, 'baseline', String(PORTS.relay), String(BASELINE_OPS_PORT)], {}, [`--inspect=127.0.0.1:${INSPECT_PORTS.baseline}`]),
      PORTS.relay, args,
    ));
  }

  const env = {
    ...gatewayEnv(args, run, mkdtempSync(path.join(tmpdir(), 'im-bench-'))),
    IM_HEARTBEAT__INTERVAL_MS: String(HEARTBEAT_MS),
    IM_SERVER__MAX_CONNECTIONS: String(args.connections),
  };
  if (args.mode === 'production') await dropDatabase(BENCH_DATABASE);
  results.push(await withServer(
    {
      name: 'gateway', label: `im-connect ${args.mode}`, url: `ws://127.0.0.1:${PORTS.gateway}/ws`,
      memory: async () => ({
        rss: (await metric('process_resident_memory_bytes')) ?? NaN,
        heap: (await metric('nodejs_heap_size_used_bytes')) ?? NaN,
      }),
    },
    () => startProcess(['src/main.ts'], env, [`--inspect=127.0.0.1:${INSPECT_PORTS.gateway}`]),
    PORTS.gateway, args,
  ));

  const base = results.length === 2 ? results[0]! : null;
  const ours = results[results.length - 1]!;
  const perConn = (r: Result, k: 'rss' | 'heap') => (r.after[k] - r.before[k]) / r.wave.connections;
  const storms = results.filter((r) => r.storm !== null);
  const lines = [
    '',
    `connections=${args.connections}${requested > args.connections ? ` (asked ${requested}; open-files limit ${limit}, ${DESCRIPTOR_RESERVE} kept)` : ''} ` +
      `sources=${args.sources} concurrency=${args.concurrency} settle=${args.settleSeconds}s idle=${args.idleSeconds}s heartbeat=${HEARTBEAT_MS}ms mode=${args.mode}` +
      (args.mode === 'production' ? ` mq=${args.mq}` : '') + ` node=${process.version}`,
    '',
    '| server | connections | failed | connect+auth /s | server CPU ms per login (wave) | handshake ms p50 / p99 | auth ms p50 / p99 / max | RSS MB before → after | RSS KB per conn | heap MB before → after | heap KB per conn | idle CPU | PONGs / expected (idle) | dropped | /metrics scrape ms p50 / max |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(row),
    '',
    ...(base === null ? [] : [
      `ratio im-connect / bare ws: RSS per conn ${(perConn(ours, 'rss') / perConn(base, 'rss')).toFixed(2)}×, ` +
        `heap per conn ${(perConn(ours, 'heap') / perConn(base, 'heap')).toFixed(2)}×, connect+auth rate ${(ours.wave.ratePerSec / base.wave.ratePerSec).toFixed(2)}×, ` +
        `CPU per login ${(ours.wave.cpuMsPerLogin / base.wave.cpuMsPerLogin).toFixed(2)}×, idle CPU ${(ours.idleCpuPercent / base.idleCpuPercent).toFixed(2)}×`,
    ]),
    ...(storms.length === 0 ? [] : [
      '',
      'Reconnect storm: the server restarted (SIGTERM, started again on the same data), every client logging in again once its port is open:',
      '',
      '| server | reconnected | failed | reconnect+auth /s | server CPU ms per login (storm) | handshake ms p50 / p99 | auth ms p50 / p99 / max | SIGTERM → port open s |',
      '|---|---|---|---|---|---|---|---|',
      ...storms.map((r) => `| ${r.label} | ${loginCells(r.storm!)} | ${r.storm!.restartSeconds.toFixed(1)} |`),
      ...(base?.storm == null || ours.storm === null ? [] : [
        '',
        `ratio im-connect / bare ws (storm): reconnect+auth rate ${(ours.storm.ratePerSec / base.storm.ratePerSec).toFixed(2)}×, ` +
          `CPU per login ${(ours.storm.cpuMsPerLogin / base.storm.cpuMsPerLogin).toFixed(2)}×`,
      ]),
    ]),
    ...results.filter((r) => r.wave.firstFailure !== null).map((r) => `${r.label}: first failure: ${r.wave.firstFailure}`),
    ...storms.filter((r) => r.storm!.firstFailure !== null).map((r) => `${r.label}: first failure in the storm: ${r.storm!.firstFailure}`),
    ...results.filter((r) => r.kicks !== '').map((r) => `${r.label}: kicked ${r.kicks}`),
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

/** The scenario's own flags (after `--scenario connections`). */
export function parseConnectionsArgs(argv: string[]): ConnectionsArgs {
  const args: ConnectionsArgs = {
    mode: 'embedded', relay: 'in-process', mq: 'rocketmq', seconds: 0, skipBaseline: false,
    connections: 20_000, sources: 4, concurrency: 200, idleSeconds: 30, settleSeconds: 5, heapSnapshot: null, cpuProfile: null, restart: false,
  };
  const flags = new FlagCursor(argv);
  for (let flag = flags.next(); flag !== undefined; flag = flags.next()) {
    if (flag === '--scenario') flags.value();
    else if (flag === '--mode') args.mode = flags.value() === 'production' ? 'production' : 'embedded';
    else if (flag === '--mq') args.mq = mqFlag(flags.value());
    else if (flag === '--connections') args.connections = flags.number(1, 10_000_000, true);
    else if (flag === '--sources') args.sources = flags.number(1, 254, true);
    else if (flag === '--concurrency') args.concurrency = flags.number(1, 100_000, true);
    else if (flag === '--idle') args.idleSeconds = flags.number(1, 3600, true);
    else if (flag === '--settle') args.settleSeconds = flags.number(0, 3600, true);
    else if (flag === '--heap-snapshot') args.heapSnapshot = flags.value();
    else if (flag === '--cpu-profile') args.cpuProfile = flags.value();
    else if (flag === '--skip-baseline') args.skipBaseline = true;
    else if (flag === '--restart') args.restart = true;
    else throw new Error(`unknown flag ${flag} for --scenario connections`);
  }
  return args;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === 'clients') await clientProcess();
  else if (process.argv[2] === 'baseline') baselineProcess(Number(process.argv[3]), Number(process.argv[4]));
  else throw new Error('usage: connections.ts clients | baseline PORT OPS_PORT (run the scenario with npm run bench -- --scenario connections)');
}
