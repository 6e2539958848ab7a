// OfflineInbox: the per-user list of undelivered ids over the store's PENDING rows: cap, TTL,
// rebuild of a lost list, and reads that trust the store over the list.
import { expect } from 'chai';
import type { Id } from '../../src/protocol/messages.js';
import { OfflineInbox } from '../../src/messaging/offline-inbox.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';
import { MemoryOfflineQueue } from '../../src/storage/offline-queue-memory.js';
import { capturingLogger } from '../log/capture.js';
import { countingMetrics, FakeRows, pendingRow, T0, TTL } from './fixtures.js';

const USER = '18446744073709551615';
const OTHER = '9223372036854775808';
const SENDER = '9223372036854775809';

// Number(A) === Number(B), and string order puts C before both: only integer order gets these right.
const A = '9007199254740992';
const B = '9007199254740993';
const C = '1000000000000000000';
const D = '9223372036854775807';

/** 2^62 + n, between C and D: small n all round to the same JS number. */
const id = (n: number): Id => (2n ** 62n + BigInt(n)).toString();

function row(msgId: Id, over: Partial<StoredMessage> = {}): StoredMessage {
  return pendingRow(msgId, { fromUserId: SENDER, toUserId: USER, createTime: T0 - 1000, ...over });
}

function setup({ cap = 3, ttl = TTL } = {}) {
  let now = T0;
  const clock = () => now;
  const rows = new FakeRows();
  const list = new MemoryOfflineQueue(clock);
  const { metrics, counted: dropped, sum: droppedBy } = countingMetrics('offlineDropped', 'why');
  const { logger, lines } = capturingLogger();
  const inbox = new OfflineInbox(rows, list, { capPerUser: cap, ttlMs: ttl }, logger, metrics, clock);
  const dropWarnings = () => lines.filter((l) => l.level === 'warn' && l.message === 'undelivered messages dropped from offline delivery');
  return { inbox, rows, list, dropped, droppedBy, lines, dropWarnings, advance: (ms: number) => { now += ms; } };
}

const ids = (messages: StoredMessage[]) => messages.map((m) => m.msgId);
/** The oldest `limit` undelivered messages, as the login replay reads them. */
const oldest = async (inbox: OfflineInbox, limit: number) => inbox.messagesOf(USER, (await inbox.undeliveredIds(USER)).slice(0, limit));

describe('messaging/offline-inbox', () => {
  describe('append', () => {
    it('within the cap: listed, nothing dropped', async () => {
      const { inbox, rows, list, dropped, dropWarnings } = setup({ cap: 3 });
      rows.add(row(A), row(B), row(C));
      await list.fill(USER, [], TTL);
      for (const m of [A, B, C]) await inbox.appendAll([{ userId: USER, msgId: m }]);
      expect(await list.read(USER)).to.deep.equal([A, B, C]);
      expect([A, B, C].map((m) => rows.status(m))).to.deep.equal([MsgStatus.PENDING, MsgStatus.PENDING, MsgStatus.PENDING]);
      expect(dropped).to.deep.equal([]);
      inbox.stop();
      expect(dropWarnings()).to.deep.equal([]);
    });

    it('over the cap: the oldest are DROPPED in the store, counted as why=cap, logged, and off the list', async () => {
      const { inbox, rows, list, dropped, dropWarnings } = setup({ cap: 3 });
      const all = [id(1), id(2), id(3), id(4), id(5)];
      rows.add(...all.map((m) => row(m)));
      await list.fill(USER, [], TTL);
      for (const m of all) await inbox.appendAll([{ userId: USER, msgId: m }]);

      expect(all.map((m) => rows.status(m))).to.deep.equal(
        [MsgStatus.DROPPED, MsgStatus.DROPPED, MsgStatus.PENDING, MsgStatus.PENDING, MsgStatus.PENDING]);
      expect(dropped).to.deep.equal([{ why: 'cap', n: 1 }, { why: 'cap', n: 1 }]);
      expect(dropWarnings(), 'drops are logged once per window, not per drop').to.deep.equal([]);
      inbox.stop();
      expect(dropWarnings().map((l) => l.meta)).to.deep.equal([
        { count: 2, cap: 2, ttl: 0, users: 1, sampleUserIds: [USER], seconds: 0 },
      ]);
      expect(await list.read(USER)).to.deep.equal([id(3), id(4), id(5)]);
      expect(ids(await oldest(inbox, 10))).to.deep.equal([id(3), id(4), id(5)]);
    });

    it('a trimmed id the store no longer holds as pending (acked meanwhile) is not counted as dropped', async () => {
      const { inbox, rows, list, dropped, dropWarnings } = setup({ cap: 1 });
      rows.add(row(A, { status: MsgStatus.DELIVERED }), row(B));
      await list.fill(USER, [A], TTL);
      await inbox.appendAll([{ userId: USER, msgId: B }]);
      expect(await list.read(USER)).to.deep.equal([B]);
      expect(rows.status(A)).to.equal(MsgStatus.DELIVERED);
      expect(dropped).to.deep.equal([]);
      inbox.stop();
      expect(dropWarnings()).to.deep.equal([]);
    });

    it('remove takes ids off the list only; the rows stay as they are', async () => {
      const { inbox, rows, list } = setup();
      rows.add(row(A), row(B));
      await list.fill(USER, [A, B], TTL);
      await inbox.removeAll([{ userId: USER, msgIds: [A, '4611686018427387905'] }]);
      expect(await list.read(USER)).to.deep.equal([B]);
      expect(rows.status(A)).to.equal(MsgStatus.PENDING);
    });
  });

  describe('the drop log', () => {
    it('10k messages dropped by the cap: every one counted, one log line for the window', async () => {
      const { inbox, rows, list, droppedBy, dropWarnings, lines, advance } = setup({ cap: 1 });
      const all = Array.from({ length: 10_001 }, (_, i) => id(i));
      rows.add(...all.map((m) => row(m)));
      await list.fill(USER, [], TTL);
      for (const m of all) {
        await inbox.appendAll([{ userId: USER, msgId: m }]);
        if (m === all[5000]) advance(30_000);
      }
      expect(droppedBy('cap'), 'the metric counts each message').to.equal(10_000);
      expect(lines, 'nothing logged before the window ends').to.deep.equal([]);
      advance(12_000);
      inbox.stop();
      expect(dropWarnings().map((l) => l.meta)).to.deep.equal([
        { count: 10_000, cap: 10_000, ttl: 0, users: 1, sampleUserIds: [USER], seconds: 42 },
      ]);
      inbox.stop();
      expect(lines).to.have.length(1);
    });

    it('drops for many users: one line with how many users and the first few of them', async () => {
      const { inbox, rows, list, droppedBy, dropWarnings } = setup({ cap: 2 });
      const users = Array.from({ length: 50 }, (_, u) => (2n ** 63n + BigInt(u)).toString());
      for (const [u, user] of users.entries()) {
        const mine = Array.from({ length: 10 }, (_, i) => id(u * 100 + i));
        rows.add(...mine.map((m) => row(m, { toUserId: user })));
        await list.fill(user, [], TTL);
        for (const m of mine) await inbox.appendAll([{ userId: user, msgId: m }]);
      }
      expect(droppedBy('cap')).to.equal(50 * 8);
      inbox.stop();
      expect(dropWarnings().map((l) => l.meta)).to.deep.equal([
        { count: 400, cap: 400, ttl: 0, users: 50, sampleUserIds: users.slice(0, 5), seconds: 0 },
      ]);
    });
  });

  describe('page', () => {
    it('returns the page after the cursor with hasMore, ids above 2^53 ordered as integers', async () => {
      const { inbox, rows, list } = setup({ cap: 10 });
      rows.add(row(D), row(C), row(B), row(A));
      await list.fill(USER, [D, C, A, B], TTL);

      const page = async (after: Id, limit: number) => {
        const { messages, hasMore } = await inbox.page(USER, after, limit);
        return { ids: ids(messages), hasMore };
      };
      expect(await page('0', 2)).to.deep.equal({ ids: [A, B], hasMore: true });
      expect(await page(B, 2)).to.deep.equal({ ids: [C, D], hasMore: false });
      expect(await page(A, 1), 'B is after A although Number(A) === Number(B)').to.deep.equal({ ids: [B], hasMore: true });
      expect(await page(C, 10)).to.deep.equal({ ids: [D], hasMore: false });
      expect(await page(D, 10)).to.deep.equal({ ids: [], hasMore: false });
      expect(await page('0', 4), 'exactly `limit` left: no more').to.deep.equal({ ids: [A, B, C, D], hasMore: false });
    });

    it('returns the stored rows themselves', async () => {
      const { inbox, rows, list } = setup();
      const m = row(B, { content: 'hello', createTime: T0 - 5 });
      rows.add(m);
      await list.fill(USER, [B], TTL);
      expect((await inbox.page(USER, '0', 10)).messages).to.deep.equal([m]);
    });

    it('reads a page in one store query of just that page\'s ids', async () => {
      const { inbox, rows, list } = setup({ cap: 10 });
      rows.add(row(A), row(B), row(C), row(D));
      await list.fill(USER, [A, B, C, D], TTL);
      await inbox.page(USER, A, 2);
      expect(rows.findPendingCalls).to.deep.equal([[B, C]]);
    });
  });

  describe('rebuild of a missing list', () => {
    it('fills the list from PENDING rows: expired ones DROPPED (why=ttl), the oldest beyond the cap DROPPED (why=cap)', async () => {
      // A fresh MemoryOfflineQueue is a backend that lost (or never had) the list.
      const { inbox, rows, list, droppedBy, dropWarnings, lines } = setup({ cap: 3 });
      const expired = { createTime: T0 - TTL - 1 };
      rows.add(
        row(id(1), expired), row(id(2), expired),
        row(D), row(C), row(B), row(A), row(id(7)),
        row(id(8), { status: MsgStatus.DELIVERED }),
        row(id(9), { toUserId: OTHER }), row(id(10), { toUserId: OTHER, ...expired }),
      );
      // Pending and fresh, ascending: A, B, C, id(7), D; the cap keeps the newest three.
      expect(ids(await oldest(inbox, 10))).to.deep.equal([C, id(7), D]);
      expect(await list.read(USER), 'the list is complete again').to.deep.equal([C, id(7), D]);

      expect([id(1), id(2), A, B].map((m) => rows.status(m)), 'expired and over-cap rows').to.deep.equal(
        [MsgStatus.DROPPED, MsgStatus.DROPPED, MsgStatus.DROPPED, MsgStatus.DROPPED]);
      expect([C, id(7), D].map((m) => rows.status(m))).to.deep.equal([MsgStatus.PENDING, MsgStatus.PENDING, MsgStatus.PENDING]);
      expect(rows.status(id(8))).to.equal(MsgStatus.DELIVERED);
      expect([id(9), id(10)].map((m) => rows.status(m)), 'another user\'s rows are not touched').to.deep.equal(
        [MsgStatus.PENDING, MsgStatus.PENDING]);

      expect({ ttl: droppedBy('ttl'), cap: droppedBy('cap') }).to.deep.equal({ ttl: 2, cap: 2 });
      inbox.stop();
      expect(dropWarnings().map((l) => l.meta)).to.deep.equal([
        { count: 4, cap: 2, ttl: 2, users: 1, sampleUserIds: [USER], seconds: 0 },
      ]);
      expect(lines.filter((l) => l.message === 'offline list rebuilt from the message store').map((l) => l.meta))
        .to.deep.equal([{ userId: USER, messages: 3 }]);
    });

    it('rebuilds once: the complete list is read afterwards, also once emptied', async () => {
      const { inbox, rows } = setup();
      rows.add(row(A), row(B));
      expect(ids(await oldest(inbox, 10))).to.deep.equal([A, B]);
      expect(ids((await inbox.page(USER, '0', 10)).messages)).to.deep.equal([A, B]);
      await inbox.removeAll([{ userId: USER, msgIds: [A, B] }]);
      expect(await oldest(inbox, 10)).to.deep.equal([]);
      expect(rows.listPendingAfters, 'one listPending query in all').to.deep.equal(['0']);
    });

    it('a user with nothing pending (a first login) costs one read and no write', async () => {
      const { inbox, rows, list } = setup();
      rows.add(row(A, { toUserId: OTHER }));
      expect(await inbox.undeliveredIds(USER)).to.deep.equal([]);
      expect(rows.listPendingAfters).to.deep.equal(['0']);
      expect(rows.markDroppedCalls).to.equal(0);
      expect(await list.read(USER), 'complete, and empty').to.deep.equal([]);
    });

    it('pages through the store 1000 rows at a time', async () => {
      const { inbox, rows, list } = setup({ cap: 5000 });
      const all = Array.from({ length: 2500 }, (_, i) => id(i + 1));
      rows.add(...[...all].reverse().map((m) => row(m)));
      expect(ids(await oldest(inbox, 2))).to.deep.equal([id(1), id(2)]);
      expect(await list.read(USER)).to.deep.equal(all);
      expect(rows.listPendingAfters).to.deep.equal(['0', id(1000), id(2000)]);
    });

    it('an incomplete list (appended to while absent) is rebuilt and keeps what was appended', async () => {
      const { inbox, rows, list } = setup();
      rows.add(row(A), row(B));
      await inbox.appendAll([{ userId: USER, msgId: B }]);
      expect(await list.read(USER), 'append alone does not make a list complete').to.equal(null);
      expect(ids(await oldest(inbox, 10))).to.deep.equal([A, B]);
      expect(await list.read(USER)).to.deep.equal([A, B]);
    });

    it('keeps a row exactly ttlMs old and drops one a millisecond older', async () => {
      const { inbox, rows, droppedBy } = setup();
      rows.add(row(A, { createTime: T0 - TTL - 1 }), row(B, { createTime: T0 - TTL }));
      expect(ids(await oldest(inbox, 10))).to.deep.equal([B]);
      expect([rows.status(A), rows.status(B)]).to.deep.equal([MsgStatus.DROPPED, MsgStatus.PENDING]);
      expect(droppedBy('ttl')).to.equal(1);
    });
  });

  describe('reads trust the store', () => {
    it('ids no longer pending (acked, recalled, unknown) are not returned and are taken off the list', async () => {
      const { inbox, rows, list, dropped } = setup({ cap: 10 });
      rows.add(row(A), row(B, { status: MsgStatus.DELIVERED }), row(D), row(id(5), { status: MsgStatus.RECALLED }));
      await list.fill(USER, [A, B, C, D, id(5)], TTL);
      expect(ids(await oldest(inbox, 10))).to.deep.equal([A, D]);
      expect(await list.read(USER)).to.deep.equal([A, D]);
      expect(rows.status(B)).to.equal(MsgStatus.DELIVERED);
      expect(rows.status(id(5))).to.equal(MsgStatus.RECALLED);
      expect(dropped, 'nothing was dropped: they were delivered or recalled').to.deep.equal([]);
    });

    it('page does the same', async () => {
      const { inbox, rows, list } = setup({ cap: 10 });
      rows.add(row(A), row(B, { status: MsgStatus.DELIVERED }), row(D));
      await list.fill(USER, [A, B, C, D], TTL);
      const { messages, hasMore } = await inbox.page(USER, '0', 10);
      expect({ ids: ids(messages), hasMore }).to.deep.equal({ ids: [A, D], hasMore: false });
      expect(await list.read(USER)).to.deep.equal([A, D]);
    });

    it('TTL-expired rows on the list are DROPPED (why=ttl), taken off the list and not returned', async () => {
      const { inbox, rows, list, dropped, dropWarnings, advance } = setup({ cap: 10 });
      rows.add(row(A, { createTime: T0 - TTL + 500 }), row(B, { createTime: T0 - 1000 }), row(C, { createTime: T0 - TTL + 5000 }));
      await list.fill(USER, [A, B, C], TTL);
      expect(ids(await oldest(inbox, 10)), 'nothing expired yet').to.deep.equal([A, B, C]);

      advance(1000);
      expect(ids(await oldest(inbox, 10))).to.deep.equal([B, C]);
      expect(rows.status(A)).to.equal(MsgStatus.DROPPED);
      expect(dropped).to.deep.equal([{ why: 'ttl', n: 1 }]);
      inbox.stop();
      expect(dropWarnings().map((l) => [l.meta.count, l.meta.ttl, l.meta.sampleUserIds])).to.deep.equal([[1, 1, [USER]]]);
      expect(await list.read(USER)).to.deep.equal([B, C]);

      advance(4001);
      const { messages, hasMore } = await inbox.page(USER, '0', 10);
      expect({ ids: ids(messages), hasMore }).to.deep.equal({ ids: [B], hasMore: false });
      expect(rows.status(C)).to.equal(MsgStatus.DROPPED);
      expect(dropped).to.deep.equal([{ why: 'ttl', n: 1 }, { why: 'ttl', n: 1 }]);
    });

    it('messages to another user listed by mistake are not returned, nor dropped on this user\'s behalf', async () => {
      const { inbox, rows, list, dropped } = setup({ cap: 10 });
      rows.add(row(A), row(B, { toUserId: OTHER }), row(C, { toUserId: OTHER, createTime: T0 - TTL - 1 }), row(D));
      await list.fill(USER, [A, B, C, D], TTL);
      expect(ids(await oldest(inbox, 10))).to.deep.equal([A, D]);
      expect(ids((await inbox.page(USER, '0', 10)).messages)).to.deep.equal([A, D]);
      expect([rows.status(B), rows.status(C)]).to.deep.equal([MsgStatus.PENDING, MsgStatus.PENDING]);
      expect(dropped).to.deep.equal([]);
    });

    // Left on the list, such an id fills a slot of every read for as long as the other user has
    // not acked it: page(limit 1) answers [] with hasMore forever, and login replays one message less.
    it('a message to another user listed by mistake is taken off the list (it would hold a page slot forever)', async () => {
      const { inbox, rows, list } = setup({ cap: 10 });
      rows.add(row(A, { toUserId: OTHER }), row(B));
      await list.fill(USER, [A, B], TTL);
      await inbox.page(USER, '0', 1);
      expect(await list.read(USER)).to.deep.equal([B]);
      const { messages, hasMore } = await inbox.page(USER, '0', 1);
      expect({ ids: ids(messages), hasMore }).to.deep.equal({ ids: [B], hasMore: false });
    });
  });

  describe('oldest', () => {
    it('returns the oldest `limit` ascending as integers, in one store query of those ids', async () => {
      const { inbox, rows, list } = setup({ cap: 10 });
      rows.add(row(D), row(C), row(B), row(A));
      await list.fill(USER, [C, D, B, A], TTL);
      expect(ids(await oldest(inbox, 2))).to.deep.equal([A, B]);
      expect(rows.findPendingCalls).to.deep.equal([[A, B]]);
      expect(ids(await oldest(inbox, 3))).to.deep.equal([A, B, C]);
    });

    it('limit 0 or an empty list asks the store nothing', async () => {
      const { inbox, rows, list } = setup();
      rows.add(row(A));
      await list.fill(USER, [A], TTL);
      expect(await oldest(inbox, 0)).to.deep.equal([]);
      await list.fill(OTHER, [], TTL);
      expect(await inbox.messagesOf(OTHER, await inbox.undeliveredIds(OTHER))).to.deep.equal([]);
      expect(rows.findPendingCalls).to.deep.equal([]);
    });
  });
});
