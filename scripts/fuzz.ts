// npm run fuzz -- [--frames 50000] [--seed N] [--sessions 32] [--mode embedded|production]
//                 [--url ws://HOST:PORT/ws [--ops-url http://HOST:PORT] [--secret S]] [--max-heap-growth-mb 64]
//
// Mutated frames of every command against a gateway (scripts/fuzz/run.ts): started here as a
// child process, or the one at --url (tokens signed with --secret, default $IM_AUTH__JWT_SECRET).
// Prints the seed first (replay with --seed), progress every 2 s, then the figures. Exits 1 when
// a spoofed sender was delivered, the gateway died or stopped answering, a message was lost, it
// answered INTERNAL, or its heap grew by more than --max-heap-growth-mb.
import { parseArgs } from 'node:util';
import { defaultFuzzOptions, failures, formatFuzzResult, runFuzz } from './fuzz/run.js';

const USAGE = 'usage: npm run fuzz -- [--frames N] [--seed N] [--sessions N] [--mode embedded|production] [--url WS_URL [--ops-url URL] [--secret S]] [--max-heap-growth-mb MB]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      frames: { type: 'string' }, seed: { type: 'string' }, sessions: { type: 'string' }, mode: { type: 'string' },
      url: { type: 'string' }, 'ops-url': { type: 'string' }, secret: { type: 'string' }, 'max-heap-growth-mb': { type: 'string', default: '64' },
    },
  });
  const options = defaultFuzzOptions();
  const whole = (flag: string, v: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0 || n > max) throw new Error(`${flag} must be a whole number in [0, ${max}]`);
    return n;
  };
  options.frames = whole('--frames', values.frames, options.frames);
  options.seed = whole('--seed', values.seed, options.seed, 2 ** 32 - 1);
  options.sessions = Math.max(1, whole('--sessions', values.sessions, options.sessions));
  if (values.mode !== undefined && values.mode !== 'embedded' && values.mode !== 'production') throw new Error('--mode is embedded or production');
  options.mode = values.mode ?? options.mode;
  options.url = values.url ?? null;
  options.opsUrl = values['ops-url'] ?? null;
  if (options.url !== null) {
    const secret = values.secret ?? process.env.IM_AUTH__JWT_SECRET;
    if (secret === undefined || secret === '') throw new Error('--url needs --secret (or IM_AUTH__JWT_SECRET): the tokens the gateway accepts');
    options.secret = secret;
  }
  options.progress = (line) => process.stderr.write(`${line}\n`);
  const bound = Number(values['max-heap-growth-mb']);
  process.stdout.write(`fuzz seed ${options.seed} (replay: --seed ${options.seed}), ${options.frames} frames, ${options.sessions} sessions, ` +
    `${options.url === null ? `${options.mode} gateway in a child process` : options.url}\n`);
  const result = await runFuzz(options);
  process.stdout.write(`${formatFuzzResult(result)}\n`);
  const failed = failures(result, bound);
  process.stdout.write(failed.length === 0 ? 'fuzz passed\n' : `fuzz FAILED: ${failed.join('; ')}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`fuzz: ${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
});
