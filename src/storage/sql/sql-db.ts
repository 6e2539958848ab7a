// What every SQL store shares: one way to run work on SQLite or MySQL, and the dialect object
// that holds every difference between the two, so that no store branches on the database.
//
// Raw SQL through TypeORM query runners rather than repositories: the hot paths (multi-row
// INSERT IGNORE, FOR UPDATE SKIP LOCKED, upserts) are not expressible in the query builder, and
// 64-bit ids must never pass through a JS number. Ids go in as BigInt parameters (better-sqlite3
// binds them as INTEGER, mysql2 inlines them as integer literals, so MySQL never compares a
// BIGINT with a string, which it would do as doubles) and come out through CAST(... AS CHAR).
import type { DataSource, QueryResult, QueryRunner } from 'typeorm';
import { MAX_INT64, MAX_UINT64, parseId, type Id } from '../../ids/id.js';
import { GroupCommit, type GroupCommitOptions } from '../group-commit.js';

/** Rows (or ids) per statement: far below SQLite's 32,766 bound parameters and max_allowed_packet. */
export const CHUNK = 500;
/** Tagged SELECTs per UNION ALL: SQLite allows at most 500. */
export const UNION_CHUNK = 200;
/**
 * Concurrent reads of one kind share a statement (see SqlDb.batched), one IN list: a read waits
 * for nothing when none of its kind started in the last 5 ms, else until 5 ms after the last one
 * started. A login wave's reads reach the pool a millisecond or two apart, each finding the last
 * one done: without the spacing nearly every one went alone, and a statement costs the gateway
 * ~170 µs of CPU whatever its IN list holds (loopback write, driver, runner).
 */
const READ_BATCH: GroupCommitOptions = { maxBatch: CHUNK, maxWaitMs: 1, maxInFlight: 4, spacingMs: 5 };
/**
 * Runs of a MySQL transaction (or write) that lost a lock conflict (the first included). Each run
 * starts from scratch on a rolled-back transaction, so what it reads and numbers is read again.
 */
const TX_ATTEMPTS = 4;
/** Lock conflicts InnoDB reports: a deadlock it broke, or a wait that outlasted innodb_lock_wait_timeout. */
const RETRIED_ERRNOS: ReadonlySet<unknown> = new Set([1213 /* ER_LOCK_DEADLOCK */, 1205 /* ER_LOCK_WAIT_TIMEOUT */]);
/** Up to this many ms before a rerun, times the attempt: the winner of the conflict commits first. */
const RETRY_JITTER_MS = 20;

export type Work<T> = (q: QueryRunner) => Promise<T>;

/** Every SQL spelling that differs between MySQL/MariaDB and SQLite. */
export interface Dialect {
  readonly name: 'mysql' | 'sqlite';
  /** `INSERT IGNORE` / `INSERT OR IGNORE`. */
  readonly insertIgnore: string;
  /** Appended to a locking read. SQLite has one writer and we are its only user: no row locks. */
  readonly forUpdate: string;
  readonly forUpdateSkipLocked: string;
  /**
   * Appended to an INSERT: on a duplicate of `key`, run `set` (assignments where `new(col)` is
   * the value the INSERT carried). On MySQL the duplicate row is locked exclusively.
   */
  upsert(key: string[], set: (newValue: (column: string) => string) => string): string;
  /** The larger of two expressions. */
  greatest(a: string, b: string): string;
  /** A user id as stored (see storedUser in entities.ts). */
  storedUser(id: bigint): bigint;
  /** ORDER BY terms that sort a user id column as unsigned integers. */
  unsignedOrder(column: string): string;
  /** A condition "column > the user id bound by `params`", unsigned. */
  unsignedAbove(column: string): { sql: string; params(id: bigint): unknown[] };
}

const MYSQL: Dialect = {
  name: 'mysql',
  insertIgnore: 'INSERT IGNORE',
  forUpdate: ' FOR UPDATE',
  forUpdateSkipLocked: ' FOR UPDATE SKIP LOCKED',
  upsert: (_key, set) => ` ON DUPLICATE KEY UPDATE ${set((c) => `VALUES(${c})`)}`,
  greatest: (a, b) => `GREATEST(${a}, ${b})`,
  storedUser: (id) => id,
  unsignedOrder: (column) => column,
  unsignedAbove: (column) => ({ sql: `${column} > ?`, params: (id) => [id] }),
};

const SQLITE: Dialect = {
  name: 'sqlite',
  insertIgnore: 'INSERT OR IGNORE',
  forUpdate: '',
  forUpdateSkipLocked: '',
  upsert: (key, set) => ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set((c) => `excluded.${c}`)}`,
  greatest: (a, b) => `MAX(${a}, ${b})`,
  // SQLite's INTEGER is signed 64-bit: a user id above 2^63-1 is stored as its two's-complement
  // value (the identity below that), so ids from 2^63 up sort below 0: ordered by the sign first,
  // they sort as unsigned again. unsignedText() undoes it on the way out.
  storedUser: (id) => BigInt.asIntN(64, id),
  unsignedOrder: (column) => `${column} < 0, ${column}`,
  unsignedAbove: (column) => ({ sql: `(${column} < 0, ${column}) > (? < 0, ?)`, params: (id) => [BigInt.asIntN(64, id), BigInt.asIntN(64, id)] }),
};

/** One database, shared by the stores over it. */
export class SqlDb {
  readonly dialect: Dialect;
  /** SQLite's driver shares one connection (one query runner): its users must take turns. */
  private readonly turns = new Turns();

  /**
   * `writesOutbox: false` when nothing publishes the outbox (`mq.kind: off`): the stores then
   * write no event rows (the relay's claims and deletes were half of an embedded gateway's commits).
   */
  constructor(private readonly db: DataSource, readonly writesOutbox = true) {
    this.dialect = db.options.type === 'mysql' ? MYSQL : SQLITE;
  }

  /** A user id parameter, checked and in its stored form. */
  userId(id: Id, what: string): bigint {
    return this.dialect.storedUser(parseId(id, MAX_UINT64, what));
  }

  async read<T>(work: Work<T>): Promise<T> {
    if (this.dialect.name === 'sqlite') return this.turns.take(() => this.run(work));
    return this.run(work);
  }

  /**
   * One read per key, for callers that each ask about one key: the keys asked in the same turn
   * (and while such a read is in flight) are read together, `readMany` answering one result per
   * key, in order. A login wave asks the same few questions of thousands of users at once, and a
   * statement per user would cost a round trip per user.
   */
  batched<K, R>(readMany: (q: QueryRunner, keys: K[]) => Promise<R[]>): (key: K) => Promise<R> {
    const batch = new GroupCommit<K, R>((keys) => this.read((q) => readMany(q, keys)), READ_BATCH);
    return (key) => batch.submit(key);
  }

  async tx<T>(work: Work<T>): Promise<T> {
    if (this.dialect.name === 'sqlite') return this.turns.take(() => this.run((q) => transaction(q, work)));
    // READ COMMITTED: no gap locks, so claims and status changes never block inserts of new rows.
    // InnoDB can deadlock on any multi-row write however the locks are ordered; a deadlock rolls
    // the whole transaction back, and transaction() rolls back a timed-out one (a lock wait
    // timeout rolls back only its statement), so `work` runs again from nothing.
    return this.retryingConflicts(async (q) => {
      await readCommitted(q);
      return transaction(q, work);
    });
  }

  /**
   * Writes that need no transaction: each statement commits on its own (autocommit), at READ
   * COMMITTED as in tx(), and `work` runs again when one lost a lock conflict, so it must be
   * safe to repeat. Two round trips fewer than a transaction of one statement.
   */
  async write<T>(work: Work<T>): Promise<T> {
    if (this.dialect.name === 'sqlite') return this.turns.take(() => this.run(work));
    return this.retryingConflicts(async (q) => {
      await readCommitted(q);
      return work(q);
    });
  }

  private async retryingConflicts<T>(work: Work<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(work);
      } catch (err) {
        if (attempt >= TX_ATTEMPTS || !isLockConflict(err)) throw err;
        await sleep(Math.random() * RETRY_JITTER_MS * attempt);
      }
    }
  }

  async close(): Promise<void> {
    // Queued SQLite work finishes first.
    await this.turns.take(async () => {
      if (this.db.isInitialized) await this.db.destroy();
    });
  }

  private run<T>(work: Work<T>): Promise<T> {
    if (!this.db.isInitialized) return Promise.reject(new Error('message store is closed'));
    const q = this.db.createQueryRunner();
    return work(q).finally(() => q.release());
  }
}

/** Pooled MySQL connections (the driver's objects, reused across runners) whose session is READ COMMITTED. */
const readCommittedSessions = new WeakSet<object>();

/**
 * Makes the runner's connection READ COMMITTED for the session, once per connection: a level
 * given per transaction is a SET statement before every START TRANSACTION, a round trip per
 * transaction (a tenth of a send batch's statements). A connection the pool opens again is a new
 * object, and is set again.
 */
async function readCommitted(q: QueryRunner): Promise<void> {
  const connection = await q.connect() as object;
  if (readCommittedSessions.has(connection)) return;
  await q.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
  readCommittedSessions.add(connection);
}

async function transaction<T>(q: QueryRunner, work: Work<T>): Promise<T> {
  await q.startTransaction();
  try {
    const result = await work(q);
    await q.commitTransaction();
    return result;
  } catch (err) {
    // Report the original error. A rollback that fails too means a broken connection, and the
    // server rolls back what a broken connection left open.
    if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
    throw err;
  }
}

/** TypeORM copies the driver's errno onto its QueryFailedError. */
function isLockConflict(err: unknown): boolean {
  return typeof err === 'object' && err !== null && RETRIED_ERRNOS.has((err as { errno?: unknown }).errno);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs tasks one at a time, in call order. */
class Turns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(task);
    this.last = result.catch(() => undefined);
    return result;
  }
}

export async function select<T>(q: QueryRunner, sql: string, params: unknown[]): Promise<T[]> {
  return ((await q.query(sql, params, true)) as QueryResult<T>).records;
}

export async function execute(q: QueryRunner, sql: string, params: unknown[]): Promise<number> {
  return ((await q.query(sql, params, true)) as QueryResult).affected ?? 0;
}

/** A stored user id as text, back to unsigned (see Dialect.storedUser). */
export function unsignedText(value: string): Id {
  return value.startsWith('-') ? BigInt.asUintN(64, BigInt(value)).toString() : value;
}

/** msg ids and row ids: signed BIGINT on both databases. */
export function signedId(id: Id, what: string): bigint {
  return parseId(id, MAX_INT64, what);
}

/**
 * A sequence number from a client (any uint64), as a parameter. Stored seqs never come near
 * 2^63, so larger values are clamped there: SQLite binds no BigInt above it.
 */
export function seqParam(seq: string, what: string): bigint {
  const value = parseId(seq, MAX_UINT64, what);
  return value > MAX_INT64 ? MAX_INT64 : value;
}

export function count(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/** For a batched read: each key's rows, in the order of `keys` (a key without rows gets []). */
export function rowsByKey<R, V>(keys: readonly bigint[], rows: readonly R[], keyOf: (row: R) => string, value: (row: R) => V): V[][] {
  const byKey = new Map<string, V[]>(keys.map((k) => [k.toString(), []]));
  for (const row of rows) byKey.get(keyOf(row))!.push(value(row));
  return keys.map((k) => byKey.get(k.toString())!);
}

export function marks(n: number): string {
  return Array<string>(n).fill('?').join(', ');
}

export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
