import { expect } from 'chai';
import { silentLogger } from '../../src/log/logger.js';
import { ReadEvents } from '../../src/conversations/read-events.js';
import type { NewOutboxEvent } from '../../src/storage/message-store.js';
import { deferred, tick, type Deferred } from '../support/fakes.js';
import { ALICE, ALICE_BOB, BOB, CAROL } from './fixtures.js';

const INTERVAL_MS = 20;
const ALICE_CAROL = `c_${ALICE}_${CAROL}`;

/** An outbox whose appendOutbox records each call; `gates` (in call order) make calls wait or fail. */
function setup(intervalMs = INTERVAL_MS) {
  const calls: NewOutboxEvent[][] = [];
  const gates: Array<Deferred<void>> = [];
  let written = 0;
  const outbox = {
    appendOutbox: async (events: NewOutboxEvent[]) => {
      calls.push(events);
      const gate = gates[calls.length - 1];
      if (gate !== undefined) await gate.promise;
    },
  };
  const events = new ReadEvents(outbox, intervalMs, silentLogger(), () => { written += 1; });
  /** The gate of the next call that has none yet; rejecting it before the call comes is fine. */
  const gate = (): Deferred<void> => {
    const d = deferred();
    d.promise.catch(() => undefined);
    gates.push(d);
    return d;
  };
  return { events, calls, gate, written: () => written };
}

function expected(userId: string, convId: string, readSeq: string, time: number): NewOutboxEvent {
  return {
    tag: 'CONV_READ', key: `${userId}:${convId}`, time,
    body: JSON.stringify({ schema: 'im.conv.read.v1', userId, convId, readSeq, readTime: time }),
  };
}

describe('conversations/read-events', () => {
  it('coalesces the records of one (user, conv) within the interval into one outbox event with the latest read_seq', async () => {
    const { events, calls, written } = setup();
    // 2^53 + 1 vs 2^53: a number would see them as equal.
    events.record(ALICE, ALICE_BOB, '9007199254740992', 1000);
    events.record(ALICE, ALICE_BOB, '9007199254740993', 1001);
    events.record(ALICE, ALICE_BOB, '9007199254740991', 1002); // out of order: older, ignored
    expect(calls, 'nothing before the interval is over').to.deep.equal([]);
    await tick(INTERVAL_MS * 3);
    expect(calls).to.deep.equal([[expected(ALICE, ALICE_BOB, '9007199254740993', 1001)]]);
    expect(written()).to.equal(1);
  });

  it('the body is JSON of schema im.conv.read.v1 with ids and seqs as decimal strings', async () => {
    const { events, calls } = setup();
    events.record(BOB, ALICE_BOB, '18446744073709551615', 1_700_000_000_000);
    await events.flush();
    const [event] = calls[0]!;
    expect(event!.tag).to.equal('CONV_READ');
    expect(event!.key).to.equal(`${BOB}:${ALICE_BOB}`);
    expect(JSON.parse(event!.body)).to.deep.equal({
      schema: 'im.conv.read.v1', userId: BOB, convId: ALICE_BOB, readSeq: '18446744073709551615', readTime: 1_700_000_000_000,
    });
    expect(event!.body).to.contain('"readSeq":"18446744073709551615"');
  });

  it('different users or conversations are separate events of one write', async () => {
    const { events, calls } = setup();
    events.record(ALICE, ALICE_BOB, '3', 1);
    events.record(BOB, ALICE_BOB, '2', 2);
    events.record(ALICE, ALICE_CAROL, '9', 3);
    events.record(ALICE, ALICE_BOB, '4', 4);
    await tick(INTERVAL_MS * 3);
    expect(calls).to.have.length(1);
    expect(calls[0]).to.have.deep.members([
      expected(ALICE, ALICE_BOB, '4', 4), expected(BOB, ALICE_BOB, '2', 2), expected(ALICE, ALICE_CAROL, '9', 3),
    ]);
  });

  it('records after a write start a new interval and a new event', async () => {
    const { events, calls, written } = setup();
    events.record(ALICE, ALICE_BOB, '1', 1);
    await tick(INTERVAL_MS * 3);
    events.record(ALICE, ALICE_BOB, '2', 2);
    await tick(INTERVAL_MS * 3);
    expect(calls).to.deep.equal([[expected(ALICE, ALICE_BOB, '1', 1)], [expected(ALICE, ALICE_BOB, '2', 2)]]);
    expect(written()).to.equal(2);
  });

  it('a flush with nothing pending writes nothing', async () => {
    const { events, calls, written } = setup();
    await events.flush();
    expect(calls).to.deep.equal([]);
    expect(written()).to.equal(0);
  });

  it('a failing appendOutbox keeps the events for the next flush (and onWritten waits for a write that worked)', async () => {
    const { events, calls, gate, written } = setup(60_000);
    gate().reject(new Error('database down'));
    events.record(ALICE, ALICE_BOB, '9007199254740993', 10);
    events.record(BOB, ALICE_BOB, '5', 11);
    await events.flush();
    expect(written()).to.equal(0);
    await events.flush();
    expect(calls).to.have.length(2);
    expect(calls[1]).to.have.deep.members([expected(ALICE, ALICE_BOB, '9007199254740993', 10), expected(BOB, ALICE_BOB, '5', 11)]);
    expect(written()).to.equal(1);
    await events.stop();
  });

  it('a record that arrives while a failing write is in flight wins over the kept one', async () => {
    const { events, calls, gate } = setup(60_000);
    const failing = gate();
    events.record(ALICE, ALICE_BOB, '7', 10);
    const first = events.flush();
    await tick();
    expect(calls).to.have.length(1);
    events.record(ALICE, ALICE_BOB, '8', 20);
    failing.reject(new Error('database down'));
    await first;
    await events.flush();
    expect(calls[1]).to.deep.equal([expected(ALICE, ALICE_BOB, '8', 20)]);
    await events.stop();
  });

  it('a failed write is retried by itself after the interval', async () => {
    const { events, calls, gate, written } = setup();
    gate().reject(new Error('database down'));
    events.record(CAROL, ALICE_CAROL, '1', 1);
    await tick(INTERVAL_MS * 5);
    expect(calls).to.deep.equal([[expected(CAROL, ALICE_CAROL, '1', 1)], [expected(CAROL, ALICE_CAROL, '1', 1)]]);
    expect(written()).to.equal(1);
  });

  it('stop() flushes what is pending without waiting for the interval, and no timer writes again afterwards', async () => {
    const { events, calls, written } = setup(INTERVAL_MS);
    events.record(ALICE, ALICE_BOB, '9007199254740993', 5);
    await events.stop();
    expect(calls).to.deep.equal([[expected(ALICE, ALICE_BOB, '9007199254740993', 5)]]);
    expect(written()).to.equal(1);
    await tick(INTERVAL_MS * 3);
    expect(calls).to.have.length(1);
  });
});
