// Delivery: a message's state outside the store: armed (offline inbox + retry queue) until
// acked or recalled.
import { expect } from 'chai';
import type { Id } from '../../src/protocol/messages.js';
import { Delivery } from '../../src/messaging/delivery.js';
import type { StoredMessage } from '../../src/storage/message-store.js';
import { MemoryOfflineQueue } from '../../src/storage/offline-queue-memory.js';
import { MemoryRetryQueue } from '../../src/storage/retry-queue-memory.js';
import { caught, deferred, tick } from '../support/fakes.js';
import { armingParts, FakeRows, pendingRow, T0, TTL } from './fixtures.js';

const RECEIVER = '18446744073709551615';
const OTHER = '9223372036854775808';
const SENDER = '9223372036854775809';

const M1 = '9007199254740992';
const M2 = '9007199254740993';
const M3 = '9223372036854775807';

function row(msgId: Id, over: Partial<StoredMessage> = {}): StoredMessage {
  return pendingRow(msgId, { fromUserId: SENDER, toUserId: RECEIVER, createTime: T0 - 1000, ...over });
}

/** The memory backends (same contracts as Redis), recording removals and able to fail. */
class OfflineBackend extends MemoryOfflineQueue {
  failAppend: Error | null = null;
  /** The ids of each appendMany and removeMany call. */
  readonly calls: string[] = [];
  constructor(private readonly events: string[]) {
    super(() => T0);
  }

  override async appendMany(entries: ReadonlyArray<{ userId: Id; msgId: Id }>, cap: number, ttlMs: number): Promise<Id[][]> {
    if (this.failAppend !== null) throw this.failAppend;
    this.calls.push(`append ${entries.map((e) => e.msgId).join(',')}`);
    return super.appendMany(entries, cap, ttlMs);
  }

  override async removeMany(removals: ReadonlyArray<{ userId: Id; msgIds: Id[] }>): Promise<void> {
    this.calls.push(`remove ${removals.map((r) => r.msgIds.join(',')).join(' ')}`);
    for (const { userId, msgIds } of removals) this.events.push(`inbox.remove ${userId} ${msgIds.join(',')}`);
    return super.removeMany(removals);
  }
}

class RetryBackend extends MemoryRetryQueue {
  failSchedule: Error | null = null;
  /** The ids of each scheduleMany and removeMany call. */
  readonly calls: string[] = [];
  constructor(private readonly events: string[]) {
    super();
  }

  override async scheduleMany(entries: ReadonlyArray<{ toUserId: Id; msgId: Id }>, dueAt: number): Promise<void> {
    if (this.failSchedule !== null) throw this.failSchedule;
    this.calls.push(`schedule ${entries.map((e) => e.msgId).join(',')}`);
    return super.scheduleMany(entries, dueAt);
  }

  override async removeMany(removals: ReadonlyArray<{ toUserId: Id; msgIds: Id[] }>): Promise<void> {
    this.calls.push(`remove ${removals.map((r) => r.msgIds.join(',')).join(' ')}`);
    for (const { toUserId, msgIds } of removals) this.events.push(`retry.remove ${toUserId} ${msgIds.join(',')}`);
    return super.removeMany(removals);
  }
}

function setup(markDelivered: (userId: Id, msgIds: Id[]) => Promise<void> = async () => undefined) {
  const events: string[] = [];
  const rows = new FakeRows();
  const list = new OfflineBackend(events);
  const queue = new RetryBackend(events);
  const { inbox, retry, scheduled: retried } = armingParts(rows, list, queue);
  const delivery = new Delivery(inbox, retry, async (userId, msgIds) => {
    events.push(`markDelivered ${userId} ${msgIds.join(',')}`);
    await markDelivered(userId, msgIds);
    events.push('markDelivered resolved');
  });
  return { delivery, rows, list, queue, events, retried };
}

describe('messaging/delivery', () => {
  it('arm puts the id in the receiver\'s offline inbox and in the retry queue', async () => {
    const { delivery, rows, list, retried } = setup();
    const m = row(M2);
    rows.add(m);
    // A complete list, so that read() shows what arm appended.
    await list.fill(RECEIVER, [M1], TTL);
    await delivery.arm(m);
    expect(await list.read(RECEIVER)).to.deep.equal([M1, M2]);
    expect(await list.read(SENDER), 'the receiver\'s inbox, not the sender\'s').to.equal(null);
    expect(await retried()).to.deep.equal([[RECEIVER, M2]]);
  });

  it('arm rejects when the inbox backend rejects, so the send is refused', async () => {
    const { delivery, list } = setup();
    list.failAppend = new Error('redis down');
    expect(((await caught(() => delivery.arm(row(M1)))) as Error).message).to.equal('redis down');
  });

  it('arm rejects when the retry backend rejects, so the send is refused', async () => {
    const { delivery, queue } = setup();
    queue.failSchedule = new Error('redis down');
    expect(((await caught(() => delivery.arm(row(M1)))) as Error).message).to.equal('redis down');
  });

  it('ack marks the ids delivered first, then removes them from the retry queue and the inbox', async () => {
    const stored = deferred();
    const { delivery, rows, list, queue, events, retried } = setup(() => stored.promise);
    rows.add(row(M1), row(M2), row(M3));
    await list.fill(RECEIVER, [], TTL);
    for (const m of [M1, M2, M3]) await delivery.arm(row(m));

    const acked = delivery.ack(RECEIVER, [M1, M3]);
    await tick();
    expect(events, 'nothing removed before the store has them as delivered').to.deep.equal([`markDelivered ${RECEIVER} ${M1},${M3}`]);
    expect(await list.read(RECEIVER)).to.deep.equal([M1, M2, M3]);
    expect(await queue.size()).to.equal(3);

    stored.resolve();
    await acked;
    expect(events.slice(1, 2)).to.deep.equal(['markDelivered resolved']);
    expect(events.slice(2).sort()).to.deep.equal([`inbox.remove ${RECEIVER} ${M1},${M3}`, `retry.remove ${RECEIVER} ${M1},${M3}`]);
    expect(await list.read(RECEIVER)).to.deep.equal([M2]);
    expect(await retried()).to.deep.equal([[RECEIVER, M2]]);
  });

  it('an ack that could not be stored removes nothing and rejects: the message is pushed again', async () => {
    const { delivery, rows, list, queue, events } = setup(async () => { throw new Error('db down'); });
    rows.add(row(M1));
    await list.fill(RECEIVER, [], TTL);
    await delivery.arm(row(M1));
    expect(((await caught(() => delivery.ack(RECEIVER, [M1]))) as Error).message).to.equal('db down');
    expect(events.filter((e) => e.includes('remove'))).to.deep.equal([]);
    expect(await list.read(RECEIVER)).to.deep.equal([M1]);
    expect(await queue.size()).to.equal(1);
  });

  it('an ack by another user leaves the receiver\'s entries alone', async () => {
    const { delivery, rows, list, retried } = setup();
    rows.add(row(M1));
    await list.fill(RECEIVER, [], TTL);
    await delivery.arm(row(M1));
    await delivery.ack(OTHER, [M1]);
    expect(await list.read(RECEIVER)).to.deep.equal([M1]);
    expect(await retried()).to.deep.equal([[RECEIVER, M1]]);
  });

  it('arms the messages of one turn (one group-commit batch) in one call per store, and fails them together', async () => {
    const { delivery, rows, list, queue, retried } = setup();
    rows.add(row(M1), row(M2), row(M3, { toUserId: OTHER }));
    await list.fill(RECEIVER, [], TTL);
    await Promise.all([delivery.arm(row(M1)), delivery.arm(row(M2)), delivery.arm(row(M3, { toUserId: OTHER }))]);
    expect(list.calls).to.deep.equal([`append ${M1},${M2},${M3}`]);
    expect(queue.calls).to.deep.equal([`schedule ${M1},${M2},${M3}`]);
    expect(await list.read(RECEIVER)).to.deep.equal([M1, M2]);
    expect(await retried()).to.deep.equal([[OTHER, M3], [RECEIVER, M1], [RECEIVER, M2]].sort());

    list.failAppend = new Error('redis down');
    const outcomes = await Promise.all([M1, M2].map((m) => delivery.arm(row(m)).then(() => 'armed', (e: Error) => e.message)));
    expect(outcomes).to.deep.equal(['redis down', 'redis down']);
    list.failAppend = null;
    await delivery.arm(row(M3, { toUserId: OTHER }));
    expect(list.calls.at(-1), 'a later turn is a batch of its own').to.equal(`append ${M3}`);
    // The failed batch's schedules went through (arming is idempotent): a resend arms again.
    expect(await retried()).to.deep.equal([[OTHER, M3], [RECEIVER, M1], [RECEIVER, M2]].sort());
  });

  it('removes the acks of one turn (one ack batch) in one call per store', async () => {
    const { delivery, rows, list, queue } = setup();
    rows.add(row(M1), row(M2), row(M3, { toUserId: OTHER }));
    await list.fill(RECEIVER, [], TTL);
    await Promise.all([delivery.arm(row(M1)), delivery.arm(row(M2)), delivery.arm(row(M3, { toUserId: OTHER }))]);
    // Recall's forget comes first: the acks wait for their (group-committed) markDelivered.
    await Promise.all([delivery.ack(RECEIVER, [M1]), delivery.ack(OTHER, [M3]), delivery.forget(RECEIVER, M2)]);
    expect(list.calls.slice(1)).to.deep.equal([`remove ${M2} ${M1} ${M3}`]);
    expect(queue.calls.slice(1)).to.deep.equal([`remove ${M2} ${M1} ${M3}`]);
    expect(await list.read(RECEIVER)).to.deep.equal([]);
    expect(await queue.size()).to.equal(0);
  });

  it('forget removes the id from the retry queue and the inbox, without marking it delivered', async () => {
    const { delivery, rows, list, events, retried } = setup();
    rows.add(row(M1), row(M2));
    await list.fill(RECEIVER, [], TTL);
    await delivery.arm(row(M1));
    await delivery.arm(row(M2));
    await delivery.forget(RECEIVER, M1);
    expect(events.sort()).to.deep.equal([`inbox.remove ${RECEIVER} ${M1}`, `retry.remove ${RECEIVER} ${M1}`]);
    expect(await list.read(RECEIVER)).to.deep.equal([M2]);
    expect(await retried()).to.deep.equal([[RECEIVER, M2]]);
  });
});
