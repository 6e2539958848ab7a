// The `npm start` entry: load config, open backends, serve, stop gracefully on SIGTERM/SIGINT.
import { openBackends } from './app/backends.js';
import { Gateway } from './app/gateway.js';
import { resolveJwtSecret } from './auth/secret.js';
import { verifyToken } from './auth/jwt.js';
import { ConfigError, loadConfig } from './config/load.js';
import { Snowflake } from './ids/snowflake.js';
import { createLogger } from './log/logger.js';

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadConfig({});
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`im-connect: configuration error: ${(err as ConfigError).message}\n`);
    process.exit(2);
  }
  const { config, source } = loaded;
  const logger = createLogger({ level: config.log.level, json: config.log.format === 'json' || (config.log.format === 'auto' && config.mode === 'production') });
  logger.info('configuration loaded', { source, mode: config.mode });

  const secret = resolveJwtSecret(config, logger);
  const workerId = config.node.workerId >= 0 ? config.node.workerId : 0;
  const backends = await openBackends(config, logger);
  const gateway = new Gateway({
    config, logger, backends,
    ids: new Snowflake({ workerId }),
    verifyToken: (token) => verifyToken(token, secret),
  });
  await gateway.start();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    gateway.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`im-connect: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
