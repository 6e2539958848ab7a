// The GroupStore contract (and the group side of the ConversationStore) against both SQL
// databases: SQLite in memory and in a file, and MySQL, where several gateway processes share one
// database.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { openMysqlStores, openSqliteStores } from '../../src/storage/sql/data-source.js';
import { MYSQL, needMysql } from '../support/services.js';
import { groupConversationsContract } from './group-conversations.contract.js';
import { groupStoreContract } from './group-store.contract.js';

const DATABASE = 'im_connect_test_groups';
const mysqlOptions = { ...MYSQL, database: DATABASE, poolSize: 4 };
const TABLES = [
  'im_c2c_message', 'im_outbox', 'im_recall_notice', 'im_conversation', 'im_user_conversation',
  'im_group', 'im_group_member', 'im_group_message',
];

async function onMysql(sql: string): Promise<void> {
  const conn = await mysql.createConnection({ ...MYSQL, multipleStatements: true });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

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
  let reachable = false;

  before(async function () {
    await needMysql(this);
    reachable = true;
    await onMysql(`DROP DATABASE IF EXISTS ${DATABASE}`);
  });

  after(async () => {
    if (reachable) await onMysql(`DROP DATABASE IF EXISTS ${DATABASE}`);
  });

  const truncate = () => onMysql(TABLES.map((t) => `TRUNCATE ${DATABASE}.${t}`).join('; '));

  groupStoreContract('contract', () => openMysqlStores(mysqlOptions), truncate, { openAnother: () => openMysqlStores(mysqlOptions), processes: 3, concurrent: true });
  groupConversationsContract('conversations', () => openMysqlStores(mysqlOptions), truncate);
});
