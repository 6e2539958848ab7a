import { Cluster } from 'ioredis';
import type { Id } from '../protocol/messages.js';
import type { Beat, Presence, Route } from './presence.js';
import type { RedisClient } from './redis/connect.js';
import { nodesKey, presenceKey } from './redis/keys.js';
import { scriptsOf, type Scripts } from './redis/scripts.js';

/**
 * Device routes in Redis: HASH `{prefix}presence:{uid}`, field deviceId, value
 * `nodeId|sessionId|expiresAtMs`. Redis 7.0 has no per-field TTL, so each value carries its
 * expiry (on the Redis server's clock, read by the scripts) and reads skip expired ones; the key
 * itself gets a PEXPIRE as long as its longest-lived route, so an abandoned user disappears.
 * Node leases are ZSET `{prefix}nodes`, nodeId scored by expiry on the same clock.
 *
 * A beat also compares the masters' run ids with the last beat's: a restart from an old snapshot
 * or a failover to a replica that missed the latest writes keeps the lease but may have lost
 * routes, so the beat reports the lease as not live and the node re-asserts all of its routes.
 */
export class RedisPresence implements Presence {
  private readonly scripts: Scripts;
  private servers: string | null = null;

  constructor(
    redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly identity: () => Promise<string> = () => serverIdentity(redis),
  ) {
    this.scripts = scriptsOf(redis);
  }

  async register(userId: Id, route: Route, ttlMs: number): Promise<Route | null> {
    // The value is split at its first '|': a '|' in nodeId would shift sessionId.
    if (route.nodeId.includes('|')) throw new Error(`nodeId ${JSON.stringify(route.nodeId)} must not contain '|'`);
    const previous = await this.scripts.presenceRegister(this.key(userId), route.deviceId, route.nodeId, route.sessionId, ttlMs);
    return previous === null ? null : parseRoute(route.deviceId, previous);
  }

  async unregister(userId: Id, deviceId: string, sessionId: string): Promise<void> {
    await this.scripts.presenceUnregister(this.key(userId), deviceId, sessionId);
  }

  async refresh(userId: Id, routes: Route[], ttlMs: number): Promise<void> {
    if (routes.length === 0) return;
    await this.scripts.presenceRefresh(this.key(userId), ttlMs, routes.map((r) => [r.deviceId, r.nodeId, r.sessionId]));
  }

  async routes(userId: Id): Promise<Route[]> {
    const live = await this.scripts.presenceRoutes(this.key(userId));
    return live.map(([deviceId, value]) => parseRoute(deviceId, value));
  }

  async beat(nodeId: string, ttlMs: number, forgetAfterMs: number): Promise<Beat> {
    // A user whose ACL denies INFO still renews its lease; only the comparison is skipped.
    const [beat, servers] = await Promise.all([
      this.scripts.presenceBeat(nodesKey(this.keyPrefix), nodeId, ttlMs, forgetAfterMs),
      this.identity().catch(() => null),
    ]);
    const changed = servers !== null && this.servers !== null && this.servers !== servers;
    if (servers !== null) this.servers = servers;
    return changed ? { ...beat, wasLive: false } : beat;
  }

  /** The connection belongs to whoever opened it. */
  async close(): Promise<void> {}

  private key(userId: Id): string {
    return presenceKey(this.keyPrefix, userId);
  }
}

/** The run ids of the masters holding the data, which change with a restart or a failover. */
async function serverIdentity(redis: RedisClient): Promise<string> {
  const masters = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const ids = await Promise.all(masters.map(async (master) => {
    const runId = /^run_id:(\w+)/m.exec(await master.info('server'))?.[1];
    if (runId === undefined) throw new Error('INFO server has no run_id');
    return runId;
  }));
  return ids.sort().join(',');
}

function parseRoute(deviceId: string, value: string): Route {
  const m = /^([^|]*)\|(.*)\|\d+$/s.exec(value);
  if (m === null) throw new Error(`corrupt presence value for device ${deviceId}: ${value}`);
  return { deviceId, nodeId: m[1]!, sessionId: m[2]! };
}
