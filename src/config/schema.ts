// config/: the configuration schema (every key, its default and unit) and its loader.
import { z } from 'zod';

const port = z.number().int().min(0).max(65535);
const ms = z.number().int().min(1);

/**
 * The seed nodes of `redis.cluster` (comma-separated host:port, ports 1-65535; empty = none), or
 * null when the value is not such a list.
 */
export function clusterSeeds(value: string): Array<{ host: string; port: number }> | null {
  const seeds: Array<{ host: string; port: number }> = [];
  for (const seed of value.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = /^([^\s:]+):(\d{1,5})$/.exec(seed);
    const port = Number(m?.[2]);
    if (m === null || port < 1 || port > 65535) return null;
    seeds.push({ host: m[1]!, port });
  }
  return seeds;
}

export const configSchema = z.strictObject({
  /** embedded: SQLite + in-process stores, no servers. production: MySQL, Redis, RocketMQ. */
  mode: z.enum(['embedded', 'production']).default('embedded'),
  node: z.strictObject({
    /** Node id for routing between nodes; empty = generated at start. */
    id: z.string().default(''),
    /** Snowflake worker id 0-1023; -1 = lease one from Redis (production) or 0 (embedded). */
    workerId: z.number().int().min(-1).max(1023).default(-1),
    /** A leased worker id expires this long after its node stopped renewing it, ms. */
    workerLeaseTtlMs: ms.default(30000),
    /** A node that stopped renewing its presence lease is taken for dead this long after, ms; its routes live 60× this. */
    presenceTtlMs: ms.default(60000),
  }).prefault({}),
  server: z.strictObject({
    host: z.string().default('0.0.0.0'),
    /** Client WebSocket port (path /ws). */
    port: port.default(7070),
    /** Raw TCP client port (4-byte big-endian length, then a frame); 0 = off. */
    tcpPort: port.default(0),
    /** Largest accepted WebSocket message, bytes; larger → ERROR TOO_LARGE + close 1009. */
    maxFrameBytes: z.number().int().min(256).default(65536),
    /** Session send buffer above which it is a slow consumer, bytes. */
    slowConsumerBytes: z.number().int().min(1024).default(1048576),
    /** How long a slow consumer may stay over the limit before KICK SLOW_CONSUMER, ms. */
    slowConsumerGraceMs: ms.default(5000),
    /** A connection must have sent its whole HTTP request (the WebSocket upgrade) within this, ms. */
    handshakeTimeoutMs: z.number().int().min(100).default(5000),
    /**
     * Open client connections (WebSocket and TCP together) past which new ones are refused;
     * 0 = the process's descriptor limit less a reserve for its own sockets and files.
     */
    maxConnections: z.number().int().min(0).default(0),
    /** Longest event-loop delay in the last second above which new connections are refused, ms; 0 = never. */
    overloadLagMs: z.number().int().min(0).default(500),
  }).prefault({}),
  ops: z.strictObject({
    host: z.string().default('127.0.0.1'),
    /** Operations HTTP port (/healthz, /readyz, /metrics, /admin/...). */
    port: port.default(7071),
    /** Bearer token for /admin/... endpoints; empty = admin endpoints disabled. */
    adminToken: z.string().default(''),
    /** On SIGTERM/SIGINT: how long to drain (kick sessions, finish commits, flush the outbox), ms. */
    shutdownGraceMs: ms.default(10000),
  }).prefault({}),
  auth: z.strictObject({
    /**
     * HS256 secret for client JWTs (and `npm run token`). Required in production unless a public
     * key or JWKS is configured; embedded generates one if empty and no other key is configured.
     */
    jwtSecret: z.string().default(''),
    /** Another HS256 secret still accepted (never signed with): the old one during a rotation. */
    previousJwtSecret: z.string().default(''),
    /** RS256/ES256 public keys (PEM: SPKI or certificate), comma-separated file paths. */
    publicKeyFiles: z.string().default(''),
    /** A JWKS file (JSON {"keys": [...]}) of RS256/ES256 public keys, picked by the token's kid. */
    jwksFile: z.string().default(''),
    /** A JWKS URL (http or https), fetched at start and refreshed in the background. */
    jwksUrl: z.string().default(''),
    /** How often the JWKS URL is fetched again, ms. */
    jwksRefreshMs: z.number().int().min(1000).default(300000),
    /** A token with a kid the JWKS lacks makes it fetched again, at most once per this, ms. */
    jwksCooldownMs: z.number().int().min(0).default(30000),
    /** Required `iss` claim; empty = not checked. */
    issuer: z.string().default(''),
    /** Required `aud` claim (one of the token's audiences); empty = not checked. */
    audience: z.string().default(''),
    /** AUTH_REQs per client address per minute on this node (token bucket, burst = the same); 0 = off. */
    loginAttemptsPerMinute: z.number().int().min(0).default(0),
    /** A connection must authenticate within this time, ms. */
    timeoutMs: ms.default(10000),
  }).prefault({}),
  heartbeat: z.strictObject({
    /** Told to clients in AUTH_RESP; a session silent for 3 intervals is kicked, ms. */
    intervalMs: ms.default(30000),
  }).prefault({}),
  limits: z.strictObject({
    /** Longest content of one message, characters; at most 16383 so that 4-byte characters fit TEXT. */
    maxContentChars: z.number().int().min(1).max(16383).default(4096),
    /** Sustained requests per second per session (token bucket rate). */
    ratePerSec: z.number().min(0.1).default(50),
    /** Token bucket size: requests a session may burst above the rate. */
    rateBurst: z.number().int().min(1).default(100),
    /** Malformed frames a session may send before KICK ABUSE. */
    maxBadFrames: z.number().int().min(1).default(10),
    /** Sends (one-to-one and group) per second per user, over all its connections and nodes; 0 = off. */
    userSendsPerSec: z.number().min(0).default(100),
    /** Burst of sends per user. */
    userSendBurst: z.number().int().min(1).default(200),
  }).prefault({}),
  messaging: z.strictObject({
    /** Recall is allowed this long after a message's create time, ms. */
    recallWindowMs: ms.default(120000),
    /** Group commit: most messages written in one transaction. */
    batchMaxSize: z.number().int().min(1).default(200),
    /** Group commit: longest a message waits while other batches commit, ms; with none in flight it goes on the next tick. */
    batchMaxWaitMs: z.number().int().min(0).default(2),
  }).prefault({}),
  conversations: z.strictObject({
    /** Largest SYNC page, conversations (a request for 0 gets 100, or this when lower). */
    maxSyncLimit: z.number().int().min(1).default(100),
    /** Largest HISTORY page, entries; the protocol promises at least 100. */
    maxHistoryLimit: z.number().int().min(100).default(100),
    /** CONV_READ events are coalesced per (user, conversation) over this window, ms. */
    readEventIntervalMs: ms.default(1000),
  }).prefault({}),
  groups: z.strictObject({
    /** Most members of one group, owner included; beyond it adding is LIMIT_EXCEEDED. */
    maxMembers: z.number().int().min(2).default(10000),
    /** Typing indicators are delivered in groups of at most this many members (behaviour 13). */
    typingMaxMembers: z.number().int().min(0).default(100),
    /** Most mention_user_ids in one GROUP_SEND_REQ. */
    maxMentions: z.number().int().min(0).default(100),
  }).prefault({}),
  retry: z.strictObject({
    /** How often the retry scanner looks for unacked pushes, ms. */
    tickMs: ms.default(1000),
    /** Wait before the first re-push, ms; doubles after each attempt. */
    initialBackoffMs: ms.default(2000),
    /** Re-pushes before a message is left for the next login or pull. */
    maxAttempts: z.number().int().min(0).default(5),
    /** A claimed entry whose node died is claimed again after this, ms. */
    leaseMs: ms.default(30000),
    /** Most entries claimed per tick. */
    batchSize: z.number().int().min(1).default(500),
  }).prefault({}),
  offline: z.strictObject({
    /** Undelivered messages pushed right after login. */
    loginBatch: z.number().int().min(0).default(100),
    /** Largest PULL_OFFLINE page. */
    maxPullLimit: z.number().int().min(1).default(200),
    /** Undelivered messages kept per user; older ones beyond it are dropped (logged, counted). */
    capPerUser: z.number().int().min(1).default(1000),
    /** A committed message whose delivery was never armed (Redis failed after the commit) is armed by then, ms. */
    armSweepDelayMs: ms.default(30000),
    /** How often the arm sweep runs (and how much time each round covers), ms. */
    armSweepIntervalMs: z.number().int().min(100).default(10000),
    /** Undelivered messages older than this are dropped (logged, counted), ms. Default 7 days. */
    ttlMs: ms.default(604800000),
  }).prefault({}),
  storage: z.strictObject({
    sqlite: z.strictObject({
      /** SQLite file in embedded mode; ":memory:" for a throwaway store. */
      path: z.string().default('./data/im-connect.sqlite'),
    }).prefault({}),
    mysql: z.strictObject({
      host: z.string().default('127.0.0.1'),
      port: port.default(3306),
      user: z.string().default('root'),
      password: z.string().default(''),
      database: z.string().default('im_connect'),
      /** Connections in the pool. */
      poolSize: z.number().int().min(1).default(10),
    }).prefault({}),
  }).prefault({}),
  redis: z.strictObject({
    /** redis:// URL (production mode). */
    url: z.string().default('redis://127.0.0.1:6379'),
    /** Redis Cluster seed nodes, comma-separated host:port; empty = the single Redis at `url`. */
    cluster: z.string().refine((v) => clusterSeeds(v) !== null)
      .describe('comma-separated host:port seed nodes (e.g. 10.0.0.1:7000,10.0.0.2:7000), or empty').default(''),
    /** ACL user and password on every node of `redis.cluster` (a single Redis takes them in `url`). */
    clusterUsername: z.string().default(''),
    clusterPassword: z.string().default(''),
    /** Prefix of every key, e.g. to share one Redis between deployments. */
    keyPrefix: z.string().default('im:'),
  }).prefault({}),
  mq: z.strictObject({
    /** off: no events (nothing written to the outbox, no relay); log: relayed and logged at debug; rocketmq: published. */
    kind: z.enum(['off', 'log', 'rocketmq']).default('log'),
    topic: z.string().default('im-c2c-msg-topic'),
    /** RocketMQ 5 proxy gRPC endpoint (host:port), never the NameServer. */
    endpoints: z.string().default('127.0.0.1:8081'),
    namespace: z.string().default(''),
    accessKey: z.string().default(''),
    secretKey: z.string().default(''),
    /**
     * in-process: this gateway publishes its outbox. separate: it does not; run `npm run relay`
     * (one or more processes; they share the outbox safely) so publishing has its own CPU.
     */
    relay: z.enum(['in-process', 'separate']).default('in-process'),
    /**
     * Outbox relay: events per SendMessage call. RocketMQ proxies before 5.5.0 store every event
     * of a call with the first one's keys and tag: set 1 for those.
     */
    publishBatch: z.number().int().min(1).max(1024).default(128),
    /** Outbox relay: publish calls in flight; a round claims publishBatch × this many events. */
    relayConcurrency: z.number().int().min(1).default(4),
    /** Outbox relay: poll interval when idle, ms (the in-process relay, woken by commits, backs off to 10× this). */
    relayIntervalMs: ms.default(200),
  }).prefault({}),
  log: z.strictObject({
    level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
    /** json for production log pipelines, pretty for a terminal; auto = json in production mode. */
    format: z.enum(['auto', 'json', 'pretty']).default('auto'),
  }).prefault({}),
});

export type Config = z.infer<typeof configSchema>;
