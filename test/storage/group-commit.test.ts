// Group commit against a fake MessageStore that records batches and can hold or fail them.
import { expect } from 'chai';
import { GroupCommit, KeyedGroupCommit, type GroupCommitOptions } from '../../src/storage/group-commit.js';
import { MsgStatus, type InsertResult, type MessageStore, type NewMessage, type StoredMessage } from '../../src/storage/message-store.js';
import { caught, deferred, fake, tick, type Deferred } from '../support/fakes.js';
import { withEvent } from '../storage/fixtures.js';

function newMessage(n: number): NewMessage {
  return { msgId: String(1000 + n), clientMsgId: `c-${n}`, fromUserId: '7', toUserId: '8', content: `m${n}`, format: 1, createTime: n };
}

function storedOf(m: NewMessage): StoredMessage {
  return { ...m, chatId: '7_8', status: MsgStatus.PENDING, convId: 'c_7_8', seq: '1', recalledMsgId: '0' };
}

interface Batch {
  messages: NewMessage[];
  /** Settles this batch; only used when the store holds batches. */
  gate: Deferred<void>;
}

/** A MessageStore whose insertBatch records each batch; `hold` keeps batches open until released. */
function recordingStore(opts: { hold?: boolean } = {}) {
  const batches: Batch[] = [];
  const store = fake<MessageStore>({
    insertBatch: async (writes) => {
      const gate = deferred();
      const messages = writes.map((w) => w.message);
      batches.push({ messages, gate });
      if (opts.hold) await gate.promise;
      // Mark every other message as a duplicate so results are distinguishable.
      return messages.map((m, i): InsertResult => (i % 2 === 0
        ? { inserted: true, message: storedOf(m) }
        : { inserted: false, message: { ...storedOf(m), msgId: `orig-${m.msgId}` } }));
    },
  });
  const sizes = () => batches.map((b) => b.messages.length);
  const ids = () => batches.map((b) => b.messages.map((m) => m.clientMsgId));
  return { store, batches, sizes, ids };
}

function committer(store: MessageStore, options: Partial<GroupCommitOptions> = {}, onBatch?: (n: number) => void) {
  return new GroupCommit((batch: NewMessage[]) => store.insertBatch(batch.map(withEvent)), { maxBatch: 100, maxWaitMs: 5, maxInFlight: 4, ...options }, onBatch);
}

/** Waits until `cond` holds (polling every ms), or fails after `ms`. */
async function until(cond: () => boolean, ms = 1000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await tick(1);
  }
}

describe('storage/group-commit', () => {
  it('with nothing in flight, the submits of one turn form one batch, written on the next turn without waiting maxWaitMs', async () => {
    const { store, sizes, batches } = recordingStore();
    const gc = committer(store, { maxWaitMs: 60_000 });
    const pending = [1, 2, 3].map((n) => gc.submit(newMessage(n)));
    expect(sizes(), 'nothing written in the submitting turn').to.deep.equal([]);
    await Promise.all(pending);
    expect(sizes()).to.deep.equal([3]);
    expect(batches[0]!.messages.map((m) => m.clientMsgId)).to.deep.equal(['c-1', 'c-2', 'c-3']);
  });

  it('while a batch commits, arrivals wait for it (or maxWaitMs) and go as one batch', async () => {
    const { store, batches, ids } = recordingStore({ hold: true });
    const gc = committer(store, { maxWaitMs: 60_000 });
    const first = gc.submit(newMessage(1));
    await until(() => batches.length === 1);
    const later = [2, 3].map((n) => gc.submit(newMessage(n)));
    await tick(10);
    expect(ids(), 'held behind the commit in flight').to.deep.equal([['c-1']]);
    batches[0]!.gate.resolve();
    await first;
    await until(() => batches.length === 2);
    expect(ids()).to.deep.equal([['c-1'], ['c-2', 'c-3']]);
    batches[1]!.gate.resolve();
    await Promise.all(later);
  });

  it('while a batch commits, an arrival waits at most maxWaitMs', async () => {
    const { store, batches, ids } = recordingStore({ hold: true });
    const gc = committer(store, { maxWaitMs: 20 });
    void gc.submit(newMessage(1));
    await until(() => batches.length === 1);
    const second = gc.submit(newMessage(2));
    await until(() => batches.length === 2);
    expect(ids()).to.deep.equal([['c-1'], ['c-2']]);
    batches.forEach((b) => b.gate.resolve());
    await second;
  });

  it('submits further apart than maxWaitMs go in separate batches', async () => {
    const { store, ids } = recordingStore();
    const gc = committer(store, { maxWaitMs: 2 });
    await gc.submit(newMessage(1));
    await gc.submit(newMessage(2));
    expect(ids()).to.deep.equal([['c-1'], ['c-2']]);
  });

  it('results map back to each submit in order', async () => {
    const { store } = recordingStore();
    const gc = committer(store);
    const results = await Promise.all([1, 2, 3, 4].map((n) => gc.submit(newMessage(n))));
    expect(results.map((r) => [r.inserted, r.message.msgId])).to.deep.equal([
      [true, '1001'], [false, 'orig-1002'], [true, '1003'], [false, 'orig-1004'],
    ]);
  });

  it('maxBatch splits: a full batch goes at once, the rest waits for maxWaitMs', async () => {
    // Batches are held so that no completion flushes the remainder early.
    const { store, batches, ids } = recordingStore({ hold: true });
    const batchSizes: number[] = [];
    const gc = committer(store, { maxBatch: 2, maxWaitMs: 30 }, (n) => batchSizes.push(n));
    const pending = [1, 2, 3, 4, 5].map((n) => gc.submit(newMessage(n)));
    expect(ids(), 'two full batches without waiting').to.deep.equal([['c-1', 'c-2'], ['c-3', 'c-4']]);
    await tick(10);
    expect(ids()).to.have.length(2);
    await until(() => batches.length === 3);
    expect(ids()).to.deep.equal([['c-1', 'c-2'], ['c-3', 'c-4'], ['c-5']]);
    expect(batchSizes).to.deep.equal([2, 2, 1]);
    batches.forEach((b) => b.gate.resolve());
    const results = await Promise.all(pending);
    expect(results.map((r) => r.message.clientMsgId)).to.deep.equal(['c-1', 'c-2', 'c-3', 'c-4', 'c-5']);
  });

  it('more than maxBatch queued behind a full pipeline goes out in maxBatch-sized batches', async () => {
    const { store, batches, sizes } = recordingStore({ hold: true });
    const gc = committer(store, { maxBatch: 3, maxInFlight: 1, maxWaitMs: 1 });
    const all = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => gc.submit(newMessage(n)));
    await until(() => batches.length === 1);
    for (let i = 0; i < 3; i += 1) {
      await until(() => batches.length === i + 1);
      batches[i]!.gate.resolve();
    }
    await Promise.all(all);
    expect(sizes()).to.deep.equal([3, 3, 2]);
  });

  it('when a batch commits, whatever queued meanwhile goes at once (no new maxWaitMs)', async () => {
    const { store, batches, ids } = recordingStore({ hold: true });
    const gc = committer(store, { maxBatch: 2, maxInFlight: 1, maxWaitMs: 60_000 });
    const full = [1, 2].map((n) => gc.submit(newMessage(n)));
    const third = gc.submit(newMessage(3)); // would wait 60 s on its own
    expect(ids()).to.deep.equal([['c-1', 'c-2']]);
    batches[0]!.gate.resolve();
    await Promise.all(full);
    await until(() => batches.length === 2);
    expect(ids()[1]).to.deep.equal(['c-3']);
    batches[1]!.gate.resolve();
    await third;
  });

  it('maxInFlight is respected: a slow insert holds later submits, which then go as one bigger batch', async () => {
    const { store, batches, ids } = recordingStore({ hold: true });
    const gc = committer(store, { maxInFlight: 1, maxWaitMs: 1, maxBatch: 100 });
    const first = gc.submit(newMessage(1));
    await until(() => batches.length === 1);
    const later = [2, 3, 4].map((n) => gc.submit(newMessage(n)));
    await tick(10);
    expect(batches, 'no second transaction while one is in flight').to.have.length(1);
    batches[0]!.gate.resolve();
    await first;
    await until(() => batches.length === 2);
    expect(ids()).to.deep.equal([['c-1'], ['c-2', 'c-3', 'c-4']]);
    batches[1]!.gate.resolve();
    expect((await Promise.all(later)).map((r) => r.message.clientMsgId)).to.deep.equal(['c-2', 'c-3', 'c-4']);
  });

  it('with spacingMs, a batch starts no sooner than that after the last one: arrivals meanwhile share it, a full batch goes at once', async () => {
    const { store, ids } = recordingStore();
    const gc = committer(store, { spacingMs: 60_000, maxBatch: 3 });
    await gc.submit(newMessage(1));
    expect(ids(), 'the first after a quiet spell goes on the next turn').to.deep.equal([['c-1']]);
    const later = [gc.submit(newMessage(2))];
    await tick(5);
    later.push(gc.submit(newMessage(3)));
    await tick(5);
    expect(ids(), 'nothing in flight, but the last batch began less than spacingMs ago').to.deep.equal([['c-1']]);
    later.push(gc.submit(newMessage(4)));
    await Promise.all(later);
    expect(ids()).to.deep.equal([['c-1'], ['c-2', 'c-3', 'c-4']]);
  });

  it('with spacingMs, a waiting batch goes once spacingMs has passed since the last began', async () => {
    const began: number[] = [];
    const gc = new GroupCommit(async (items: number[]) => {
      began.push(performance.now());
      return items;
    }, { maxBatch: 100, maxWaitMs: 1, maxInFlight: 4, spacingMs: 50 });
    await gc.submit(1);
    const [two, three] = await Promise.all([gc.submit(2), gc.submit(3)]);
    expect([two, three]).to.deep.equal([2, 3]);
    expect(began).to.have.length(2);
    // The flush checks the spacing itself (a timer may fire a little early): a bound that holds however loaded the machine is.
    expect(began[1]! - began[0]!).to.be.at.least(49);
  });

  it('maxInFlight > 1 runs that many transactions at once, and no more', async () => {
    const { store, batches } = recordingStore({ hold: true });
    const gc = committer(store, { maxInFlight: 2, maxBatch: 1 });
    const all = [1, 2, 3, 4].map((n) => gc.submit(newMessage(n)));
    await tick(10);
    expect(batches).to.have.length(2);
    batches[0]!.gate.resolve();
    await until(() => batches.length === 3);
    await tick(5);
    expect(batches).to.have.length(3);
    batches[1]!.gate.resolve();
    batches[2]!.gate.resolve();
    await until(() => batches.length === 4);
    batches[3]!.gate.resolve();
    await Promise.all(all);
  });

  it('a failed batch rejects every submit in it and none of the others', async () => {
    const boom = new Error('deadlock');
    let call = 0;
    const store = fake<MessageStore>({
      insertBatch: async (writes) => {
        call += 1;
        if (call === 1) throw boom;
        return writes.map(({ message }): InsertResult => ({ inserted: true, message: storedOf(message) }));
      },
    });
    const gc = committer(store, { maxBatch: 2 });
    const submits = [1, 2, 3, 4].map((n) => gc.submit(newMessage(n)));
    const settled = await Promise.allSettled(submits);
    expect(settled.map((s) => s.status)).to.deep.equal(['rejected', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[0] as PromiseRejectedResult).reason).to.equal(boom);
    expect((settled[1] as PromiseRejectedResult).reason).to.equal(boom);
    // The committer keeps working after a failed batch.
    expect((await gc.submit(newMessage(5))).message.clientMsgId).to.equal('c-5');
  });

  it('a failure while another batch is held does not disturb the held one', async () => {
    const gates: Array<Deferred<void>> = [];
    const store = fake<MessageStore>({
      insertBatch: async (writes) => {
        const gate = deferred();
        gates.push(gate);
        await gate.promise;
        return writes.map(({ message }): InsertResult => ({ inserted: true, message: storedOf(message) }));
      },
    });
    const gc = committer(store, { maxBatch: 1, maxInFlight: 2 });
    const a = gc.submit(newMessage(1));
    const b = gc.submit(newMessage(2));
    await until(() => gates.length === 2);
    gates[1]!.reject(new Error('lost connection'));
    expect(((await caught(() => b)) as Error).message).to.equal('lost connection');
    gates[0]!.resolve();
    expect((await a).message.clientMsgId).to.equal('c-1');
  });

  describe('drain', () => {
    it('resolves at once when idle', async () => {
      const { store } = recordingStore();
      await committer(store).drain();
    });

    it('flushes what is queued without waiting for maxWaitMs', async () => {
      const { store, sizes } = recordingStore();
      const gc = committer(store, { maxWaitMs: 60_000 });
      const pending = [1, 2].map((n) => gc.submit(newMessage(n)));
      const started = Date.now();
      await gc.drain();
      expect(Date.now() - started).to.be.below(1000);
      expect(sizes()).to.deep.equal([2]);
      await Promise.all(pending);
    });

    it('waits for in-flight transactions, also ones queued behind them', async () => {
      const { store, batches } = recordingStore({ hold: true });
      const gc = committer(store, { maxInFlight: 1, maxWaitMs: 1 });
      const first = gc.submit(newMessage(1));
      await until(() => batches.length === 1);
      const second = gc.submit(newMessage(2));
      let drained = false;
      const drain = gc.drain().then(() => { drained = true; });
      await tick(5);
      expect(drained).to.equal(false);
      batches[0]!.gate.resolve();
      await first;
      await until(() => batches.length === 2);
      await tick(2);
      expect(drained, 'the queued batch is still in flight').to.equal(false);
      batches[1]!.gate.resolve();
      await drain;
      await second;
      expect(drained).to.equal(true);
    });

    it('resolves even when the last batch failed', async () => {
      const store = fake<MessageStore>({ insertBatch: async () => { throw new Error('down'); } });
      const gc = committer(store);
      const failed = gc.submit(newMessage(1)).catch((err: unknown) => err);
      await gc.drain();
      expect(((await failed) as Error).message).to.equal('down');
    });
  });
});

describe('storage/group-commit: KeyedGroupCommit', () => {
  interface Item { key: string; n: number }
  /** Records every batch and which are in flight; `hold` keeps batches open until released. */
  function keyed(maxInFlight: number) {
    const batches: Array<{ items: Item[]; gate: Deferred<void> }> = [];
    const inFlight = new Set<Item[]>();
    const overlaps: string[] = [];
    const gc = new KeyedGroupCommit(async (items: Item[]) => {
      for (const other of inFlight) {
        for (const item of items) if (other.some((o) => o.key === item.key)) overlaps.push(item.key);
      }
      const gate = deferred();
      batches.push({ items, gate });
      inFlight.add(items);
      await gate.promise;
      inFlight.delete(items);
      return items.map((item) => `${item.key}#${item.n}`);
    }, { maxBatch: 100, maxWaitMs: 1, maxInFlight }, (item) => item.key);
    return { gc, batches, inFlight, overlaps };
  }
  const releaseAll = async (batches: Array<{ gate: Deferred<void> }>, until: () => boolean) => {
    for (let i = 0; !until() && i < 1000; i++) {
      for (const b of batches) b.gate.resolve();
      await tick(1);
    }
  };

  it('runs batches of different keys at once, never two that share a key', async () => {
    const { gc, batches, overlaps } = keyed(4);
    const keys = Array.from({ length: 40 }, (_, i) => `c_${2n ** 63n + BigInt(i)}_${2n ** 63n + BigInt(i + 1)}`);
    const results = keys.flatMap((key) => [1, 2, 3].map((n) => gc.submit({ key, n })));
    await until(() => batches.length >= 2);
    expect(batches.length, 'several shards in flight').to.be.within(2, 4);
    let settled = false;
    const all = Promise.all(results).then((r) => { settled = true; return r; });
    // More arrivals for the same keys while the first batches are held.
    let laterSettled = false;
    const later = Promise.all(keys.map((key) => gc.submit({ key, n: 4 }))).then((r) => { laterSettled = true; return r; });
    await releaseAll(batches, () => settled && laterSettled);
    expect(await all).to.deep.equal(keys.flatMap((key) => [1, 2, 3].map((n) => `${key}#${n}`)));
    expect(await later).to.deep.equal(keys.map((key) => `${key}#4`));
    expect(overlaps).to.deep.equal([]);
  });

  it('commits one key\'s items in the order they were submitted, one batch at a time', async () => {
    const { gc, batches, inFlight } = keyed(8);
    const first = gc.submit({ key: 'g_1', n: 1 });
    await until(() => batches.length === 1);
    const second = [gc.submit({ key: 'g_1', n: 2 }), gc.submit({ key: 'g_1', n: 3 })];
    await tick(5);
    expect(inFlight.size, 'the second batch waits for the first').to.equal(1);
    batches[0]!.gate.resolve();
    await first;
    await until(() => batches.length === 2);
    expect(batches.map((b) => b.items.map((i) => i.n))).to.deep.equal([[1], [2, 3]]);
    batches[1]!.gate.resolve();
    expect(await Promise.all(second)).to.deep.equal(['g_1#2', 'g_1#3']);
  });

  it('drains every shard', async () => {
    const { gc, batches } = keyed(4);
    const submitted = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => gc.submit({ key, n: 1 }));
    await until(() => batches.length >= 2);
    let drained = false;
    const drain = gc.drain().then(() => { drained = true; });
    await tick(5);
    expect(drained).to.equal(false);
    await releaseAll(batches, () => drained);
    await drain;
    expect(await Promise.all(submitted)).to.have.length(6);
  });
});
