// The schema is written down three times: the TypeORM entities, the migrations, and
// sql/im_c2c_message.sql for DBAs. These tests hold the three to one another.
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { openMysqlDataSource, openSqliteDataSource } from '../../src/storage/sql/data-source.js';
import { MYSQL, needMysql } from '../support/services.js';

const TABLES = ['im_c2c_message', 'im_conversation', 'im_group', 'im_group_member', 'im_group_message', 'im_outbox', 'im_recall_notice', 'im_user_conversation'];
const MIGRATIONS_TABLE = 'im_schema_migrations';
const MIGRATED = 'im_connect_test_schema_migrated';
const FROM_DDL = 'im_connect_test_schema_ddl';
const RACED = 'im_connect_test_schema_raced';
/** In order: im_group.sql builds on im_c2c_message.sql. */
const DDL_FILES = ['im_c2c_message.sql', 'im_group.sql'].map((f) => new URL(`../../sql/${f}`, import.meta.url));

/** What TypeORM would still change to make the database match the entities. */
async function pendingSchemaChanges(db: DataSource): Promise<string[]> {
  return (await db.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
}

async function withDataSource(open: Promise<DataSource>, use: (db: DataSource) => Promise<void>): Promise<void> {
  const db = await open;
  try {
    await use(db);
  } finally {
    await db.destroy();
  }
}

describe('SQL schema', () => {
  describe('on SQLite', () => {
    it('is what the entities describe, once migrated', async () => {
      await withDataSource(openSqliteDataSource(':memory:'), async (db) => {
        expect(await pendingSchemaChanges(db)).to.deep.equal([]);
      });
    });
  });

  describe('on MySQL', function () {
    let admin: mysql.Connection | undefined;
    const mysqlOptions = (database: string) => ({ ...MYSQL, database, poolSize: 2 });

    const dropAll = () => admin!.query([MIGRATED, FROM_DDL, RACED].map((db) => `DROP DATABASE IF EXISTS ${db}`).join('; '));

    async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const [rows] = await admin!.query(sql, params);
      return rows as T[];
    }

    async function tableNames(database: string): Promise<string[]> {
      const rows = await query<{ name: string }>(
        'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME', [database]);
      return rows.map((r) => r.name);
    }

    /** Everything MySQL knows about a table, in a form that diffs readably. */
    async function describeTable(database: string, table: string) {
      const where = 'WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?';
      const columns = await query(
        'SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME, ' +
        `COLLATION_NAME, COLUMN_COMMENT FROM information_schema.COLUMNS ${where} ORDER BY ORDINAL_POSITION`, [database, table]);
      const indexes = await query(
        'SELECT INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, INDEX_TYPE, SUB_PART ' +
        `FROM information_schema.STATISTICS ${where} ORDER BY INDEX_NAME, SEQ_IN_INDEX`, [database, table]);
      const options = await query(
        `SELECT ENGINE, TABLE_COLLATION, CREATE_OPTIONS, TABLE_COMMENT FROM information_schema.TABLES ${where}`, [database, table]);
      const [create] = await query<Record<string, string>>(`SHOW CREATE TABLE ${database}.${table}`);
      return { columns, indexes, options, create: create!['Create Table']!.replace(/ AUTO_INCREMENT=\d+/, '') };
    }

    before(async function () {
      await needMysql(this);
      admin = await mysql.createConnection({ ...MYSQL, multipleStatements: true });
      await dropAll();
    });

    after(async () => {
      if (admin === undefined) return;
      await dropAll();
      await admin.end();
    });

    it('is built by the migrations exactly as sql/im_c2c_message.sql builds it, column for column', async () => {
      await withDataSource(openMysqlDataSource(mysqlOptions(MIGRATED)), async () => undefined);
      // Another default character set: the DDL must not lean on the database's defaults.
      await admin!.query(`CREATE DATABASE ${FROM_DDL} CHARACTER SET latin1; USE ${FROM_DDL}`);
      for (const file of DDL_FILES) await admin!.query(await readFile(file, 'utf8'));

      expect(await tableNames(FROM_DDL)).to.deep.equal(TABLES);
      expect(await tableNames(MIGRATED)).to.deep.equal([...TABLES, MIGRATIONS_TABLE].sort());
      for (const table of TABLES) {
        expect(await describeTable(MIGRATED, table), table).to.deep.equal(await describeTable(FROM_DDL, table));
      }
    });

    it('is what the entities describe, once migrated', async () => {
      await withDataSource(openMysqlDataSource(mysqlOptions(MIGRATED)), async (db) => {
        expect(await pendingSchemaChanges(db)).to.deep.equal([]);
      });
    });

    it('pools connections with a small prepared-statement cache (mysql2 allocates its whole capacity per connection)', async () => {
      await withDataSource(openMysqlDataSource(mysqlOptions(MIGRATED)), async (db) => {
        const runner = db.createQueryRunner();
        try {
          const connection = (await runner.connect()) as { config: { maxPreparedStatements: number } };
          expect(connection.config.maxPreparedStatements).to.equal(64);
        } finally {
          await runner.release();
        }
      });
    });

    it('is migrated once when several gateways start together', async () => {
      const opened = await Promise.all([1, 2, 3].map(() => openMysqlDataSource(mysqlOptions(RACED))));
      await Promise.all(opened.map((db) => db.destroy()));
      const runs = await query<{ name: string; n: number }>(
        `SELECT name, COUNT(*) AS n FROM ${RACED}.${MIGRATIONS_TABLE} GROUP BY name ORDER BY name`);
      // Every migration, each applied exactly once.
      expect(runs.map((r) => [r.name, Number(r.n)])).to.deep.equal([
        ['Conversations1767312000000', 1], ['CreateMessageTables1767225600000', 1], ['Groups1767484800000', 1], ['OutboxBodyMediumtext1767398400000', 1],
      ]);
    });
  });
});
