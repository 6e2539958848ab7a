// npm run soak -- [--minutes 10] [--mode production|embedded] [--pairs 50] [--rate 200]
//                 [--storm-every 30] [--storm-fraction 0.3] [--sample-every 5]
//
// Steady acked load plus reconnect storms against a gateway child process (scripts/soak/run.ts):
// production by default (database im_connect_soak, dropped first; a Redis prefix of its own;
// RocketMQ). Prints a line per sample, the summary, `summary {json}` (for scripts and
// test/soak/soak.test.ts), and the HTML chart's path last. Exits 1 when an acked message was lost.
import { parseArgs } from 'node:util';
import { runSoak } from './soak/run.js';

const USAGE = 'usage: npm run soak -- [--minutes M] [--mode production|embedded] [--pairs N] [--rate MSGS_PER_S] [--storm-every S] [--storm-fraction F] [--sample-every S]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      minutes: { type: 'string', default: '10' }, mode: { type: 'string', default: 'production' }, pairs: { type: 'string', default: '50' },
      rate: { type: 'string', default: '200' }, 'storm-every': { type: 'string', default: '30' }, 'storm-fraction': { type: 'string', default: '0.3' },
      'sample-every': { type: 'string', default: '5' },
    },
  });
  const number = (flag: string, min: number, max: number) => {
    const v = Number(values[flag as keyof typeof values]);
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${flag} must be a number in [${min}, ${max}]`);
    return v;
  };
  if (values.mode !== 'production' && values.mode !== 'embedded') throw new Error('--mode is production or embedded');
  const { summary, table } = await runSoak({
    mode: values.mode,
    seconds: number('minutes', 0.05, 24 * 60) * 60,
    pairs: Math.round(number('pairs', 1, 10_000)),
    rate: number('rate', 0.1, 100_000),
    stormEverySec: number('storm-every', 1, 86_400),
    stormFraction: number('storm-fraction', 0, 1),
    sampleEverySec: number('sample-every', 1, 3600),
    progress: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n${table.split('\n\n')[0]}\nsummary ${JSON.stringify(summary)}\nHTML report: ${summary.report}\n`);
  return summary.lost === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`soak: ${(err as Error).stack ?? String(err)}\n${USAGE}\n`);
  process.exit(2);
});
