// The `npm start` entry: load config, open backends, serve, stop gracefully on SIGTERM/SIGINT.
import { startup } from './app/startup.js';
import { openBackends } from './app/backends.js';
import { Gateway } from './app/gateway.js';
import { createTokenVerifier } from './auth/keys.js';
import { ConfigError } from './config/load.js';
import { resolveNodeId } from './cluster/node-id.js';
import { WorkerIdLease } from './cluster/worker-lease.js';
import type { Config } from './config/schema.js';
import { Snowflake } from './ids/snowflake.js';
import { LeasedIds, type WorkerIdHold } from './ids/leased-ids.js';
import type { Logger } from './log/logger.js';
import { connectRedis } from './storage/redis/connect.js';

async function main(): Promise<void> {
  const { config, source, logger } = startup('im-connect');
  logger.info('configuration loaded', { source, mode: config.mode });

  const verifier = await createTokenVerifier(config, { source, logger });
  const nodeId = resolveNodeId(config);
  const lease = config.mode === 'production' && config.node.workerId === -1 ? await leaseWorkerId(config, nodeId, logger) : null;
  const workerId = lease?.workerId ?? Math.max(config.node.workerId, 0);
  logger.info('node identity', { nodeId, workerId, workerIdLeased: lease !== null });

  let gateway: Gateway;
  try {
    const backends = await openBackends(config, logger);
    gateway = new Gateway({
      nodeId, workerId,
      config, logger, backends,
      ids: lease === null ? new Snowflake({ workerId }) : new LeasedIds(new Snowflake({ workerId }), lease),
      verifyToken: (token) => verifier.verify(token),
    });
    await gateway.start();
  } catch (err) {
    await lease?.release();
    throw err;
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    gateway.stop(config.ops.shutdownGraceMs).then(
      () => 0,
      (err: unknown) => {
        logger.error('shutdown failed', { err });
        return 1;
      },
    ).then(async (code) => {
      // Only once this node has stopped issuing ids may another one take its worker id.
      await lease?.release();
      process.exit(code);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

interface LeasedWorkerId extends WorkerIdHold {
  workerId: number;
  /** Frees the id and closes the lease's connection; never rejects. */
  release(): Promise<void>;
}

/** Leases a snowflake worker id on a Redis connection of its own. */
async function leaseWorkerId(config: Config, nodeId: string, logger: Logger): Promise<LeasedWorkerId> {
  const redis = await connectRedis(config.redis);
  // ioredis reconnects by itself; without a listener its errors would go unlogged to stderr.
  redis.on('error', (err: Error) => logger.warn('redis error (worker id lease)', { err: err.message }));
  let lease: WorkerIdLease;
  try {
    lease = await WorkerIdLease.acquire(redis, config.redis.keyPrefix, nodeId, {
      ttlMs: config.node.workerLeaseTtlMs,
      onLost: (err) => {
        // Two nodes issuing ids with one worker id would duplicate message ids: stop issuing
        // now, and let the restart lease a free id.
        logger.error('snowflake worker id lease lost; exiting', { err: err.message });
        process.exit(1);
      },
      onReclaimed: () => logger.warn('snowflake worker id lease had lapsed; claimed it again', { workerId: lease.workerId }),
    });
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  return {
    workerId: lease.workerId,
    vouchedUntil: () => lease.vouchedUntil(),
    release: async () => {
      try {
        await lease.release();
      } catch (err) {
        logger.warn('worker id not released; its lease lapses by itself', { err: (err as Error).message });
      } finally {
        redis.disconnect();
      }
    },
  };
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`im-connect: configuration error: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`im-connect: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
