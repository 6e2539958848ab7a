// The outbox relay over a real (in-memory SQLite) message store and a scripted publisher.
import { expect } from 'chai';
import { silentLogger } from '../../src/log/logger.js';
import { capturingLogger } from '../log/capture.js';
import { withEvent } from '../storage/fixtures.js';
import { watched } from '../support/fakes.js';
import { OutboxRelay } from '../../src/mq/outbox-relay.js';
import type { MqEvent, MqPublisher } from '../../src/mq/publisher.js';
import type { MessageStore, NewMessage, Outbox } from '../../src/storage/message-store.js';
import { openSqliteStore } from '../../src/storage/sql/data-source.js';

class ScriptedPublisher implements MqPublisher {
  readonly published: MqEvent[] = [];
  /** The events of each call, successful or not. */
  readonly calls: MqEvent[][] = [];
  inFlight = 0;
  maxInFlight = 0;
  failing = false;
  /** Events the broker refuses: a call with one of them fails whole. */
  refuses: (event: MqEvent) => boolean = () => false;

  async publish(events: readonly MqEvent[]): Promise<void> {
    this.calls.push([...events]);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 2));
    this.inFlight -= 1;
    if (this.failing) throw new Error('broker down');
    const refused = events.find((event) => this.refuses(event));
    if (refused !== undefined) throw new Error(`refused ${refused.keys[0]}`);
    this.published.push(...events);
  }

  async close(): Promise<void> {}
}

const message = (i: number): NewMessage => ({
  msgId: String(9_000_000_000_000_000_000n + BigInt(i)), clientMsgId: `c${i}`, fromUserId: '1', toUserId: '2',
  content: `m${i}`, format: 1, createTime: Date.now() - 1000,
});

describe('mq/outbox-relay', () => {
  let store: MessageStore;
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
  });
  afterEach(() => store.close());

  const relayOver = (publisher: MqPublisher) => new OutboxRelay(store, publisher, {
    batchSize: 40, concurrency: 4, idleIntervalMs: 10, leaseMs: 30_000, maxBackoffMs: 50, publishBatch: 1,
  }, silentLogger());

  it('publishes every outbox row once, keyed by msg_id, at most `concurrency` at a time, and empties the outbox', async () => {
    await store.insertBatch(Array.from({ length: 100 }, (_, i) => withEvent(message(i))));
    const publisher = new ScriptedPublisher();
    await relayOver(publisher).drain(Date.now() + 10_000);
    expect(publisher.published).to.have.length(100);
    expect(new Set(publisher.published.map((e) => e.keys[0])).size).to.equal(100);
    expect(publisher.published[0]!.tag).to.equal('C2C_MSG');
    expect(JSON.parse(publisher.published[0]!.body.toString()).schema).to.equal('im.c2c.msg.v1');
    expect(publisher.maxInFlight).to.equal(4);
    expect(await store.outboxBacklog()).to.equal(0);
  });

  it('publishes in calls of publishBatch events; a refused call gives back all its events, and only those', async () => {
    await store.insertBatch(Array.from({ length: 40 }, (_, i) => withEvent(message(i))));
    const publisher = new ScriptedPublisher();
    const refused = message(20).msgId;
    publisher.refuses = (event) => event.keys[0] === refused;
    const relay = new OutboxRelay(store, publisher, {
      batchSize: 40, concurrency: 2, idleIntervalMs: 10, leaseMs: 30_000, maxBackoffMs: 60_000, publishBatch: 16,
    }, silentLogger());
    await relay.drain(Date.now() + 5_000);
    expect(publisher.calls.map((c) => c.length)).to.deep.equal([16, 16, 8]);
    expect(publisher.maxInFlight).to.equal(2);
    const failedCall = publisher.calls.find((c) => c.some((e) => e.keys[0] === refused))!;
    expect(publisher.published).to.have.length(40 - failedCall.length);
    expect(new Set(publisher.published.map((e) => e.keys[0])).size, 'each once').to.equal(publisher.published.length);
    expect(await store.outboxBacklog(), 'the refused call\'s events wait for their retry').to.equal(failedCall.length);
  });

  it('deletes the published rows of a round and gives back the failed ones, due after their backoff with one attempt more', async () => {
    await store.insertBatch(Array.from({ length: 8 }, (_, i) => withEvent(message(i))));
    const refused = new Set([message(2).msgId, message(5).msgId]);
    const publisher = new ScriptedPublisher();
    publisher.refuses = (event) => refused.has(event.keys[0]!);
    let failed = 0;
    const givenBack: string[][] = [];
    const recording: MessageStore = Object.create(store, {
      failOutbox: { value: (ids: string[], dueAt: number) => { givenBack.push(ids); return store.failOutbox(ids, dueAt); } },
    }) as MessageStore;
    const relay = new OutboxRelay(recording, publisher, {
      batchSize: 8, concurrency: 4, idleIntervalMs: 10, leaseMs: 30_000, maxBackoffMs: 60_000, publishBatch: 1,
    }, silentLogger(), { published: () => {}, failed: () => { failed++; } });
    const before = Date.now();
    await relay.drain(Date.now() + 5_000);
    expect(failed).to.equal(2);
    // Both in one statement: they failed in the same round with the same attempts.
    expect(givenBack).to.have.length(1);
    expect(givenBack[0]).to.have.length(2);
    expect(publisher.published.map((e) => e.keys[0]).sort()).to.deep.equal([0, 1, 3, 4, 6, 7].map((i) => message(i).msgId).sort());
    expect(await store.outboxBacklog()).to.equal(2);
    // Not leased for 30 s: due again after the first backoff (500 ms).
    expect(await store.claimOutbox(before + 499, 10, 1_000)).to.deep.equal([]);
    const left = await store.claimOutbox(Date.now() + 500, 10, 1_000);
    expect(left.map((e) => [e.key, e.attempts])).to.deep.equal([[message(2).msgId, 1], [message(5).msgId, 1]]);
  });

  it('keeps failed rows and publishes them after the broker returns', async () => {
    await store.insertBatch([message(1), message(2)].map(withEvent));
    const publisher = new ScriptedPublisher();
    publisher.failing = true;
    const relay = relayOver(publisher);
    relay.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(await store.outboxBacklog()).to.equal(2);
    publisher.failing = false;
    const deadline = Date.now() + 5000;
    while ((await store.outboxBacklog()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await relay.stop();
    expect(publisher.published.map((e) => e.keys[0]).sort()).to.deep.equal([message(1).msgId, message(2).msgId]);
  });

  it('gives back a claim it could not settle while the store was down, instead of leaving it to its 30 s lease', async () => {
    await store.insertBatch([message(1), message(2)].map(withEvent));
    const publisher = new ScriptedPublisher();
    publisher.failing = true;
    let down = false;
    const flaky: MessageStore = Object.create(store, {
      failOutbox: { value: async (ids: string[], dueAt: number) => { if (down) throw new Error('mysql down'); return store.failOutbox(ids, dueAt); } },
      claimOutbox: { value: async (now: number, limit: number, leaseMs: number) => {
        const claimed = await store.claimOutbox(now, limit, leaseMs);
        // The database goes away right after handing out these rows.
        if (claimed.length > 0 && !down && publisher.failing) down = true;
        if (down && claimed.length === 0) throw new Error('mysql down');
        return claimed;
      } },
    }) as MessageStore;
    const relay = new OutboxRelay(flaky, publisher, { batchSize: 10, concurrency: 2, idleIntervalMs: 20, leaseMs: 30_000, maxBackoffMs: 50, publishBatch: 1 }, silentLogger());
    relay.start();
    await new Promise((r) => setTimeout(r, 150));
    down = false;
    publisher.failing = false;
    const deadline = Date.now() + 3000;
    while (publisher.published.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await relay.stop();
    expect(publisher.published.map((e) => e.keys[0]).sort()).to.deep.equal([message(1).msgId, message(2).msgId]);
  });

  it('wakes up at once when told new rows were committed', async () => {
    const publisher = new ScriptedPublisher();
    const relay = new OutboxRelay(store, publisher, { batchSize: 10, concurrency: 2, idleIntervalMs: 60_000, leaseMs: 30_000, maxBackoffMs: 50, publishBatch: 1 }, silentLogger());
    relay.start();
    await new Promise((r) => setTimeout(r, 50));
    await store.insertBatch([withEvent(message(7))]);
    relay.wake();
    const deadline = Date.now() + 2000;
    while (publisher.published.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await relay.stop();
    expect(publisher.published.map((e) => e.keys[0])).to.deep.equal([message(7).msgId]);
  });

  it('backs its idle polls off while they find nothing, up to maxIdleIntervalMs; a wake polls at once and resets the wait', async () => {
    let claims = 0;
    const counted: Outbox = watched(store, (prop) => {
      if (prop === 'claimOutbox') claims += 1;
      return undefined;
    });
    const publisher = new ScriptedPublisher();
    const relay = new OutboxRelay(counted, publisher, {
      batchSize: 10, concurrency: 1, idleIntervalMs: 10, maxIdleIntervalMs: 160, leaseMs: 30_000, maxBackoffMs: 50, publishBatch: 1,
    }, silentLogger());
    relay.start();
    try {
      await new Promise((r) => setTimeout(r, 1000));
      // 10 + 20 + 40 + 80 + 160 + 160 … ms: about 9 polls in a second, where a fixed 10 ms wait makes ~90.
      expect(claims).to.be.within(5, 15);
      await store.insertBatch([withEvent(message(8))]);
      relay.wake();
      const woken = Date.now();
      while (publisher.published.length === 0 && Date.now() - woken < 2000) await new Promise((r) => setTimeout(r, 5));
      expect(Date.now() - woken, 'ms from the wake to the publish').to.be.below(150);
      claims = 0;
      await new Promise((r) => setTimeout(r, 100));
      expect(claims, 'polls in the 100 ms after a round with rows').to.be.at.least(3);
    } finally {
      await relay.stop();
    }
  });

  describe('logging: a broker or store outage is logged when it begins and ends, not per failure', () => {
    const until = async (done: () => boolean | Promise<boolean>, what: string) => {
      const deadline = Date.now() + 10_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    it('a publisher failing 1000 times logs one line; its recovery one more; the observer counts every failure', async () => {
      await store.insertBatch(Array.from({ length: 200 }, (_, i) => withEvent(message(i))));
      const publisher = new ScriptedPublisher();
      let calls = 0;
      const publish = publisher.publish.bind(publisher);
      publisher.publish = (events) => { calls++; return publish(events); };
      publisher.failing = true;
      const { logger, lines } = capturingLogger();
      let failed = 0;
      const relay = new OutboxRelay(store, publisher, {
        batchSize: 40, concurrency: 4, idleIntervalMs: 5, leaseMs: 30_000, maxBackoffMs: 20, publishBatch: 1,
      }, logger, { published: () => {}, failed: () => { failed++; } });
      relay.start();
      await until(() => failed >= 1000, '1000 failed publishes');
      publisher.failing = false;
      await until(async () => (await store.outboxBacklog()) === 0, 'the outbox to drain');
      await relay.stop();

      expect(failed).to.be.at.least(1000).and.at.most(calls - 200);
      expect(lines.map((l) => [l.level, l.message])).to.deep.equal([['warn', 'mq publish failing'], ['info', 'mq publish recovered']]);
      expect(lines[0]!.meta).to.include({ err: 'broker down', failures: 1 });
      expect(lines[0]!.meta.keys).to.be.a('string');
      expect(lines[1]!.meta.failures).to.equal(failed);
      expect(publisher.published).to.have.length(200);
    });

    it('a store failing every round logs one line, and one when it is back', async () => {
      const { logger, lines } = capturingLogger();
      let claims = 0;
      let down = true;
      const flaky: Outbox = {
        claimOutbox: (now, limit, leaseMs) => {
          claims++;
          return down ? Promise.reject(new Error('ER_CON_COUNT_ERROR: Too many connections')) : store.claimOutbox(now, limit, leaseMs);
        },
        appendOutbox: (events) => store.appendOutbox(events),
        completeOutbox: (ids) => store.completeOutbox(ids),
        failOutbox: (ids, dueAt) => store.failOutbox(ids, dueAt),
        outboxBacklog: () => store.outboxBacklog(),
      };
      await store.insertBatch([withEvent(message(3))]);
      const publisher = new ScriptedPublisher();
      const relay = new OutboxRelay(flaky, publisher, {
        batchSize: 10, concurrency: 2, idleIntervalMs: 0, leaseMs: 30_000, maxBackoffMs: 50, publishBatch: 1,
      }, logger);
      relay.start();
      await until(() => claims >= 300, '300 failed rounds');
      down = false;
      await until(() => publisher.published.length === 1, 'the event to be published');
      await relay.stop();
      expect(lines.map((l) => [l.level, l.message, l.meta.err ?? null])).to.deep.equal([
        ['warn', 'outbox store failing', 'ER_CON_COUNT_ERROR: Too many connections'],
        ['info', 'outbox store recovered', null],
      ]);
    });
  });
});
