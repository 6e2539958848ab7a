// The MessageStore on SQLite (embedded) or MySQL/MariaDB (production), one class for both; the
// differences live in the Dialect (sql-db.ts).
import type { QueryRunner } from 'typeorm';
import { MAX_UINT64, parseId, type Id } from '../../ids/id.js';
import { c2cConvId, chatIdOf } from '../../conversations/conv-id.js';
import {
  MsgStatus, RECALL_FORMAT,
  type InsertResult,
  type MessageStore,
  type EntryEvent,
  type MessageWrite,
  type NewMessage,
  type NewOutboxEvent,
  type OutboxEntry,
  type RecallNotice,
  type RecallResult,
  type StoredMessage,
} from '../message-store.js';
import type { MessageRow } from './entities.js';
import { KeyTaken, advanceCounters, inRounds, lockCounters, outboxEvent, writeOutbox } from './sql-entries.js';
import { CHUNK, UNION_CHUNK, chunks, count, execute, marks, rowsByKey, select, signedId, unsignedText, type SqlDb } from './sql-db.js';

const MAX_CLIENT_MSG_ID = 64;
/** TEXT holds 65,535 bytes; INSERT IGNORE would silently truncate anything longer. */
const MAX_CONTENT_BYTES = 65_535;
/** ConvType of one-to-one conversations in im_conversation. */
const C2C_CONV = 1;
/**
 * A tombstone's client_msg_id: it must not collide with one a client sent, and clients cannot
 * send control characters (SendService refuses them).
 */
const tombstoneClientId = (msgId: Id) => `\u0001r:${msgId}`;

/**
 * Beware: in ORDER BY these aliases shadow the columns and would sort ids as text (and, on
 * MariaDB, turn an index scan into a filesort). Qualify ORDER BY columns with the table name.
 */
export const MESSAGE_COLUMNS =
  'CAST(msg_id AS CHAR) AS msg_id, client_msg_id, CAST(from_user_id AS CHAR) AS from_user_id, ' +
  'CAST(to_user_id AS CHAR) AS to_user_id, chat_id, msg_content, msg_format, msg_status, create_time, update_time, ' +
  'conv_id, CAST(seq AS CHAR) AS seq, CAST(recalled_msg_id AS CHAR) AS recalled_msg_id';

/** A selected im_c2c_message row. BIGINT times arrive as strings from mysql2 (bigNumberStrings). */
export type MessageRecord = Omit<MessageRow, 'id' | 'create_time' | 'update_time'> & {
  create_time: number | string;
  update_time: number | string;
};

interface OutboxRecord {
  id: string;
  tag: OutboxEntry['tag'];
  mq_key: string;
  body: string;
  attempts: number;
}

interface RecallNoticeRecord {
  msg_id: string;
  from_user_id: string;
  to_user_id: string;
  recall_time: number | string;
  conv_id: string;
  seq: string;
}


interface NewRow {
  message: StoredMessage;
  /** (from_user_id, client_msg_id), the dedup key. */
  key: [bigint, string];
}

/** An entry whose seq is assigned, ready for INSERT. */
interface Entry {
  message: StoredMessage;
  from: bigint;
  to: bigint;
}

export class SqlMessageStore implements MessageStore {
  /** Each login whose offline list is not in Redis asks for a page, and every login for its notices: read per turn, not per login. */
  private readonly pendingPages: (page: PendingPage) => Promise<StoredMessage[]>;
  private readonly recallNotices: (user: bigint) => Promise<RecallNotice[]>;

  constructor(private readonly db: SqlDb) {
    this.pendingPages = db.batched(pendingPagesOf);
    this.recallNotices = db.batched(recallNoticesOf);
  }

  async insertBatch(writes: MessageWrite[]): Promise<InsertResult[]> {
    if (writes.length === 0) return [];
    const rows = writes.map((w) => this.newRow(w.message));
    const firsts = firstOfEachKey(rows);
    // Stored rows holding a key of the batch, by row index. Duplicates of stored rows are rare
    // (a client sending again after a lost ack): insert optimistically, and only when a row was
    // ignored roll the transaction back, look up in the next one which keys were taken, and
    // number the rest again.
    let stored = new Map<number, StoredMessage>();
    return inRounds('insert batch', (round) => {
      const unknown = round === 1 ? [] : firsts.flatMap((first, i) => (first === i && !stored.has(i) ? [i] : []));
      return this.db.tx(async (q) => {
        const counters = await lockCounters(q, this.db, rows.map((r) => r.message.convId), C2C_CONV);
        const known = new Map(stored);
        if (unknown.length > 0) {
          const found = await this.findByKeys(q, unknown.map((i) => rows[i]!.key));
          // Every key was free, yet a row was ignored: its msg_id was taken.
          if (found.size === 0) throw new Error(`a message of this batch was not stored: msg_id already in use (${unknown.length} rows)`);
          for (const [n, message] of found) known.set(unknown[n]!, message);
        }
        const fresh = firsts.flatMap((first, i) => (first === i && !known.has(i) ? [i] : []));
        const entries = fresh.map((i) => this.entry(rows[i]!.message, counters));
        if (await this.insertEntries(q, entries) !== entries.length) {
          // The rows found were committed by others: they stand although this transaction will not.
          stored = known;
          throw new KeyTaken();
        }
        await this.advanceConversations(q, entries);
        await writeOutbox(q, this.db, entries, ({ message }, n) => outboxEvent(writes[fresh[n]!]!.event, message.seq, BigInt(message.msgId), message.createTime));
        const inserted = new Map(fresh.map((i, n) => [i, entries[n]!.message]));
        return firsts.map((first, i) => (first === i && inserted.has(i)
          ? { inserted: true, message: inserted.get(i)! }
          : { inserted: false, message: inserted.get(first) ?? known.get(first)! }));
      });
    });
  }

  async findById(msgId: Id): Promise<StoredMessage | null> {
    const id = signedId(msgId, 'msgId');
    return this.db.read(async (q) => {
      const [row] = await select<MessageRecord>(q, `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE msg_id = ?`, [id]);
      return row === undefined ? null : decodeMessage(row);
    });
  }

  async findPending(msgIds: Id[]): Promise<StoredMessage[]> {
    const ids = msgIds.map((id) => signedId(id, 'msgId'));
    return this.db.read(async (q) => {
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

  async listPending(toUserId: Id, afterMsgId: Id, limit: number): Promise<StoredMessage[]> {
    return this.pendingPages({ to: this.db.userId(toUserId, 'toUserId'), after: signedId(afterMsgId, 'afterMsgId'), limit: count(limit) });
  }

  async listPendingBetween(afterMsgId: Id, throughMsgId: Id, limit: number): Promise<StoredMessage[]> {
    const params = [signedId(afterMsgId, 'afterMsgId'), signedId(throughMsgId, 'throughMsgId'), MsgStatus.PENDING, count(limit)];
    return this.db.read(async (q) => (await select<MessageRecord>(q,
      `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE msg_id > ? AND msg_id <= ? AND msg_status = ? ` +
      'ORDER BY im_c2c_message.msg_id LIMIT ?', params)).map(decodeMessage));
  }

  async markDelivered(toUserId: Id, msgIds: Id[]): Promise<number> {
    return this.markDeliveredMany([{ toUserId, msgIds }]);
  }

  async markDeliveredMany(acks: Array<{ toUserId: Id; msgIds: Id[] }>): Promise<number> {
    const pairs = new Map<string, [bigint, bigint]>();
    for (const { toUserId, msgIds } of acks) {
      const to = this.db.userId(toUserId, 'toUserId');
      for (const id of msgIds) {
        const msgId = signedId(id, 'msgId');
        pairs.set(`${to}|${msgId}`, [to, msgId]);
      }
    }
    if (pairs.size === 0) return 0;
    // Ascending by msg_id: concurrent statements lock shared rows in one order, chunk after
    // chunk, and cannot deadlock on each other (arrival order did).
    const sorted = [...pairs.values()].sort(([, x], [, y]) => (x < y ? -1 : x > y ? 1 : 0));
    const now = Date.now();
    // No transaction: a statement only moves PENDING rows to DELIVERED, so one that commits
    // without the next leaves nothing half done, and a repeat changes nothing more (so after a
    // rerun for a lock conflict the count leaves out what the first run's statements changed).
    // The msg_id list picks the rows by their unique key; the pairs keep only each receiver's own.
    return this.db.write(async (q) => {
      let changed = 0;
      for (const chunk of chunks(sorted, CHUNK)) {
        changed += await execute(q,
          `UPDATE im_c2c_message SET msg_status = ?, update_time = ? WHERE msg_id IN (${marks(chunk.length)}) AND msg_status = ? ` +
          `AND (to_user_id, msg_id) IN (${chunk.map(() => '(?, ?)').join(', ')})`,
          [MsgStatus.DELIVERED, now, ...chunk.map(([, msgId]) => msgId), MsgStatus.PENDING, ...chunk.flat()]);
      }
      return changed;
    });
  }

  async markDropped(toUserId: Id, msgIds: Id[]): Promise<Id[]> {
    return this.settle(toUserId, msgIds, MsgStatus.DROPPED);
  }

  async recall(msgId: Id, recallTime: number, tombstoneMsgId: Id, event: EntryEvent): Promise<RecallResult | null> {
    const id = signedId(msgId, 'msgId');
    signedId(tombstoneMsgId, 'tombstoneMsgId');
    return this.db.tx(async (q) => {
      const locked = async () => {
        const [row] = await select<MessageRecord>(q,
          `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE msg_id = ?${this.db.dialect.forUpdate}`, [id]);
        return row === undefined ? null : decodeMessage(row);
      };
      // The conversation's counter first, then the row: the lock order of insertBatch.
      const [peek] = await select<{ conv_id: string }>(q, 'SELECT conv_id FROM im_c2c_message WHERE msg_id = ?', [id]);
      if (peek === undefined) return null;
      const counters = await lockCounters(q, this.db, [peek.conv_id], C2C_CONV);
      const message = await locked();
      if (message === null || message.format === RECALL_FORMAT) return null;
      // RECALLED is final, so update_time is still the time of the first recall.
      if (message.status === MsgStatus.RECALLED) return { kind: 'already', message, recallTime: Number(await this.recallTimeOf(q, message)) };
      if (message.status === MsgStatus.DROPPED) return null;
      const recalled: StoredMessage = { ...message, status: MsgStatus.RECALLED, content: '' };
      await execute(q, 'UPDATE im_c2c_message SET msg_status = ?, msg_content = ?, update_time = ? WHERE msg_id = ?',
        [MsgStatus.RECALLED, '', recallTime, id]);
      const tombstone = this.entry({
        msgId: tombstoneMsgId, clientMsgId: tombstoneClientId(message.msgId), fromUserId: message.fromUserId,
        toUserId: message.toUserId, content: '', format: RECALL_FORMAT, createTime: recallTime,
        chatId: message.chatId, status: MsgStatus.DELIVERED, convId: message.convId, seq: '0', recalledMsgId: message.msgId,
      }, counters);
      if (await this.insertEntries(q, [tombstone]) !== 1) throw new Error(`tombstone ${tombstoneMsgId} was not stored: msg_id in use`);
      await this.advanceConversations(q, [tombstone]);
      await writeOutbox(q, this.db, [tombstone], (t) => outboxEvent(event, t.message.seq, id, recallTime));
      await execute(q,
        'INSERT INTO im_recall_notice (user_id, msg_id, from_user_id, to_user_id, recall_time, conv_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [tombstone.to, id, tombstone.from, tombstone.to, recallTime, message.convId, BigInt(tombstone.message.seq)]);
      return { kind: 'recalled', message: recalled, recallTime, tombstone: tombstone.message };
    });
  }

  async listRecallNotices(userId: Id): Promise<RecallNotice[]> {
    return this.recallNotices(this.db.userId(userId, 'userId'));
  }

  async deleteRecallNotices(userId: Id, msgIds: Id[]): Promise<void> {
    const user = this.db.userId(userId, 'userId');
    const ids = msgIds.map((id) => signedId(id, 'msgId'));
    return this.db.read(async (q) => {
      for (const chunk of chunks(ids, CHUNK)) {
        await execute(q, `DELETE FROM im_recall_notice WHERE user_id = ? AND msg_id IN (${marks(chunk.length)})`, [user, ...chunk]);
      }
    });
  }

  async claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const params = [now, count(limit)];
    return this.db.tx(async (q) => {
      // Ids first, from the index alone: a query that also reads the bodies gets a filesort on
      // MariaDB, and a locking read before a filesort locks every due row, not just `limit`.
      // Rows another process holds are skipped, not waited for: they are leased to it.
      const claimed = (await select<{ id: string }>(q,
        `SELECT CAST(id AS CHAR) AS id FROM im_outbox WHERE due_time <= ? ORDER BY im_outbox.due_time, im_outbox.id LIMIT ?${
          this.db.dialect.forUpdateSkipLocked}`, params)).map((row) => BigInt(row.id));
      if (claimed.length === 0) return [];
      const rows = await select<OutboxRecord>(q,
        `SELECT CAST(id AS CHAR) AS id, tag, mq_key, body, attempts FROM im_outbox WHERE id IN (${
          marks(claimed.length)})`, claimed);
      await execute(q, `UPDATE im_outbox SET due_time = ? WHERE id IN (${marks(claimed.length)})`, [now + leaseMs, ...claimed]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      // A claimed id without a row was deleted by a relay that published it (seen once, in a
      // 30-minute soak): nothing is left to publish, so it is skipped instead of failing the round.
      return claimed.flatMap((id) => {
        const row = byId.get(id.toString());
        return row === undefined ? [] : [{ id: row.id, tag: row.tag, key: row.mq_key, body: row.body, attempts: Number(row.attempts) }];
      });
    });
  }

  async appendOutbox(events: NewOutboxEvent[]): Promise<void> {
    if (events.length === 0 || !this.db.writesOutbox) return;
    await this.db.tx((q) => writeOutbox(q, this.db, events, (e) => ({ ...e, msgId: 0n })));
  }

  async completeOutbox(ids: Id[]): Promise<void> {
    const rowIds = ids.map((id) => signedId(id, 'outbox id'));
    return this.db.read(async (q) => {
      for (const chunk of chunks(rowIds, CHUNK)) await execute(q, `DELETE FROM im_outbox WHERE id IN (${marks(chunk.length)})`, chunk);
    });
  }

  async failOutbox(ids: Id[], dueAt: number): Promise<void> {
    const rowIds = ids.map((id) => signedId(id, 'outbox id'));
    return this.db.read(async (q) => {
      for (const chunk of chunks(rowIds, CHUNK)) {
        await execute(q, `UPDATE im_outbox SET attempts = attempts + 1, due_time = ? WHERE id IN (${marks(chunk.length)})`, [dueAt, ...chunk]);
      }
    });
  }

  async outboxBacklog(): Promise<number> {
    return this.db.read(async (q) => {
      const [row] = await select<{ n: number | string }>(q, 'SELECT COUNT(*) AS n FROM im_outbox', []);
      return Number(row!.n);
    });
  }

  async pendingCount(): Promise<number> {
    return this.db.read(async (q) => {
      const [row] = await select<{ n: number | string }>(q, 'SELECT COUNT(*) AS n FROM im_c2c_message WHERE msg_status = ?', [MsgStatus.PENDING]);
      return Number(row!.n);
    });
  }

  async ping(): Promise<void> {
    await this.db.read((q) => q.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** Validates one message (oversized text must fail loudly, not be truncated by INSERT IGNORE). */
  private newRow(m: NewMessage): NewRow {
    const from = parseId(m.fromUserId, MAX_UINT64, 'fromUserId');
    parseId(m.toUserId, MAX_UINT64, 'toUserId');
    // VARCHAR(64) counts characters (code points), as the gateway's validation does.
    if (m.clientMsgId.length === 0 || [...m.clientMsgId].length > MAX_CLIENT_MSG_ID) {
      throw new RangeError(`clientMsgId must be 1-${MAX_CLIENT_MSG_ID} characters`);
    }
    if (Buffer.byteLength(m.content, 'utf8') > MAX_CONTENT_BYTES) {
      throw new RangeError(`content of message ${m.msgId} exceeds ${MAX_CONTENT_BYTES} UTF-8 bytes`);
    }
    signedId(m.msgId, 'msgId');
    const convId = c2cConvId(m.fromUserId, m.toUserId);
    const message: StoredMessage = {
      msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
      content: m.content, format: m.format, createTime: m.createTime,
      chatId: chatIdOf(convId), status: MsgStatus.PENDING, convId, seq: '0', recalledMsgId: '0',
    };
    return { message, key: [from, m.clientMsgId] };
  }

  /** Takes the next seq of the entry's conversation. */
  private entry(message: StoredMessage, counters: Map<string, bigint>): Entry {
    const seq = counters.get(message.convId)! + 1n;
    counters.set(message.convId, seq);
    return {
      message: { ...message, seq: seq.toString() },
      from: this.db.userId(message.fromUserId, 'fromUserId'),
      to: this.db.userId(message.toUserId, 'toUserId'),
    };
  }

  /** INSERT IGNORE of numbered entries; returns how many were inserted. */
  private async insertEntries(q: QueryRunner, entries: Entry[]): Promise<number> {
    let inserted = 0;
    for (const chunk of chunks(entries, CHUNK)) {
      inserted += await execute(q,
        `${this.db.dialect.insertIgnore} INTO im_c2c_message (msg_id, client_msg_id, from_user_id, to_user_id, chat_id, msg_content, ` +
        `msg_format, msg_status, create_time, update_time, conv_id, seq, recalled_msg_id) VALUES ${
          chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        chunk.flatMap(({ message: m, from, to }) => [BigInt(m.msgId), m.clientMsgId, from, to, m.chatId, m.content, m.format,
          m.status, m.createTime, m.createTime, m.convId, BigInt(m.seq), BigInt(m.recalledMsgId)]));
    }
    return inserted;
  }

  /** The counters and last entries of the entries' conversations, and both users' rows. */
  private async advanceConversations(q: QueryRunner, entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const last = new Map<string, Entry>();
    for (const entry of entries) last.set(entry.message.convId, entry);
    const d = this.db.dialect;
    const tips = [...last.values()];
    await advanceCounters(q, this.db, C2C_CONV, tips.map((e) => e.message));
    // (user, conversation) rows in key order; a note to yourself has one.
    const users = new Map<string, { user: bigint; peer: bigint; convId: string; time: number }>();
    for (const { message: m, from, to } of tips) {
      for (const [user, peer] of [[from, to], [to, from]] as const) {
        users.set(`${user}|${m.convId}`, { user, peer, convId: m.convId, time: m.createTime });
      }
    }
    const rows = [...users.values()].sort((a, b) => (a.user !== b.user ? (a.user < b.user ? -1 : 1) : a.convId < b.convId ? -1 : 1));
    for (const chunk of chunks(rows, CHUNK)) {
      await execute(q,
        `INSERT INTO im_user_conversation (user_id, conv_id, peer_user_id, group_id, read_seq, min_seq, update_time) VALUES ${
          chunk.map(() => '(?, ?, ?, 0, 0, 1, ?)').join(', ')}${d.upsert(['user_id', 'conv_id'], (v) =>
          `update_time = ${d.greatest('update_time', v('update_time'))}`)}`,
        chunk.flatMap((r) => [r.user, r.convId, r.peer, r.time]));
    }
  }

  /**
   * The stored rows that hold these (from_user_id, client_msg_id) keys, by index into `keys`.
   * Each SELECT is tagged with its index, so the database's own collation decides what matches.
   */
  private async findByKeys(q: QueryRunner, keys: Array<[bigint, string]>): Promise<Map<number, StoredMessage>> {
    const found = new Map<number, StoredMessage>();
    const indexes = keys.map((_, i) => i);
    for (const chunk of chunks(indexes, UNION_CHUNK)) {
      const sql = chunk.map(() =>
        `SELECT ? AS k, ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE from_user_id = ? AND client_msg_id = ?`).join(' UNION ALL ');
      const params = chunk.flatMap((i) => [i, this.db.dialect.storedUser(keys[i]![0]), keys[i]![1]]);
      for (const row of await select<MessageRecord & { k: number | string }>(q, sql, params)) found.set(Number(row.k), decodeMessage(row));
    }
    return found;
  }

  private async recallTimeOf(q: QueryRunner, message: StoredMessage): Promise<number> {
    const [row] = await select<{ update_time: number | string }>(q, 'SELECT update_time FROM im_c2c_message WHERE msg_id = ?',
      [BigInt(message.msgId)]);
    return Number(row!.update_time);
  }

  private settle(toUserId: Id, msgIds: Id[], next: MsgStatus): Promise<Id[]> {
    const to = this.db.userId(toUserId, 'toUserId');
    const ids = msgIds.map((id) => signedId(id, 'msgId'));
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.tx(async (q) => {
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
      `SELECT CAST(msg_id AS CHAR) AS msg_id FROM im_c2c_message WHERE ${where} AND msg_status = ?${this.db.dialect.forUpdate}`,
      [...params, MsgStatus.PENDING]);
    const ids = rows.map((row) => row.msg_id);
    const now = Date.now();
    for (const chunk of chunks(ids, CHUNK)) {
      await execute(q, `UPDATE im_c2c_message SET msg_status = ?, update_time = ? WHERE msg_id IN (${marks(chunk.length)})`,
        [next, now, ...chunk.map((id) => BigInt(id))]);
    }
    return ids;
  }

}

export function decodeMessage(row: MessageRecord): StoredMessage {
  return {
    msgId: row.msg_id, clientMsgId: row.client_msg_id,
    fromUserId: unsignedText(row.from_user_id), toUserId: unsignedText(row.to_user_id),
    content: row.msg_content, format: Number(row.msg_format), createTime: Number(row.create_time),
    chatId: row.chat_id, status: Number(row.msg_status) as MsgStatus,
    convId: row.conv_id, seq: row.seq, recalledMsgId: row.recalled_msg_id,
  };
}

/**
 * For every row: the index of the first row of the batch with its key (itself when it is the
 * first). Keys compare as the binary collation does: client ids never end with a space.
 */
function firstOfEachKey(rows: NewRow[]): number[] {
  const first = new Map<string, number>();
  return rows.map((row, i) => {
    const key = `${row.key[0]}|${row.key[1]}`;
    const earlier = first.get(key);
    if (earlier !== undefined) return earlier;
    first.set(key, i);
    return i;
  });
}

interface PendingPage {
  to: bigint;
  after: bigint;
  limit: number;
}

/**
 * Pages of pending messages (to, after, limit), in input order. Most users have nothing pending
 * when they log in: one indexed probe answers them all, and only the others read their page.
 * (A UNION ALL of one ordered, limited subquery per page costs MariaDB about a millisecond per
 * branch even when every branch is empty.)
 */
async function pendingPagesOf(q: QueryRunner, pages: PendingPage[]): Promise<StoredMessage[][]> {
  const users = [...new Set(pages.map((p) => p.to))];
  const owed = new Set((await select<{ u: string }>(q,
    `SELECT DISTINCT CAST(to_user_id AS CHAR) AS u FROM im_c2c_message WHERE to_user_id IN (${marks(users.length)}) AND msg_status = ?`,
    [...users, MsgStatus.PENDING])).map((r) => r.u));
  const found: StoredMessage[][] = [];
  for (const p of pages) {
    found.push(!owed.has(p.to.toString()) || p.limit === 0 ? [] : (await select<MessageRecord>(q,
      `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE to_user_id = ? AND msg_status = ? ` +
      'AND msg_id > ? ORDER BY im_c2c_message.msg_id LIMIT ?', [p.to, MsgStatus.PENDING, p.after, p.limit])).map(decodeMessage));
  }
  return found;
}

/** The recall notices each user is owed, oldest first, in input order. */
async function recallNoticesOf(q: QueryRunner, users: bigint[]): Promise<RecallNotice[][]> {
  const rows = await select<RecallNoticeRecord & { user_id: string }>(q,
    'SELECT CAST(user_id AS CHAR) AS user_id, CAST(msg_id AS CHAR) AS msg_id, CAST(from_user_id AS CHAR) AS from_user_id, ' +
    'CAST(to_user_id AS CHAR) AS to_user_id, recall_time, conv_id, CAST(seq AS CHAR) AS seq ' +
    `FROM im_recall_notice WHERE user_id IN (${marks(users.length)}) ORDER BY recall_time, id`, users);
  return rowsByKey(users, rows, (row) => row.user_id, (row) => ({
    msgId: row.msg_id, fromUserId: unsignedText(row.from_user_id), toUserId: unsignedText(row.to_user_id),
    recallTime: Number(row.recall_time), convId: row.conv_id, seq: row.seq,
  }));
}
