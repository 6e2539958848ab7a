// The `npm run relay` entry: publishes the outbox to the MQ, apart from any gateway (mq.relay:
// separate). Several may run; the outbox's leased claims keep them from publishing a row twice
// at once.
import { startup } from './app/startup.js';
import { openPublisher, openStores, publishes, relayOptions } from './app/backends.js';
import { OutboxRelay } from './mq/outbox-relay.js';

async function main(): Promise<void> {
  const { config, source, logger } = startup('im-connect relay');
  if (!publishes(config)) {
    process.stderr.write(`im-connect relay: configuration error: mq.kind is off (${source}, or IM_MQ__KIND): gateways write no outbox then, and there is nowhere to publish\n`);
    process.exit(2);
  }
  const { messages: store } = await openStores(config);
  const publisher = await openPublisher(config, logger);
  const relay = new OutboxRelay(store, publisher, relayOptions(config, false), logger);
  relay.start();
  logger.info('outbox relay running', { source, mode: config.mode, mq: config.mq.kind, topic: config.mq.topic });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('relay shutting down', { signal });
    const deadline = Date.now() + config.ops.shutdownGraceMs;
    relay.stop()
      .then(() => relay.drain(deadline))
      .then(() => publisher.close())
      .then(() => store.close())
      .then(() => process.exit(0), (err: unknown) => {
        logger.error('relay shutdown failed; the outbox stays durable', { err });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`im-connect relay: failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
