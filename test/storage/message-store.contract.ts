// The MessageStore contract: every implementation runs this same suite (see message-store.test.ts).
// Everything is observed through the interface only.
import { expect } from 'chai';
import {
  MsgStatus, RECALL_FORMAT,
  type EntryEvent,
  type InsertResult,
  type MessageStore,
  type MessageWrite,
  type NewMessage,
  type OutboxEntry,
  type RecallResult,
  type StoredMessage,
} from '../../src/storage/message-store.js';

/** Ids a JS number cannot hold: 64-bit ids must round-trip as exact strings. */
const ABOVE_2_53 = (2n ** 53n + 1n).toString();
const MAX_SIGNED = (2n ** 63n - 1n).toString();
const MAX_UNSIGNED = (2n ** 64n - 1n).toString();
/** Snowflake-sized msg ids; neighbours differ below double precision. */
const MSG_ID_BASE = 2n ** 62n;

const ALICE = ABOVE_2_53;
const BOB = MAX_SIGNED;
const CAROL = '42';
const T0 = 1_700_000_000_000;

/** Above 2^63-1: SQLite stores such user ids as negative numbers, conv ids must still order them as unsigned. */
const TWO_TO_63 = (2n ** 63n).toString();

/** The caller's event for a message: the store writes it as given, with the seq it assigned added. */
const eventOf = (m: NewMessage): EntryEvent => ({ tag: 'C2C_MSG', key: m.msgId, body: { msgId: m.msgId, made: 'by the caller' } });
const write = (m: NewMessage): MessageWrite => ({ message: m, event: eventOf(m) });
const outboxBody = (m: StoredMessage) => JSON.stringify({ msgId: m.msgId, made: 'by the caller', seq: m.seq });
/** The same for a recall of `msgId`, whose seq is the tombstone's. */
const recallEventOf = (msgId: string, at: number, tombstoneMsgId: string): EntryEvent =>
  ({ tag: 'C2C_RECALL', key: msgId, body: { msgId, at, tombstoneMsgId } });
const recallBody = (m: StoredMessage, at: number, tombstone: StoredMessage) =>
  JSON.stringify({ msgId: m.msgId, at, tombstoneMsgId: tombstone.msgId, seq: tombstone.seq });
/** An event that cannot be written: JSON has no BigInt. */
const unwritable = (m: NewMessage): MessageWrite => ({ message: m, event: { ...eventOf(m), body: { n: 1n } } });

/** The conv id PROTOCOL.md names for a pair: `c_<lo>_<hi>`, ordered as integers. */
const convOf = (a: string, b: string) => (BigInt(a) <= BigInt(b) ? `c_${a}_${b}` : `c_${b}_${a}`);

/**
 * Defines the suite `name`. `open` returns a store over an empty database, once per test; the
 * suite closes it after the test and then calls `cleanup` (e.g. to empty a shared database).
 */
export function messageStoreContract(name: string, open: () => Promise<MessageStore>, cleanup?: () => Promise<void>): void {
  describe(name, function () {
    let store: MessageStore;
    let n = 0;
    let tombstones = 0;

    /** A fresh message: ALICE → BOB unless told otherwise, created at T0 + its number. */
    function msg(fields: Partial<NewMessage> = {}): NewMessage {
      n += 1;
      return {
        msgId: (MSG_ID_BASE + BigInt(n)).toString(), clientMsgId: `client-${n}`, fromUserId: ALICE, toUserId: BOB,
        content: `hello ${n}`, format: 1, createTime: T0 + n, ...fields,
      };
    }

    /** A msg id for a tombstone, apart from every message's. */
    function tombstoneId(): string {
      tombstones += 1;
      return (MSG_ID_BASE + 2n ** 40n + BigInt(tombstones)).toString();
    }

    /** Recalls with a fresh tombstone id. */
    async function recall(msgId: string, at: number): Promise<RecallResult | null> {
      const tombstone = tombstoneId();
      return store.recall(msgId, at, tombstone, recallEventOf(msgId, at, tombstone));
    }

    async function insert(...messages: NewMessage[]): Promise<InsertResult[]> {
      return store.insertBatch(messages.map(write));
    }

    async function insertOne(fields: Partial<NewMessage> = {}): Promise<StoredMessage> {
      const [result] = await insert(msg(fields));
      return result!.message;
    }

    /** Claims (and leases) every due entry; a lease long enough to outlast the test. */
    async function claimAll(now = T0 + 1e9): Promise<OutboxEntry[]> {
      return store.claimOutbox(now, 10_000, 3_600_000);
    }

    const ids = (list: Array<{ msgId: string }>) => list.map((m) => m.msgId);
    const keys = (list: OutboxEntry[]) => list.map((e) => e.key);
    const seqs = (list: Array<{ seq: string }>) => list.map((m) => m.seq);
    const sorted = (list: string[]) => [...list].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    /** `m` as stored with position `seq` in its conversation. */
    const stored = (m: NewMessage, seq: number | string, status: MsgStatus = MsgStatus.PENDING): StoredMessage => {
      const convId = convOf(m.fromUserId, m.toUserId);
      return { ...m, chatId: convId.slice(2), status, convId, seq: String(seq), recalledMsgId: '0' };
    };
    /** What a recall leaves of `m`: RECALLED, without content. */
    const recalledOf = (m: StoredMessage): StoredMessage => ({ ...m, status: MsgStatus.RECALLED, content: '' });
    /** The tombstone a recall of `m` at `at` appends with msg id `id` at position `seq`. */
    const tombstoneOf = (m: StoredMessage, id: string, at: number, seq: number | string): StoredMessage => ({
      msgId: id, clientMsgId: `\u0001r:${m.msgId}`, fromUserId: m.fromUserId, toUserId: m.toUserId, content: '',
      format: RECALL_FORMAT, createTime: at, chatId: m.chatId, status: MsgStatus.DELIVERED, convId: m.convId,
      seq: String(seq), recalledMsgId: m.msgId,
    });
    /** The next seq of the conversation of `m`, observed by inserting one more message into it. */
    const nextSeq = async (m: NewMessage): Promise<string> => (await insertOne({ fromUserId: m.fromUserId, toUserId: m.toUserId })).seq;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
      await cleanup?.();
    });

    describe('insertBatch', () => {
      it('stores a batch and returns every message as inserted, in input order', async () => {
        const batch = [msg(), msg({ fromUserId: BOB, toUserId: ALICE }), msg({ toUserId: CAROL })];
        const positions = [1, 2, 1];
        const results = await insert(...batch);
        expect(results).to.deep.equal(batch.map((m, i) => ({ inserted: true, message: stored(m, positions[i]!) })));
        for (const [i, m] of batch.entries()) expect(await store.findById(m.msgId)).to.deep.equal(stored(m, positions[i]!));
      });

      it('keeps ids above 2^53 exact, up to 2^63-1 for msg ids and 2^64-1 for user ids', async () => {
        const batch = [
          msg({ msgId: ABOVE_2_53, fromUserId: MAX_UNSIGNED, toUserId: MAX_SIGNED }),
          msg({ msgId: MAX_SIGNED, fromUserId: MAX_SIGNED, toUserId: MAX_UNSIGNED }),
          // Both round to the same double.
          msg({ msgId: (MSG_ID_BASE - 1n).toString(), fromUserId: ABOVE_2_53, toUserId: MAX_UNSIGNED }),
          msg({ msgId: (MSG_ID_BASE - 2n).toString(), fromUserId: ABOVE_2_53, toUserId: MAX_UNSIGNED }),
        ];
        const positions = [1, 2, 1, 2];
        expect((await insert(...batch)).map((r) => r.inserted)).to.deep.equal([true, true, true, true]);
        for (const [i, m] of batch.entries()) expect(await store.findById(m.msgId)).to.deep.equal(stored(m, positions[i]!));
        expect(ids(await store.listPending(MAX_UNSIGNED, '0', 10))).to.deep.equal(sorted(ids(batch.slice(1))));
        expect(await store.markDelivered(MAX_UNSIGNED, ids(batch))).to.equal(3);
        expect(ids(await store.findPending(ids(batch)))).to.deep.equal([ABOVE_2_53]);
        expect(keys(await claimAll())).to.have.members(ids(batch));
      });

      it('keeps text exact: 4-byte characters, quotes, backslashes, newlines', async () => {
        const m = msg({ clientMsgId: `客户端-👋🏽-${'x'.repeat(55)}`, content: '你好 👋🏽 \'quoted\' "double" \\ back\nslash; DROP TABLE x; --' });
        expect(m.clientMsgId).to.have.length(64);
        await insert(m);
        expect(await store.findById(m.msgId)).to.deep.equal(stored(m, 1));
        expect((await insert(msg({ clientMsgId: m.clientMsgId })))[0]!.inserted).to.equal(false);
      });

      it('gives both directions of a pair one chat id and one conversation, ordering the ids as integers', async () => {
        const [there, back, big] = await insert(
          msg({ fromUserId: '10', toUserId: '9' }),
          msg({ fromUserId: '9', toUserId: '10' }),
          msg({ fromUserId: MAX_UNSIGNED, toUserId: ABOVE_2_53 }),
        );
        expect(there!.message.chatId).to.equal('9_10');
        expect(back!.message.chatId).to.equal('9_10');
        expect(big!.message.chatId).to.equal(`${ABOVE_2_53}_${MAX_UNSIGNED}`);
        expect([there, back].map((r) => [r!.message.convId, r!.message.seq])).to.deep.equal([['c_9_10', '1'], ['c_9_10', '2']]);
        expect([big!.message.convId, big!.message.seq]).to.deep.equal([`c_${ABOVE_2_53}_${MAX_UNSIGNED}`, '1']);
        expect((await store.findById(back!.message.msgId))!.convId).to.equal('c_9_10');
      });

      it('returns the original row for a client_msg_id stored before, and inserts the rest of the batch', async () => {
        const first = msg();
        await insert(first);
        await store.markDelivered(first.toUserId, [first.msgId]);
        const resend = msg({ clientMsgId: first.clientMsgId, content: 'resent' });
        const [before, again, after] = [msg(), resend, msg()];
        const results = await insert(before, again, after);
        expect(results).to.deep.equal([
          { inserted: true, message: stored(before, 2) },
          { inserted: false, message: stored(first, 1, MsgStatus.DELIVERED) },
          { inserted: true, message: stored(after, 3) },
        ]);
        expect(await store.findById(resend.msgId)).to.equal(null);
      });

      it('returns the first row for a client_msg_id repeated within one batch', async () => {
        const a = msg();
        const b = msg();
        const c = msg({ clientMsgId: a.clientMsgId, content: 'same client id' });
        expect(await insert(a, b, c)).to.deep.equal([
          { inserted: true, message: stored(a, 1) },
          { inserted: true, message: stored(b, 2) },
          { inserted: false, message: stored(a, 1) },
        ]);
        expect(await store.findById(c.msgId)).to.equal(null);
      });

      it('keeps client_msg_ids apart per sender and by case', async () => {
        const results = await insert(
          msg({ clientMsgId: 'Same' }),
          msg({ clientMsgId: 'Same', fromUserId: CAROL }),
          msg({ clientMsgId: 'same' }),
        );
        expect(results.map((r) => r.inserted)).to.deep.equal([true, true, true]);
      });

      it('writes one C2C_MSG outbox event per inserted message, none for duplicates, keyed by msg_id', async () => {
        const first = msg();
        await insert(first);
        const second = msg();
        const results = await insert(msg({ clientMsgId: first.clientMsgId }), second);
        expect(results[1]!.message).to.deep.equal(stored(second, 2));
        expect(await store.outboxBacklog()).to.equal(2);
        const entries = await claimAll();
        expect(entries.map(({ tag, key, body, attempts }) => ({ tag, key, body, attempts }))).to.deep.equal(
          [stored(first, 1), stored(second, 2)].map((m) => ({ tag: 'C2C_MSG', key: m.msgId, body: outboxBody(m), attempts: 0 })),
        );
      });

      it('commits nothing of a batch that fails', async () => {
        const batch = [msg(), msg(), msg()];
        await expectRejection(store.insertBatch([write(batch[0]!), write(batch[1]!), unwritable(batch[2]!)]), /BigInt/);
        for (const m of batch) expect(await store.findById(m.msgId)).to.equal(null);
        expect(await store.outboxBacklog()).to.equal(0);
        const results = await insert(...batch);
        expect(results.map((r) => r.inserted)).to.deep.equal([true, true, true]);
        // The failed batch took no seqs.
        expect(seqs(results.map((r) => r.message))).to.deep.equal(['1', '2', '3']);
      });

      it('rejects a batch whose msg_id is taken by another message, storing nothing', async () => {
        const first = await insertOne();
        const fresh = msg();
        await expectRejection(insert(fresh, msg({ msgId: first.msgId })), /msg_id already in use/);
        expect(await store.findById(fresh.msgId)).to.equal(null);
        expect(await store.outboxBacklog()).to.equal(1);
        expect(await nextSeq(fresh)).to.equal('2');
      });

      it('rejects ids that are not canonical decimal integers in range, storing nothing', async () => {
        const good = msg();
        const bad: Array<Partial<NewMessage>> = [
          { msgId: (2n ** 63n).toString() }, { msgId: '-1' }, { msgId: '007' }, { msgId: '1e3' }, { msgId: '' },
          { fromUserId: (2n ** 64n).toString() }, { toUserId: ' 1' },
        ];
        for (const fields of bad) {
          await expectRejection(insert(good, msg(fields)), /./);
        }
        expect(await store.findById(good.msgId)).to.equal(null);
        await expectRejection(store.findById('12x'), /./);
      });

      it('returns nothing for an empty batch', async () => {
        expect(await insert()).to.deep.equal([]);
        expect(await store.outboxBacklog()).to.equal(0);
      });

      it('handles a batch larger than one statement, in order', async () => {
        const batch = Array.from({ length: 1_201 }, () => msg());
        batch[1_100] = msg({ clientMsgId: batch[5]!.clientMsgId });
        const results = await insert(...batch);
        expect(results.map((r) => r.message.msgId)).to.deep.equal(batch.map((m, i) => (i === 1_100 ? batch[5]!.msgId : m.msgId)));
        expect(results.filter((r) => !r.inserted)).to.have.length(1);
        expect(await store.outboxBacklog()).to.equal(1_200);
        // Gap-free across statements; the duplicate has its original's seq.
        const expected = batch.map((_, i) => (i < 1_100 ? i + 1 : i === 1_100 ? 6 : i)).map(String);
        expect(seqs(results.map((r) => r.message))).to.deep.equal(expected);
      });

      it('stores one row when concurrent batches carry the same client_msg_id', async () => {
        for (let round = 0; round < 10; round++) {
          const a = msg();
          const b = msg({ clientMsgId: a.clientMsgId });
          const [first, second] = await Promise.all([insert(msg(), a), insert(b, msg())]);
          const [ra, rb] = [first![1]!, second![0]!];
          expect([ra.inserted, rb.inserted].filter(Boolean)).to.have.length(1);
          expect(ra.message).to.deep.equal(rb.message);
        }
        expect(await store.outboxBacklog()).to.equal(30);
        expect(await nextSeq(msg())).to.equal('31');
      });

      it('lets concurrent batches that share many client ids in opposite orders both commit', async () => {
        const forward = Array.from({ length: 50 }, () => msg());
        const backward = forward.map((m) => msg({ clientMsgId: m.clientMsgId })).reverse();
        const [one, two] = await Promise.all([insert(...forward), insert(...backward)]);
        const winners = [...one!, ...two!].filter((r) => r.inserted).map((r) => r.message.clientMsgId);
        expect(sortedStrings(winners)).to.deep.equal(sortedStrings(forward.map((m) => m.clientMsgId)));
        expect(await store.outboxBacklog()).to.equal(50);
        const winnerSeqs = [...one!, ...two!].filter((r) => r.inserted).map((r) => r.message.seq);
        expect(sorted(winnerSeqs)).to.deep.equal(Array.from({ length: 50 }, (_, i) => String(i + 1)));
      });
    });

    describe('conversations and seqs', () => {
      it('numbers each conversation 1..N in input order, within a batch and across batches', async () => {
        const batch = [msg(), msg({ toUserId: CAROL }), msg({ fromUserId: BOB, toUserId: ALICE }), msg(), msg({ fromUserId: CAROL, toUserId: ALICE })];
        const results = await insert(...batch);
        expect(results.map((r) => [r.message.convId, r.message.seq])).to.deep.equal([
          [convOf(ALICE, BOB), '1'], [convOf(ALICE, CAROL), '1'], [convOf(ALICE, BOB), '2'], [convOf(ALICE, BOB), '3'],
          [convOf(ALICE, CAROL), '2'],
        ]);
        const later = await insert(msg({ toUserId: CAROL }), msg({ fromUserId: BOB, toUserId: ALICE }), msg({ fromUserId: BOB, toUserId: CAROL }));
        expect(later.map((r) => [r.message.convId, r.message.seq])).to.deep.equal([
          [convOf(ALICE, CAROL), '3'], [convOf(ALICE, BOB), '4'], [convOf(BOB, CAROL), '1'],
        ]);
        for (const r of [...results, ...later]) expect(await store.findById(r.message.msgId)).to.deep.equal(r.message);
      });

      it('names a conversation c_<lo>_<hi> with the ids ordered as integers, both directions one conversation', async () => {
        const [there, back] = await insert(msg({ fromUserId: '10', toUserId: '9' }), msg({ fromUserId: '9', toUserId: '10' }));
        expect([there!.message.convId, back!.message.convId]).to.deep.equal(['c_9_10', 'c_9_10']);
        expect([there!.message.seq, back!.message.seq]).to.deep.equal(['1', '2']);
      });

      it('gives a note to yourself its own conversation c_<u>_<u>', async () => {
        const [one, two, other] = await insert(msg({ toUserId: ALICE }), msg({ toUserId: ALICE }), msg());
        expect([one, two].map((r) => [r!.message.convId, r!.message.chatId, r!.message.seq])).to.deep.equal([
          [`c_${ALICE}_${ALICE}`, `${ALICE}_${ALICE}`, '1'], [`c_${ALICE}_${ALICE}`, `${ALICE}_${ALICE}`, '2'],
        ]);
        expect([other!.message.convId, other!.message.seq]).to.deep.equal([convOf(ALICE, BOB), '1']);
      });

      it('orders user ids above 2^63 as unsigned in conv ids', async () => {
        const [a, b, c, d] = await insert(
          msg({ fromUserId: MAX_UNSIGNED, toUserId: TWO_TO_63 }),
          msg({ fromUserId: TWO_TO_63, toUserId: MAX_UNSIGNED }),
          msg({ fromUserId: TWO_TO_63, toUserId: MAX_SIGNED }),
          msg({ fromUserId: MAX_UNSIGNED, toUserId: CAROL }),
        );
        expect([a, b, c, d].map((r) => [r!.message.convId, r!.message.seq])).to.deep.equal([
          [`c_${TWO_TO_63}_${MAX_UNSIGNED}`, '1'], [`c_${TWO_TO_63}_${MAX_UNSIGNED}`, '2'],
          [`c_${MAX_SIGNED}_${TWO_TO_63}`, '1'], [`c_${CAROL}_${MAX_UNSIGNED}`, '1'],
        ]);
        const e = await insertOne({ fromUserId: CAROL, toUserId: MAX_UNSIGNED });
        expect([e.convId, e.seq]).to.deep.equal([`c_${CAROL}_${MAX_UNSIGNED}`, '2']);
        expect(await store.findById(b!.message.msgId)).to.deep.equal(b!.message);
      });

      it('leaves no gap for duplicates, in the batch or stored: a duplicate gets its original\'s seq', async () => {
        const [old] = (await insert(msg())).map((r) => r.message);
        const x = msg();
        const batch = [x, msg({ clientMsgId: old!.clientMsgId }), msg(), msg({ clientMsgId: x.clientMsgId }), msg(), msg({ toUserId: CAROL })];
        const results = await insert(...batch);
        expect(results.map((r) => [r.inserted, r.message.seq])).to.deep.equal([
          [true, '2'], [false, '1'], [true, '3'], [false, '2'], [true, '4'], [true, '1'],
        ]);
        expect(results[1]!.message).to.deep.equal(old);
        expect(await nextSeq(old!)).to.equal('5');
        expect(await nextSeq(msg({ toUserId: CAROL }))).to.equal('2');
      });

      it('leaves no gap for a batch that failed', async () => {
        await insert(msg());
        const tooLong = msg({ content: 'x'.repeat(70_000) });
        await expectRejection(insert(msg(), tooLong), /./);
        expect(await store.findById(tooLong.msgId)).to.equal(null);
        const taken = await insertOne();
        expect(taken.seq).to.equal('2');
        // Fails inside the transaction, after numbering: a msg_id in use.
        await expectRejection(insert(msg(), msg({ toUserId: CAROL }), msg({ msgId: taken.msgId, clientMsgId: 'fresh' })), /./);
        await expectRejection(store.insertBatch([unwritable(msg()), unwritable(msg())]), /BigInt/);
        const results = await insert(msg(), msg(), msg({ toUserId: CAROL }));
        expect(seqs(results.map((r) => r.message))).to.deep.equal(['3', '4', '1']);
      });

      it('gives concurrent batches into one conversation distinct, gap-free seqs, each batch in input order', async () => {
        const batches = Array.from({ length: 8 }, (_, i) => Array.from({ length: 5 }, () => (i % 2 === 0 ? msg() : msg({ fromUserId: BOB, toUserId: ALICE }))));
        const results = await Promise.all(batches.map((batch) => insert(...batch)));
        for (const batch of results) {
          const positions = batch.map((r) => Number(r.message.seq));
          expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
        }
        expect(sorted(results.flat().map((r) => r.message.seq))).to.deep.equal(Array.from({ length: 40 }, (_, i) => String(i + 1)));
      });
    });

    describe('findById / findPending', () => {
      it('finds nothing for an unknown id', async () => {
        expect(await store.findById('1')).to.equal(null);
      });

      it('returns only the PENDING ones of the ids asked for', async () => {
        const [pending, delivered, dropped, recalled, other] = await insert(msg(), msg(), msg(), msg(), msg());
        await store.markDelivered(BOB, [delivered!.message.msgId]);
        await store.markDropped(BOB, [dropped!.message.msgId]);
        await recall(recalled!.message.msgId, T0);
        const asked = [pending, delivered, dropped, recalled].map((r) => r!.message.msgId).concat('123');
        expect(await store.findPending(asked)).to.deep.equal([pending!.message]);
        expect(await store.findPending([])).to.deep.equal([]);
        expect(ids(await store.findPending([other!.message.msgId]))).to.deep.equal([other!.message.msgId]);
      });
    });

    describe('listPendingBetween', () => {
      it('lists PENDING messages of every receiver in (after, through], ascending by msg_id as integers, paged', async () => {
        const at = (k: bigint) => (MSG_ID_BASE + 5_000_000n + k).toString();
        const inRange = [at(3n), at(10n), at(2n)].map((msgId, i) => msg({ msgId, toUserId: i === 1 ? CAROL : BOB }));
        await insert(...inRange, msg({ msgId: at(1n) }), msg({ msgId: at(11n) }));
        const delivered = await insertOne({ msgId: at(5n) });
        await store.markDelivered(BOB, [delivered.msgId]);
        expect(ids(await store.listPendingBetween(at(1n), at(10n), 10))).to.deep.equal([at(2n), at(3n), at(10n)]);
        expect(ids(await store.listPendingBetween(at(1n), at(10n), 2))).to.deep.equal([at(2n), at(3n)]);
        expect(ids(await store.listPendingBetween(at(3n), at(10n), 2))).to.deep.equal([at(10n)]);
        expect(await store.listPendingBetween(at(11n), MAX_SIGNED, 10)).to.deep.equal([]);
      });
    });

    describe('listPending', () => {
      it('lists PENDING messages to one receiver ascending by msg_id', async () => {
        const mine = [3n, 1n, 2n].map((k) => msg({ msgId: (MSG_ID_BASE + 1_000_000n + k).toString() }));
        await insert(...mine, msg({ toUserId: CAROL }), msg({ fromUserId: BOB, toUserId: ALICE }));
        const delivered = await insertOne();
        await store.markDelivered(BOB, [delivered.msgId]);
        // Seqs in input order, listed in msg_id order.
        expect(await store.listPending(BOB, '0', 100)).to.deep.equal(
          sorted(ids(mine)).map((id) => stored(mine.find((m) => m.msgId === id)!, mine.findIndex((m) => m.msgId === id) + 1)),
        );
      });

      it('orders msg ids as integers, not as text', async () => {
        const mine = ['9', '10', '100', ABOVE_2_53, MAX_SIGNED].map((msgId) => msg({ msgId }));
        await insert(...[...mine].reverse());
        expect(ids(await store.listPending(BOB, '0', 10))).to.deep.equal(ids(mine));
        expect(ids(await store.listPending(BOB, '10', 10))).to.deep.equal(ids(mine.slice(2)));
      });

      it('pages with an exclusive msg_id cursor and a limit', async () => {
        const mine = Array.from({ length: 5 }, () => msg());
        await insert(...mine);
        expect(ids(await store.listPending(BOB, '0', 2))).to.deep.equal(ids(mine.slice(0, 2)));
        expect(ids(await store.listPending(BOB, mine[1]!.msgId, 2))).to.deep.equal(ids(mine.slice(2, 4)));
        expect(ids(await store.listPending(BOB, mine[3]!.msgId, 2))).to.deep.equal(ids(mine.slice(4)));
        expect(await store.listPending(BOB, mine[4]!.msgId, 2)).to.deep.equal([]);
        expect(await store.listPending(BOB, '0', 0)).to.deep.equal([]);
      });

      it('answers pages asked at the same time each with its own receiver, cursor and limit', async () => {
        const bobs = Array.from({ length: 4 }, () => msg());
        const carols = Array.from({ length: 3 }, () => msg({ toUserId: CAROL }));
        const toMax = msg({ toUserId: MAX_UNSIGNED });
        await insert(...bobs, ...carols, toMax);
        const pages = await Promise.all([
          store.listPending(BOB, '0', 10), store.listPending(CAROL, '0', 2), store.listPending(BOB, bobs[1]!.msgId, 1),
          store.listPending(ALICE, '0', 10), store.listPending(MAX_UNSIGNED, '0', 10), store.listPending(CAROL, carols[0]!.msgId, 10),
        ]);
        expect(pages.map(ids)).to.deep.equal([
          ids(bobs), ids(carols.slice(0, 2)), [bobs[2]!.msgId], [], [toMax.msgId], ids(carols.slice(1)),
        ]);
      });
    });

    describe('markDelivered / markDropped', () => {
      it('marks delivered only messages to that receiver, only from PENDING, once', async () => {
        const [a, b, toCarol, recalled] = (await insert(msg(), msg(), msg({ toUserId: CAROL }), msg())).map((r) => r.message);
        await recall(recalled!.msgId, T0);
        const asked = [a!.msgId, b!.msgId, toCarol!.msgId, recalled!.msgId, '99'];
        expect(await store.markDelivered(BOB, asked)).to.equal(2);
        expect(await store.markDelivered(BOB, asked)).to.equal(0);
        expect(await store.markDelivered(BOB, [])).to.equal(0);
        expect((await store.findById(a!.msgId))!.status).to.equal(MsgStatus.DELIVERED);
        expect((await store.findById(toCarol!.msgId))!.status).to.equal(MsgStatus.PENDING);
        expect((await store.findById(recalled!.msgId))!.status).to.equal(MsgStatus.RECALLED);
      });

      it('markDeliveredMany settles several receivers in one call, each only for its own messages', async () => {
        const [toBob, toCarol, alsoBob, carols] = (await insert(msg(), msg({ toUserId: CAROL }), msg(), msg({ toUserId: CAROL }))).map((r) => r.message);
        const status = async (m: StoredMessage | undefined) => (await store.findById(m!.msgId))!.status;
        expect(await store.markDeliveredMany([
          { toUserId: BOB, msgIds: [toBob!.msgId, toCarol!.msgId, toBob!.msgId, carols!.msgId] },
          { toUserId: CAROL, msgIds: [toCarol!.msgId] },
          { toUserId: BOB, msgIds: [] },
        ])).to.equal(2);
        expect(await status(toBob)).to.equal(MsgStatus.DELIVERED);
        expect(await status(toCarol)).to.equal(MsgStatus.DELIVERED);
        expect(await status(alsoBob), 'not asked').to.equal(MsgStatus.PENDING);
        expect(await status(carols), "Carol's, asked for Bob").to.equal(MsgStatus.PENDING);
        expect(await store.markDeliveredMany([{ toUserId: BOB, msgIds: [toBob!.msgId] }])).to.equal(0);
        expect(await store.markDeliveredMany([])).to.equal(0);
      });

      it('markDeliveredMany settles more messages than one statement holds', async () => {
        const many = Array.from({ length: 1_201 }, (_, i) => msg(i % 2 === 0 ? {} : { toUserId: CAROL }));
        await insert(...many);
        const bobs = many.filter((m) => m.toUserId === BOB);
        expect(await store.markDeliveredMany([{ toUserId: BOB, msgIds: ids(many) }, { toUserId: CAROL, msgIds: [] }])).to.equal(bobs.length);
        expect(await store.listPending(BOB, '0', 10)).to.deep.equal([]);
        expect(await store.listPending(CAROL, '0', 2_000)).to.have.length(many.length - bobs.length);
      });

      it('drops only PENDING messages to that receiver', async () => {
        const [a, delivered, toCarol] = (await insert(msg(), msg(), msg({ toUserId: CAROL }))).map((r) => r.message);
        await store.markDelivered(BOB, [delivered!.msgId]);
        expect(await store.markDropped(BOB, [a!.msgId, delivered!.msgId, toCarol!.msgId])).to.deep.equal([a!.msgId]);
        expect(await store.markDropped(BOB, [a!.msgId])).to.deep.equal([]);
        expect((await store.findById(a!.msgId))!.status).to.equal(MsgStatus.DROPPED);
        expect((await store.findById(delivered!.msgId))!.status).to.equal(MsgStatus.DELIVERED);
        expect(await store.markDelivered(BOB, [a!.msgId])).to.equal(0);
      });
    });

    describe('pendingCount', () => {
      it('counts PENDING messages of every receiver, and nothing delivered, dropped or recalled', async () => {
        expect(await store.pendingCount()).to.equal(0);
        const [delivered, dropped, recalled] = (await insert(msg(), msg(), msg(), msg(), msg({ toUserId: CAROL }))).map((r) => r.message);
        await store.markDelivered(BOB, [delivered!.msgId]);
        await store.markDropped(BOB, [dropped!.msgId]);
        await recall(recalled!.msgId, T0);
        expect(await store.pendingCount()).to.equal(2);
      });
    });

    describe('recall', () => {
      it('recalls a PENDING message: empties it, appends a tombstone, a notice for the receiver and a C2C_RECALL event', async () => {
        const m = await insertOne();
        await store.completeOutbox((await claimAll()).map((e) => e.id));
        const tomb = tombstoneId();
        const result = await store.recall(m.msgId, T0 + 500, tomb, recallEventOf(m.msgId, T0 + 500, tomb));
        const recalled = recalledOf(m);
        const tombstone = tombstoneOf(m, tomb, T0 + 500, 2);
        expect(result).to.deep.equal({ kind: 'recalled', message: recalled, recallTime: T0 + 500, tombstone });
        expect(await store.findById(m.msgId)).to.deep.equal(recalled);
        expect(await store.findById(tomb)).to.deep.equal(tombstone);
        expect(await store.listRecallNotices(BOB)).to.deep.equal([
          { msgId: m.msgId, fromUserId: ALICE, toUserId: BOB, recallTime: T0 + 500, convId: m.convId, seq: '2' },
        ]);
        expect(await store.listRecallNotices(ALICE)).to.deep.equal([]);
        const events = await claimAll(T0 + 3e9);
        expect(events.map(({ tag, key, body }) => ({ tag, key, body }))).to.deep.equal(
          [{ tag: 'C2C_RECALL', key: m.msgId, body: recallBody(recalled, T0 + 500, tombstone) }],
        );
        // The tombstone is an entry, not a message to deliver.
        expect(await store.listPending(BOB, '0', 10)).to.deep.equal([]);
        expect(await store.pendingCount()).to.equal(0);
        expect(await nextSeq(m)).to.equal('3');
      });

      it('recalls a DELIVERED message', async () => {
        const m = await insertOne();
        await store.markDelivered(BOB, [m.msgId]);
        expect((await recall(m.msgId, T0))!.kind).to.equal('recalled');
        expect(await store.markDelivered(BOB, [m.msgId])).to.equal(0);
      });

      it('appends the tombstone at the next seq of the conversation, after entries of both directions', async () => {
        const [a, , c] = (await insert(msg(), msg({ fromUserId: BOB, toUserId: ALICE }), msg())).map((r) => r.message);
        await insertOne({ toUserId: CAROL });
        const tomb = tombstoneId();
        const result = await store.recall(a!.msgId, T0 + 100, tomb, recallEventOf(a!.msgId, T0 + 100, tomb));
        expect(tombstoneIn(result)).to.deep.equal(tombstoneOf(a!, tomb, T0 + 100, 4));
        expect((await store.findById(c!.msgId))!.content).to.equal(c!.content);
        const t2 = tombstoneId();
        const second = await store.recall(c!.msgId, T0 + 200, t2, recallEventOf(c!.msgId, T0 + 200, t2));
        expect(tombstoneIn(second).seq).to.equal('5');
        expect(await nextSeq(a!)).to.equal('6');
        expect(await nextSeq(msg({ toUserId: CAROL }))).to.equal('2');
      });

      it('recalls a note to yourself, with the notice for that user', async () => {
        const m = await insertOne({ toUserId: ALICE });
        expect(m.convId).to.equal(`c_${ALICE}_${ALICE}`);
        const tomb = tombstoneId();
        const result = await store.recall(m.msgId, T0 + 5, tomb, recallEventOf(m.msgId, T0 + 5, tomb));
        expect(result).to.deep.include({ kind: 'recalled', tombstone: tombstoneOf(m, tomb, T0 + 5, 2) });
        expect(await store.listRecallNotices(ALICE)).to.deep.equal([
          { msgId: m.msgId, fromUserId: ALICE, toUserId: ALICE, recallTime: T0 + 5, convId: m.convId, seq: '2' },
        ]);
      });

      it('answers the notices asked for several users at the same time each with its own, oldest first', async () => {
        const [first, second, carols] = (await insert(msg(), msg(), msg({ toUserId: CAROL }))).map((r) => r.message);
        await recall(second!.msgId, T0 + 7);
        await recall(first!.msgId, T0 + 9);
        await recall(carols!.msgId, T0 + 8);
        const [bob, alice, carol, bobAgain] = await Promise.all([BOB, ALICE, CAROL, BOB].map((u) => store.listRecallNotices(u)));
        expect(bob!.map((n) => n.msgId)).to.deep.equal([second!.msgId, first!.msgId]);
        expect(bobAgain).to.deep.equal(bob);
        expect(alice).to.deep.equal([]);
        expect(carol!.map((n) => [n.msgId, n.toUserId])).to.deep.equal([[carols!.msgId, CAROL]]);
      });

      it('is idempotent: a second recall returns the first recall time and writes nothing, not even an entry', async () => {
        const m = await insertOne();
        await recall(m.msgId, T0 + 500);
        const backlog = await store.outboxBacklog();
        const tomb = tombstoneId();
        const again = await store.recall(m.msgId, T0 + 900, tomb, recallEventOf(m.msgId, T0 + 900, tomb));
        expect(again).to.deep.equal({ kind: 'already', message: recalledOf(m), recallTime: T0 + 500 });
        expect(await store.findById(tomb)).to.equal(null);
        expect(await store.outboxBacklog()).to.equal(backlog);
        expect(await store.listRecallNotices(BOB)).to.have.length(1);
        // Still the first recall time once the receiver has been told.
        await store.deleteRecallNotices(BOB, [m.msgId]);
        expect((await recall(m.msgId, T0 + 999))!.recallTime).to.equal(T0 + 500);
        expect(await store.listRecallNotices(BOB)).to.deep.equal([]);
        expect(await store.outboxBacklog()).to.equal(backlog);
        // One tombstone, seq 2: the next entry is 3.
        expect(await nextSeq(m)).to.equal('3');
      });

      it('returns null for an unknown or DROPPED message, and for a tombstone', async () => {
        const m = await insertOne();
        await store.markDropped(BOB, [m.msgId]);
        const backlog = await store.outboxBacklog();
        expect(await recall(m.msgId, T0)).to.equal(null);
        expect(await recall('5', T0)).to.equal(null);
        expect(await store.outboxBacklog()).to.equal(backlog);
        expect((await store.findById(m.msgId))!.status).to.equal(MsgStatus.DROPPED);

        const other = await insertOne();
        const tomb = tombstoneId();
        await store.recall(other.msgId, T0 + 1, tomb, recallEventOf(other.msgId, T0 + 1, tomb));
        const after = await store.outboxBacklog();
        expect(await recall(tomb, T0 + 2)).to.equal(null);
        expect(await store.findById(tomb)).to.deep.equal(tombstoneOf(other, tomb, T0 + 1, 3));
        expect(await store.outboxBacklog()).to.equal(after);
        expect(await store.listRecallNotices(BOB)).to.have.length(1);
        expect(await nextSeq(m)).to.equal('4');
      });

      it('rejects a recall whose tombstone id is taken, changing nothing', async () => {
        const [m, taken] = (await insert(msg(), msg())).map((r) => r.message);
        const backlog = await store.outboxBacklog();
        await expectRejection(store.recall(m!.msgId, T0, taken!.msgId, recallEventOf(m!.msgId, T0, taken!.msgId)), /./);
        expect(await store.findById(m!.msgId)).to.deep.equal(m);
        expect(await store.listRecallNotices(BOB)).to.deep.equal([]);
        expect(await store.outboxBacklog()).to.equal(backlog);
        expect(await nextSeq(m!)).to.equal('3');
      });

      it('keeps seqs gap-free and unique while recalls and batches race in one conversation', async () => {
        const first = (await insert(...Array.from({ length: 10 }, () => msg()))).map((r) => r.message);
        const results = await Promise.all([
          ...first.map((m, i) => recall(m.msgId, T0 + 1_000 + i)),
          ...Array.from({ length: 10 }, () => insert(msg(), msg({ fromUserId: BOB, toUserId: ALICE }))),
        ]);
        const tombSeqs = (results.slice(0, 10) as Array<RecallResult | null>).map((r) => tombstoneIn(r).seq);
        const batchSeqs = (results.slice(10) as InsertResult[][]).flatMap((batch) => batch.map((r) => r.message.seq));
        expect(sorted([...tombSeqs, ...batchSeqs])).to.deep.equal(Array.from({ length: 30 }, (_, i) => String(i + 11)));
        expect(await nextSeq(first[0]!)).to.equal('41');
      });
    });

    describe('recall notices', () => {
      it('lists a receiver\'s notices oldest first, with the tombstone\'s conversation and seq, and deletes only the ones named', async () => {
        const [a, b, c] = (await insert(msg(), msg(), msg({ fromUserId: MAX_UNSIGNED, toUserId: BOB }))).map((r) => r.message);
        const toCarol = await insertOne({ toUserId: CAROL });
        await recall(a!.msgId, T0 + 30);
        await recall(b!.msgId, T0 + 10);
        await recall(c!.msgId, T0 + 20);
        await recall(toCarol.msgId, T0 + 5);
        expect(await store.listRecallNotices(BOB)).to.deep.equal([
          { msgId: b!.msgId, fromUserId: ALICE, toUserId: BOB, recallTime: T0 + 10, convId: convOf(ALICE, BOB), seq: '4' },
          { msgId: c!.msgId, fromUserId: MAX_UNSIGNED, toUserId: BOB, recallTime: T0 + 20, convId: `c_${BOB}_${MAX_UNSIGNED}`, seq: '2' },
          { msgId: a!.msgId, fromUserId: ALICE, toUserId: BOB, recallTime: T0 + 30, convId: convOf(ALICE, BOB), seq: '3' },
        ]);
        expect(await store.listRecallNotices(CAROL)).to.deep.equal([
          { msgId: toCarol.msgId, fromUserId: ALICE, toUserId: CAROL, recallTime: T0 + 5, convId: `c_${CAROL}_${ALICE}`, seq: '2' },
        ]);
        await store.deleteRecallNotices(CAROL, [a!.msgId]);
        await store.deleteRecallNotices(BOB, []);
        await store.deleteRecallNotices(BOB, [b!.msgId, a!.msgId, toCarol.msgId]);
        expect(ids(await store.listRecallNotices(BOB))).to.deep.equal([c!.msgId]);
        expect(ids(await store.listRecallNotices(CAROL))).to.deep.equal([toCarol.msgId]);
      });
    });

    describe('outbox', () => {
      it('claims due entries oldest first, at most `limit`', async () => {
        const [a, b, c] = [msg(), msg(), msg()];
        await insert(c);
        await insert(a, b);
        const due = Math.max(a.createTime, b.createTime, c.createTime);
        expect(keys(await store.claimOutbox(due, 2, 1_000))).to.deep.equal([a.msgId, b.msgId]);
        expect(keys(await store.claimOutbox(due, 2, 1_000))).to.deep.equal([c.msgId]);
      });

      it('claims entries due at the same time in the order they were written', async () => {
        const batch = Array.from({ length: 12 }, () => msg({ createTime: T0 }));
        await insert(...batch);
        expect(keys(await store.claimOutbox(T0, 12, 1_000))).to.deep.equal(ids(batch));
      });

      it('does not claim entries that are not due yet', async () => {
        const m = await insertOne();
        expect(await store.claimOutbox(m.createTime - 1, 10, 1_000)).to.deep.equal([]);
        expect(keys(await store.claimOutbox(m.createTime, 10, 1_000))).to.deep.equal([m.msgId]);
      });

      it('leases a claimed entry: due again only when the lease has passed', async () => {
        const m = await insertOne();
        const now = m.createTime + 10;
        const [entry] = await store.claimOutbox(now, 10, 1_000);
        expect(entry).to.include({ tag: 'C2C_MSG', key: m.msgId, attempts: 0 });
        expect(await store.claimOutbox(now, 10, 1_000)).to.deep.equal([]);
        expect(await store.claimOutbox(now + 999, 10, 1_000)).to.deep.equal([]);
        expect(await store.claimOutbox(now + 1_000, 10, 1_000)).to.deep.equal([entry]);
        expect(await store.outboxBacklog()).to.equal(1);
      });

      it('removes completed entries', async () => {
        await insert(msg(), msg(), msg());
        const [first, ...rest] = await claimAll();
        await store.completeOutbox([first!.id]);
        expect(await store.outboxBacklog()).to.equal(2);
        expect(await claimAll(T0 + 3e9)).to.deep.equal(rest);
        await store.completeOutbox(rest.map((e) => e.id));
        await store.completeOutbox([]);
        expect(await store.outboxBacklog()).to.equal(0);
      });

      it('makes a failed entry due again at dueAt with one more attempt', async () => {
        const m = await insertOne();
        const [entry] = await store.claimOutbox(m.createTime, 10, 60_000);
        const dueAt = m.createTime + 5_000;
        await store.failOutbox([entry!.id], dueAt);
        expect(await store.claimOutbox(dueAt - 1, 10, 60_000)).to.deep.equal([]);
        const [retried] = await store.claimOutbox(dueAt, 10, 60_000);
        expect(retried).to.deep.equal({ ...entry, attempts: 1 });
        await store.failOutbox([entry!.id], dueAt + 1);
        expect((await store.claimOutbox(dueAt + 1, 10, 60_000))[0]!.attempts).to.equal(2);
      });

      it('gives back many claimed entries at once, past one statement, and no others', async () => {
        await insert(...Array.from({ length: 1_201 }, () => msg()));
        const claimed = await claimAll();
        const [kept, ...failed] = claimed;
        const dueAt = T0 + 2e9;
        await store.failOutbox(failed.map((e) => e.id), dueAt);
        await store.failOutbox([], dueAt);
        // The one not given back is due again when its lease ends; the others only at dueAt.
        expect(await store.claimOutbox(dueAt - 1, 10_000, 60_000)).to.deep.equal([kept]);
        expect(await store.claimOutbox(dueAt, 10_000, 60_000)).to.deep.equal(failed.map((e) => ({ ...e, attempts: 1 })));
        expect(await store.outboxBacklog()).to.equal(1_201);
      });

      it('never hands out an entry to two concurrent claims', async () => {
        await insert(...Array.from({ length: 40 }, () => msg()));
        const claims = await Promise.all(Array.from({ length: 6 }, () => store.claimOutbox(T0 + 1e9, 5, 60_000)));
        const claimed = claims.flat().map((e) => e.id);
        expect(claimed).to.have.length(30);
        expect(new Set(claimed).size).to.equal(30);
      });

      it('appends events that no message write carries; they come back with their tag, key and body', async () => {
        await store.appendOutbox([]);
        expect(await store.outboxBacklog()).to.equal(0);
        const m = await insertOne({ createTime: T0 + 10 });
        const events = [
          { tag: 'CONV_READ' as const, key: `${BOB}:${m.convId}`, body: '{"readSeq":"1"}', time: T0 + 20 },
          { tag: 'CONV_READ' as const, key: `${ALICE}:${m.convId}`, body: '{"readSeq":"0","q":"\\"\'"}', time: T0 + 5 },
          { tag: 'CONV_READ' as const, key: `${MAX_UNSIGNED}:c_1_${MAX_UNSIGNED}`, body: '你好 👋🏽', time: T0 + 20 },
        ];
        await store.appendOutbox(events);
        expect(await store.outboxBacklog()).to.equal(4);
        expect(await store.claimOutbox(T0 + 4, 10, 1_000)).to.deep.equal([]);
        const claimed = await store.claimOutbox(T0 + 20, 10, 1_000);
        expect(claimed.map(({ tag, key, body, attempts }) => ({ tag, key, body, attempts }))).to.deep.equal([
          { tag: 'CONV_READ', key: events[1]!.key, body: events[1]!.body, attempts: 0 },
          { tag: 'C2C_MSG', key: m.msgId, body: outboxBody(m), attempts: 0 },
          { tag: 'CONV_READ', key: events[0]!.key, body: events[0]!.body, attempts: 0 },
          { tag: 'CONV_READ', key: events[2]!.key, body: events[2]!.body, attempts: 0 },
        ]);
        expect(new Set(claimed.map((e) => e.id)).size).to.equal(4);
        await store.completeOutbox(claimed.map((e) => e.id));
        expect(await store.outboxBacklog()).to.equal(0);
      });

      it('counts leased entries in the backlog', async () => {
        await insert(msg(), msg());
        await claimAll();
        expect(await store.outboxBacklog()).to.equal(2);
      });
    });

    describe('ping / close', () => {
      it('pings while open and rejects once closed', async () => {
        await store.ping();
        const other = await open();
        await other.ping();
        await other.close();
        await expectRejection(other.ping(), /./);
      });
    });
  });
}

/** The tombstone of a successful first recall. */
function tombstoneIn(result: RecallResult | null): StoredMessage {
  expect(result).to.have.property('kind', 'recalled');
  return (result as Extract<RecallResult, { kind: 'recalled' }>).tombstone;
}

async function expectRejection(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const outcome = await promise.then(() => null, (err: unknown) => err);
  expect(outcome, 'expected a rejection').to.be.instanceOf(Error);
  expect((outcome as Error).message).to.match(pattern);
}

function sortedStrings(list: string[]): string[] {
  return [...list].sort();
}
