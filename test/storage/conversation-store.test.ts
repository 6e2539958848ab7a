// The ConversationStore contract against both SQL databases: SQLite in memory, and MySQL.
import { expect } from 'chai';
import { openMysqlStores, openSqliteStores, type SqlStores } from '../../src/storage/sql/data-source.js';
import { conversationStoreContract } from './conversation-store.contract.js';
import { MESSAGE_TABLES, mysqlDatabase, withEvent } from './fixtures.js';

describe('SqlConversationStore on SQLite', () => {
  conversationStoreContract('contract (:memory:)', () => openSqliteStores(':memory:'));
});

describe('SqlConversationStore on MySQL', function () {
  const { options: mysqlOptions, truncate } = mysqlDatabase('im_connect_test_conv', MESSAGE_TABLES);

  conversationStoreContract('contract', () => openMysqlStores(mysqlOptions), truncate);

  describe('two gateway processes', () => {
    const opened: SqlStores[] = [];

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.messages.close()));
      await truncate();
    });

    // Pending: markRead locks im_user_conversation and then (through its JOIN ... FOR UPDATE)
    // im_conversation, the reverse of the order in which insertBatch and recall take them, so
    // on MySQL most reads racing sends into the same conversation die as deadlock victims, even
    // after SqlDb.tx's retries. Enable once markRead locks only the user's row.
    it('let reads and sends race in one conversation without failing either', async () => {
      opened.push(await openMysqlStores(mysqlOptions), await openMysqlStores(mysqlOptions));
      let n = 0;
      const msg = (from: string, to: string) => {
        n += 1;
        return { msgId: (2n ** 62n + BigInt(n)).toString(), clientMsgId: `c${n}`, fromUserId: from, toUserId: to, content: 'x', format: 1, createTime: 1_000 + n };
      };
      await opened[0]!.messages.insertBatch([withEvent(msg('1', '2'))]);
      const failures: string[] = [];
      await Promise.all(Array.from({ length: 8 }, async (_, w) => {
        const { messages, conversations } = opened[w % 2]!;
        for (let i = 0; i < 30; i++) {
          try {
            if (w % 4 < 2) await messages.insertBatch([withEvent(w % 4 === 0 ? msg('1', '2') : msg('2', '1'))]);
            else await conversations.markRead(w % 4 === 2 ? '1' : '2', 'c_1_2', String(n), 10_000 + i);
          } catch (err) {
            failures.push((err as Error).message);
          }
        }
      }));
      expect(failures).to.deep.equal([]);
      const [mine] = await opened[0]!.conversations.listConversations('2', { limit: 10, after: null, updatedAfter: 0 });
      expect(mine).to.include({ maxSeq: '121' });
      expect((await opened[1]!.conversations.markRead('2', 'c_1_2', '121', 20_000))!.readSeq).to.equal('121');
    });
  });
});
