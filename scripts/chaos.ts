// npm run chaos -- --scenario kill9|sigterm|redis-restart|mariadb-restart|mq-outage|all
//   [--duration S] [--fault S] [--rate N] [--users N] [--data-dir DIR]
//
// Three gateway nodes in production mode under steady load, one fault per scenario, then the
// checks (scripts/chaos/verify.ts); prints a summary table and exits 1 on any violation. Runs its
// own Redis and MariaDB on ports 7391/7392, and RocketMQ through a proxy on 7393 in front of the
// shared broker (127.0.0.1:8081, which must be running).
import { parseArgs } from 'node:util';
import { ChaosBackends, SCENARIOS, runScenario, type ScenarioName, type ScenarioResult } from './chaos/scenarios.js';
import { table } from './chaos/verify.js';

function usage(message: string): never {
  process.stderr.write(`chaos: ${message}\nusage: npm run chaos -- --scenario ${SCENARIOS.join('|')}|all [--duration S] [--fault S] [--rate N] [--users N] [--data-dir DIR]\n`);
  process.exit(2);
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) usage(`--${name} must be a positive number, got '${value}'`);
  return n;
}

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    duration: { type: 'string' },
    fault: { type: 'string' },
    rate: { type: 'string', default: '40' },
    users: { type: 'string', default: '20' },
    'data-dir': { type: 'string', default: '/tmp/im-chaos-mariadb' },
  },
  strict: true,
});
if (values.scenario === undefined) usage('--scenario is required');
const names: ScenarioName[] = values.scenario === 'all'
  ? [...SCENARIOS]
  : (SCENARIOS as readonly string[]).includes(values.scenario) ? [values.scenario as ScenarioName] : usage(`unknown scenario '${values.scenario}'`);

const backends = await ChaosBackends.start(values['data-dir']);
const results: ScenarioResult[] = [];
try {
  for (const name of names) {
    // The full MQ outage is the 60 s; the other faults are shorter by default.
    const faultS = values.fault !== undefined ? positive('fault', values.fault) : name === 'mq-outage' ? 60 : 15;
    const durationS = values.duration !== undefined ? positive('duration', values.duration) : faultS + 45;
    process.stdout.write(`${name}: ${durationS} s of load at ${values.rate} msgs/s from ${values.users} users, fault for ${faultS} s\n`);
    const result = await runScenario(name, backends, {
      durationMs: durationS * 1000,
      faultMs: faultS * 1000,
      rate: positive('rate', values.rate),
      users: positive('users', values.users),
    });
    results.push(result);
    for (const note of result.notes) process.stdout.write(`  ${note}\n`);
    for (const v of result.violations) process.stdout.write(`  VIOLATION: ${v}\n`);
    if (result.violations.length > 0) process.stdout.write(`${result.logs}\n`);
  }
} finally {
  await backends.close();
}
process.stdout.write(`\n${table(results)}\n`);
process.exit(results.some((r) => r.violations.length > 0) ? 1 : 0);
