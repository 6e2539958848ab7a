// The Lua scripts in ./lua, registered on a connection with ioredis `defineCommand` (EVALSHA,
// falling back to EVAL after a script flush), and their typed TypeScript signatures. A file
// `name-N.lua` defines command `name` taking N keys; `--- @include "includes/x"` lines are
// replaced by ./lua/includes/x.lua, so shared fragments are written once. Every script touches
// only the keys it is given, all in one Redis Cluster slot (keys.ts names them).
import { readdirSync, readFileSync } from 'node:fs';
import type { RedisClient } from './connect.js';

const LUA_DIR = new URL('./lua/', import.meta.url);
const INCLUDE = /^--- @include "([\w/]+)"$/gm;

interface ScriptSource {
  numberOfKeys: number;
  lua: string;
}

function loadSources(): Map<string, ScriptSource> {
  const sources = new Map<string, ScriptSource>();
  for (const file of readdirSync(LUA_DIR)) {
    const m = /^(\w+)-(\d+)\.lua$/.exec(file);
    if (m === null) continue;
    const lua = readFileSync(new URL(file, LUA_DIR), 'utf8')
      .replace(INCLUDE, (_, path: string) => readFileSync(new URL(`${path}.lua`, LUA_DIR), 'utf8'));
    sources.set(m[1]!, { numberOfKeys: Number(m[2]), lua });
  }
  return sources;
}

// Read once per process; a missing script fails when the first store is built, not mid-traffic.
const sources = loadSources();

type Arg = string | number;
type Command = (...args: Arg[]) => Promise<unknown>;

/** Every script, as the Lua header of its file describes it. Replies are checked, not cast. */
export interface Scripts {
  /** Merges canonical decimal msg_ids into the list and marks it complete; returns its msg_ids, ascending. */
  offlineFill(list: string, ready: string, ttlMs: number, msgIds: string[]): Promise<string[]>;
  /** Returns the list's entries in list order, or null when it is not complete. */
  offlineRead(list: string, ready: string): Promise<string[] | null>;
  /** Returns the number of entries removed. */
  offlineRemove(list: string, msgIds: string[]): Promise<number>;
  /** Returns [member, attempt, due] of each claimed entry, earliest due first. */
  retryClaim(set: string, attempts: string, now: number, limit: number, leaseUntil: number): Promise<Array<[string, number, number]>>;
  /** Returns the replaced live value 'nodeId|sessionId|expiresAtMs', or null. */
  presenceRegister(key: string, deviceId: string, nodeId: string, sessionId: string, ttlMs: number): Promise<string | null>;
  /** Returns whether the route was removed. */
  presenceUnregister(key: string, deviceId: string, sessionId: string): Promise<boolean>;
  /** Returns the number of routes extended; `routes` are [deviceId, nodeId, sessionId]. */
  presenceRefresh(key: string, ttlMs: number, routes: Array<[string, string, string]>): Promise<number>;
  /** Returns [deviceId, value] of each live route. */
  presenceRoutes(key: string): Promise<Array<[string, string]>>;
  /** Returns whether the node's lease was live, and the nodes whose lease lapsed. */
  presenceBeat(key: string, nodeId: string, ttlMs: number, forgetAfterMs: number): Promise<{ wasLive: boolean; lapsed: string[] }>;
  /** Returns what became of the lease: extended, claimed again after it expired, or held by another node. */
  workerRenew(key: string, nodeId: string, ttlMs: number): Promise<'extended' | 'reclaimed' | 'taken'>;
  /** Returns whether the key was deleted (it named `nodeId`). */
  workerRelease(key: string, nodeId: string): Promise<boolean>;
  /** Returns whether `cost` tokens were taken from the bucket. */
  rateTake(key: string, rate: number, burst: number, cost: number): Promise<boolean>;
}

const registered = new WeakMap<RedisClient, Scripts>();

/** The scripts on this connection, registering them the first time. */
export function scriptsOf(redis: RedisClient): Scripts {
  let scripts = registered.get(redis);
  if (scripts === undefined) {
    scripts = register(redis);
    registered.set(redis, scripts);
  }
  return scripts;
}

function register(redis: RedisClient): Scripts {
  const command = (name: string): Command => {
    const source = sources.get(name);
    if (source === undefined) throw new Error(`Lua script ${name}-N.lua is missing from ${LUA_DIR.pathname}`);
    redis.defineCommand(name, source);
    // defineCommand adds the method at run time; ioredis' types cannot know it.
    const fn = (redis as unknown as Record<string, Command>)[name]!;
    return fn.bind(redis);
  };
  command('offlineAppend'); // queued on pipelines by name (RedisOfflineQueue.appendMany)
  const offlineFill = command('offlineFill');
  const offlineRead = command('offlineRead');
  const offlineRemove = command('offlineRemove');
  const retryClaim = command('retryClaim');
  const presenceRegister = command('presenceRegister');
  const presenceUnregister = command('presenceUnregister');
  const presenceRefresh = command('presenceRefresh');
  const presenceRoutes = command('presenceRoutes');
  const presenceBeat = command('presenceBeat');
  const workerRenew = command('workerRenew');
  const workerRelease = command('workerRelease');
  const rateTake = command('rateTake');

  return {
    offlineFill: async (list, ready, ttlMs, msgIds) =>
      strings(await offlineFill(list, ready, ttlMs, ...msgIds)),
    offlineRead: async (list, ready) => {
      const entries = await offlineRead(list, ready);
      return entries === null ? null : strings(entries);
    },
    offlineRemove: async (list, msgIds) => integer(await offlineRemove(list, ...msgIds)),
    retryClaim: async (set, attempts, now, limit, leaseUntil) => {
      const flat = array(await retryClaim(set, attempts, now, limit, leaseUntil));
      if (flat.length % 3 !== 0) throw unexpected('triples', flat);
      const out: Array<[string, number, number]> = [];
      for (let i = 0; i < flat.length; i += 3) out.push([string(flat[i]), integer(flat[i + 1]), score(flat[i + 2])]);
      return out;
    },
    presenceRegister: async (key, deviceId, nodeId, sessionId, ttlMs) => {
      const previous = await presenceRegister(key, deviceId, nodeId, sessionId, ttlMs);
      return previous === null ? null : string(previous);
    },
    presenceUnregister: async (key, deviceId, sessionId) =>
      integer(await presenceUnregister(key, deviceId, sessionId)) === 1,
    presenceRefresh: async (key, ttlMs, routes) => integer(await presenceRefresh(key, ttlMs, ...routes.flat())),
    presenceRoutes: async (key) => {
      const flat = array(await presenceRoutes(key));
      return pairs(flat, (deviceId, value) => [string(deviceId), string(value)]);
    },
    presenceBeat: async (key, nodeId, ttlMs, forgetAfterMs) => {
      const [wasLive, ...lapsed] = array(await presenceBeat(key, nodeId, ttlMs, forgetAfterMs));
      return { wasLive: integer(wasLive) === 1, lapsed: lapsed.map(string) };
    },
    workerRenew: async (key, nodeId, ttlMs) => {
      const outcome = integer(await workerRenew(key, nodeId, ttlMs));
      const named = RENEW_OUTCOMES[outcome];
      if (named === undefined) throw unexpected('0, 1 or 2', outcome);
      return named;
    },
    workerRelease: async (key, nodeId) => integer(await workerRelease(key, nodeId)) === 1,
    rateTake: async (key, rate, burst, cost) => integer(await rateTake(key, rate, burst, cost)) === 1,
  };
}

/** workerRenew's reply codes, by value. */
const RENEW_OUTCOMES = ['taken', 'extended', 'reclaimed'] as const;

function unexpected(what: string, reply: unknown): Error {
  return new Error(`unexpected Lua script reply: wanted ${what}, got ${JSON.stringify(reply)}`);
}

function string(reply: unknown): string {
  if (typeof reply !== 'string') throw unexpected('a string', reply);
  return reply;
}

function integer(reply: unknown): number {
  if (typeof reply !== 'number' || !Number.isInteger(reply)) throw unexpected('an integer', reply);
  return reply;
}

/** A ZSET score of whole ms, which Redis replies as a string. */
function score(reply: unknown): number {
  const n = Number(string(reply));
  if (!Number.isSafeInteger(n)) throw unexpected('a score of whole ms', reply);
  return n;
}

function array(reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw unexpected('an array', reply);
  return reply;
}

function strings(reply: unknown): string[] {
  return array(reply).map(string);
}

function pairs<T>(flat: unknown[], pair: (a: unknown, b: unknown) => T): T[] {
  if (flat.length % 2 !== 0) throw unexpected('an even-length array', flat);
  const out: T[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push(pair(flat[i], flat[i + 1]));
  return out;
}
