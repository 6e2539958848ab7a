// The gateway fuzz: many WebSocket sessions, most logged in with real tokens, send seeded mutated
// frames of every command (frames.ts) to a running gateway, reconnecting whenever it closes them,
// while two real users (the watchers) exchange messages through the SDK and check that whatever is
// delivered to them comes from its authenticated sender. Then a normal exchange must work, the
// gateway must still be up, and its heap is compared with where it started.
import { performance } from 'node:perf_hooks';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { signToken } from '../../src/auth/jwt.js';
import { ImClient } from '../../src/client/im-client.js';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, ErrorCode, KickReason, type ChatMessage, type Id } from '../../src/protocol/messages.js';
import { byLabel, scrapeMetrics, startChildGateway, type ChildGateway, type Mode } from '../soak/gateway-child.js';
import { SECRET } from '../bench/support.js';
import { DEFAULT_LIMITS, FrameFuzzer, taggedSender, type FrameKind, type FuzzContext, type FuzzLimits } from './frames.js';
import { below, prng, type Random } from './mutators.js';

export interface FuzzOptions {
  frames: number;
  seed: number;
  /** Fuzz sessions at once. */
  sessions: number;
  mode: Mode;
  /** A gateway already running (its client WebSocket); null = start one as a child process. */
  url: string | null;
  /** Its ops port, for /metrics and /healthz; null = no memory figures. */
  opsUrl: string | null;
  /** The HS256 secret that gateway verifies tokens with. */
  secret: string;
  limits: FuzzLimits;
  progress: (line: string) => void;
}

export const FUZZ_DATABASE = 'im_connect_fuzz';

export interface MemoryFigures { rssMb: number; heapUsedMb: number }

export interface FuzzResult {
  seed: number;
  frames: number;
  seconds: number;
  framesPerSec: number;
  connections: number;
  logins: number;
  byKind: Partial<Record<FrameKind, number>>;
  /** Closes of fuzz sessions by WebSocket close code and the KICK reason before it, if any. */
  closes: Record<string, number>;
  /** ERROR frames the fuzz sessions got, by code. */
  errors: Record<string, number>;
  /** The gateway's own counts (im_errors_total, im_kicks_total), when its ops port is known. */
  serverErrors: Record<string, number>;
  serverKicks: Record<string, number>;
  /** Sessions that got no answer to their barrier PING within 15 s and were dropped. */
  stalls: number;
  /** Frames from the gateway that the codec could not read. */
  unreadable: number;
  /** Deliveries to a watcher under a sender who did not send them. */
  spoofed: string[];
  /** Fuzz messages delivered to the watchers (each checked against its sender). */
  fuzzDelivered: number;
  /** The watchers' own messages during the fuzz: acked, and of those delivered to the other. */
  watcherSent: number;
  watcherLost: number;
  /** After the fuzz: a normal exchange between the watchers and a fresh user. */
  exchangeSent: number;
  exchangeDelivered: number;
  memory: { before: MemoryFigures | null; after: MemoryFigures | null; peakRssMb: number | null };
  /** Null while the gateway is up; the exit code or signal of a child that died. */
  gatewayExit: string | null;
  healthy: boolean;
}

const BASE_USER = (1n << 61n) + 7n;
const WATCHERS: readonly [Id, Id] = [String(BASE_USER), String(BASE_USER + 1n)];
const MAX_UINT64 = '18446744073709551615';
/** Frames per batch between two barrier PINGs. */
const BATCH = 8;
/** Barrier PINGs carry seqs from here, above any seq the fuzzer writes. */
const BARRIER_SEQ = 4_000_000_000;
const STALL_MS = 15_000;
/**
 * The child gateway's limits.maxBadFrames: above the default 10 so that a session lives for a few
 * dozen frames rather than a dozen (reconnects, not frames, would bound the rate), and still kicked
 * with ABUSE often enough to exercise that path thousands of times.
 */
const MAX_BAD_FRAMES = 40;

const count = (table: Record<string, number>, key: string, n = 1) => { table[key] = (table[key] ?? 0) + n; };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function memoryOf(opsUrl: string): Promise<MemoryFigures> {
  const m = await scrapeMetrics(opsUrl);
  return { rssMb: (m.get('process_resident_memory_bytes') ?? NaN) / 1048576, heapUsedMb: (m.get('nodejs_heap_size_used_bytes') ?? NaN) / 1048576 };
}

/** Tokens a login must refuse: expired, signed with another secret, for user 0, not a JWT. */
async function badTokens(secret: string): Promise<string[]> {
  const key = new TextEncoder().encode(secret);
  const iat = Math.floor(Date.now() / 1000);
  return [
    await signToken({ userId: '1001', secret, ttlSeconds: 60, nowMs: Date.now() - 3_600_000 }),
    await signToken({ userId: WATCHERS[0], secret: `${secret}-not`, ttlSeconds: 3600 }),
    await new SignJWT().setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject('0').setIssuedAt(iat).setExpirationTime(iat + 3600).sign(key),
    await new SignJWT().setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(`${MAX_UINT64}0`).setIssuedAt(iat).setExpirationTime(iat + 3600).sign(key),
    'not-a-jwt',
  ];
}

interface Shared {
  remaining: number;
  result: FuzzResult;
  loggedIn: Set<Id>;
  /** msg ids delivered to either watcher. */
  delivered: Set<Id>;
}

/** One fuzz slot: connect, log in (mostly), send batches until closed, again, until the budget is spent. */
async function fuzzSlot(slot: number, url: string, options: FuzzOptions, shared: Shared, tokens: { good: string; bad: string[] }, userId: Id): Promise<void> {
  const random: Random = prng((options.seed ^ Math.imul(slot + 1, 0x9e3779b9)) >>> 0);
  const ctx: FuzzContext = { self: null, watchers: WATCHERS, limits: options.limits, learned: { msgIds: [], groupIds: [] } };
  const fuzzer = new FrameFuzzer(random, ctx);
  const { result } = shared;
  let barrier = BARRIER_SEQ;
  while (shared.remaining > 0) {
    const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024 });
    const opened = await new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('error', () => resolve(false));
    });
    if (!opened) {
      count(result.closes, 'connect failed');
      await sleep(100);
      continue;
    }
    result.connections += 1;
    let kick: KickReason | null = null;
    let closed = false;
    let waiter: ((reply: 'auth' | 'pong' | 'closed') => void) | null = null;
    let awaited = 0;
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => {
      let frame;
      try {
        frame = decodeFrame(data);
      } catch {
        result.unreadable += 1;
        return;
      }
      if (frame.cmd === Cmd.ERROR) count(result.errors, ErrorCode[frame.body.code] ?? String(frame.body.code));
      else if (frame.cmd === Cmd.KICK) kick = frame.body.reason;
      else if (frame.cmd === Cmd.AUTH_RESP) waiter?.('auth');
      else if (frame.cmd === Cmd.PONG && frame.seq === awaited) waiter?.('pong');
      else if (frame.cmd === Cmd.C2C_SEND_ACK && ctx.learned.msgIds.length < 32) ctx.learned.msgIds.push(frame.body.msgId);
      else if (frame.cmd === Cmd.GROUP_CREATE_RESP && ctx.learned.groupIds.length < 16) ctx.learned.groupIds.push(frame.body.group.groupId);
    });
    ws.on('close', (code) => {
      closed = true;
      count(result.closes, kick === null ? String(code) : `${code} ${KickReason[kick] ?? kick}`);
      waiter?.('closed');
    });
    const reply = (ms: number) => new Promise<'auth' | 'pong' | 'closed' | 'stall'>((resolve) => {
      if (closed) return resolve('closed');
      const timer = setTimeout(() => resolve('stall'), ms);
      waiter = (r) => { clearTimeout(timer); waiter = null; resolve(r); };
    });
    const send = (bytes: Uint8Array) => { if (!closed) ws.send(bytes); };

    const login = random();
    ctx.self = null;
    if (login < 0.85) {
      send(encodeFrame(Cmd.AUTH_REQ, 1, { token: tokens.good, deviceId: `fuzz-${slot}`, platform: 'fuzz', echoOwnMessages: random() < 0.2 }));
      if (await reply(STALL_MS) === 'auth') {
        ctx.self = userId;
        shared.loggedIn.add(userId);
        result.logins += 1;
      }
    } else if (login < 0.95) {
      const token = tokens.bad[below(random, tokens.bad.length)]!;
      send(encodeFrame(Cmd.AUTH_REQ, 1, { token, deviceId: `fuzz-${slot}`, platform: 'fuzz' }));
    }
    while (!closed && shared.remaining > 0) {
      const n = Math.min(BATCH, shared.remaining);
      shared.remaining -= n;
      for (let i = 0; i < n; i++) {
        const { kind, bytes } = fuzzer.next(1 + below(random, 1000));
        count(result.byKind as Record<string, number>, kind);
        result.frames += 1;
        send(bytes);
      }
      awaited = barrier = barrier >= 2 ** 32 - 1 ? BARRIER_SEQ : barrier + 1;
      send(encodeFrame(Cmd.PING, awaited, { clientTimeMs: '0' }));
      const got = await reply(STALL_MS);
      if (got === 'stall') {
        result.stalls += 1;
        ws.terminate();
      }
    }
    if (!closed) {
      const done = new Promise((r) => ws.once('close', r));
      ws.close();
      await done;
    }
  }
}

/** A watcher: a real user on the SDK whose every delivery is checked against its sender. */
function watch(client: ImClient, shared: Shared, fromWatchers: ChatMessage[]): void {
  const check = (m: ChatMessage) => {
    shared.delivered.add(m.msgId);
    if (WATCHERS.includes(m.fromUserId)) {
      fromWatchers.push(m);
      return;
    }
    shared.result.fuzzDelivered += 1;
    const tagged = taggedSender(m.content);
    if (!shared.loggedIn.has(m.fromUserId) || (tagged !== null && tagged !== m.fromUserId)) {
      shared.result.spoofed.push(`msg ${m.msgId} from ${m.fromUserId} tagged ${tagged ?? '-'}`);
    }
  };
  client.on('message', check);
  client.on('groupMessage', check);
  client.on('error', () => {});
}

async function until(probe: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!probe() && Date.now() < deadline) await sleep(50);
  return probe();
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const result: FuzzResult = {
    seed: options.seed, frames: 0, seconds: 0, framesPerSec: 0, connections: 0, logins: 0, byKind: {}, closes: {}, errors: {},
    serverErrors: {}, serverKicks: {}, stalls: 0, unreadable: 0, spoofed: [], fuzzDelivered: 0, watcherSent: 0, watcherLost: 0,
    exchangeSent: 0, exchangeDelivered: 0, memory: { before: null, after: null, peakRssMb: null }, gatewayExit: null, healthy: false,
  };
  const run = Date.now().toString(36);
  const child: ChildGateway | null = options.url === null
    ? await startChildGateway({ mode: options.mode, database: FUZZ_DATABASE, redisPrefix: `imfuzz:${run}:`, env: { IM_LOG__LEVEL: 'error', IM_LIMITS__MAX_BAD_FRAMES: String(MAX_BAD_FRAMES) } })
    : null;
  const url = child?.url ?? options.url!;
  const opsUrl = child?.opsUrl ?? options.opsUrl;
  const shared: Shared = { remaining: options.frames, result, loggedIn: new Set(), delivered: new Set() };
  const token = (userId: Id) => signToken({ userId, secret: options.secret, ttlSeconds: 4 * 3600 });
  const clients: ImClient[] = [];
  const fromWatchers: ChatMessage[] = [];
  const sentBy = new Map<Id, Set<Id>>(WATCHERS.map((w) => [w, new Set()]));
  try {
    const watchers = await Promise.all(WATCHERS.map(async (w) => new ImClient({ url, token: await token(w), deviceId: 'watcher', requestTimeoutMs: 30_000 })));
    clients.push(...watchers);
    for (const w of watchers) watch(w, shared, fromWatchers);
    await Promise.all(watchers.map((w) => w.connect()));
    const sendAs = async (i: number, content: string) => {
      const { msgId } = await watchers[i]!.send(WATCHERS[1 - i]!, content);
      sentBy.get(WATCHERS[i]!)!.add(msgId);
      return msgId;
    };

    if (opsUrl !== null) result.memory.before = await memoryOf(opsUrl);
    let peak = result.memory.before?.rssMb ?? 0;
    const bad = await badTokens(options.secret);
    const t0 = performance.now();
    let fuzzing = true;
    const sampler = (async () => {
      while (fuzzing) {
        await sleep(2000);
        if (!fuzzing) break;
        const memory = opsUrl === null ? null : await memoryOf(opsUrl).catch(() => null);
        if (memory !== null) peak = Math.max(peak, memory.rssMb);
        const seconds = (performance.now() - t0) / 1000;
        options.progress(`fuzz ${seconds.toFixed(0)}s frames=${result.frames} (${(result.frames / seconds).toFixed(0)}/s) connections=${result.connections} ` +
          `delivered=${result.fuzzDelivered} spoofed=${result.spoofed.length}` + (memory === null ? '' : ` rss=${memory.rssMb.toFixed(0)}MB heap=${memory.heapUsedMb.toFixed(0)}MB`));
      }
    })();
    // The watchers keep talking through the fuzz: their traffic must get through it.
    const chatter = (async () => {
      let n = 0;
      while (fuzzing) {
        await sendAs(n % 2, `during ${n}`).then(() => { result.watcherSent += 1; }, () => {});
        n += 1;
        await sleep(50);
      }
    })();
    await Promise.all(Array.from({ length: options.sessions }, async (_, slot) => {
      const userId = slot === 0 ? MAX_UINT64 : String(BASE_USER + 10n + BigInt(slot));
      await fuzzSlot(slot, url, options, shared, { good: await token(userId), bad }, userId);
    }));
    fuzzing = false;
    result.seconds = (performance.now() - t0) / 1000;
    result.framesPerSec = result.frames / result.seconds;
    await Promise.all([sampler, chatter]);

    // After the fuzz, a normal exchange: both watchers and a user that logs in only now.
    const lateUser = String(BASE_USER + 2n);
    shared.loggedIn.add(lateUser);
    const late = new ImClient({ url, token: await token(lateUser), deviceId: 'late', requestTimeoutMs: 30_000 });
    clients.push(late);
    await late.connect();
    const exchanged: Id[] = [];
    for (let i = 0; i < 20; i++) {
      exchanged.push(await sendAs(i % 2, `after ${i}`));
      exchanged.push((await late.send(WATCHERS[i % 2]!, `late ${i}`)).msgId);
    }
    result.exchangeSent = exchanged.length;
    const acked = [...sentBy.values()].flatMap((s) => [...s]);
    await until(() => [...acked, ...exchanged].every((id) => shared.delivered.has(id)), 15_000);
    result.exchangeDelivered = exchanged.filter((id) => shared.delivered.has(id)).length;
    result.watcherLost = acked.filter((id) => !shared.delivered.has(id)).length;
    for (const m of fromWatchers) {
      if (!sentBy.get(m.fromUserId)!.has(m.msgId)) result.spoofed.push(`msg ${m.msgId} from watcher ${m.fromUserId} that it never sent`);
    }

    if (opsUrl !== null) {
      // Let the closes settle before the heap is read.
      await sleep(3000);
      result.memory.after = await memoryOf(opsUrl);
      result.memory.peakRssMb = Math.max(peak, result.memory.after.rssMb);
      const metrics = await scrapeMetrics(opsUrl);
      for (const [code, n] of byLabel(metrics, 'im_errors_total')) count(result.serverErrors, code, n);
      for (const [reason, n] of byLabel(metrics, 'im_kicks_total')) count(result.serverKicks, reason, n);
      result.healthy = (await fetch(`${opsUrl}/healthz`)).ok;
    } else {
      result.healthy = result.exchangeDelivered === result.exchangeSent;
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    result.gatewayExit = child?.exited() ?? null;
    await child?.stop();
  }
  return result;
}

export function defaultFuzzOptions(): FuzzOptions {
  return {
    frames: 50_000, seed: Math.floor(Math.random() * 2 ** 32), sessions: 32, mode: 'embedded', url: null, opsUrl: null,
    secret: SECRET, limits: DEFAULT_LIMITS, progress: () => {},
  };
}

/** The figures as printed by `npm run fuzz`. */
export function formatFuzzResult(r: FuzzResult): string {
  const table = (t: Record<string, number>) => Object.entries(t).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ') || '-';
  const mem = (m: MemoryFigures | null) => (m === null ? 'n/a' : `rss ${m.rssMb.toFixed(0)} MB, heap ${m.heapUsedMb.toFixed(1)} MB`);
  return [
    `seed ${r.seed}: ${r.frames} frames in ${r.seconds.toFixed(1)} s (${r.framesPerSec.toFixed(0)} frames/s), ${r.connections} connections, ${r.logins} logins, ${r.stalls} stalls`,
    `frames by kind: ${table(r.byKind as Record<string, number>)}`,
    `closes by code: ${table(r.closes)}`,
    `errors seen by clients: ${table(r.errors)}`,
    `errors counted by the gateway: ${table(r.serverErrors)}`,
    `kicks counted by the gateway: ${table(r.serverKicks)}`,
    `fuzz messages delivered to watchers: ${r.fuzzDelivered}, spoofed: ${r.spoofed.length}${r.spoofed.length > 0 ? ` (${r.spoofed.slice(0, 5).join('; ')})` : ''}`,
    `watchers during the fuzz: ${r.watcherSent} acked, ${r.watcherLost} not delivered; after: ${r.exchangeDelivered}/${r.exchangeSent} delivered`,
    `gateway memory: before ${mem(r.memory.before)}; after ${mem(r.memory.after)}; peak rss ${r.memory.peakRssMb?.toFixed(0) ?? 'n/a'} MB`,
    `gateway: ${r.gatewayExit === null ? 'up' : `exited (${r.gatewayExit})`}, healthy=${r.healthy}, unreadable frames from it: ${r.unreadable}`,
  ].join('\n');
}

/** Why a run failed; empty when it passed. */
export function failures(r: FuzzResult, maxHeapGrowthMb: number): string[] {
  const out: string[] = [];
  if (r.spoofed.length > 0) out.push(`${r.spoofed.length} deliveries under a sender who did not send them`);
  if (r.gatewayExit !== null || !r.healthy) out.push(`the gateway is down (exit ${r.gatewayExit ?? 'none'}, healthy=${r.healthy})`);
  if (r.exchangeDelivered !== r.exchangeSent) out.push(`normal exchange after the fuzz: ${r.exchangeDelivered}/${r.exchangeSent} delivered`);
  if (r.watcherLost > 0) out.push(`${r.watcherLost} acked watcher messages never delivered`);
  if ((r.errors.INTERNAL ?? 0) > 0) out.push(`${r.errors.INTERNAL} INTERNAL errors`);
  if (r.unreadable > 0) out.push(`${r.unreadable} frames from the gateway did not decode`);
  if (r.stalls > 0) out.push(`${r.stalls} sessions got no answer for 15 s`);
  const { before, after } = r.memory;
  if (before !== null && after !== null && after.heapUsedMb - before.heapUsedMb > maxHeapGrowthMb) {
    out.push(`heap grew by ${(after.heapUsedMb - before.heapUsedMb).toFixed(1)} MB (bound ${maxHeapGrowthMb} MB)`);
  }
  return out;
}
