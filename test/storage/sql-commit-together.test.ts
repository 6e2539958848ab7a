// SQLite: the transactions started in one turn of the event loop (a batch of sends, one of acks,
// the outbox relay's claim) commit as one, each in a savepoint of its own. A COMMIT writes every
// page the transaction touched, and those batches touch the same pages.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource, QueryRunner } from 'typeorm';
import { openSqliteDataSource } from '../../src/storage/sql/data-source.js';
import { SqlDb } from '../../src/storage/sql/sql-db.js';

interface Connection {
  prepare(sql: string): { all(): unknown[] };
  close(): void;
}
// The driver TypeORM uses, opened directly: its reads are synchronous (no commit can slip in).
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, options: { readonly: boolean }) => Connection;

describe('storage/sql: SQLite transactions of one turn commit together', () => {
  let dir: string;
  let source: DataSource;
  let db: SqlDb;
  let commits: number;
  /** A second connection to the same file: it sees only what was committed. */
  let other: Connection;

  const insert = (k: number) => (q: QueryRunner) => q.query('INSERT INTO t (k) VALUES (?)', [k]).then(() => k);
  const committed = () => (other.prepare('SELECT k FROM t ORDER BY k').all() as Array<{ k: number }>).map((r) => r.k);

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'im-commit-together-'));
    const file = path.join(dir, 'im.sqlite');
    source = await openSqliteDataSource(file);
    await source.query('CREATE TABLE t (k INTEGER PRIMARY KEY)');
    db = new SqlDb(source);
    other = new Database(file, { readonly: true });
    commits = 0;
    // SQLite's driver hands out one query runner again and again: wrap each runner once.
    const wrapped = new WeakSet<object>();
    const createQueryRunner = source.createQueryRunner.bind(source);
    source.createQueryRunner = (...args) => {
      const q = createQueryRunner(...args);
      if (wrapped.has(q)) return q;
      wrapped.add(q);
      const query = q.query.bind(q);
      q.query = ((sql: string, ...rest: unknown[]) => {
        if (/^\s*COMMIT/i.test(sql)) commits += 1;
        return (query as (...a: unknown[]) => Promise<unknown>)(sql, ...rest);
      }) as typeof q.query;
      return q;
    };
  });

  afterEach(async () => {
    other.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the transactions started in one turn once, and answers each caller with its own result', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((k) => db.tx(insert(k))));
    expect(results).to.deep.equal([1, 2, 3, 4, 5]);
    expect(commits).to.equal(1);
    expect(committed()).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it('answers the callers of a turn once all of its writes are committed', async () => {
    const seen: number[][] = [];
    await Promise.all([1, 2].map((k) => db.tx(insert(k)).then(() => seen.push(committed()))));
    expect(seen).to.deep.equal([[1, 2], [1, 2]]);
  });

  it('undoes a transaction that fails alone; the others of its turn commit', async () => {
    const boom = new Error('refused');
    const answers = await Promise.allSettled([
      db.tx(insert(1)),
      db.tx(async (q) => { await insert(2)(q); throw boom; }),
      db.tx(insert(3)),
    ]);
    expect(answers.map((a) => a.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason).to.equal(boom);
    expect(committed()).to.deep.equal([1, 3]);
    expect(commits).to.equal(1);
  });

  it('fails the callers that ran before a failure that ended the whole transaction, and runs the rest in a new one', async () => {
    // SQLite ends the transaction itself on some errors (a full disk, an I/O error): here the work does.
    const answers = await Promise.allSettled([
      db.tx(insert(1)),
      db.tx(async (q) => { await q.query('ROLLBACK'); throw new Error('transaction ended'); }),
      db.tx(insert(3)),
    ]);
    expect(answers.map((a) => a.status)).to.deep.equal(['rejected', 'rejected', 'fulfilled']);
    expect(committed()).to.deep.equal([3]);
  });

  it('leaves no transaction open after a turn whose transactions all failed', async () => {
    const answer = await db.tx(async (q) => { await insert(1)(q); throw new Error('refused'); }).catch((err: Error) => err.message);
    expect(answer).to.equal('refused');
    expect((source.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection.inTransaction).to.equal(false);
    expect(committed()).to.deep.equal([]);
  });

  it('commits a transaction started after a turn in a transaction of its own', async () => {
    await db.tx(insert(1));
    await db.tx(insert(2));
    expect(commits).to.equal(2);
    expect(committed()).to.deep.equal([1, 2]);
  });
});
