// What both kinds of conversation entry (im_c2c_message, im_group_message) are written with:
// the conversation's counter, locked to number entries, and the outbox row announcing them.
import type { QueryRunner } from 'typeorm';
import type { EntryEvent, NewOutboxEvent } from '../message-store.js';
import { CHUNK, chunks, execute, marks, select, type SqlDb } from './sql-db.js';

/** Rounds of "insert, find what was a duplicate after all, insert the rest" before giving up. */
const INSERT_ROUNDS = 3;

/** A batch's insert ignored a row (its key was taken): roll back, and run the next round. */
export class KeyTaken extends Error {
  constructor() {
    super('a row of the batch was ignored: its key is taken');
  }
}

/**
 * Runs `round`, a transaction inserting a batch optimistically (INSERT IGNORE), until one commits
 * without throwing KeyTaken, at most INSERT_ROUNDS times. A row that was ignored rolls the whole
 * transaction back (a savepoint to go back to would cost two round trips in every batch); what a
 * round learnt before throwing (the keys found taken) it leaves in the caller's state.
 */
export async function inRounds<T>(what: string, round: (n: number) => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await round(n);
    } catch (err) {
      if (!(err instanceof KeyTaken)) throw err;
      if (n >= INSERT_ROUNDS) throw new Error(`${what} kept colliding with concurrent inserts; nothing committed`);
    }
  }
}

export interface OutboxEvent extends NewOutboxEvent {
  /** The message the event is about (0 for none). */
  msgId: bigint;
}

/** The caller's event for a new entry, with the seq the transaction gave the entry. */
export function outboxEvent(event: EntryEvent, seq: string, msgId: bigint, time: number): OutboxEvent {
  return { msgId, tag: event.tag, key: event.key, body: JSON.stringify({ ...event.body, seq }), time };
}

/** The outbox rows announcing `items`, in the caller's transaction; none (not even built) when the db writes none. */
export async function writeOutbox<T>(q: QueryRunner, db: SqlDb, items: readonly T[], event: (item: T, n: number) => OutboxEvent): Promise<void> {
  if (!db.writesOutbox) return;
  for (const chunk of chunks(items.map(event), CHUNK)) {
    await execute(q,
      `INSERT INTO im_outbox (msg_id, tag, body, attempts, due_time, create_time, mq_key) VALUES ${
        chunk.map(() => '(?, ?, ?, 0, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((e) => [e.msgId, e.tag, e.body, e.time, e.time, e.key]));
  }
}

/**
 * Locks the counters of these conversations (creating missing ones of `convType`) in conv_id
 * order and returns their max_seq. On MySQL the upsert takes every lock: its duplicate check on
 * the primary key locks each existing row exclusively (a record lock, no gap, at any isolation
 * level) and a row it inserts is locked as its own, one row after the other in conv_id order, so
 * two writers never both hold a shared lock they then need to upgrade, nor each other's rows.
 */
export async function lockCounters(q: QueryRunner, db: SqlDb, convIds: string[], convType: number): Promise<Map<string, bigint>> {
  const ids = [...new Set(convIds)].sort();
  const d = db.dialect;
  for (const chunk of chunks(ids, CHUNK)) {
    await execute(q,
      `INSERT INTO im_conversation (conv_id, conv_type, max_seq, last_msg_id, update_time) VALUES ${
        chunk.map(() => '(?, ?, 0, 0, 0)').join(', ')}${d.upsert(['conv_id'], () => 'max_seq = max_seq')}`,
      chunk.flatMap((id) => [id, convType]));
  }
  // Not a locking read: the rows are ours already, and a locking read deadlocked. For a long IN
  // list on a small table MariaDB scans the primary key instead of seeking, and a locking scan
  // waits for every row it passes, those that other batches hold included, while holding our
  // own. Under READ COMMITTED (SqlDb.tx) a plain read sees what every earlier holder committed.
  const counters = new Map<string, bigint>();
  for (const chunk of chunks(ids, CHUNK)) {
    const rows = await select<{ conv_id: string; max_seq: string }>(q,
      `SELECT conv_id, CAST(max_seq AS CHAR) AS max_seq FROM im_conversation WHERE conv_id IN (${marks(chunk.length)})`, chunk);
    for (const row of rows) counters.set(row.conv_id, BigInt(row.max_seq));
  }
  return counters;
}

/** Each conversation's counter and last entry move to the last of these entries. */
export async function advanceCounters(
  q: QueryRunner, db: SqlDb, convType: number, entries: Array<{ convId: string; seq: string; msgId: string; createTime: number }>,
): Promise<void> {
  const last = new Map<string, (typeof entries)[number]>();
  for (const entry of entries) last.set(entry.convId, entry);
  for (const chunk of chunks([...last.values()], CHUNK)) {
    await execute(q,
      `INSERT INTO im_conversation (conv_id, conv_type, max_seq, last_msg_id, update_time) VALUES ${
        chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}${db.dialect.upsert(['conv_id'], (v) =>
        `max_seq = ${v('max_seq')}, last_msg_id = ${v('last_msg_id')}, update_time = ${v('update_time')}`)}`,
      chunk.flatMap((m) => [m.convId, convType, BigInt(m.seq), BigInt(m.msgId), m.createTime]));
  }
}
