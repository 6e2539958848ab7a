// Starts real gateways for end-to-end tests: real WebSocket ports, real stores.
import { openBackends, type Backends } from '../../src/app/backends.js';
import { Gateway } from '../../src/app/gateway.js';
import { signToken, verifyToken } from '../../src/auth/jwt.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { Snowflake } from '../../src/ids/snowflake.js';
import { silentLogger } from '../../src/log/logger.js';
import mysql from 'mysql2/promise';
import { MYSQL, REDIS_URL } from './services.js';

export const TEST_SECRET = 'test-secret-with-enough-entropy-0123456789';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Embedded-mode test config: ephemeral ports, in-memory SQLite, fast timers. */
export function testConfig(overrides: DeepPartial<Config> = {}): Config {
  const base: DeepPartial<Config> = {
    // A loaded test machine stalls the event loop; shedding has its own test.
    server: { host: '127.0.0.1', port: 0, overloadLagMs: 0 },
    ops: { host: '127.0.0.1', port: 0 },
    auth: { jwtSecret: TEST_SECRET },
    storage: { sqlite: { path: ':memory:' } },
    mq: { kind: 'off', relayIntervalMs: 20 },
    retry: { tickMs: 50, initialBackoffMs: 200 },
    // Suites send many messages per user at once; the per-user limit has its own test.
    limits: { userSendsPerSec: 0 },
  };
  return configSchema.parse(merge(base, overrides));
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && prev !== null && typeof prev === 'object'
      ? merge(prev as Record<string, unknown>, v as Record<string, unknown>)
      : v;
  }
  return out;
}

export interface TestGateway {
  gateway: Gateway;
  backends: Backends;
  config: Config;
  url: string;
  opsUrl: string;
  token(userId: string, ttlSeconds?: number): Promise<string>;
  stop(): Promise<void>;
}

let nextWorker = 0;

export type Mode = 'embedded' | 'production';

/** The production database end-to-end suites share; emptied before every gateway they start. */
export const E2E_DATABASE = 'im_connect_e2e';

/** Production-mode settings: the local MariaDB and Redis, a fresh Redis key prefix per gateway. */
export function productionOverrides(): DeepPartial<Config> {
  return {
    mode: 'production',
    storage: { mysql: { host: MYSQL.host, port: MYSQL.port, user: MYSQL.user, password: MYSQL.password, database: E2E_DATABASE, poolSize: 6 } },
    redis: { url: REDIS_URL, keyPrefix: `imtest:${Math.random().toString(36).slice(2)}:` },
  };
}

/** Empties the e2e database's tables so a test starts from nothing (the schema stays). */
export async function truncateE2eTables(): Promise<void> {
  const conn = await mysql.createConnection({ host: MYSQL.host, port: MYSQL.port, user: MYSQL.user, password: MYSQL.password, database: E2E_DATABASE });
  try {
    for (const table of ['im_c2c_message', 'im_outbox', 'im_recall_notice', 'im_conversation', 'im_user_conversation', 'im_group', 'im_group_member', 'im_group_message']) await conn.query(`TRUNCATE TABLE ${table}`);
  } finally {
    await conn.end();
  }
}

/** Starts a gateway in `mode`; production gateways start on emptied tables. */
export async function startGatewayIn(mode: Mode, overrides: DeepPartial<Config> = {}): Promise<TestGateway> {
  if (mode === 'embedded') return startGateway(overrides);
  const config = testConfig(merge(productionOverrides() as Record<string, unknown>, overrides as Record<string, unknown>) as DeepPartial<Config>);
  const backends = await openBackends(config, silentLogger());
  await truncateE2eTables();
  return startGateway(config as DeepPartial<Config>, backends);
}

export async function startGateway(overrides: DeepPartial<Config> = {}, backends?: Backends): Promise<TestGateway> {
  const config = testConfig(overrides);
  const logger = silentLogger();
  const opened = backends ?? (await openBackends(config, logger));
  const gateway = new Gateway({
    nodeId: config.node.id || `test-node-${nextWorker}`,
    workerId: nextWorker % 1024,
    config, logger, backends: opened,
    ids: new Snowflake({ workerId: nextWorker++ % 1024 }),
    verifyToken: (token) => verifyToken(token, config.auth.jwtSecret),
  });
  await gateway.start();
  return {
    gateway, backends: opened, config,
    url: `ws://127.0.0.1:${gateway.clientPort}/ws`,
    opsUrl: `http://127.0.0.1:${gateway.opsPort}`,
    token: (userId, ttlSeconds = 3600) => signToken({ userId, secret: config.auth.jwtSecret, ttlSeconds }),
    stop: () => gateway.stop(1000),
  };
}
