import { LocalNodeBus, RedisNodeBus, type NodeBus } from '../cluster/node-bus.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import { LogPublisher } from '../mq/log-publisher.js';
import type { OutboxRelayOptions } from '../mq/outbox-relay.js';
import type { MqPublisher } from '../mq/publisher.js';
import { RocketMqPublisher } from '../mq/rocketmq-publisher.js';
import type { MessageStore } from '../storage/message-store.js';
import type { OfflineQueue } from '../storage/offline-queue.js';
import { MemoryOfflineQueue } from '../storage/offline-queue-memory.js';
import { RedisOfflineQueue } from '../storage/offline-queue-redis.js';
import type { Presence } from '../storage/presence.js';
import { MemoryPresence } from '../storage/presence-memory.js';
import { RedisPresence } from '../storage/presence-redis.js';
import { connectRedis } from '../storage/redis/connect.js';
import type { RetryQueue } from '../storage/retry-queue.js';
import { MemoryRetryQueue } from '../storage/retry-queue-memory.js';
import { RedisRetryQueue } from '../storage/retry-queue-redis.js';
import type { ConversationStore } from '../storage/conversation-store.js';
import type { GroupStore } from '../storage/group-store.js';
import type { UserRate, UserRateOptions } from '../storage/user-rate.js';
import { MemoryUserRate } from '../storage/user-rate-memory.js';
import { RedisUserRate } from '../storage/user-rate-redis.js';
import { openMysqlStores, openSqliteStores, type SqlStores } from '../storage/sql/data-source.js';

/** Everything the gateway stores or publishes through, chosen by `mode`. */
export interface Backends {
  store: MessageStore;
  conversations: ConversationStore;
  groups: GroupStore;
  /** Sends per user, across connections and nodes. */
  userRate: UserRate;
  offline: OfflineQueue;
  retry: RetryQueue;
  presence: Presence;
  publisher: MqPublisher;
  /** Messages between gateway nodes. */
  bus: NodeBus;
  /** Group-commit transactions in flight at once (SQLite has a single writer). */
  maxConcurrentCommits: number;
  /** Rejects when a backend the gateway cannot work without is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openBackends(config: Config, logger: Logger): Promise<Backends> {
  return config.mode === 'embedded' ? openEmbedded(config, logger) : openProduction(config, logger);
}

/** `limits.userSendsPerSec` 0: no budget per user, and no Redis call per send for it. */
const UNLIMITED: UserRate = { take: async () => true };

function userRateOptions(config: Config): UserRateOptions {
  return { ratePerSec: config.limits.userSendsPerSec, burst: config.limits.userSendBurst };
}

/**
 * `woken`: the relay runs in the gateway, whose commits wake it, so its idle polls back off to
 * ten times `mq.relayIntervalMs`; a separate relay learns of new rows only by polling.
 */
export function relayOptions(config: Config, woken: boolean): OutboxRelayOptions {
  return {
    // A round's claim and delete are two transactions for every event its calls carry.
    batchSize: config.mq.publishBatch * config.mq.relayConcurrency,
    concurrency: config.mq.relayConcurrency,
    publishBatch: config.mq.publishBatch,
    idleIntervalMs: config.mq.relayIntervalMs,
    maxIdleIntervalMs: woken ? config.mq.relayIntervalMs * 10 : config.mq.relayIntervalMs,
    leaseMs: 30_000,
    maxBackoffMs: 30_000,
  };
}

/** The SQL stores of `mode` (the separate outbox relay needs nothing else); with `mq.kind: off` they write no outbox. */
export function openStores(config: Config): Promise<SqlStores> {
  const options = { outbox: publishes(config) };
  return config.mode === 'embedded' ? openSqliteStores(config.storage.sqlite.path, options) : openMysqlStores(config.storage.mysql, options);
}

/** Whether events leave the gateway at all: `mq.kind: off` discards them, so none is written or relayed. */
export function publishes(config: Config): boolean {
  return config.mq.kind !== 'off';
}

export async function openPublisher(config: Config, logger: Logger): Promise<MqPublisher> {
  if (config.mq.kind !== 'rocketmq') return new LogPublisher(config.mq.kind === 'log' ? logger : null);
  const publisher = new RocketMqPublisher({
    endpoints: config.mq.endpoints,
    topic: config.mq.topic,
    namespace: config.mq.namespace || undefined,
    sessionCredentials: config.mq.accessKey ? { accessKey: config.mq.accessKey, accessSecret: config.mq.secretKey } : undefined,
    logger,
  });
  await publisher.start();
  return publisher;
}

/** A gateway whose outbox a separate relay publishes needs no producer of its own. */
function gatewayPublisher(config: Config, logger: Logger): Promise<MqPublisher> {
  return config.mq.relay === 'separate' ? Promise.resolve(new LogPublisher(null)) : openPublisher(config, logger);
}

async function openEmbedded(config: Config, logger: Logger): Promise<Backends> {
  const { messages: store, conversations, groups } = await openStores(config);
  const publisher = await gatewayPublisher(config, logger);
  const offline = new MemoryOfflineQueue();
  const retry = new MemoryRetryQueue();
  const presence = new MemoryPresence();
  return {
    store, conversations, groups, offline, retry, presence, publisher,
    userRate: config.limits.userSendsPerSec === 0 ? UNLIMITED : new MemoryUserRate(userRateOptions(config)),
    bus: new LocalNodeBus(),
    maxConcurrentCommits: 1,
    ping: () => store.ping(),
    close: async () => {
      await publisher.close();
      await store.close();
    },
  };
}

async function openProduction(config: Config, logger: Logger): Promise<Backends> {
  const { messages: store, conversations, groups } = await openStores(config);
  const redis = await connectRedis(config.redis);
  // ioredis reconnects by itself; without a listener its errors would go unlogged to stderr.
  redis.on('error', (err: Error) => logger.warn('redis error', { err: err.message }));
  const prefix = config.redis.keyPrefix;
  const publisher = await gatewayPublisher(config, logger);
  return {
    store,
    conversations,
    groups,
    userRate: config.limits.userSendsPerSec === 0 ? UNLIMITED : new RedisUserRate(redis, prefix, userRateOptions(config)),
    offline: new RedisOfflineQueue(redis, prefix),
    retry: new RedisRetryQueue(redis, prefix),
    presence: new RedisPresence(redis, prefix),
    publisher,
    bus: new RedisNodeBus(redis, prefix, (err) => logger.warn('node bus message dropped', { err: err.message })),
    maxConcurrentCommits: Math.max(1, config.storage.mysql.poolSize - 2),
    ping: async () => {
      await store.ping();
      await redis.ping();
    },
    close: async () => {
      await publisher.close();
      redis.disconnect();
      await store.close();
    },
  };
}
