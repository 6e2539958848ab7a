// Shared by the storage tests: a clock tests can move, a Redis connection (to the standalone
// server, then to the local Cluster) whose keys live under a prefix unique to this run and are
// deleted afterwards (never FLUSHALL: Redis is shared), and a MySQL database of their own.
import { randomUUID } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { connectRedis, type RedisClient, type RedisEndpoint } from '../../src/storage/redis/connect.js';
import { messageEvent } from '../../src/mq/events.js';
import type { MessageWrite, NewMessage } from '../../src/storage/message-store.js';
import { MYSQL, REDIS_CLUSTER, REDIS_URL, needMysql, needRedis, needRedisCluster } from '../support/services.js';

/** Ids either side of 2^53 (one JS number for both) and at the top of the signed 64-bit range. */
export const ID = {
  twoTo53: '9007199254740992',
  twoTo53Plus1: '9007199254740993',
  belowTwoTo63: '9223372036854775806',
  twoTo63Minus1: '9223372036854775807',
} as const;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface FakeClock {
  now: () => number;
  advance(ms: number): Promise<void>;
}

export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let t = start;
  return { now: () => t, advance: async (ms) => { t += ms; } };
}

/** Where the Redis suites run: the standalone server, and the local three-master Cluster. */
export interface RedisTarget {
  name: string;
  endpoint: RedisEndpoint;
  need(ctx: Mocha.Context): Promise<void>;
}

export const REDIS_TARGETS: readonly RedisTarget[] = [
  { name: 'Redis', endpoint: { url: REDIS_URL, cluster: '' }, need: needRedis },
  { name: 'Redis Cluster', endpoint: { url: REDIS_URL, cluster: REDIS_CLUSTER }, need: needRedisCluster },
];

/** The servers holding the data: every master of a Cluster, or the one Redis. */
export function masters(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}

/** Every key matching `pattern`, from all masters (KEYS on a Cluster asks one node only). */
export async function keysMatching(redis: RedisClient, pattern: string): Promise<string[]> {
  const found: string[] = [];
  // A Cluster client knows its masters once it has connected.
  if (redis instanceof Cluster) await redis.ping();
  for (const node of masters(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return found.sort();
}

/** Deletes the keys one by one: on a Cluster a multi-key UNLINK must stay within one slot. */
export async function deleteMatching(redis: RedisClient, pattern: string): Promise<void> {
  await Promise.all((await keysMatching(redis, pattern)).map((key) => redis.unlink(key)));
}

export interface RedisFixture {
  target: RedisTarget;
  /** The connection opened in `before`. */
  redis(): RedisClient;
  /** One more connection, e.g. to act as a second gateway node. */
  connect(): Promise<RedisClient>;
  /** A key prefix no other test uses, so each implementation starts empty. */
  freshPrefix(): string;
  /** The keys under `prefix`, sorted, from every master. */
  keys(prefix: string): Promise<string[]>;
}

/**
 * A describe block per Redis target (each skips, or fails in CI, without its server) that cleans
 * up its keys.
 */
export function describeWithRedis(title: string, body: (fixture: RedisFixture) => void): void {
  for (const target of REDIS_TARGETS) {
    describe(`${title} on ${target.name}`, function () {
      const runPrefix = `imtest:${randomUUID().slice(0, 8)}:`;
      const clients: RedisClient[] = [];
      let n = 0;
      const fixture: RedisFixture = {
        target,
        redis: () => clients[0]!,
        connect: async () => {
          const client = await connectRedis(target.endpoint);
          clients.push(client);
          return client;
        },
        freshPrefix: () => `${runPrefix}${++n}:`,
        keys: (prefix) => keysMatching(clients[0]!, `${prefix}*`),
      };

      before(async function () {
        await target.need(this);
        await fixture.connect();
      });

      after(async () => {
        const redis = clients[0];
        if (redis !== undefined) await deleteMatching(redis, `${runPrefix}*`);
        for (const client of clients) client.disconnect();
      });

      body(fixture);
    });
  }
}

/** A message with the event the gateway would write for it (mq/events.ts). */
export function withEvent(message: NewMessage): MessageWrite {
  return { message, event: messageEvent(message) };
}

/** The tables the message and conversation stores write. */
export const MESSAGE_TABLES = ['im_c2c_message', 'im_outbox', 'im_recall_notice', 'im_conversation', 'im_user_conversation'] as const;

/** Runs `sql` (several statements allowed) on the MySQL server, outside any database. */
async function onMysql(sql: string): Promise<void> {
  const conn = await mysql.createConnection({ ...MYSQL, multipleStatements: true });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

/**
 * For a describe block on MySQL: skips it (or fails in CI) without MySQL, and drops `database`
 * before (the stores create and migrate it) and after. `options` open stores on it; `truncate`
 * empties `tables` between tests.
 */
export function mysqlDatabase(database: string, tables: readonly string[]) {
  let reachable = false;

  before(async function () {
    await needMysql(this);
    reachable = true;
    await onMysql(`DROP DATABASE IF EXISTS ${database}`);
  });

  after(async () => {
    if (reachable) await onMysql(`DROP DATABASE IF EXISTS ${database}`);
  });

  return {
    options: { ...MYSQL, database, poolSize: 4 },
    truncate: () => onMysql(tables.map((t) => `TRUNCATE ${database}.${t}`).join('; ')),
  };
}
