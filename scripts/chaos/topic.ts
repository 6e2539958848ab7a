// Reading the run's events back from the topic. A POP consumer group takes its starting offset in
// a queue the first time it pops from that queue, and a group new to a large topic may start a
// queue at its end: events published to a queue before that first pop would be missed. So the
// reader is primed: markers are published round robin over the queues (straight to the broker),
// and the load starts only once the reader has seen every one of them.
import { Producer } from 'rocketmq-client-nodejs';
import { TopicCollector, rocketmqEndpoint, testClientLogger } from '../../test/support/rocketmq.js';

/** More than the topic's queues (8 as scripts/rocketmq-local.sh creates it), so every queue gets one. */
const MARKERS = 24;

export async function primedCollector(topic: string, tag: string, runId: string): Promise<TopicCollector> {
  let collector: TopicCollector;
  try {
    collector = await TopicCollector.start(topic, tag);
  } catch (err) {
    throw new Error(`cannot read topic ${topic} (create it: scripts/rocketmq-local.sh start ${topic}): ${(err as Error).message}`);
  }
  const producer = new Producer({ endpoints: rocketmqEndpoint(), namespace: '', topic, maxAttempts: 3, logger: testClientLogger('chaos-primer') });
  try {
    await producer.startup();
    const keys = Array.from({ length: MARKERS }, (_, i) => `chaos-marker-${runId}-${i}`);
    for (const key of keys) await producer.send({ topic, tag, keys: [key], body: Buffer.from('{"schema":"im.chaos.marker"}') });
    const unseen = await collector.waitFor(keys, 60_000);
    if (unseen.length > 0) throw new Error(`the topic reader did not see ${unseen.length} of ${MARKERS} markers within 60 s`);
    return collector;
  } catch (err) {
    await collector.close();
    throw err;
  } finally {
    await producer.shutdown().catch(() => undefined);
  }
}
