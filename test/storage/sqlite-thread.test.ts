// The embedded gateway's SQLite stores on their own thread (sqlite-thread.ts): the same contracts
// as the stores on the caller's thread, the errors callers tell apart, and a thread that stops.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { GroupRuleError } from '../../src/groups/membership.js';
import { groupMemberEvent } from '../../src/mq/events.js';
import { openSqliteStoresOnThread, type Stores } from '../../src/storage/sql/sqlite-thread.js';
import { conversationStoreContract } from './conversation-store.contract.js';
import { messageStoreContract } from './message-store.contract.js';
import { withEvent } from './fixtures.js';

const BIG = (2n ** 62n).toString();

function message(i: number, content = 'x') {
  return withEvent({
    msgId: (2n ** 62n + BigInt(i)).toString(), clientMsgId: `t${i}`, fromUserId: '9007199254740993', toUserId: '9007199254740995',
    content, format: 1, createTime: 1_000 + i,
  });
}

describe('SQLite stores on their own thread', () => {
  messageStoreContract('message store contract (:memory:)', async () => (await openSqliteStoresOnThread(':memory:')).messages);
  conversationStoreContract('conversation store contract (:memory:)', () => openSqliteStoresOnThread(':memory:'));

  describe('calls', () => {
    let stores: Stores;

    beforeEach(async () => {
      stores = await openSqliteStoresOnThread(':memory:');
    });

    afterEach(async () => {
      await stores.messages.close();
    });

    it('keeps 64-bit ids exact across the thread and answers in call order', async () => {
      const results = await Promise.all([1, 2, 3].map((i) => stores.messages.insertBatch([message(i)])));
      expect(results.map(([r]) => [r!.inserted, r!.message.msgId, r!.message.seq])).to.deep.equal([
        [true, (2n ** 62n + 1n).toString(), '1'], [true, (2n ** 62n + 2n).toString(), '2'], [true, (2n ** 62n + 3n).toString(), '3'],
      ]);
      expect((await stores.messages.findById((2n ** 62n + 2n).toString()))!.fromUserId).to.equal('9007199254740993');
    });

    it('rejects with the error class the store threw: RangeError for content over the column, GroupRuleError with its code', async () => {
      const tooLong = await stores.messages.insertBatch([message(1, 'x'.repeat(65_536))]).then(() => null, (err: unknown) => err);
      expect(tooLong).to.be.instanceOf(RangeError);
      const missing = await stores.groups.rename({ groupId: BIG, actorUserId: null, name: 'n', eventMsgId: BIG, time: 1 }, groupMemberEvent)
        .then(() => null, (err: unknown) => err);
      expect(missing).to.be.instanceOf(GroupRuleError);
      expect((missing as GroupRuleError).code).to.equal('NOT_FOUND');
    });

    it('passes the outbox builder a group change takes by name, and refuses a function it does not know', async () => {
      const req = {
        groupId: BIG, ownerUserId: '9007199254740993', name: 'g', memberUserIds: ['9007199254740995'], clientReqId: '', eventMsgId: (2n ** 62n + 7n).toString(),
        time: 5_000, maxMembers: 10,
      };
      const { created, entry } = await stores.groups.createGroup(req, groupMemberEvent);
      expect(created).to.equal(true);
      const [row] = await stores.messages.claimOutbox(10_000, 10, 30_000);
      expect([row!.tag, row!.key]).to.deep.equal(['GROUP_MEMBER', entry!.msgId]);
      expect(JSON.parse(row!.body)).to.deep.include({ schema: 'im.group.member.v1', groupId: BIG, seq: '1' });

      const refused = await stores.groups.createGroup({ ...req, groupId: '5' }, () => groupMemberEvent(entry!)).then(() => null, (e: unknown) => e);
      expect(refused).to.be.instanceOf(TypeError);
      expect((refused as Error).message).to.match(/does not know/);
      expect(await stores.groups.group('5')).to.equal(null);
    });
  });

  describe('a thread that stops', () => {
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'im-thread-'));
    });

    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('after close, calls reject at once instead of waiting', async () => {
      const stores = await openSqliteStoresOnThread(path.join(dir, 'im.sqlite'));
      await stores.messages.insertBatch([message(1)]);
      await stores.messages.close();
      const err = await stores.messages.pendingCount().then(() => null, (e: unknown) => e);
      expect((err as Error).message).to.match(/closed/);
      await stores.messages.close();

      const reopened = await openSqliteStoresOnThread(path.join(dir, 'im.sqlite'));
      expect(await reopened.messages.pendingCount()).to.equal(1);
      await reopened.messages.close();
    });

    it('refuses to open a file it cannot create, naming the error', async () => {
      const blocker = path.join(dir, 'not-a-folder');
      await (await import('node:fs/promises')).writeFile(blocker, 'x');
      const err = await openSqliteStoresOnThread(path.join(blocker, 'im.sqlite')).then(() => null, (e: unknown) => e);
      expect((err as Error).message).to.match(/EEXIST|ENOTDIR|not a directory|exists/i);
    });
  });
});
