import { Cluster, Redis } from 'ioredis';
import { clusterSeeds } from '../../config/schema.js';

/** What every store talks to: one Redis, or a Redis Cluster through its seed nodes. */
export type RedisClient = Redis | Cluster;

/** The `redis` config section's say on where Redis is. */
export interface RedisEndpoint {
  url: string;
  /** Comma-separated host:port seed nodes; non-empty means a Redis Cluster, and `url` is unused. */
  cluster: string;
  /** Credentials on every Cluster node; empty = none (the default user without a password). */
  clusterUsername?: string;
  clusterPassword?: string;
}

/** How long startup waits for Redis (a server still booting next to us gets this long), ms. */
const STARTUP_BUDGET_MS = 5000;
/** One TCP connect attempt; a black-holed address must not eat the whole budget, ms. */
const CONNECT_TIMEOUT_MS = 2000;

/**
 * Opens a connection (a Cluster client when seed nodes are given) and resolves once Redis is
 * ready. Rejects, naming the URL (password hidden) or the seeds, when it is not ready within a few
 * seconds: ioredis would otherwise retry forever and the gateway would hang at startup. Once
 * ready, lost connections are retried indefinitely.
 */
export async function connectRedis(endpoint: RedisEndpoint): Promise<RedisClient> {
  const deadline = Date.now() + STARTUP_BUDGET_MS;
  let started = false;
  const retry = (times: number): number | null => {
    const delay = Math.min(times * 50, 2000);
    return started || Date.now() + delay < deadline ? delay : null;
  };
  const seeds = clusterSeeds(endpoint.cluster);
  if (seeds === null) throw new Error(`redis.cluster: not a comma-separated list of host:port: ${JSON.stringify(endpoint.cluster)}`);
  // Each message costs several small commands from many concurrent sessions: sending those of
  // one event-loop turn as one pipeline (per node, on a Cluster) saves a round trip each.
  const redis: RedisClient = seeds.length === 0
    ? new Redis(endpoint.url, { connectTimeout: CONNECT_TIMEOUT_MS, enableAutoPipelining: true, retryStrategy: retry })
    : new Cluster(seeds, {
      enableAutoPipelining: true,
      // SSUBSCRIBE goes to the master of the channel's slot on a connection per master, opened
      // only once something subscribes there (the node bus).
      shardedSubscribers: true,
      clusterRetryStrategy: retry,
      redisOptions: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        ...(endpoint.clusterUsername ? { username: endpoint.clusterUsername } : {}),
        ...(endpoint.clusterPassword ? { password: endpoint.clusterPassword } : {}),
      },
    });
  const where = seeds.length === 0 ? `Redis at ${redact(endpoint.url)}` : `Redis Cluster (seeds ${endpoint.cluster})`;

  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    // A Cluster's "Failed to refresh slots cache" says why only in the last node's error (WRONGPASS, refused, ...).
    const onError = (err: Error & { lastNodeError?: Error }) => { lastError = err.lastNodeError ?? err; };
    const settle = () => {
      clearTimeout(timer);
      redis.off('error', onError).off('ready', onReady).off('end', fail);
    };
    const fail = () => {
      settle();
      redis.disconnect();
      const why = lastError === undefined ? 'not ready' : lastError.message;
      reject(new Error(`${where} was not ready within ${STARTUP_BUDGET_MS} ms: ${why}`));
    };
    const onReady = () => {
      settle();
      started = true;
      resolve(redis);
    };
    // Covers a server that accepts connections but never gets ready (e.g. loading a dataset).
    const timer = setTimeout(fail, STARTUP_BUDGET_MS);
    // 'end': retryStrategy gave up within the budget.
    redis.on('error', onError).once('ready', onReady).once('end', fail);
  });
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
