// Short versions of `npm run chaos`: every scenario once, three production-mode gateway processes
// under steady load with a 6 s fault (the MQ outage 10 s), against the harness's own Redis and
// MariaDB and a proxy in front of the shared RocketMQ. A scenario passes when nothing acked was
// lost, duplicated, missing from MySQL or the topic, the outbox drained and every node came back.
import { expect } from 'chai';
import { ChaosBackends, SCENARIOS, runScenario, type ScenarioName } from '../../scripts/chaos/scenarios.js';
import { missingBinaries } from '../../scripts/chaos/servers.js';
import { requireRocketMqOrSkip } from '../support/rocketmq.js';
import { requireServices } from '../support/services.js';

const FAULT_MS: Record<ScenarioName, number> = {
  kill9: 6000,
  sigterm: 6000,
  'redis-restart': 6000,
  'mariadb-restart': 6000,
  'mq-outage': 10_000,
};

describe('chaos: three nodes under load through kill -9, SIGTERM, Redis and MariaDB restarts, a RocketMQ outage', function () {
  this.timeout(150_000);
  let backends: ChaosBackends;

  before(async function () {
    this.timeout(120_000);
    await requireRocketMqOrSkip(this);
    // The harness runs Redis and MariaDB of its own, to kill them: it needs their binaries.
    const missing = missingBinaries();
    if (missing.length > 0) {
      const why = `chaos needs ${missing.join(', ')} on PATH`;
      if (requireServices) throw new Error(`${why} (IM_REQUIRE_SERVICES=1)`);
      console.warn(`  skipping: ${why}`);
      this.skip();
    }
    backends = await ChaosBackends.start('/tmp/im-chaos-mariadb-test');
  });
  after(async function () {
    this.timeout(60_000);
    await backends?.close();
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario}: every acked message delivered once, stored, on the topic; outbox drained; every node back`, async () => {
      const faultMs = FAULT_MS[scenario];
      const result = await runScenario(scenario, backends, { durationMs: faultMs + 12_000, faultMs, rate: 20, users: 10 });
      const summary = `${scenario}: ${JSON.stringify(result.figures)}\n${result.notes.join('\n')}`;
      expect(result.violations, `${summary}\n${result.logs}`).to.deep.equal([]);
    });
  }
});
