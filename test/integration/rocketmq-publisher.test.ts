// Needs a RocketMQ 5 gRPC proxy (scripts/rocketmq-local.sh start). Skips if unreachable, unless
// IM_REQUIRE_SERVICES=1, in which case it fails.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { RocketMqPublisher } from '../../src/mq/rocketmq-publisher.js';
import type { MqEvent, MqTag } from '../../src/mq/publisher.js';
import { TEST_TOPIC, TopicCollector, requireRocketMqOrSkip, rocketmqEndpoint, testClientLogger } from '../support/rocketmq.js';

const TOPIC = TEST_TOPIC;

describe('RocketMqPublisher (integration, real RocketMQ)', function () {
  this.timeout(60_000);
  let publisher: RocketMqPublisher | undefined;

  before(async function () {
    await requireRocketMqOrSkip(this);
    const log = testClientLogger('publisher');
    publisher = new RocketMqPublisher({
      endpoints: rocketmqEndpoint(),
      topic: TOPIC,
      logger: { info: log.info, warn: log.warn, error: log.error, debug: log.debug },
    });
    await publisher.start();
  });

  after(async () => {
    await publisher?.close();
  });

  it('publishes events that a consumer receives with the right tag, keys and body', async () => {
    const run = randomUUID();
    const collector = await TopicCollector.start(TOPIC);
    const events: MqEvent[] = Array.from({ length: 20 }, (_, i) => {
      const tag: MqTag = i % 4 === 3 ? 'C2C_RECALL' : 'C2C_MSG';
      return { tag, keys: [`it-${run}-${i}`], body: Buffer.from(JSON.stringify({ run, i, tag })) };
    });

    // Concurrent calls (the contract says publish is safe to call concurrently), one and several
    // events each: every event keeps its own tag, keys and body.
    await Promise.all([publisher!.publish(events.slice(0, 1)), publisher!.publish(events.slice(1, 4)), publisher!.publish(events.slice(4))]);

    const keys = events.map((e) => e.keys[0]!);
    try {
      expect(await collector.waitFor(keys, 30_000), 'keys not received within 30s').to.deep.equal([]);
    } finally {
      await collector.close();
    }
    for (const e of events) {
      const m = collector.found.get(e.keys[0]!)!;
      expect(m.tag, e.keys[0]).to.equal(e.tag);
      expect(m.keys, `keys of ${e.keys[0]}`).to.deep.equal(e.keys);
      expect(m.body.equals(e.body), `body of ${e.keys[0]}`).to.equal(true);
    }
  });

  it('rejects publish after close', async () => {
    const p = new RocketMqPublisher({
      endpoints: rocketmqEndpoint(),
      topic: TOPIC,
      logger: testClientLogger('publisher2'),
    });
    await p.start();
    await p.close();
    let err: unknown;
    try {
      await p.publish([{ tag: 'C2C_MSG', keys: ['x'], body: Buffer.from('x') }]);
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(Error);
  });
});
