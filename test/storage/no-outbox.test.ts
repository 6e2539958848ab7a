// Stores opened with `outbox: false` (mq.kind: off) write every entry as before and no outbox row,
// on both databases; the same writes with the outbox make one row each, so the check is not empty.
import { expect } from 'chai';
import { messageEvent, recallEvent } from '../../src/mq/events.js';
import type { GroupEventOutbox } from '../../src/storage/group-store.js';
import { openMysqlStores, openSqliteStores, type SqlStores, type StoreOptions } from '../../src/storage/sql/data-source.js';
import { MESSAGE_TABLES, mysqlDatabase } from './fixtures.js';

const BASE = 2n ** 62n;
const [ALICE, BOB, CAROL] = ['1', '2', '3'].map((n) => (BASE + BigInt(n)).toString()) as [string, string, string];
/** Later than every row's due time. */
const FAR = Number.MAX_SAFE_INTEGER;

let n = 0n;
const nextId = () => (BASE + 1_000n + (n += 1n)).toString();

const groupOutbox: GroupEventOutbox = (entry) => ({ tag: 'GROUP_MEMBER', key: entry.msgId, body: { groupId: entry.groupId } });

/** A c2c batch of two, a recall, an appended event, a group's creation and a group message: six events. */
async function writeEverything(stores: SqlStores): Promise<{ msgIds: string[]; groupMsgId: string }> {
  const messages = [ALICE, BOB].map((from, i) => ({
    msgId: nextId(), clientMsgId: `c${n}-${i}`, fromUserId: from, toUserId: from === ALICE ? BOB : ALICE, content: 'hi', format: 1, createTime: 1_000 + i,
  }));
  const stored = await stores.messages.insertBatch(messages.map((message) => ({ message, event: messageEvent(message) })));
  const first = stored[0]!.message;
  const tombstone = nextId();
  expect((await stores.messages.recall(first.msgId, 2_000, tombstone, recallEvent(first, 2_000, tombstone)))?.kind).to.equal('recalled');
  await stores.messages.appendOutbox([{ tag: 'CONV_READ', key: ALICE, body: '{}', time: 2_000 }]);
  const groupId = nextId();
  await stores.groups.createGroup({
    groupId, ownerUserId: ALICE, name: 'g', memberUserIds: [BOB, CAROL], clientReqId: '', eventMsgId: nextId(), time: 3_000, maxMembers: 10,
  }, groupOutbox);
  const message = { msgId: nextId(), clientMsgId: `g${n}`, fromUserId: BOB, groupId, content: 'all', format: 1, mentionUserIds: [], createTime: 4_000 };
  const [sent] = await stores.groups.insertGroupBatch([{ message, event: { tag: 'GROUP_MSG', key: message.msgId, body: { msgId: message.msgId } } }]);
  expect(sent!.kind).to.equal('inserted');
  return { msgIds: messages.map((m) => m.msgId), groupMsgId: message.msgId };
}

function suite(open: (options: StoreOptions) => Promise<SqlStores>, cleanup: () => Promise<void> = async () => {}): void {
  let stores: SqlStores | null = null;

  afterEach(async () => {
    await stores?.messages.close();
    stores = null;
    await cleanup();
  });

  it('with the outbox, each write leaves its event to claim', async () => {
    stores = await open({});
    await writeEverything(stores);
    expect(await stores.messages.outboxBacklog()).to.equal(6);
    expect(await stores.messages.claimOutbox(FAR, 100, 60_000)).to.have.length(6);
  });

  it('without it, the same writes store every entry and no event', async () => {
    stores = await open({ outbox: false });
    const { msgIds, groupMsgId } = await writeEverything(stores);
    for (const msgId of msgIds) expect((await stores.messages.findById(msgId))?.msgId).to.equal(msgId);
    expect((await stores.groups.findGroupEntry(groupMsgId))?.content).to.equal('all');
    expect(await stores.messages.outboxBacklog()).to.equal(0);
    expect(await stores.messages.claimOutbox(FAR, 100, 60_000)).to.deep.equal([]);
  });
}

describe('stores without an outbox (mq.kind: off)', () => {
  describe('SQLite', () => suite((options) => openSqliteStores(':memory:', options)));

  describe('MySQL', () => {
    const { options: mysql, truncate } = mysqlDatabase('im_connect_test_no_outbox', [...MESSAGE_TABLES, 'im_group', 'im_group_member', 'im_group_message']);
    suite((options) => openMysqlStores(mysql, options), truncate);
  });
});
