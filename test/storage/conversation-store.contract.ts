// The ConversationStore contract: every implementation runs this same suite (see
// conversation-store.test.ts). Conversations are written through MessageStore (insertBatch and
// recall assign seqs) and read and moved forward through ConversationStore; everything is
// observed through those two interfaces only. PROTOCOL.md, Additions A, behaviours 10-12.
import { expect } from 'chai';
import { recallEvent } from '../../src/mq/events.js';
import { withEvent } from './fixtures.js';
import { UNREAD_CAP, type ConvSummary, type ConversationStore, type HistoryQuery, type SyncCursor } from '../../src/storage/conversation-store.js';
import {
  MsgStatus, RECALL_FORMAT,
  type MessageStore, type NewMessage, type RecallResult, type StoredMessage,
} from '../../src/storage/message-store.js';

/** Both stores over one database; closing `messages` closes it. */
export interface ConversationStores {
  messages: MessageStore;
  conversations: ConversationStore;
}

const ABOVE_2_53 = (2n ** 53n + 1n).toString();
const MAX_UNSIGNED = (2n ** 64n - 1n).toString();
const MSG_ID_BASE = 2n ** 62n;
/** Tombstone msg ids, apart from every message's. */
const TOMBSTONE_BASE = MSG_ID_BASE + 2n ** 40n;

/** Above 2^63: SQLite stores it as a negative number, which must never show. */
const ALICE = ABOVE_2_53;
const BOB = MAX_UNSIGNED;
const CAROL = '42';
const T0 = 1_700_000_000_000;


const convOf = (a: string, b: string) => (BigInt(a) <= BigInt(b) ? `c_${a}_${b}` : `c_${b}_${a}`);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/**
 * Defines the suite `name`. `open` returns both stores over an empty database, once per test;
 * the suite closes them after the test and then calls `cleanup` (e.g. to empty a shared database).
 */
export function conversationStoreContract(name: string, open: () => Promise<ConversationStores>, cleanup?: () => Promise<void>): void {
  describe(name, function () {
    let messages: MessageStore;
    let convs: ConversationStore;
    let n = 0;
    let tombstones = 0;

    /** A fresh message `from` → `to`, created at T0 + its number unless told otherwise. */
    function msg(from: string, to: string, fields: Partial<NewMessage> = {}): NewMessage {
      n += 1;
      return {
        msgId: (MSG_ID_BASE + BigInt(n)).toString(), clientMsgId: `client-${n}`, fromUserId: from, toUserId: to,
        content: `hello ${n}`, format: 1, createTime: T0 + n, ...fields,
      };
    }

    async function send(...batch: NewMessage[]): Promise<StoredMessage[]> {
      return (await messages.insertBatch(batch.map(withEvent))).map((r) => r.message);
    }

    /** `count` messages `from` → `to`, in batches of at most `batchSize`. */
    async function sendMany(from: string, to: string, count: number, batchSize = count): Promise<StoredMessage[]> {
      const sent: StoredMessage[] = [];
      for (let done = 0; done < count; done += batchSize) {
        sent.push(...await send(...Array.from({ length: Math.min(batchSize, count - done) }, () => msg(from, to))));
      }
      return sent;
    }

    async function recall(m: StoredMessage, at: number): Promise<{ message: StoredMessage; tombstone: StoredMessage }> {
      tombstones += 1;
      const tombstoneMsgId = (TOMBSTONE_BASE + BigInt(tombstones)).toString();
      const result: RecallResult | null = await messages.recall(m.msgId, at, tombstoneMsgId, recallEvent(m, at, tombstoneMsgId));
      expect(result).to.have.property('kind', 'recalled');
      const { message, tombstone } = result as Extract<RecallResult, { kind: 'recalled' }>;
      return { message, tombstone };
    }

    async function list(userId: string, page: { limit?: number; after?: SyncCursor | null; updatedAfter?: number } = {}): Promise<ConvSummary[]> {
      return convs.listConversations(userId, { limit: page.limit ?? 100, after: page.after ?? null, updatedAfter: page.updatedAfter ?? 0 });
    }

    async function summary(userId: string, convId: string): Promise<ConvSummary> {
      const found = (await list(userId)).find((c) => c.convId === convId);
      expect(found, `${userId} lists ${convId}`).to.not.equal(undefined);
      return found!;
    }

    /** Every page, following the cursor of each page's last conversation. */
    async function allPages(userId: string, limit: number, updatedAfter = 0): Promise<ConvSummary[][]> {
      const pages: ConvSummary[][] = [];
      let after: SyncCursor | null = null;
      for (;;) {
        const page = await list(userId, { limit, after, updatedAfter });
        if (page.length === 0) return pages;
        pages.push(page);
        const last = page[page.length - 1]!;
        after = { updateTime: last.updateTime, convId: last.convId };
        if (pages.length > 100) throw new Error('paging does not end');
      }
    }

    /** One-to-one conversations always have a page (null is for groups never joined). */
    const history = async (userId: string, convId: string, query: Partial<HistoryQuery>) =>
      (await convs.history(userId, convId, { afterSeq: '0', beforeSeq: '0', limit: 50, ...query }))!;
    const seqsOf = (entries: StoredMessage[]) => entries.map((e) => e.seq);
    const convIds = (list: ConvSummary[]) => list.map((c) => c.convId);

    beforeEach(async () => {
      // Times are T0 + n: small next to the read times the tests choose.
      n = 0;
      tombstones = 0;
      ({ messages, conversations: convs } = await open());
    });

    afterEach(async () => {
      await messages.close();
      await cleanup?.();
    });

    describe('listConversations', () => {
      it('lists nothing for a user without entries', async () => {
        await send(msg(ALICE, BOB));
        expect(await list(CAROL)).to.deep.equal([]);
      });

      it('describes a one-to-one conversation to each of its users', async () => {
        const sent = await send(msg(ALICE, BOB), msg(BOB, ALICE), msg(ALICE, BOB), msg(ALICE, BOB), msg(BOB, ALICE));
        const convId = convOf(ALICE, BOB);
        const last = sent[4]!;
        expect(await list(BOB)).to.deep.equal([{
          convId, peerUserId: ALICE, groupId: '0', maxSeq: '5', readSeq: '0', peerReadSeq: '0', unread: 3,
          last, updateTime: last.createTime, minSeq: '1',
        }]);
        expect(await list(ALICE)).to.deep.equal([{
          convId, peerUserId: BOB, groupId: '0', maxSeq: '5', readSeq: '0', peerReadSeq: '0', unread: 2,
          last, updateTime: last.createTime, minSeq: '1',
        }]);
      });

      it('describes a note to yourself: the user is its own peer, and nothing is unread', async () => {
        const [, note] = await send(msg(CAROL, CAROL), msg(CAROL, CAROL));
        expect(await list(CAROL)).to.deep.equal([{
          convId: `c_${CAROL}_${CAROL}`, peerUserId: CAROL, groupId: '0', maxSeq: '2', readSeq: '0', peerReadSeq: '0', unread: 0,
          last: note, updateTime: note!.createTime, minSeq: '1',
        }]);
        await convs.markRead(CAROL, `c_${CAROL}_${CAROL}`, '1', T0 + 1_000);
        expect(await summary(CAROL, `c_${CAROL}_${CAROL}`)).to.include({ readSeq: '1', peerReadSeq: '1', unread: 0, updateTime: T0 + 1_000 });
      });

      it('orders by update time descending, ties by conv_id ascending', async () => {
        const U = '5';
        await send(
          msg(U, '7', { createTime: T0 + 10 }),
          msg('10', U, { createTime: T0 + 30 }),
          msg(U, '300', { createTime: T0 + 30 }),
          msg(U, U, { createTime: T0 + 20 }),
          msg('7', '300', { createTime: T0 + 40 }),
        );
        // Another batch, the same tie.
        await send(msg('6', U, { createTime: T0 + 30 }));
        const listed = await list(U);
        // As text: 'c_5_10' < 'c_5_300' < 'c_5_6'.
        expect(listed.map((c) => [c.convId, c.peerUserId, c.updateTime])).to.deep.equal([
          ['c_5_10', '10', T0 + 30], ['c_5_300', '300', T0 + 30], ['c_5_6', '6', T0 + 30], ['c_5_5', '5', T0 + 20], ['c_5_7', '7', T0 + 10],
        ]);
        expect(convIds(await list('300'))).to.deep.equal(['c_7_300', 'c_5_300']);
        expect(convIds(await list(U, { limit: 2 }))).to.deep.equal(['c_5_10', 'c_5_300']);
      });

      it('moves a conversation up when it gets a new entry', async () => {
        await send(msg(ALICE, BOB), msg(ALICE, CAROL));
        expect(convIds(await list(ALICE))).to.deep.equal([convOf(ALICE, CAROL), convOf(ALICE, BOB)]);
        await send(msg(BOB, ALICE));
        expect(convIds(await list(ALICE))).to.deep.equal([convOf(ALICE, BOB), convOf(ALICE, CAROL)]);
        expect(convIds(await list(CAROL))).to.deep.equal([convOf(ALICE, CAROL)]);
      });

      it('pages with the `after` cursor, visiting every conversation exactly once', async () => {
        const U = '1000';
        // 14 conversations in 4 runs of equal update times.
        const peers = Array.from({ length: 14 }, (_, i) => String(2 + i * 37));
        await send(...peers.map((p, i) => (i % 2 === 0 ? msg(U, p, { createTime: T0 + 100 * (i % 4) }) : msg(p, U, { createTime: T0 + 100 * (i % 4) }))));
        const everything = await list(U);
        expect(everything).to.have.length(14);
        for (const limit of [1, 3, 4, 14, 20]) {
          const pages = await allPages(U, limit);
          expect(pages.every((p) => p.length <= limit)).to.equal(true);
          expect(pages.flat(), `limit ${limit}`).to.deep.equal(everything);
        }
        const times = everything.map((c) => c.updateTime);
        expect(times).to.deep.equal([...times].sort((a, b) => b - a));
      });

      it('returns only conversations updated strictly after updatedAfter, also when paging', async () => {
        await send(msg(ALICE, BOB, { createTime: T0 + 10 }), msg(CAROL, ALICE, { createTime: T0 + 20 }), msg(ALICE, '7', { createTime: T0 + 30 }));
        await send(msg(ALICE, '8', { createTime: T0 + 30 }));
        expect(convIds(await list(ALICE, { updatedAfter: T0 + 20 }))).to.deep.equal([convOf(ALICE, '7'), convOf(ALICE, '8')]);
        expect(convIds(await list(ALICE, { updatedAfter: T0 + 19 }))).to.deep.equal([convOf(ALICE, '7'), convOf(ALICE, '8'), convOf(ALICE, CAROL)]);
        expect(await list(ALICE, { updatedAfter: T0 + 30 })).to.deep.equal([]);
        expect((await allPages(ALICE, 1, T0 + 10)).flat().map((c) => c.convId)).to.deep.equal(
          [convOf(ALICE, '7'), convOf(ALICE, '8'), convOf(ALICE, CAROL)],
        );
        // A read change counts as an update for the reader only.
        await convs.markRead(BOB, convOf(ALICE, BOB), '1', T0 + 50);
        expect(convIds(await list(BOB, { updatedAfter: T0 + 30 }))).to.deep.equal([convOf(ALICE, BOB)]);
        expect(await list(ALICE, { updatedAfter: T0 + 30 })).to.deep.equal([]);
      });

      it('counts as unread only messages above readSeq, not from this user, not recalled, not tombstones', async () => {
        const [m1, m2, , m4] = await send(msg(ALICE, BOB), msg(ALICE, BOB), msg(ALICE, BOB), msg(ALICE, BOB), msg(BOB, ALICE));
        const { message: recalled, tombstone } = await recall(m2!, T0 + 500);
        const convId = convOf(ALICE, BOB);
        const bob = await summary(BOB, convId);
        expect(bob).to.include({ maxSeq: '6', readSeq: '0', unread: 3, updateTime: T0 + 500, minSeq: '1' });
        // The last entry is the tombstone: empty, naming the recalled message.
        expect(bob.last).to.deep.equal(tombstone);
        expect(tombstone).to.include({ seq: '6', format: RECALL_FORMAT, content: '', recalledMsgId: m2!.msgId });
        expect(await summary(ALICE, convId)).to.deep.include({ unread: 1, last: tombstone, updateTime: T0 + 500 });
        expect(recalled).to.include({ status: MsgStatus.RECALLED, content: '' });

        expect(await convs.markRead(BOB, convId, '3', T0 + 600)).to.deep.equal({ readSeq: '3', moved: true, unread: 1 });
        expect(await summary(BOB, convId)).to.include({ readSeq: '3', unread: 1 });
        await recall(m4!, T0 + 700);
        expect(await summary(BOB, convId)).to.include({ maxSeq: '7', unread: 0 });
        await recall(m1!, T0 + 800);
        expect(await summary(BOB, convId)).to.include({ maxSeq: '8', readSeq: '3', unread: 0 });
      });

      it('caps unread at 999', async () => {
        const convId = convOf(ALICE, BOB);
        await sendMany(ALICE, BOB, 1_005, 335);
        await send(msg(BOB, ALICE));
        expect(UNREAD_CAP).to.equal(999);
        expect(await summary(BOB, convId)).to.include({ maxSeq: '1006', unread: 999 });
        expect(await summary(ALICE, convId)).to.include({ unread: 1 });
        expect((await convs.markRead(BOB, convId, '6', T0 + 5_000))!.unread).to.equal(999);
        expect((await convs.markRead(BOB, convId, '7', T0 + 5_001))!.unread).to.equal(998);
        expect(await summary(BOB, convId)).to.include({ readSeq: '7', unread: 998 });
      });

      it('reports the peer\'s read position as peerReadSeq', async () => {
        const convId = convOf(ALICE, BOB);
        await sendMany(ALICE, BOB, 5);
        await convs.markRead(BOB, convId, '3', T0 + 1_000);
        expect(await summary(ALICE, convId)).to.include({ readSeq: '0', peerReadSeq: '3' });
        expect(await summary(BOB, convId)).to.include({ readSeq: '3', peerReadSeq: '0' });
        await convs.markRead(ALICE, convId, '5', T0 + 1_001);
        expect(await summary(BOB, convId)).to.include({ readSeq: '3', peerReadSeq: '5' });
        // Sending moves nobody's read position, the sender's included.
        await send(msg(ALICE, BOB));
        expect(await summary(ALICE, convId)).to.include({ maxSeq: '6', readSeq: '5', peerReadSeq: '3', unread: 0 });
        expect(await summary(BOB, convId)).to.include({ readSeq: '3', unread: 3 });
      });
    });

    describe('history', () => {
      const convId = convOf(ALICE, BOB);
      let entries: StoredMessage[];

      /** Ten entries, both directions. */
      async function tenEntries(): Promise<void> {
        entries = await send(...Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? msg(BOB, ALICE) : msg(ALICE, BOB))));
        expect(seqsOf(entries)).to.deep.equal(range(1, 10));
      }

      it('returns the latest `limit` entries, ascending, hasMore when older ones exist', async () => {
        await tenEntries();
        expect(await history(BOB, convId, { limit: 3 })).to.deep.equal({ entries: entries.slice(7), hasMore: true, minSeq: '1' });
        expect(await history(ALICE, convId, { limit: 3 })).to.deep.equal({ entries: entries.slice(7), hasMore: true, minSeq: '1' });
        expect(await history(BOB, convId, { limit: 9 })).to.deep.include({ hasMore: true });
        expect(await history(BOB, convId, { limit: 10 })).to.deep.equal({ entries, hasMore: false, minSeq: '1' });
        expect(await history(BOB, convId, { limit: 50 })).to.deep.equal({ entries, hasMore: false, minSeq: '1' });
      });

      it('returns entries above afterSeq, ascending, hasMore when newer ones exist', async () => {
        await tenEntries();
        expect(await history(BOB, convId, { afterSeq: '2', limit: 3 })).to.deep.equal({ entries: entries.slice(2, 5), hasMore: true, minSeq: '1' });
        expect(seqsOf((await history(BOB, convId, { afterSeq: '6', limit: 3 })).entries)).to.deep.equal(['7', '8', '9']);
        expect((await history(BOB, convId, { afterSeq: '6', limit: 3 })).hasMore).to.equal(true);
        expect(await history(BOB, convId, { afterSeq: '7', limit: 3 })).to.deep.equal({ entries: entries.slice(7), hasMore: false, minSeq: '1' });
        expect(await history(BOB, convId, { afterSeq: '10', limit: 3 })).to.deep.equal({ entries: [], hasMore: false, minSeq: '1' });
        expect(await history(BOB, convId, { afterSeq: MAX_UNSIGNED, limit: 3 })).to.deep.equal({ entries: [], hasMore: false, minSeq: '1' });
        // afterSeq wins over beforeSeq.
        expect(seqsOf((await history(BOB, convId, { afterSeq: '4', beforeSeq: '3', limit: 2 })).entries)).to.deep.equal(['5', '6']);
      });

      it('returns the `limit` entries just below beforeSeq, ascending, hasMore when older ones exist', async () => {
        await tenEntries();
        expect(await history(BOB, convId, { beforeSeq: '8', limit: 3 })).to.deep.equal({ entries: entries.slice(4, 7), hasMore: true, minSeq: '1' });
        expect(seqsOf((await history(BOB, convId, { beforeSeq: '5', limit: 3 })).entries)).to.deep.equal(['2', '3', '4']);
        expect((await history(BOB, convId, { beforeSeq: '5', limit: 3 })).hasMore).to.equal(true);
        expect(await history(BOB, convId, { beforeSeq: '4', limit: 3 })).to.deep.equal({ entries: entries.slice(0, 3), hasMore: false, minSeq: '1' });
        expect(await history(BOB, convId, { beforeSeq: '3', limit: 3 })).to.deep.equal({ entries: entries.slice(0, 2), hasMore: false, minSeq: '1' });
        expect(await history(BOB, convId, { beforeSeq: '1', limit: 3 })).to.deep.equal({ entries: [], hasMore: false, minSeq: '1' });
        expect(await history(BOB, convId, { beforeSeq: MAX_UNSIGNED, limit: 3 })).to.deep.equal({ entries: entries.slice(7), hasMore: true, minSeq: '1' });
      });

      it('walks the whole conversation in both directions without gaps or repeats', async () => {
        await sendMany(ALICE, BOB, 23, 10);
        // afterSeq 0 asks for the latest page: a catch-up from the start begins below seq 6.
        const start = await history(ALICE, convId, { beforeSeq: '6', limit: 5 });
        expect(start.hasMore).to.equal(false);
        const forward = seqsOf(start.entries);
        let after = '5';
        for (let more = true; more;) {
          const page = await history(ALICE, convId, { afterSeq: after, limit: 5 });
          forward.push(...seqsOf(page.entries));
          after = page.entries[page.entries.length - 1]?.seq ?? after;
          more = page.hasMore;
        }
        expect(forward).to.deep.equal(range(1, 23));
        const backward: string[] = [];
        let page = await history(ALICE, convId, { limit: 5 });
        backward.unshift(...seqsOf(page.entries));
        while (page.hasMore) {
          page = await history(ALICE, convId, { beforeSeq: page.entries[0]!.seq, limit: 5 });
          backward.unshift(...seqsOf(page.entries));
        }
        expect(backward).to.deep.equal(range(1, 23));
      });

      it('gives a user without a row an empty page', async () => {
        await tenEntries();
        for (const query of [{}, { afterSeq: '1' }, { beforeSeq: '5' }]) {
          expect(await history(CAROL, convId, query)).to.deep.equal({ entries: [], hasMore: false, minSeq: '1' });
        }
        expect(await history(ALICE, convOf(ALICE, CAROL), {})).to.deep.equal({ entries: [], hasMore: false, minSeq: '1' });
      });

      it('keeps one conversation apart from the others', async () => {
        await send(msg(ALICE, BOB), msg(ALICE, CAROL), msg(BOB, CAROL), msg(ALICE, ALICE), msg(BOB, ALICE));
        expect((await history(ALICE, convId, {})).entries.map((e) => [e.convId, e.seq])).to.deep.equal([[convId, '1'], [convId, '2']]);
        expect((await history(ALICE, `c_${ALICE}_${ALICE}`, {})).entries.map((e) => [e.convId, e.seq])).to.deep.equal([[`c_${ALICE}_${ALICE}`, '1']]);
      });

      it('returns recalled messages without content, and their tombstones', async () => {
        await tenEntries();
        const { message: recalled, tombstone } = await recall(entries[3]!, T0 + 900);
        expect(recalled).to.deep.equal({ ...entries[3]!, status: MsgStatus.RECALLED, content: '' });
        const page = await history(BOB, convId, {});
        expect(page.entries).to.deep.equal([...entries.slice(0, 3), recalled, ...entries.slice(4), tombstone]);
        expect(tombstone).to.include({ seq: '11', format: RECALL_FORMAT, status: MsgStatus.DELIVERED, recalledMsgId: entries[3]!.msgId, content: '' });
        expect((await history(ALICE, convId, { afterSeq: '3', limit: 1 })).entries).to.deep.equal([recalled]);
        expect((await history(ALICE, convId, { afterSeq: '10' })).entries).to.deep.equal([tombstone]);
      });
    });

    describe('markRead', () => {
      const convId = convOf(ALICE, BOB);

      it('moves the read position only forward, clamped to max_seq, saying whether it moved', async () => {
        await sendMany(ALICE, BOB, 5);
        expect(await convs.markRead(BOB, convId, '0', T0 + 1_000)).to.deep.equal({ readSeq: '0', moved: false, unread: 5 });
        expect(await convs.markRead(BOB, convId, '2', T0 + 1_001)).to.deep.equal({ readSeq: '2', moved: true, unread: 3 });
        expect(await convs.markRead(BOB, convId, '1', T0 + 1_002)).to.deep.equal({ readSeq: '2', moved: false, unread: 3 });
        expect(await convs.markRead(BOB, convId, '2', T0 + 1_003)).to.deep.equal({ readSeq: '2', moved: false, unread: 3 });
        expect(await convs.markRead(BOB, convId, '9', T0 + 1_004)).to.deep.equal({ readSeq: '5', moved: true, unread: 0 });
        expect(await convs.markRead(BOB, convId, '6', T0 + 1_005)).to.deep.equal({ readSeq: '5', moved: false, unread: 0 });
        expect(await summary(BOB, convId)).to.include({ readSeq: '5', maxSeq: '5', unread: 0 });
        // Only this user's position.
        expect(await summary(ALICE, convId)).to.include({ readSeq: '0', peerReadSeq: '5' });
      });

      it('clamps a read position of 2^64-1 to max_seq', async () => {
        await sendMany(ALICE, BOB, 3);
        expect(await convs.markRead(BOB, convId, MAX_UNSIGNED, T0 + 1_000)).to.deep.equal({ readSeq: '3', moved: true, unread: 0 });
        expect(await convs.markRead(BOB, convId, MAX_UNSIGNED, T0 + 1_001)).to.deep.equal({ readSeq: '3', moved: false, unread: 0 });
        await send(msg(ALICE, BOB));
        expect(await convs.markRead(BOB, convId, (2n ** 63n).toString(), T0 + 1_002)).to.deep.equal({ readSeq: '4', moved: true, unread: 0 });
      });

      it('moves the reader\'s update time only when the position moved', async () => {
        const sent = await sendMany(ALICE, BOB, 3);
        const lastTime = sent[2]!.createTime;
        await send(msg(ALICE, CAROL, { createTime: T0 + 2_000 }));
        expect(convIds(await list(ALICE))).to.deep.equal([convOf(ALICE, CAROL), convId]);
        await convs.markRead(BOB, convId, '1', T0 + 3_000);
        expect(await summary(BOB, convId)).to.include({ updateTime: T0 + 3_000 });
        expect(await summary(ALICE, convId)).to.include({ updateTime: lastTime });
        await convs.markRead(BOB, convId, '1', T0 + 4_000);
        await convs.markRead(BOB, convId, '0', T0 + 4_001);
        expect(await summary(BOB, convId)).to.include({ updateTime: T0 + 3_000 });
        // A move puts the conversation first in the reader's list.
        await convs.markRead(ALICE, convId, '3', T0 + 5_000);
        expect(convIds(await list(ALICE))).to.deep.equal([convId, convOf(ALICE, CAROL)]);
        expect(await summary(ALICE, convId)).to.include({ updateTime: T0 + 5_000 });
      });

      it('counts what arrives after the read position as unread', async () => {
        await sendMany(ALICE, BOB, 2);
        await convs.markRead(BOB, convId, '2', T0 + 1_000);
        await send(msg(ALICE, BOB, { createTime: T0 + 2_000 }), msg(BOB, ALICE, { createTime: T0 + 2_001 }), msg(ALICE, BOB, { createTime: T0 + 2_002 }));
        expect(await summary(BOB, convId)).to.include({ readSeq: '2', maxSeq: '5', unread: 2, updateTime: T0 + 2_002 });
        expect(await convs.markRead(BOB, convId, '4', T0 + 3_000)).to.deep.equal({ readSeq: '4', moved: true, unread: 1 });
      });

      it('reads nothing without a row: readSeq 0, and creates none', async () => {
        await sendMany(ALICE, BOB, 2);
        expect(await convs.markRead(CAROL, convId, '1', T0 + 1_000)).to.deep.equal({ readSeq: '0', moved: false, unread: 0 });
        expect(await convs.markRead(ALICE, convOf(ALICE, CAROL), '3', T0 + 1_000)).to.deep.equal({ readSeq: '0', moved: false, unread: 0 });
        expect(await list(CAROL)).to.deep.equal([]);
        expect(convIds(await list(ALICE))).to.deep.equal([convId]);
      });

      it('keeps the highest of concurrent reads', async () => {
        await sendMany(ALICE, BOB, 10);
        const targets = ['3', '9', '2', '7', '5', '10', '1', '8'];
        const results = (await Promise.all(targets.map((seq, i) => convs.markRead(BOB, convId, seq, T0 + 1_000 + i)))).map((r) => r!);
        expect(await summary(BOB, convId)).to.include({ readSeq: '10', unread: 0 });
        expect(results.filter((r) => r.readSeq === '10' && r.moved)).to.have.length(1);
        // Every call saw a stored position at least as high as the one it asked for.
        for (const [i, r] of results.entries()) expect(Number(r.readSeq)).to.be.at.least(Number(targets[i]));
      });

      it('rejects a read position that is not a canonical decimal', async () => {
        await sendMany(ALICE, BOB, 1);
        for (const bad of ['-1', '01', '1.5', '', (2n ** 64n).toString()]) {
          const outcome = await convs.markRead(BOB, convId, bad, T0).then(() => null, (err: unknown) => err);
          expect(outcome, JSON.stringify(bad)).to.be.instanceOf(Error);
        }
        expect(await summary(BOB, convId)).to.include({ readSeq: '0' });
      });
    });
  });
}
