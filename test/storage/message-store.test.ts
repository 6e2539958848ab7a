// The MessageStore contract against both SqlMessageStore databases, plus what only one of them has:
// a SQLite file on disk, and MySQL claims from several gateway processes.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { recallEvent } from '../../src/mq/events.js';
import type { MessageStore, StoredMessage } from '../../src/storage/message-store.js';
import { openMysqlStore, openSqliteDataSource, openSqliteStore } from '../../src/storage/sql/data-source.js';
import { messageStoreContract } from './message-store.contract.js';
import { MESSAGE_TABLES, mysqlDatabase, withEvent } from './fixtures.js';

function messages(n: number, createTime: number) {
  return Array.from({ length: n }, (_, i) => ({
    msgId: (2n ** 62n + BigInt(i)).toString(), clientMsgId: `c${i}`, fromUserId: '1', toUserId: '2',
    content: 'x', format: 1, createTime,
  }));
}

/** Beyond the contract: limits of the SQL schema, the same on both databases. */
function schemaLimits(open: () => Promise<MessageStore>, cleanup?: () => Promise<void>): void {
  describe('schema limits', () => {
    let store: MessageStore;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
      await cleanup?.();
    });

    it('stores content up to 65,535 UTF-8 bytes (TEXT) and refuses longer content instead of truncating it', async () => {
      const [fits, tooLong] = messages(2, 1_000);
      fits!.content = '€'.repeat(21_845);
      tooLong!.content = `${fits!.content}x`;
      await store.insertBatch([withEvent(fits!)]);
      expect((await store.findById(fits!.msgId))!.content).to.equal(fits!.content);
      const outcome = await store.insertBatch([withEvent(tooLong!)]).then(() => null, (err: unknown) => err);
      expect(outcome).to.be.instanceOf(RangeError);
      expect(await store.findById(tooLong!.msgId)).to.equal(null);
    });
  });
}

describe('SqlMessageStore on SQLite', () => {
  messageStoreContract('contract (:memory:)', () => openSqliteStore(':memory:'));
  schemaLimits(() => openSqliteStore(':memory:'));

  describe('in a file', () => {
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'im-store-'));
    });

    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('creates the folder, uses WAL, and keeps messages across a reopen', async () => {
      const file = path.join(dir, 'nested', 'data', 'im.sqlite');
      const store = await openSqliteStore(file);
      const [result] = await store.insertBatch(messages(1, 1_000).map(withEvent));
      await store.close();

      const reopened = await openSqliteStore(file);
      expect(await reopened.findById(result!.message.msgId)).to.deep.equal(result!.message);
      await reopened.close();

      const db = await openSqliteDataSource(file);
      expect(await db.query('PRAGMA journal_mode')).to.deep.equal([{ journal_mode: 'wal' }]);
      expect(await db.query('PRAGMA synchronous')).to.deep.equal([{ synchronous: 1 }]);
      await db.destroy();
    });
  });
});

describe('SqlMessageStore on MySQL', function () {
  const { options: mysqlOptions, truncate } = mysqlDatabase('im_connect_test_store', MESSAGE_TABLES);

  messageStoreContract('contract', () => openMysqlStore(mysqlOptions), truncate);

  schemaLimits(() => openMysqlStore(mysqlOptions), truncate);

  describe('two gateway processes', () => {
    const stores: MessageStore[] = [];

    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      await truncate();
    });

    it('never claim the same outbox entry', async () => {
      stores.push(await openMysqlStore(mysqlOptions), await openMysqlStore(mysqlOptions));
      await stores[0]!.insertBatch(messages(400, 1_000).map(withEvent));
      const claimed: string[] = [];
      // Each process runs several relays at once, so claims race within and across pools.
      await Promise.all(stores.flatMap((store) => Array.from({ length: 3 }, async () => {
        for (;;) {
          const entries = await store.claimOutbox(2_000, 7, 60_000);
          if (entries.length === 0) return;
          claimed.push(...entries.map((e) => e.id));
        }
      })));
      expect(claimed).to.have.length(400);
      expect(new Set(claimed).size).to.equal(400);
    });

    it('number one conversation gap-free while both write into it at once', async () => {
      stores.push(await openMysqlStore(mysqlOptions), await openMysqlStore(mysqlOptions));
      const [one, two] = stores as [MessageStore, MessageStore];
      let n = 0;
      const batch = (from: string, to: string, size: number) => Array.from({ length: size }, () => {
        n += 1;
        return { msgId: (2n ** 62n + BigInt(n)).toString(), clientMsgId: `c${n}`, fromUserId: from, toUserId: to, content: 'x', format: 1, createTime: 1_000 + n };
      });
      const [first] = await one.insertBatch(batch('1', '2', 1).map(withEvent));
      // Both nodes, several batches each, both directions; recalls on both nodes in between.
      const results = await Promise.all([
        ...Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? one : two).insertBatch(batch(i % 3 === 0 ? '2' : '1', i % 3 === 0 ? '1' : '2', 7).map(withEvent))),
        ...[one, two].map((store, i) => store.recall(first!.message.msgId, 5_000 + i, (2n ** 61n + BigInt(i)).toString(), recallEvent(first!.message, 5_000 + i, (2n ** 61n + BigInt(i)).toString()))),
      ]);
      const seqs = results.slice(0, 12).flatMap((r) => (r as Array<{ message: StoredMessage }>).map((x) => BigInt(x.message.seq)));
      for (const r of results.slice(0, 12) as Array<Array<{ message: StoredMessage }>>) {
        const mine = r.map((x) => Number(x.message.seq));
        expect(mine).to.deep.equal([...mine].sort((a, b) => a - b));
      }
      const recalls = results.slice(12) as Array<{ kind: string; tombstone?: StoredMessage }>;
      expect(recalls.map((r) => r.kind).sort()).to.deep.equal(['already', 'recalled']);
      seqs.push(BigInt(recalls.find((r) => r.kind === 'recalled')!.tombstone!.seq));
      expect(seqs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String)).to.deep.equal(Array.from({ length: 85 }, (_, i) => String(i + 2)));
      expect(first!.message.seq).to.equal('1');
    });
  });
});
