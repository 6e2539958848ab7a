// The MessageStore on SQLite (embedded) or MySQL/MariaDB (production), one class for both.
//
// Raw SQL through TypeORM query runners rather than repositories: the hot paths (multi-row
// INSERT IGNORE, FOR UPDATE SKIP LOCKED) are not expressible in the query builder, and 64-bit
// ids must never pass through a JS number. Ids go in as BigInt parameters (better-sqlite3 binds
// them as INTEGER, mysql2 inlines them as integer literals, so MySQL never compares a BIGINT
// with a string, which it would do as doubles) and come out through CAST(... AS CHAR).
import type { DataSource, QueryResult, QueryRunner } from 'typeorm';
import type { Id } from '../../protocol/messages.js';
import {
  MsgStatus,
  type InsertResult,
  type MessageStore,
  type NewMessage,
  type OutboxEntry,
  type RecallNotice,
  type RecallResult,
  type StoredMessage,
} from '../message-store.js';
import type { MessageRow, SqlDialect } from './entities.js';

const MAX_SIGNED = (1n << 63n) - 1n;
const MAX_UNSIGNED = (1n << 64n) - 1n;
/** Rows (or ids) per statement: far below SQLite's 32,766 bound parameters and max_allowed_packet. */
const CHUNK = 500;
/** Tagged SELECTs per UNION ALL: SQLite allows at most 500. */
const UNION_CHUNK = 200;
const MAX_CLIENT_MSG_ID = 64;
/** TEXT holds 65,535 bytes; INSERT IGNORE would silently truncate anything longer. */
const MAX_CONTENT_BYTES = 65_535;
/** InnoDB rolled a deadlocked transaction back whole, so running it again is safe. */
const DEADLOCK_ATTEMPTS = 3;
const ER_LOCK_DEADLOCK = 1213;

/**
 * Beware: in ORDER BY these aliases shadow the columns and would sort ids as text (and, on
 * MariaDB, turn an index scan into a filesort). Qualify ORDER BY columns with the table name.
 */
const MESSAGE_COLUMNS =
  'CAST(msg_id AS CHAR) AS msg_id, client_msg_id, CAST(from_user_id AS CHAR) AS from_user_id, ' +
  'CAST(to_user_id AS CHAR) AS to_user_id, chat_id, msg_content, msg_format, msg_status, create_time, update_time';

/** A selected im_c2c_message row. BIGINT times arrive as strings from mysql2 (bigNumberStrings). */
type MessageRecord = Omit<MessageRow, 'id' | 'create_time' | 'update_time'> & {
  create_time: number | string;
  update_time: number | string;
};

interface OutboxRecord {
  id: string;
  tag: OutboxEntry['tag'];
  msg_id: string;
  body: string;
  attempts: number;
}

interface RecallNoticeRecord {
  msg_id: string;
  from_user_id: string;
  to_user_id: string;
  recall_time: number | string;
}

interface OutboxEvent {
  msgId: bigint;
  tag: OutboxEntry['tag'];
  body: string;
  time: number;
}

type Work<T> = (q: QueryRunner) => Promise<T>;
type IsolationLevel = Parameters<QueryRunner['startTransaction']>[0];

interface NewRow {
  message: StoredMessage;
  params: unknown[];
  /** (from_user_id, client_msg_id), the dedup key. */
  key: [bigint, string];
}

export class SqlMessageStore implements MessageStore {
  private readonly dialect: SqlDialect;
  /** SQLite's driver shares one connection (one query runner): its users must take turns. */
  private readonly turns = new Turns();

  constructor(private readonly db: DataSource) {
    this.dialect = db.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  async insertBatch(messages: NewMessage[], outboxBody: (m: StoredMessage) => string): Promise<InsertResult[]> {
    if (messages.length === 0) return [];
    const rows = messages.map((m) => this.newRow(m));
    // One lock order for every batch (InnoDB locks unique-index entries row by row): two batches
    // sharing several client ids then wait for each other instead of deadlocking. Stable, so the
    // first of two rows with the same key is still the one inserted.
    const ordered = [...rows].sort((a, b) => compareKeys(a.key, b.key));
    return this.tx(async (q) => {
      let inserted = 0;
      for (const chunk of chunks(ordered, CHUNK)) {
        const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        inserted += await execute(q,
          `${this.dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO im_c2c_message (msg_id, client_msg_id, ` +
          `from_user_id, to_user_id, chat_id, msg_content, msg_format, msg_status, create_time, update_time) VALUES ${values}`,
          chunk.flatMap((row) => row.params));
      }
      const results: InsertResult[] = inserted === rows.length
        ? rows.map((row) => ({ inserted: true, message: row.message }))
        : await this.resolveDuplicates(q, rows);
      await this.writeOutbox(q, results.filter((r) => r.inserted).map(({ message }) => ({
        msgId: BigInt(message.msgId), tag: 'C2C_MSG', body: outboxBody(message), time: message.createTime,
      })));
      return results;
    });
  }

  async findById(msgId: Id): Promise<StoredMessage | null> {
    const id = signedId(msgId, 'msgId');
    return this.withRunner(async (q) => {
      const [row] = await select<MessageRecord>(q, `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE msg_id = ?`, [id]);
      return row === undefined ? null : decodeMessage(row);
    });
  }

  async findPending(msgIds: Id[]): Promise<StoredMessage[]> {
    const ids = msgIds.map((id) => signedId(id, 'msgId'));
    return this.withRunner(async (q) => {
      const found: StoredMessage[] = [];
      for (const chunk of chunks(ids, CHUNK)) {
        const rows = await select<MessageRecord>(q,
          `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE msg_id IN (${marks(chunk.length)}) AND msg_status = ?`,
          [...chunk, MsgStatus.PENDING]);
        found.push(...rows.map(decodeMessage));
      }
      return found;
    });
  }

  async listPending(toUserId: Id, afterMsgId: Id, limit: number, notBefore: number): Promise<StoredMessage[]> {
    const params = [this.userId(toUserId, 'toUserId'), MsgStatus.PENDING, notBefore, signedId(afterMsgId, 'afterMsgId'), count(limit)];
    return this.withRunner(async (q) => (await select<MessageRecord>(q,
      `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE to_user_id = ? AND msg_status = ? AND create_time >= ? ` +
      'AND msg_id > ? ORDER BY im_c2c_message.msg_id LIMIT ?', params)).map(decodeMessage));
  }

  async markDelivered(toUserId: Id, msgIds: Id[]): Promise<Id[]> {
    return (await this.markDeliveredMany([{ toUserId, msgIds }]))[0]!;
  }

  async markDeliveredMany(acks: Array<{ toUserId: Id; msgIds: Id[] }>): Promise<Id[][]> {
    const wanted = acks.map(({ toUserId, msgIds }) => ({
      to: this.userId(toUserId, 'toUserId').toString(),
      ids: msgIds.map((id) => signedId(id, 'msgId')),
    }));
    const all = [...new Set(wanted.flatMap((w) => w.ids))];
    if (all.length === 0) return acks.map(() => []);
    return this.tx(async (q) => {
      // One locking read and one update for the whole batch, whatever the number of receivers.
      const receiverOf = new Map<string, string>();
      for (const chunk of chunks(all, CHUNK)) {
        const rows = await select<{ msg_id: string; to_user_id: string }>(q,
          `SELECT CAST(msg_id AS CHAR) AS msg_id, CAST(to_user_id AS CHAR) AS to_user_id FROM im_c2c_message ` +
          `WHERE msg_id IN (${marks(chunk.length)}) AND msg_status = ?${this.lockForUpdate()}`, [...chunk, MsgStatus.PENDING]);
        for (const row of rows) receiverOf.set(row.msg_id, row.to_user_id);
      }
      const changed = wanted.map(({ to, ids }) => [...new Set(ids.map(String))].filter((id) => receiverOf.get(id) === to));
      const now = Date.now();
      for (const chunk of chunks(changed.flat(), CHUNK)) {
        await execute(q, `UPDATE im_c2c_message SET msg_status = ?, update_time = ? WHERE msg_id IN (${marks(chunk.length)})`,
          [MsgStatus.DELIVERED, now, ...chunk.map((id) => BigInt(id))]);
      }
      return changed;
    });
  }

  async markDropped(toUserId: Id, msgIds: Id[]): Promise<Id[]> {
    return this.settle(toUserId, msgIds, MsgStatus.DROPPED);
  }

  async dropExpired(toUserId: Id, olderThan: number): Promise<Id[]> {
    const to = this.userId(toUserId, 'toUserId');
    return this.tx((q) => this.leavePending(q, MsgStatus.DROPPED, 'to_user_id = ? AND create_time < ?', [to, olderThan]));
  }

  async recall(msgId: Id, recallTime: number, outboxBody: (m: StoredMessage, recallTime: number) => string): Promise<RecallResult | null> {
    const id = signedId(msgId, 'msgId');
    return this.tx(async (q) => {
      const [row] = await select<MessageRecord>(q,
        `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE msg_id = ?${this.lockForUpdate()}`, [id]);
      if (row === undefined) return null;
      const message = decodeMessage(row);
      // RECALLED is final, so update_time is still the time of the first recall.
      if (message.status === MsgStatus.RECALLED) return { kind: 'already', message, recallTime: Number(row.update_time) };
      if (message.status === MsgStatus.DROPPED) return null;
      const recalled: StoredMessage = { ...message, status: MsgStatus.RECALLED };
      await execute(q, 'UPDATE im_c2c_message SET msg_status = ?, update_time = ? WHERE msg_id = ?', [MsgStatus.RECALLED, recallTime, id]);
      await this.writeOutbox(q, [{ msgId: id, tag: 'C2C_RECALL', body: outboxBody(recalled, recallTime), time: recallTime }]);
      const to = this.userId(message.toUserId, 'toUserId');
      await execute(q,
        'INSERT INTO im_recall_notice (user_id, msg_id, from_user_id, to_user_id, recall_time) VALUES (?, ?, ?, ?, ?)',
        [to, id, this.userId(message.fromUserId, 'fromUserId'), to, recallTime]);
      return { kind: 'recalled', message: recalled, recallTime };
    });
  }

  async listRecallNotices(userId: Id): Promise<RecallNotice[]> {
    const user = this.userId(userId, 'userId');
    return this.withRunner(async (q) => (await select<RecallNoticeRecord>(q,
      'SELECT CAST(msg_id AS CHAR) AS msg_id, CAST(from_user_id AS CHAR) AS from_user_id, ' +
      'CAST(to_user_id AS CHAR) AS to_user_id, recall_time FROM im_recall_notice WHERE user_id = ? ORDER BY recall_time, id',
      [user])).map((row) => ({
      msgId: row.msg_id, fromUserId: unsignedText(row.from_user_id), toUserId: unsignedText(row.to_user_id),
      recallTime: Number(row.recall_time),
    })));
  }

  async deleteRecallNotices(userId: Id, msgIds: Id[]): Promise<void> {
    const user = this.userId(userId, 'userId');
    const ids = msgIds.map((id) => signedId(id, 'msgId'));
    return this.withRunner(async (q) => {
      for (const chunk of chunks(ids, CHUNK)) {
        await execute(q, `DELETE FROM im_recall_notice WHERE user_id = ? AND msg_id IN (${marks(chunk.length)})`, [user, ...chunk]);
      }
    });
  }

  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const params = [now, count(limit)];
    return this.tx(async (q) => {
      // Ids first, from the index alone: a query that also reads the bodies gets a filesort on
      // MariaDB, and a locking read before a filesort locks every due row, not just `limit`.
      // Rows another process holds are skipped, not waited for: they are leased to it.
      const claimed = (await select<{ id: string }>(q,
        `SELECT CAST(id AS CHAR) AS id FROM im_outbox WHERE due_time <= ? ORDER BY im_outbox.due_time, im_outbox.id LIMIT ?${
          this.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : ''}`, params)).map((row) => BigInt(row.id));
      if (claimed.length === 0) return [];
      const rows = await select<OutboxRecord>(q,
        `SELECT CAST(id AS CHAR) AS id, tag, CAST(msg_id AS CHAR) AS msg_id, body, attempts FROM im_outbox WHERE id IN (${
          marks(claimed.length)})`, claimed);
      await execute(q, `UPDATE im_outbox SET due_time = ? WHERE id IN (${marks(claimed.length)})`, [now + leaseMs, ...claimed]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return claimed.map((id) => {
        const row = byId.get(id.toString())!;
        return { id: row.id, tag: row.tag, msgId: row.msg_id, body: row.body, attempts: Number(row.attempts) };
      });
    });
  }

  async completeOutbox(ids: Id[]): Promise<void> {
    const rowIds = ids.map((id) => signedId(id, 'outbox id'));
    return this.withRunner(async (q) => {
      for (const chunk of chunks(rowIds, CHUNK)) await execute(q, `DELETE FROM im_outbox WHERE id IN (${marks(chunk.length)})`, chunk);
    });
  }

  async failOutbox(id: Id, dueAt: number): Promise<void> {
    const rowId = signedId(id, 'outbox id');
    return this.withRunner(async (q) => {
      await execute(q, 'UPDATE im_outbox SET attempts = attempts + 1, due_time = ? WHERE id = ?', [dueAt, rowId]);
    });
  }

  async outboxBacklog(): Promise<number> {
    return this.withRunner(async (q) => {
      const [row] = await select<{ n: number | string }>(q, 'SELECT COUNT(*) AS n FROM im_outbox', []);
      return Number(row!.n);
    });
  }

  async pendingCount(): Promise<number> {
    return this.withRunner(async (q) => {
      const [row] = await select<{ n: number | string }>(q, 'SELECT COUNT(*) AS n FROM im_c2c_message WHERE msg_status = ?', [MsgStatus.PENDING]);
      return Number(row!.n);
    });
  }

  async ping(): Promise<void> {
    await this.withRunner((q) => q.query('SELECT 1'));
  }

  async close(): Promise<void> {
    // Queued SQLite work finishes first.
    await this.turns.take(async () => {
      if (this.db.isInitialized) await this.db.destroy();
    });
  }

  /** Validates one message (oversized text must fail loudly, not be truncated by INSERT IGNORE). */
  private newRow(m: NewMessage): NewRow {
    const from = parseId(m.fromUserId, MAX_UNSIGNED, 'fromUserId');
    const to = parseId(m.toUserId, MAX_UNSIGNED, 'toUserId');
    // VARCHAR(64) counts characters (code points), as the gateway's validation does.
    if (m.clientMsgId.length === 0 || [...m.clientMsgId].length > MAX_CLIENT_MSG_ID) {
      throw new RangeError(`clientMsgId must be 1-${MAX_CLIENT_MSG_ID} characters`);
    }
    if (Buffer.byteLength(m.content, 'utf8') > MAX_CONTENT_BYTES) {
      throw new RangeError(`content of message ${m.msgId} exceeds ${MAX_CONTENT_BYTES} UTF-8 bytes`);
    }
    const message: StoredMessage = {
      msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
      content: m.content, format: m.format, createTime: m.createTime,
      chatId: from < to ? `${from}_${to}` : `${to}_${from}`, status: MsgStatus.PENDING,
    };
    const params = [signedId(m.msgId, 'msgId'), m.clientMsgId, this.storedUser(from), this.storedUser(to), message.chatId,
      m.content, m.format, MsgStatus.PENDING, m.createTime, m.createTime];
    return { message, params, key: [from, m.clientMsgId] };
  }

  /**
   * Some rows were ignored as duplicates: read back, for every input, the row that holds its
   * (from_user_id, client_msg_id). Each SELECT is tagged with its input index, so the database's
   * own collation decides what matches. Ours if the msg_id is ours (msg ids are fresh per call).
   */
  private async resolveDuplicates(q: QueryRunner, rows: NewRow[]): Promise<InsertResult[]> {
    const found = new Map<number, StoredMessage>();
    const indexes = rows.map((_, i) => i);
    for (const chunk of chunks(indexes, UNION_CHUNK)) {
      const sql = chunk.map(() =>
        `SELECT ? AS k, ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE from_user_id = ? AND client_msg_id = ?`).join(' UNION ALL ');
      const params = chunk.flatMap((i) => [i, this.storedUser(rows[i]!.key[0]), rows[i]!.key[1]]);
      for (const row of await select<MessageRecord & { k: number | string }>(q, sql, params)) found.set(Number(row.k), decodeMessage(row));
    }
    return rows.map(({ message }, i) => {
      const stored = found.get(i);
      // Ignored, yet no row holds its key: the msg_id was taken by another message.
      if (stored === undefined) throw new Error(`message ${message.msgId} was not stored: msg_id already in use`);
      return { inserted: stored.msgId === message.msgId, message: stored };
    });
  }

  private async writeOutbox(q: QueryRunner, events: OutboxEvent[]): Promise<void> {
    for (const chunk of chunks(events, CHUNK)) {
      await execute(q,
        `INSERT INTO im_outbox (msg_id, tag, body, attempts, due_time, create_time) VALUES ${chunk.map(() => '(?, ?, ?, 0, ?, ?)').join(', ')}`,
        chunk.flatMap((e) => [e.msgId, e.tag, e.body, e.time, e.time]));
    }
  }

  private settle(toUserId: Id, msgIds: Id[], next: MsgStatus): Promise<Id[]> {
    const to = this.userId(toUserId, 'toUserId');
    const ids = msgIds.map((id) => signedId(id, 'msgId'));
    if (ids.length === 0) return Promise.resolve([]);
    return this.tx(async (q) => {
      const changed: Id[] = [];
      for (const chunk of chunks(ids, CHUNK)) {
        changed.push(...await this.leavePending(q, next, `to_user_id = ? AND msg_id IN (${marks(chunk.length)})`, [to, ...chunk]));
      }
      return changed;
    });
  }

  /** PENDING rows matching `where` become `next`; returns their msg ids. */
  private async leavePending(q: QueryRunner, next: MsgStatus, where: string, params: unknown[]): Promise<Id[]> {
    const rows = await select<{ msg_id: string }>(q,
      `SELECT CAST(msg_id AS CHAR) AS msg_id FROM im_c2c_message WHERE ${where} AND msg_status = ?${this.lockForUpdate()}`,
      [...params, MsgStatus.PENDING]);
    const ids = rows.map((row) => row.msg_id);
    const now = Date.now();
    for (const chunk of chunks(ids, CHUNK)) {
      await execute(q, `UPDATE im_c2c_message SET msg_status = ?, update_time = ? WHERE msg_id IN (${marks(chunk.length)})`,
        [next, now, ...chunk.map((id) => BigInt(id))]);
    }
    return ids;
  }

  /** SQLite has one writer and we are its only user: its transactions need no row locks. */
  private lockForUpdate(): string {
    return this.dialect === 'mysql' ? ' FOR UPDATE' : '';
  }

  private userId(id: Id, what: string): bigint {
    return this.storedUser(parseId(id, MAX_UNSIGNED, what));
  }

  /**
   * SQLite's INTEGER is signed 64-bit: a user id above 2^63-1 is stored as its two's-complement
   * value (the identity below that). User ids are only ever compared for equality, never ordered,
   * so this is exact; unsignedText() undoes it on the way out.
   */
  private storedUser(id: bigint): bigint {
    return this.dialect === 'sqlite' ? BigInt.asIntN(64, id) : id;
  }

  private async withRunner<T>(work: Work<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.turns.take(() => this.run(work));
    return this.run(work);
  }

  private run<T>(work: Work<T>): Promise<T> {
    if (!this.db.isInitialized) return Promise.reject(new Error('message store is closed'));
    const q = this.db.createQueryRunner();
    return work(q).finally(() => q.release());
  }

  private async tx<T>(work: Work<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.turns.take(() => this.run((q) => transaction(q, work)));
    // READ COMMITTED: no gap locks, so claims and status changes never block inserts of new rows.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run((q) => transaction(q, work, 'READ COMMITTED'));
      } catch (err) {
        if (attempt >= DEADLOCK_ATTEMPTS || (err as { errno?: unknown }).errno !== ER_LOCK_DEADLOCK) throw err;
      }
    }
  }
}

async function transaction<T>(q: QueryRunner, work: Work<T>, isolation?: IsolationLevel): Promise<T> {
  await q.startTransaction(isolation);
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

/** Runs tasks one at a time, in call order. */
class Turns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.then(task);
    this.last = result.catch(() => undefined);
    return result;
  }
}

async function select<T>(q: QueryRunner, sql: string, params: unknown[]): Promise<T[]> {
  return ((await q.query(sql, params, true)) as QueryResult<T>).records;
}

async function execute(q: QueryRunner, sql: string, params: unknown[]): Promise<number> {
  return ((await q.query(sql, params, true)) as QueryResult).affected ?? 0;
}

function decodeMessage(row: MessageRecord): StoredMessage {
  return {
    msgId: row.msg_id, clientMsgId: row.client_msg_id,
    fromUserId: unsignedText(row.from_user_id), toUserId: unsignedText(row.to_user_id),
    content: row.msg_content, format: Number(row.msg_format), createTime: Number(row.create_time),
    chatId: row.chat_id, status: Number(row.msg_status) as MsgStatus,
  };
}

/** A stored user id as text, back to unsigned (see storedUser). */
function unsignedText(value: string): Id {
  return value.startsWith('-') ? BigInt.asUintN(64, BigInt(value)).toString() : value;
}

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/** Canonical decimal strings only: '007' or '1e3' would be another id in a string-keyed cache. */
function parseId(id: Id, max: bigint, what: string): bigint {
  const value = DECIMAL.test(id) ? BigInt(id) : -1n;
  if (value < 0n || value > max) throw new RangeError(`${what} must be a decimal integer in [0, ${max}], got ${JSON.stringify(id)}`);
  return value;
}

/** msg ids and row ids: signed BIGINT on both databases. */
function signedId(id: Id, what: string): bigint {
  return parseId(id, MAX_SIGNED, what);
}

function count(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  return limit;
}

function compareKeys([fromA, clientA]: [bigint, string], [fromB, clientB]: [bigint, string]): number {
  if (fromA !== fromB) return fromA < fromB ? -1 : 1;
  return clientA < clientB ? -1 : clientA > clientB ? 1 : 0;
}

function marks(n: number): string {
  return Array<string>(n).fill('?').join(', ');
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
