// SqlDb.tx on MySQL: every transaction runs at READ COMMITTED (the group commits' locking relies
// on it), with the level set once per pooled connection instead of a SET before every
// transaction, and set again on a connection the pool opens anew.
import { expect } from 'chai';
import type { DataSource, QueryRunner } from 'typeorm';
import { openMysqlDataSource } from '../../src/storage/sql/data-source.js';
import { SqlDb } from '../../src/storage/sql/sql-db.js';
import { mysqlDatabase } from './fixtures.js';

/** The session's isolation level as the server names it (MariaDB: tx_isolation; MySQL 8: transaction_isolation). */
async function isolation(q: QueryRunner): Promise<string> {
  const rows = await q.query("SHOW SESSION VARIABLES WHERE Variable_name IN ('tx_isolation', 'transaction_isolation')") as Array<{ Value: string }>;
  return rows[0]!.Value;
}

describe('storage/sql: transactions on MySQL', function () {
  this.timeout(30_000);
  const { options } = mysqlDatabase('im_connect_test_tx', []);
  let source: DataSource;
  let db: SqlDb;
  let statements: string[];

  beforeEach(async () => {
    source = await openMysqlDataSource({ ...options, poolSize: 2 });
    db = new SqlDb(source);
    statements = [];
    const createQueryRunner = source.createQueryRunner.bind(source);
    source.createQueryRunner = (...args) => {
      const q = createQueryRunner(...args);
      const query = q.query.bind(q);
      q.query = ((sql: string, ...rest: unknown[]) => {
        statements.push(sql);
        return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof q.query;
      return q;
    };
  });

  afterEach(async () => {
    await db.close();
  });

  it('run at READ COMMITTED, with the level set once per connection', async () => {
    const levels = await Promise.all(Array.from({ length: 6 }, () => db.tx((q) => isolation(q))));
    expect(levels).to.deep.equal(Array(6).fill('READ-COMMITTED'));
    for (let i = 0; i < 4; i++) expect(await db.tx((q) => isolation(q))).to.equal('READ-COMMITTED');
    const sets = statements.filter((sql) => /^SET\b/i.test(sql));
    expect(sets.length, 'one SET per pooled connection (2), none per transaction').to.be.within(1, 2);
    expect(statements.filter((sql) => sql === 'START TRANSACTION')).to.have.length(10);
  });

  it('set the level again on a connection the pool opens after one was lost', async () => {
    expect(await db.tx((q) => isolation(q))).to.equal('READ-COMMITTED');
    // Kill every pooled connection of this database from another session: the pool opens new ones.
    await db.read(async (q) => {
      const rows = await q.query("SELECT id FROM information_schema.PROCESSLIST WHERE db = 'im_connect_test_tx' AND id <> CONNECTION_ID()") as Array<{ id: number | string }>;
      for (const { id } of rows) await q.query(`KILL ${Number(id)}`);
      await q.query('KILL CONNECTION_ID()').catch(() => undefined);
    }).catch(() => undefined);
    let level: string | null = null;
    for (let i = 0; i < 5 && level === null; i++) {
      level = await db.tx((q) => isolation(q)).catch(() => null);
    }
    expect(level).to.equal('READ-COMMITTED');
  });
});
