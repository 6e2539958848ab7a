// Several gateway nodes as separate OS processes on loopback ports, against the real MariaDB,
// Redis and RocketMQ: what a multi-process cluster does when a node is killed or drained.
//
// Each node is ONE process (`node --import tsx src/main.ts`, not the tsx CLI, which forks a child
// that a SIGKILL of the parent would leave running), configured only through IM_* variables. The
// nodes of one Cluster share a MySQL database and a Redis key prefix unique to the Cluster.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis, Cluster as RedisCluster } from 'ioredis';
import mysql from 'mysql2/promise';
import { signToken } from '../../../src/auth/jwt.js';
import { clusterSeeds } from '../../../src/config/schema.js';
import type { RedisClient } from '../../../src/storage/redis/connect.js';
import { Cmd, type FrameOf, type KnownCmd } from '../../../src/protocol/messages.js';
import { deleteMatching } from '../../storage/fixtures.js';
import { RawClient } from '../../support/raw-client.js';
import { MYSQL, REDIS_URL } from '../../support/services.js';
import { TEST_TOPIC, rocketmqEndpoint } from '../../support/rocketmq.js';

/** The repository root: the nodes' working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The database every cluster run uses; its tables are emptied when a cluster starts. */
export const CLUSTER_DATABASE = 'im_connect_cluster';
export const CLUSTER_TOPIC = TEST_TOPIC;
export const CLUSTER_SECRET = 'cluster-test-secret-0123456789abcdef0123456789';
export const CLUSTER_ADMIN_TOKEN = 'cluster-test-admin-token';
/** The nodes' first re-push delay, ms (short, so that tests see re-pushes quickly). */
export const RETRY_BACKOFF_MS = 300;
/** The nodes' presence TTL, ms: a killed node's routes lapse this fast. */
export const PRESENCE_TTL_MS = 3000;
const TABLES = ['im_c2c_message', 'im_outbox', 'im_recall_notice', 'im_conversation', 'im_user_conversation', 'im_group', 'im_group_member', 'im_group_message'];

/** Kept per node for failure messages: the last this many characters of stderr (and stdout). */
const LOG_TAIL_CHARS = 64 * 1024;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `everyMs` until it returns true or `timeoutMs` passed; returns the last answer. */
export async function eventually(probe: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

/** `count` distinct free loopback ports (all bound at once, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<net.Server>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

export interface NodeOptions {
  /** IM_NODE__WORKER_ID; default -1 (leased from Redis). */
  workerId?: number;
  /** More IM_* variables, applied last. */
  env?: Record<string, string>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One gateway process. */
export class ClusterNode {
  readonly url: string;
  readonly opsUrl: string;
  /** Resolves when the process exited, however. */
  readonly exited: Promise<Exit>;
  exit: Exit | null = null;
  private output = '';

  constructor(
    readonly id: string,
    readonly clientPort: number,
    readonly opsPort: number,
    private readonly proc: ChildProcess,
  ) {
    this.url = `ws://127.0.0.1:${clientPort}/ws`;
    this.opsUrl = `http://127.0.0.1:${opsPort}`;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-LOG_TAIL_CHARS);
    };
    proc.stderr?.on('data', keep);
    proc.stdout?.on('data', keep);
    this.exited = new Promise<Exit>((resolve) => {
      proc.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  /** What the node wrote (log level warn and above, start failures), last 64 KiB. */
  get logs(): string {
    return this.output;
  }

  /** Polls /readyz until 200; rejects with the node's output if it exits or times out first. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (this.exit !== null) throw new Error(`node ${this.id} exited before ready (${show(this.exit)}):\n${this.logs}`);
      try {
        const res = await fetch(`${this.opsUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
        last = `${res.status} ${await res.text()}`;
      } catch (err) {
        last = (err as Error).message;
      }
      await sleep(100);
    }
    throw new Error(`node ${this.id} not ready within ${timeoutMs} ms (last /readyz: ${last}):\n${this.logs}`);
  }

  /** SIGTERM (graceful drain); resolves with the exit once the process ended, or rejects after timeoutMs. */
  async stop(timeoutMs = 20_000): Promise<Exit> {
    if (this.exit !== null) return this.exit;
    this.proc.kill('SIGTERM');
    return this.waitExit(timeoutMs);
  }

  /** SIGKILL: no drain, no cleanup, like a crashed machine (minus the network). */
  async kill(): Promise<Exit> {
    if (this.exit !== null) return this.exit;
    this.proc.kill('SIGKILL');
    return this.waitExit(10_000);
  }

  /** SIGSTOP: the process hangs (a long GC pause, a frozen VM) with every socket still open. */
  pause(): void {
    this.proc.kill('SIGSTOP');
  }

  /** SIGCONT after pause(). */
  resume(): void {
    this.proc.kill('SIGCONT');
  }

  /** Synchronous last resort (process 'exit' handler). */
  killNow(): void {
    if (this.exit === null) this.proc.kill('SIGKILL');
  }

  async waitExit(timeoutMs: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`node ${this.id} (pid ${this.pid}) did not exit within ${timeoutMs} ms:\n${this.logs}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function show(exit: Exit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code}`;
}

/** Every node any Cluster started in this process: killed when the test process exits. */
const everyNode = new Set<ClusterNode>();
process.once('exit', () => {
  for (const node of everyNode) node.killNow();
});

export interface ClusterOptions {
  /** IM_* variables for every node of this cluster (per-node options win). */
  env?: Record<string, string>;
  /** The nodes' `redis.cluster` (seed nodes of a Redis Cluster); default: the standalone Redis. */
  redisCluster?: string;
}

/**
 * The nodes of one test run: one MySQL database (emptied by `reset`), one Redis key prefix
 * (`imcluster:<random>:`, deleted by `close`), one JWT secret.
 */
export class Cluster {
  readonly keyPrefix = `imcluster:${randomBytes(4).toString('hex')}:`;
  readonly nodes = new Map<string, ClusterNode>();
  private readonly clients: Array<{ close(): unknown }> = [];
  private redisConn: RedisClient | null = null;

  constructor(private readonly options: ClusterOptions = {}) {}

  /** The env of a node: this process's, without a config file, plus the cluster's IM_* settings. */
  envFor(id: string, clientPort: number, opsPort: number, options: NodeOptions): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.IM_CONFIG;
    return {
      ...env,
      IM_MODE: 'production',
      IM_NODE__ID: id,
      IM_NODE__WORKER_ID: String(options.workerId ?? -1),
      IM_NODE__PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
      IM_SERVER__HOST: '127.0.0.1',
      IM_SERVER__PORT: String(clientPort),
      IM_OPS__HOST: '127.0.0.1',
      IM_OPS__PORT: String(opsPort),
      IM_OPS__ADMIN_TOKEN: CLUSTER_ADMIN_TOKEN,
      IM_AUTH__JWT_SECRET: CLUSTER_SECRET,
      IM_STORAGE__MYSQL__HOST: MYSQL.host,
      IM_STORAGE__MYSQL__PORT: String(MYSQL.port),
      IM_STORAGE__MYSQL__USER: MYSQL.user,
      IM_STORAGE__MYSQL__PASSWORD: MYSQL.password,
      IM_STORAGE__MYSQL__DATABASE: CLUSTER_DATABASE,
      IM_STORAGE__MYSQL__POOL_SIZE: '6',
      IM_REDIS__URL: REDIS_URL,
      IM_REDIS__CLUSTER: this.options.redisCluster ?? '',
      IM_REDIS__KEY_PREFIX: this.keyPrefix,
      IM_MQ__KIND: 'rocketmq',
      IM_MQ__TOPIC: CLUSTER_TOPIC,
      IM_MQ__ENDPOINTS: rocketmqEndpoint(),
      IM_MQ__RELAY_INTERVAL_MS: '50',
      IM_LOG__LEVEL: 'warn',
      IM_LOG__FORMAT: 'json',
      IM_RETRY__TICK_MS: '100',
      IM_RETRY__INITIAL_BACKOFF_MS: String(RETRY_BACKOFF_MS),
      // Suites send hundreds of messages per user at once; the per-user limit has its own test.
      IM_LIMITS__USER_SENDS_PER_SEC: '0',
      IM_SERVER__OVERLOAD_LAG_MS: '0',
      ...this.options.env,
      ...options.env,
    };
  }

  /** Spawns a node (does not wait for readiness: see `ClusterNode.ready`). */
  async spawn(id: string, options: NodeOptions = {}): Promise<ClusterNode> {
    if (this.nodes.get(id)?.alive) throw new Error(`node ${id} is already running`);
    const [clientPort, opsPort] = await freePorts(2) as [number, number];
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO_ROOT,
      env: this.envFor(id, clientPort, opsPort, options),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const node = new ClusterNode(id, clientPort, opsPort, proc);
    this.nodes.set(id, node);
    everyNode.add(node);
    void node.exited.then(() => everyNode.delete(node));
    return node;
  }

  /** Spawns the nodes at the same time and waits until all are ready. */
  async start(ids: readonly string[], options: (id: string) => NodeOptions = () => ({})): Promise<ClusterNode[]> {
    const nodes = await Promise.all(ids.map((id) => this.spawn(id, options(id))));
    await Promise.all(nodes.map((n) => n.ready()));
    return nodes;
  }

  node(id: string): ClusterNode {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`no node ${id}`);
    return node;
  }

  token(userId: string, ttlSeconds = 3600): Promise<string> {
    return signToken({ userId, secret: CLUSTER_SECRET, ttlSeconds });
  }

  /** A RawClient logged in on `node` as (userId, deviceId); closed by `closeClients`. */
  async login(node: ClusterNode, userId: string, deviceId = 'phone'): Promise<RawClient> {
    const client = this.track(await RawClient.open(node.url));
    client.send(Cmd.AUTH_REQ, { token: await this.token(userId), deviceId, platform: 'cluster-test' });
    await client.next(Cmd.AUTH_RESP, undefined, 10_000);
    return client;
  }

  /** Closes the client with the others at the end of the test. */
  track<T extends { close(): unknown }>(client: T): T {
    this.clients.push(client);
    return client;
  }

  async closeClients(): Promise<void> {
    await Promise.all(this.clients.splice(0).map(async (c) => {
      try {
        await c.close();
      } catch {
        // already gone
      }
    }));
  }

  /** Empties the cluster database's tables (they exist once a node ran its migrations). */
  async truncate(): Promise<void> {
    await this.withMysql(async (conn) => {
      for (const table of TABLES) await conn.query(`TRUNCATE TABLE ${table}`);
    });
  }

  /** msg_id → msg_status (0 pending, 1 delivered, 2 recalled, 3 dropped) for the ids that exist. */
  async statuses(msgIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (msgIds.length === 0) return out;
    await this.withMysql(async (conn) => {
      for (let i = 0; i < msgIds.length; i += 500) {
        const chunk = msgIds.slice(i, i + 500);
        const [rows] = await conn.query(
          `SELECT CAST(msg_id AS CHAR) AS msg_id, msg_status FROM im_c2c_message WHERE msg_id IN (${chunk.map(() => '?').join(',')})`,
          chunk,
        );
        for (const row of rows as Array<{ msg_id: string; msg_status: number }>) out.set(row.msg_id, Number(row.msg_status));
      }
    });
    return out;
  }

  /** Live presence routes of a user as the Redis hash holds them (device → 'node|session|expiresAt'). */
  async presenceOf(userId: string): Promise<Record<string, string>> {
    return this.redis().hgetall(`${this.keyPrefix}presence:{${userId}}`);
  }

  /**
   * Calls an /admin/... endpoint of the node with the cluster's admin token. Resolves null when
   * the node has no admin endpoints (404), so that tests use them only where they exist.
   */
  async admin<T>(node: ClusterNode, method: 'GET' | 'POST', path: string): Promise<T | null> {
    const res = await fetch(`${node.opsUrl}${path}`, { method, headers: { authorization: `Bearer ${CLUSTER_ADMIN_TOKEN}` } });
    if (res.status === 404) return null;
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${method} ${path} on ${node.id}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** The Redis (or Redis Cluster) the nodes use. */
  redis(): RedisClient {
    const seeds = clusterSeeds(this.options.redisCluster ?? '') ?? [];
    this.redisConn ??= seeds.length > 0
      ? new RedisCluster(seeds, { redisOptions: { maxRetriesPerRequest: 2 } })
      : new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
    return this.redisConn;
  }

  /** The output of every node, for a failed test's message. */
  logs(): string {
    return [...this.nodes.values()]
      .map((n) => `---- node ${n.id} (pid ${n.pid}, ${n.exit ? show(n.exit) : 'running'}) ----\n${n.logs.slice(-8000) || '(no output)'}`)
      .join('\n');
  }

  /** Stops every node (SIGTERM, then SIGKILL), closes clients, deletes the run's Redis keys. */
  async close(): Promise<void> {
    await this.closeClients();
    await Promise.all([...this.nodes.values()].map(async (node) => {
      try {
        await node.stop(15_000);
      } catch {
        await node.kill();
      }
    }));
    const redis = this.redis();
    try {
      await deleteMatching(redis, `${this.keyPrefix}*`);
    } finally {
      redis.disconnect();
      this.redisConn = null;
    }
  }

  private async withMysql<T>(fn: (conn: mysql.Connection) => Promise<T>): Promise<T> {
    const conn = await mysql.createConnection({
      host: MYSQL.host, port: MYSQL.port, user: MYSQL.user, password: MYSQL.password, database: CLUSTER_DATABASE,
      supportBigNumbers: true, bigNumberStrings: true,
    });
    try {
      return await fn(conn);
    } finally {
      await conn.end();
    }
  }
}

/** Expects no frame with `cmd` (matching `pred`) to arrive within `ms`. */
export async function expectNone<C extends KnownCmd>(client: RawClient, cmd: C, ms: number, pred: (f: FrameOf<C>) => boolean = () => true): Promise<void> {
  await sleep(ms);
  const got = client.all(cmd).filter(pred);
  expect(got.map((f) => JSON.stringify(f.body)), `unexpected ${Cmd[cmd]} within ${ms} ms`).to.deep.equal([]);
}
