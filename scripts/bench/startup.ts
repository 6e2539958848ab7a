// Startup time and idle memory of the gateway, run from TypeScript through tsx against compiled
// with plain node: `npx tsx scripts/bench/startup.ts [--runs 5] [--idle-ms 5000]`.
//
// Every run starts one gateway in embedded mode in a fresh temporary folder (its own ./data: a
// new SQLite file and a generated JWT secret, as on a first `npm start`), with a config file
// there that binds both ports to 127.0.0.1:0. Startup = from spawn() to the "im-connect
// listening" line on its stdout; idle RSS = VmRSS from /proc/<pid>/status `--idle-ms` after that
// line, summed over the process and its descendants (the tsx CLI runs the gateway in a child
// process; the gateway's own share is printed too). Then SIGTERM, and the exit code must be 0.
// Variants are run round-robin (run 1 of each, then run 2 of each, ...) so that the noise of a
// shared machine falls on all of them alike; one unrecorded warm-up run per variant first fills
// the OS file cache and tsx's transform cache. Builds dist/ first when it is not fresh.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { build, ENTRIES, isBuildFresh, REPO } from '../build.js';

interface Variant {
  name: string;
  args: string[];
}

const require = createRequire(import.meta.url);
const TSX_CLI = require.resolve('tsx/cli');
/** tsx's loader by URL: the gateway runs in a temporary folder, where `--import tsx` would not resolve. */
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const VARIANTS: Variant[] = [
  { name: 'tsx src/main.ts (old npm start)', args: [TSX_CLI, path.join(REPO, 'src/main.ts')] },
  { name: 'node --import tsx src/main.ts (old systemd unit)', args: ['--import', TSX_LOADER, path.join(REPO, 'src/main.ts')] },
  { name: 'node --enable-source-maps dist/main.js (npm start)', args: ['--enable-source-maps', path.join(REPO, ENTRIES.gateway)] },
  { name: 'node dist/main.js (no source maps)', args: [path.join(REPO, ENTRIES.gateway)] },
];

interface Sample {
  startupMs: number;
  rssKb: number;
  ownRssKb: number;
  exitCode: number | null;
}

function parseArgs(argv: string[]): { runs: number; idleMs: number } {
  const out = { runs: 5, idleMs: 5000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive integer`);
    if (flag === '--runs') out.runs = value;
    else if (flag === '--idle-ms') out.idleMs = value;
    else throw new Error(`unknown flag ${flag} (flags: --runs N, --idle-ms MS)`);
  }
  return out;
}

function vmRssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // gone
  }
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/).filter(Boolean).map(Number)) out.push(child, ...descendants(child));
  }
  return out;
}

/** The gateway's environment: no IM_* variable of ours, only the config file. */
function cleanEnv(config: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('IM_')));
  return { ...env, IM_CONFIG: config };
}

async function runOnce(variant: Variant, idleMs: number): Promise<Sample> {
  const dir = mkdtempSync(path.join(tmpdir(), 'im-startup-'));
  const config = path.join(dir, 'im-connect.yaml');
  writeFileSync(config, 'server:\n  host: 127.0.0.1\n  port: 0\nops:\n  host: 127.0.0.1\n  port: 0\nmq:\n  kind: off\n');
  try {
    const t0 = performance.now();
    const child = spawn(process.execPath, variant.args, { cwd: dir, env: cleanEnv(config), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const listening = new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes('im-connect listening')) resolve(performance.now() - t0);
      });
      void exited.then((code) => reject(new Error(`${variant.name} exited (${code}) before listening:\n${stderr}`)));
      setTimeout(() => reject(new Error(`${variant.name}: no listening line within 60 s`)), 60_000).unref();
    });
    const startupMs = await listening;
    if (!existsSync(path.join(dir, 'data', 'jwt-secret'))) throw new Error(`${variant.name} did not use the fresh ./data`);
    await new Promise((r) => setTimeout(r, idleMs));
    const pid = child.pid!;
    const ownRssKb = descendants(pid).reduce((max, p) => Math.max(max, vmRssKb(p)), vmRssKb(pid));
    const rssKb = [pid, ...descendants(pid)].reduce((sum, p) => sum + vmRssKb(p), 0);
    child.kill('SIGTERM');
    const exitCode = await exited;
    return { startupMs, rssKb, ownRssKb, exitCode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  const { runs, idleMs } = parseArgs(process.argv.slice(2));
  if (!isBuildFresh()) {
    process.stdout.write('dist/ is missing or older than its sources: building\n');
    build();
  }
  const samples = new Map<Variant, Sample[]>(VARIANTS.map((v) => [v, []]));
  for (const v of VARIANTS) await runOnce(v, 200); // warm-up, not recorded
  for (let run = 1; run <= runs; run++) {
    for (const v of VARIANTS) {
      const s = await runOnce(v, idleMs);
      samples.get(v)!.push(s);
      process.stdout.write(`run ${run}/${runs} ${v.name}: ${s.startupMs.toFixed(0)} ms, ${(s.rssKb / 1024).toFixed(1)} MB (gateway ${(s.ownRssKb / 1024).toFixed(1)} MB), exit ${s.exitCode}\n`);
    }
  }
  const mb = (kb: number) => (kb / 1024).toFixed(1);
  process.stdout.write(`\nNode ${process.version}, ${runs} runs each, idle RSS ${idleMs} ms after the listening line; median (min–max)\n\n`);
  process.stdout.write('| command | startup ms | idle RSS MB, all processes | idle RSS MB, gateway process | exit codes |\n|---|---|---|---|---|\n');
  for (const [v, xs] of samples) {
    const st = xs.map((s) => s.startupMs);
    const rss = xs.map((s) => s.rssKb);
    const own = xs.map((s) => s.ownRssKb);
    process.stdout.write(
      `| \`${v.name}\` | ${median(st).toFixed(0)} (${Math.min(...st).toFixed(0)}–${Math.max(...st).toFixed(0)}) ` +
      `| ${mb(median(rss))} (${mb(Math.min(...rss))}–${mb(Math.max(...rss))}) ` +
      `| ${mb(median(own))} (${mb(Math.min(...own))}–${mb(Math.max(...own))}) ` +
      `| ${[...new Set(xs.map((s) => s.exitCode))].join(', ')} |\n`,
    );
  }
  if ([...samples.values()].flat().some((s) => s.exitCode !== 0)) {
    process.stderr.write('some gateway did not exit 0 on SIGTERM\n');
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`startup bench: ${(err as Error).message}\n`);
  process.exit(1);
});
