// The group side of the ConversationStore contract (see group-store.test.ts): groups written
// through GroupStore, read through ConversationStore. PROTOCOL.md, Additions A, behaviours 10-12
// and 14 (a removed member keeps the group up to the entry that removed it).
import { expect } from 'chai';
import { withEvent } from './fixtures.js';
import {
  GroupFixture, MAX_UNSIGNED, NINE, OUTSIDER, OWNER, T0, TEN, TWO_TO_63, convOf, range, tag,
  type GroupStores,
} from './group-store.contract.js';
import { GroupEventKind } from '../../src/protocol/messages.js';
import type { ConvSummary, HistoryQuery } from '../../src/storage/conversation-store.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';

const seqs = (list: Array<{ seq: string }>) => list.map((m) => m.seq);

/**
 * Defines the suite `name`. `open` returns the stores over an empty database, once per test; the
 * suite closes them after the test and then calls `cleanup`.
 */
export function groupConversationsContract(name: string, open: () => Promise<GroupStores>, cleanup?: () => Promise<void>): void {
  describe(name, function () {
    let stores: GroupStores;
    let f: GroupFixture;

    beforeEach(async () => {
      stores = await open();
      f = new GroupFixture(() => stores);
    });

    afterEach(async () => {
      await stores.messages.close();
      await cleanup?.();
    });

    const list = (userId: string) => stores.conversations.listConversations(userId, { limit: 100, after: null, updatedAfter: 0 });
    const summaryOf = async (userId: string, convId: string): Promise<ConvSummary | undefined> => (await list(userId)).find((c) => c.convId === convId);
    const history = (userId: string, convId: string, query: Partial<HistoryQuery> = {}) =>
      stores.conversations.history(userId, convId, { afterSeq: '0', beforeSeq: '0', limit: 100, ...query });
    const recall = (m: StoredMessage) => stores.groups.recallGroupMessage(m.msgId, f.now(), f.msgId(), { tag: tag('GROUP_RECALL'), key: m.msgId, body: {} });

    describe('listConversations', () => {
      it('lists a group to each member from joining: min_seq the join seq, max_seq and the last entry', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const conv = convOf(group.groupId);
        await f.sendOne(group.groupId, OWNER);
        await f.sendOne(group.groupId, NINE);
        await f.change(group.groupId, OWNER, { add: [MAX_UNSIGNED] });
        const last = await f.sendOne(group.groupId, OWNER);
        for (const [user, minSeq, unread] of [[OWNER, '1', 1], [NINE, '1', 2], [MAX_UNSIGNED, '4', 1]] as const) {
          const summary = await summaryOf(user, conv);
          expect(summary, user).to.deep.include({ convId: conv, groupId: group.groupId, peerUserId: '0', maxSeq: '5', minSeq, unread });
          expect(summary!.last).to.deep.equal(last);
          expect(summary!.updateTime).to.equal(last.createTime);
        }
        expect(await list(OUTSIDER)).to.deep.equal([]);
      });

      it('lists a new group with its CREATED entry and nothing unread', async () => {
        const { group, entry } = await f.create({ memberUserIds: [TWO_TO_63] });
        for (const user of [OWNER, TWO_TO_63]) {
          expect(await list(user)).to.deep.equal([{
            convId: convOf(group.groupId), peerUserId: '0', groupId: group.groupId, maxSeq: '1', readSeq: '0', peerReadSeq: '0',
            unread: 0, last: entry, updateTime: T0, minSeq: '1',
          }]);
        }
      });

      it('counts as unread only messages from others, not recalled, not tombstones or group events, not from before joining', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const conv = convOf(group.groupId);
        await f.sendOne(group.groupId, NINE);
        const recalled = await f.sendOne(group.groupId, NINE);
        await recall(recalled);
        await f.sendOne(group.groupId, OWNER);
        await f.change(group.groupId, OWNER, { add: [TEN] });
        await f.change(group.groupId, OWNER, { promote: [NINE] });
        await f.sendOne(group.groupId, NINE);
        await f.sendOne(group.groupId, TEN);
        expect((await summaryOf(OWNER, conv))!.unread).to.equal(3);
        expect((await summaryOf(NINE, conv))!.unread).to.equal(2);
        expect((await summaryOf(TEN, conv))!.unread).to.equal(1);
      });

      it('freezes a removed member\'s group at the entry that removed it', async () => {
        const { group } = await f.create({ memberUserIds: [TWO_TO_63, NINE] });
        const conv = convOf(group.groupId);
        await f.sendOne(group.groupId, OWNER);
        await f.sendOne(group.groupId, NINE);
        const removal = (await f.change(group.groupId, OWNER, { remove: [TWO_TO_63] })).entries[0]!;
        await f.sendOne(group.groupId, OWNER);
        await f.change(group.groupId, OWNER, { add: [TEN] });
        await stores.groups.rename(f.renameReq(group.groupId, OWNER, 'renamed'), f.outbox);
        const summary = await summaryOf(TWO_TO_63, conv);
        expect(summary).to.deep.include({ maxSeq: '4', minSeq: '1', unread: 2 });
        expect(summary!.last).to.deep.equal(removal);
        expect(summary!.last!.groupEvent!.kind).to.equal(GroupEventKind.MEMBERS_REMOVED);
        expect(summary!.updateTime).to.equal(removal.createTime);
        expect((await summaryOf(OWNER, conv))!.maxSeq).to.equal('7');
      });

      it('freezes a member that left at its MEMBER_LEFT entry', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const left = (await f.change(group.groupId, NINE, { remove: [NINE] })).entries[0]!;
        await f.sendOne(group.groupId, OWNER);
        const summary = await summaryOf(NINE, convOf(group.groupId));
        expect(summary).to.deep.include({ maxSeq: '2', unread: 0 });
        expect(summary!.last).to.deep.equal(left);
      });

      it('orders groups with one-to-one conversations by their last entry', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const [c2c] = await stores.messages.insertBatch([withEvent({
          msgId: f.msgId(), clientMsgId: 'c2c', fromUserId: NINE, toUserId: OWNER, content: 'hi', format: 1, createTime: f.now(),
        })]);
        const c2cConv = c2c!.message.convId;
        expect((await list(OWNER)).map((c) => c.convId)).to.deep.equal([c2cConv, convOf(group.groupId)]);
        const last = await f.sendOne(group.groupId, NINE);
        expect((await list(OWNER)).map((c) => c.convId)).to.deep.equal([convOf(group.groupId), c2cConv]);
        const since = await stores.conversations.listConversations(OWNER, { limit: 100, after: null, updatedAfter: last.createTime - 1 });
        expect(since.map((c) => c.convId)).to.deep.equal([convOf(group.groupId)]);
        expect(await stores.conversations.listConversations(OWNER, { limit: 100, after: null, updatedAfter: last.createTime })).to.deep.equal([]);
      });
    });

    describe('listConversations paging', () => {
      it('pages groups by update time with the cursor, visiting each once, a removed member\'s by its removal', async () => {
        const made: string[] = [];
        for (let i = 0; i < 5; i++) made.push((await f.create({ memberUserIds: [NINE] })).group.groupId);
        // Activity in a shuffled order; NINE is removed from one group, which then stays where its removal put it.
        for (const i of [3, 0, 4]) await f.sendOne(made[i]!, OWNER);
        await f.change(made[1]!, OWNER, { remove: [NINE] });
        await f.sendOne(made[2]!, OWNER);
        await f.sendOne(made[1]!, OWNER);
        const expected = [2, 1, 4, 0, 3].map((i) => convOf(made[i]!));
        const seen: ConvSummary[] = [];
        let after: { updateTime: number; convId: string } | null = null;
        for (;;) {
          const page = await stores.conversations.listConversations(NINE, { limit: 2, after, updatedAfter: 0 });
          if (page.length === 0) break;
          seen.push(...page);
          after = { updateTime: page[page.length - 1]!.updateTime, convId: page[page.length - 1]!.convId };
        }
        expect(seen.map((c) => c.convId)).to.deep.equal(expected);
        expect((await list(OWNER)).map((c) => c.convId)).to.deep.equal([1, 2, 4, 0, 3].map((i) => convOf(made[i]!)));
      });
    });

    describe('history', () => {
      it('gives a member the entries from the one that added it, with min_seq', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const conv = convOf(group.groupId);
        await f.sendOne(group.groupId, OWNER);
        await f.change(group.groupId, OWNER, { add: [TWO_TO_63] });
        await f.sendOne(group.groupId, NINE);
        await f.sendOne(group.groupId, TWO_TO_63);
        const latest = await history(TWO_TO_63, conv);
        expect(seqs(latest!.entries)).to.deep.equal(['3', '4', '5']);
        expect(latest!.hasMore).to.equal(false);
        expect(latest!.minSeq).to.equal('3');
        expect(latest!.entries[0]!.groupEvent!.kind).to.equal(GroupEventKind.MEMBERS_ADDED);
        expect(seqs((await history(TWO_TO_63, conv, { afterSeq: '1' }))!.entries)).to.deep.equal(['3', '4', '5']);
        expect(await history(TWO_TO_63, conv, { beforeSeq: '3' })).to.deep.equal({ entries: [], hasMore: false, minSeq: '3' });
        const older = await history(TWO_TO_63, conv, { beforeSeq: '5', limit: 1 });
        expect(seqs(older!.entries)).to.deep.equal(['4']);
        expect(older!.hasMore).to.equal(true);
        expect(seqs((await history(OWNER, conv))!.entries)).to.deep.equal(range(1, 5));
      });

      it('gives a former member the entries up to the one that removed it', async () => {
        const { group } = await f.create({ memberUserIds: [MAX_UNSIGNED] });
        const conv = convOf(group.groupId);
        await f.sendOne(group.groupId, MAX_UNSIGNED);
        await f.change(group.groupId, OWNER, { remove: [MAX_UNSIGNED] });
        await f.sendOne(group.groupId, OWNER);
        await f.sendOne(group.groupId, OWNER);
        expect(seqs((await history(MAX_UNSIGNED, conv))!.entries)).to.deep.equal(['1', '2', '3']);
        expect(await history(MAX_UNSIGNED, conv, { afterSeq: '3' })).to.deep.equal({ entries: [], hasMore: false, minSeq: '1' });
        const scrolled = await history(MAX_UNSIGNED, conv, { beforeSeq: '1000' });
        expect(seqs(scrolled!.entries)).to.deep.equal(['1', '2', '3']);
        expect(scrolled!.hasMore).to.equal(false);
        const caughtUp = await history(MAX_UNSIGNED, conv, { afterSeq: '1', limit: 1 });
        expect(seqs(caughtUp!.entries)).to.deep.equal(['2']);
        expect(caughtUp!.hasMore).to.equal(true);
      });

      it('gives a member added again the entries from its new join only', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const conv = convOf(group.groupId);
        await f.change(group.groupId, OWNER, { remove: [NINE] });
        await f.sendOne(group.groupId, OWNER);
        await f.change(group.groupId, OWNER, { add: [NINE] });
        await f.sendOne(group.groupId, OWNER);
        const page = await history(NINE, conv);
        expect(seqs(page!.entries)).to.deep.equal(['4', '5']);
        expect(page!.minSeq).to.equal('4');
        expect(await summaryOf(NINE, conv)).to.deep.include({ minSeq: '4', maxSeq: '5', unread: 1 });
      });

      it('answers null for a group the user never joined', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        await f.sendOne(group.groupId, OWNER);
        expect(await history(OUTSIDER, convOf(group.groupId))).to.equal(null);
        expect(await history(OWNER, convOf(f.groupId()))).to.equal(null);
      });

      it('returns recalled messages without content, and their tombstones', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const m = await f.sendOne(group.groupId, NINE);
        await recall(m);
        const page = await history(OWNER, convOf(group.groupId));
        expect(page!.entries.map((e) => [e.seq, e.content, e.recalledMsgId])).to.deep.equal([['1', '', '0'], ['2', '', '0'], ['3', '', m.msgId]]);
        expect(page!.entries[1]).to.deep.equal({ ...m, status: MsgStatus.RECALLED, content: '' });
      });
    });

    describe('markRead', () => {
      it('moves a member\'s read position forward only, clamped to max_seq', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const conv = convOf(group.groupId);
        await f.sendOne(group.groupId, OWNER);
        await f.sendOne(group.groupId, OWNER);
        await f.sendOne(group.groupId, OWNER);
        expect(await stores.conversations.markRead(NINE, conv, '2', f.now())).to.deep.equal({ readSeq: '2', moved: true, unread: 2 });
        expect(await stores.conversations.markRead(NINE, conv, '1', f.now())).to.deep.equal({ readSeq: '2', moved: false, unread: 2 });
        expect(await stores.conversations.markRead(NINE, conv, MAX_UNSIGNED, f.now())).to.deep.equal({ readSeq: '4', moved: true, unread: 0 });
        expect(await summaryOf(NINE, conv)).to.deep.include({ readSeq: '4', unread: 0 });
      });

      it('clamps a former member\'s read position to the entry that removed it', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const conv = convOf(group.groupId);
        await f.sendOne(group.groupId, OWNER);
        await f.change(group.groupId, OWNER, { remove: [NINE] });
        await f.sendOne(group.groupId, OWNER);
        await f.sendOne(group.groupId, OWNER);
        expect(await stores.conversations.markRead(NINE, conv, '100', f.now())).to.deep.equal({ readSeq: '3', moved: true, unread: 0 });
        expect(await summaryOf(NINE, conv)).to.deep.include({ readSeq: '3', maxSeq: '3', unread: 0 });
      });

      it('answers null in a group the user never joined, and lists nothing for it', async () => {
        const { group } = await f.create();
        await f.sendOne(group.groupId, OWNER);
        expect(await stores.conversations.markRead(OUTSIDER, convOf(group.groupId), '2', f.now())).to.equal(null);
        expect(await stores.conversations.markRead(OWNER, convOf(f.groupId()), '2', f.now())).to.equal(null);
        expect(await list(OUTSIDER)).to.deep.equal([]);
      });
    });
  });
}
