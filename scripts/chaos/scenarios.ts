// One chaos scenario: three nodes under steady load, one fault in the middle, then the
// verification pass. The run's own Redis and MariaDB and the MQ proxy outlive the scenarios.
import { randomBytes } from 'node:crypto';
import { eventually, sleep } from '../../test/cluster/support/cluster.js';
import { Balancer } from './balancer.js';
import { Load } from './load.js';
import { MqProxy } from './mq-proxy.js';
import { ChaosNodes } from './nodes.js';
import { primedCollector } from './topic.js';
import { privateMariaDb, privateRedis, type ServerProcess } from './servers.js';
import { messageRows, outboxBacklog, verify, withMysql, type Figures } from './verify.js';

export const SCENARIOS = ['kill9', 'sigterm', 'redis-restart', 'mariadb-restart', 'mq-outage'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** The spare ports 7390-7399: balancer, Redis, MariaDB, MQ proxy, then the nodes' client and ops ports. */
const PORTS = { balancer: 7390, redis: 7391, mariadb: 7392, mqProxy: 7393, firstNode: 7394 };
const UPSTREAM_MQ = { host: '127.0.0.1', port: 8081 };
/**
 * A topic of its own: a consumer group new to a topic reads it from the start, so the chaos
 * collector must not queue behind every other suite's events. `.ci/run` creates it.
 */
export const CHAOS_TOPIC = 'im-chaos-topic';

export interface ScenarioOptions {
  durationMs: number;
  faultMs: number;
  /** Messages per second, all senders together. */
  rate: number;
  users: number;
}

export interface ScenarioResult {
  scenario: ScenarioName;
  figures: Figures;
  violations: string[];
  /** Worth knowing, not a violation: refusals the clients resent, SDK give-ups, restarts. */
  notes: string[];
  /** Node output when something was violated. */
  logs: string;
}

/** The servers a chaos run owns. */
export class ChaosBackends {
  private constructor(readonly redis: ServerProcess, readonly mariadb: ServerProcess, readonly mq: MqProxy) {}

  static async start(dataDir: string): Promise<ChaosBackends> {
    const backends = new ChaosBackends(
      privateRedis(PORTS.redis),
      await privateMariaDb(PORTS.mariadb, dataDir),
      new MqProxy(PORTS.mqProxy, UPSTREAM_MQ.host, UPSTREAM_MQ.port),
    );
    await Promise.all([backends.redis.start(), backends.mariadb.start(), backends.mq.start()]);
    return backends;
  }

  async close(): Promise<void> {
    await Promise.all([this.redis.stop('SIGKILL'), this.mariadb.stop('SIGTERM'), this.mq.close()]);
  }
}

interface Fault {
  /** Starts the fault; resolves once it is in effect. */
  inject(): Promise<string[]>;
  /** Ends it; resolves once the failed part runs again. */
  heal(): Promise<void>;
}

function faultOf(name: ScenarioName, nodes: ChaosNodes, backends: ChaosBackends): Fault {
  const victim = nodes.slot('node-b');
  switch (name) {
    case 'kill9':
      return { inject: async () => (await nodes.kill(victim), []), heal: () => nodes.start(victim) };
    case 'sigterm':
      return {
        inject: async () => {
          const exit = await nodes.drain(victim, 20_000);
          return exit === 'code 0' ? [] : [`node-b ended its drain with ${exit}, not code 0`];
        },
        heal: () => nodes.start(victim),
      };
    case 'redis-restart':
      return { inject: async () => (await backends.redis.stop('SIGKILL'), []), heal: () => backends.redis.start() };
    case 'mariadb-restart':
      return { inject: async () => (await backends.mariadb.stop('SIGKILL'), []), heal: () => backends.mariadb.start() };
    case 'mq-outage':
      return { inject: async () => (await backends.mq.cut(), []), heal: () => backends.mq.start() };
  }
}

export async function runScenario(name: ScenarioName, backends: ChaosBackends, options: ScenarioOptions): Promise<ScenarioResult> {
  const warmupMs = Math.max(3000, options.durationMs * 0.25);
  // Recovery is measured on sends made after the fault ended, so the load must outlast it.
  if (options.durationMs < warmupMs + options.faultMs + 3000) {
    throw new RangeError(`a ${options.durationMs} ms run cannot hold a ${options.faultMs} ms fault after ${warmupMs} ms of warm-up and 3 s after it`);
  }
  const runId = `${name}-${randomBytes(3).toString('hex')}`;
  const database = `im_chaos_${name.replace(/-/g, '_')}`;
  await withMysql(PORTS.mariadb, undefined, (conn) => conn.query(`DROP DATABASE IF EXISTS \`${database}\``));
  const nodes = new ChaosNodes(PORTS.firstNode, {
    mysqlPort: PORTS.mariadb, database, redisPort: PORTS.redis, keyPrefix: `imchaos:${runId}:`,
    mqEndpoint: backends.mq.endpoint, topic: CHAOS_TOPIC,
  });
  const balancer = new Balancer(PORTS.balancer, () => nodes.slots);
  const collector = await primedCollector(CHAOS_TOPIC, 'C2C_MSG', runId);
  const load = new Load({ url: balancer.url, users: options.users, rate: options.rate, runId });
  const violations: string[] = [];
  try {
    await nodes.startAll();
    await balancer.start();
    await load.connect();

    const running = load.run(options.durationMs);
    await sleep(warmupMs);
    const fault = faultOf(name, nodes, backends);
    violations.push(...await fault.inject());
    await sleep(options.faultMs);
    const faultEndAt = Date.now();
    await fault.heal();
    const ready = await eventually(() => nodes.allReady(), 120_000, 250);
    const allReadyAt = ready ? Date.now() : null;
    await running;
    const loadEndAt = Date.now();
    await load.settle(loadEndAt + 60_000);

    const acked = load.records.filter((r) => r.ackedAt !== null);
    const allDelivered = () => acked.every((r) => load.delivered.get(r.receiver)!.has([...r.msgIds][0]!));
    await eventually(allDelivered, 30_000, 200);
    const swept = allDelivered() ? 0 : await load.sweep();
    if (swept > 0) await eventually(allDelivered, 10_000, 200);

    await eventually(async () => (await outboxBacklog(PORTS.mariadb, database)) === 0, 60_000, 500);
    const backlog = await outboxBacklog(PORTS.mariadb, database);
    const ackedIds = acked.map((r) => [...r.msgIds][0]!);
    await collector.waitFor(ackedIds, 60_000);
    const onTopic = new Set(ackedIds.filter((id) => collector.found.has(id)));
    const senders = [...new Set(load.records.map((r) => r.sender))];
    const rows = await messageRows(PORTS.mariadb, database, senders);
    if (!(await nodes.allReady())) violations.push('not every node is up and ready at the end');

    const verdict = verify({ records: load.records, delivered: load.delivered, rows, onTopic, outboxBacklog: backlog, faultEndAt, allReadyAt, loadEndAt });
    violations.push(...verdict.violations);
    const notes = [
      `refusals resent: ${[...load.refusals].map(([why, n]) => `${why} ${n}`).join(', ') || 'none'}`,
      `attempts per message: max ${Math.max(0, ...load.records.map((r) => r.attempts))}`,
      `SDK gave up and the user logged in again: ${load.revivals}`,
      `pulled by the final PULL_OFFLINE sweep: ${swept}`,
      `repeats of one msg_id the SDK emitted: ${[...load.delivered.values()].reduce((n, got) => n + [...got.values()].reduce((m, d) => m + d.times - 1, 0), 0)}`,
      `unplanned node exits (restarted as systemd would): ${nodes.unplannedExits.join(', ') || 'none'}`,
    ];
    return { scenario: name, figures: verdict.figures, violations, notes, logs: violations.length > 0 ? nodes.logs() : '' };
  } catch (err) {
    throw new Error(`${name}: ${(err as Error).message}\n${nodes.logs()}`, { cause: err });
  } finally {
    await load.close();
    await balancer.close();
    await nodes.close();
    await collector.close();
  }
}
