// npx tsx scripts/bench/profile-summary.ts <file.cpuprofile | dir> [--top 25] [--phase max|half|all]
//
// Where a gateway's CPU went, from a V8 CPU profile (`node --cpu-prof`, as `npm run bench --
// --profile` writes them): self time by function, by category (library or src/<folder>), and by
// step of a message's life, each as a share of the busy time (every sample but idle). Given a
// directory it reads the newest profile in it and, when the bench left a phases.json there, sums
// only the samples inside that phase's window.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

type Window = { from: number; to: number };

const LIBRARIES: Array<[RegExp, string]> = [
  [/node_modules\/protobufjs\//, 'protobuf encode/decode (protobufjs)'],
  [/node_modules\/(@grpc|google-protobuf|rocketmq-client-nodejs|@protobufjs)\//, 'RocketMQ client / gRPC / google-protobuf'],
  [/node_modules\/ws\//, 'ws framing'],
  [/node_modules\/mysql2\//, 'MySQL driver (mysql2)'],
  [/node_modules\/typeorm\//, 'TypeORM'],
  [/node_modules\/(ioredis|redis-parser|redis-errors|cluster-key-slot|denque|standard-as-callback)\//, 'ioredis'],
  [/node_modules\/(winston|winston-transport|logform|triple-beam)\//, 'logging (winston)'],
  [/node_modules\/prom-client\//, 'metrics (prom-client)'],
  [/node_modules\/(hdr-histogram-js|zod|long|jose)\//, 'other libraries'],
];

/** Self-time category of one frame. */
function category({ functionName, url }: CallFrame): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 / native (program)';
  if (url === '' && /^(parse|stringify)$/.test(functionName)) return 'JSON';
  if (url === '') return `native: ${/^(writev|writeBuffer|writeUtf8String|writeLatin1String|readStart|close|shutdown)$/.test(functionName) ? 'socket I/O' : 'other'}`;
  for (const [pattern, name] of LIBRARIES) if (pattern.test(url)) return name;
  const ours = /\/src\/([\w-]+)\//.exec(url);
  if (ours !== null) return `ours: src/${ours[1]}`;
  if (/\/src\/[\w-]+\.ts$/.test(url)) return 'ours: src/';
  if (url.startsWith('node:')) return `node: ${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`;
  const dep = /node_modules\/((@[\w.-]+\/)?[\w.-]+)/.exec(url);
  return dep !== null ? `other library: ${dep[1]}` : 'other';
}

/**
 * The step of a message's life a stack belongs to: the innermost frame that names one. Async
 * continuations only show the frames since their last await, so I/O callbacks (a reply parsed
 * off a socket) often name none: those fall back to their library's step, undivided.
 */
const STEPS: Array<[RegExp, RegExp, string]> = [
  // [file, function, step]
  [/src\/ops\//, /./, 'metrics'],
  [/node_modules\/prom-client\//, /./, 'metrics'],
  [/src\/log\//, /./, 'logging'],
  [/node_modules\/(winston|logform|winston-transport)\//, /./, 'logging'],
  [/src\/messaging\/validate\.ts/, /./, 'validation'],
  [/src\/messaging\/delivery\.ts/, /^(ack|forget|forgetAll)$/, 'ack path'],
  [/src\/messaging\/delivery\.ts/, /./, 'Redis arming'],
  [/src\/strategies\/c2c-ack\.ts/, /./, 'ack path'],
  [/src\/storage\/sql\//, /markDelivered/, 'ack path'],
  [/src\/storage\/sql\//, /[Oo]utbox/, 'outbox relay + MQ publish'],
  [/src\/storage\/sql\//, /insert/, 'group commit SQL'],
  [/src\/mq\//, /./, 'outbox relay + MQ publish'],
  [/node_modules\/(@grpc|google-protobuf|rocketmq-client-nodejs)\/|^node:internal\/http2\//, /./, 'outbox relay + MQ publish'],
  [/src\/messaging\/(live-push|retry-scanner)\.ts|src\/cluster\//, /./, 'push encode + write'],
  [/src\/protocol\//, /^(encode|push)|Push|Frame$/, 'push encode + write'],
  [/src\/protocol\//, /./, 'receive + decode'],
  [/src\/strategies\/c2c-send\.ts|src\/messaging\/send-service\.ts|src\/pipeline\//, /./, 'receive + decode'],
  [/node_modules\/ws\/lib\/(sender|buffer-util)/, /./, 'push encode + write'],
  [/node_modules\/ws\//, /./, 'receive + decode'],
  [/node_modules\/protobufjs\//, /^(encode|fork|finish|ldelim|uint32|string|bytes)/, 'push encode + write'],
  [/node_modules\/protobufjs\//, /./, 'receive + decode'],
  [/node_modules\/(mysql2|typeorm)\/|src\/storage\/sql\//, /./, 'SQL, undivided (commits, acks, relay claims)'],
  [/node_modules\/(ioredis|redis-parser|denque|standard-as-callback)\//, /./, 'Redis, undivided (arming, acks, presence)'],
];

function step(stack: CallFrame[]): string {
  for (const frame of stack) {
    if (frame.functionName === '(garbage collector)') return 'GC';
    if (frame.functionName === '(idle)') return 'idle';
    for (const [file, fn, name] of STEPS) if (file.test(frame.url) && fn.test(frame.functionName)) return name;
  }
  const leaf = stack[0]!;
  if (leaf.url === '' && /^(writev|writeBuffer|writeUtf8String|writeLatin1String)$/.test(leaf.functionName)) return 'socket writes (native, all kinds)';
  return `other: ${category(leaf)}`;
}

function load(target: string): { profile: CpuProfile; phases: Record<string, Window> | null; file: string } {
  let file = target;
  if (statSync(target).isDirectory()) {
    // The largest: the main thread's (tsx's module loader thread writes a small one beside it).
    const profiles = readdirSync(target).filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(target, f)).sort((a, b) => statSync(b).size - statSync(a).size);
    if (profiles.length === 0) throw new Error(`no .cpuprofile in ${target}`);
    file = profiles[0]!;
  }
  const phasesFile = path.join(path.dirname(file), 'phases.json');
  let phases: Record<string, Window> | null = null;
  try {
    phases = JSON.parse(readFileSync(phasesFile, 'utf8')) as Record<string, Window>;
  } catch {
    // A profile taken outside the bench: the whole of it is one phase.
  }
  return { profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, phases, file };
}

function summarize(profile: CpuProfile, window: Window | null, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<number, CallFrame[]>();
  const stackOf = (id: number): CallFrame[] => {
    let s = stacks.get(id);
    if (s === undefined) {
      s = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)!.callFrame;
        if (frame.functionName !== '(root)') s.push(frame);
      }
      stacks.set(id, s);
    }
    return s;
  };

  const fns = new Map<string, number>();
  const cats = new Map<string, number>();
  const steps = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let t = profile.startTime;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    // A sample stands for the time until the next one.
    const dt = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1]! : 0;
    if (dt <= 0 || (window !== null && (t < window.from || t > window.to))) continue;
    const stack = stackOf(profile.samples[i]!);
    if (stack.length === 0) continue;
    const leaf = stack[0]!;
    total += dt;
    if (leaf.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    const where = leaf.url === '' ? '' : ` ${leaf.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${leaf.lineNumber + 1}`;
    add(fns, `${leaf.functionName || '(anonymous)'}${where}`, dt);
    add(cats, category(leaf), dt);
    add(steps, step(stack), dt);
  }
  const busy = total - idle;
  const table = (title: string, m: Map<string, number>, limit: number) => [
    `${title} (share of busy time)`,
    ...[...m].sort((a, b) => b[1] - a[1]).slice(0, limit)
      .map(([k, v]) => `  ${(100 * v / busy).toFixed(1).padStart(5)}%  ${k}`),
  ].join('\n');
  return [
    `sampled ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (${(100 * busy / total).toFixed(0)}%), idle ${(100 * idle / total).toFixed(0)}%`,
    table('by step', steps, 40),
    table('by category', cats, 40),
    table(`top ${top} functions by self time`, fns, top),
  ].join('\n\n');
}

function main(): void {
  const argv = process.argv.slice(2);
  const target = argv.find((a) => !a.startsWith('--'));
  if (target === undefined) throw new Error('usage: profile-summary.ts <file.cpuprofile | dir> [--top N] [--phase max|half|all]');
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const top = Number(flag('--top') ?? 25);
  const only = flag('--phase');
  const { profile, phases, file } = load(target);
  process.stdout.write(`${file}\n`);
  const windows: Array<[string, Window | null]> = phases === null || only === 'all'
    ? [['whole profile', null]]
    : Object.entries(phases).filter(([name]) => only === undefined || name === only);
  for (const [name, window] of windows) process.stdout.write(`\n=== ${name} ===\n${summarize(profile, window, top)}\n`);
}

main();
