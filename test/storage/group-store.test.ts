// The GroupStore contract (and the group side of the ConversationStore) against both SQL
// databases: SQLite in memory and in a file, and MySQL, where several gateway processes share one
// database.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openMysqlStores, openSqliteStores } from '../../src/storage/sql/data-source.js';
import { groupConversationsContract } from './group-conversations.contract.js';
import { groupStoreContract } from './group-store.contract.js';
import { MESSAGE_TABLES, mysqlDatabase } from './fixtures.js';

describe('SqlGroupStore on SQLite', () => {
  groupStoreContract('contract (:memory:)', () => openSqliteStores(':memory:'));
  groupConversationsContract('conversations (:memory:)', () => openSqliteStores(':memory:'));

  describe('in a file', () => {
    let dir: string | undefined;
    let file = '';

    const open = async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'im-groups-'));
      file = path.join(dir, 'im.sqlite');
      return openSqliteStores(file);
    };
    const cleanup = async () => {
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
      dir = undefined;
    };

    // A second store over the same file, taking turns with the first. Not at once: SQLite has one
    // writer, and embedded mode is one process (see the Dialect in sql-db.ts); two writing at once
    // fail with "database is locked".
    groupStoreContract('contract', open, cleanup, { openAnother: () => openSqliteStores(file), processes: 2, concurrent: false });
  });
});

describe('SqlGroupStore on MySQL', function () {
  const { options: mysqlOptions, truncate } = mysqlDatabase('im_connect_test_groups', [
    ...MESSAGE_TABLES, 'im_group', 'im_group_member', 'im_group_message',
  ]);

  groupStoreContract('contract', () => openMysqlStores(mysqlOptions), truncate, { openAnother: () => openMysqlStores(mysqlOptions), processes: 3, concurrent: true });
  groupConversationsContract('conversations', () => openMysqlStores(mysqlOptions), truncate);
});
