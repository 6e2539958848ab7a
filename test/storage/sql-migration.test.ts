// Upgrading a database made by the first migration (CreateMessageTables1767225600000) in place to
// the conversations schema (Conversations1767312000000), on SQLite and on MySQL: the old rows are
// built through raw SQL exactly as the gateway of the first schema wrote them, then the stores
// open the database (which runs the second migration) and must find every row intact, every
// entry numbered, and the conversation tables filled.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { ConvSummary } from '../../src/storage/conversation-store.js';
import { MsgStatus } from '../../src/storage/message-store.js';
import {
  openMysqlDataSource, openMysqlStores, openSqliteDataSource, openSqliteStores, type SqlStores,
} from '../../src/storage/sql/data-source.js';
import { CreateMessageTables1767225600000 } from '../../src/storage/sql/migrations/1767225600000-create-message-tables.js';
import { MYSQL, needMysql } from '../support/services.js';
import { withEvent } from './fixtures.js';

const MIGRATIONS_TABLE = 'im_schema_migrations';
const DATABASE = 'im_connect_test_migration_upgrade';

// ---------------------------------------------------------------------------------------------
// The data of a first-schema database: what the gateway before conversations wrote.

const A = 7n;
/** 2^64-1: stored as -1 on SQLite, and ordered below A there. */
const B = 2n ** 64n - 1n;
/** 2^63+5: stored as a large negative number on SQLite. */
const C = 2n ** 63n + 5n;
const D = 42n;
/** Writes notes to themselves. */
const E = 1000n;
const MAX_INT64 = 2n ** 63n - 1n;
/** Snowflake-sized msg ids. */
const M = 2n ** 62n + 1000n;
const T0 = 1_767_000_000_000;

interface OldMessage {
  msgId: bigint;
  clientMsgId: string;
  from: bigint;
  to: bigint;
  content: string;
  format: number;
  status: number;
  createTime: number;
  updateTime: number;
}

const msg = (msgId: bigint, from: bigint, to: bigint, clientMsgId: string, content: string, status: number,
  createTime: number, updateTime = createTime, format = 1): OldMessage =>
  ({ msgId, clientMsgId, from, to, content, format, status, createTime, updateTime });

const { PENDING, DELIVERED, RECALLED, DROPPED } = MsgStatus;

/**
 * In insertion (row id) order, which is not msg_id order everywhere: seq must follow msg_id.
 * The old recall kept the content of a RECALLED row; the migration must not touch it.
 */
const OLD_MESSAGES: OldMessage[] = [
  msg(M + 10n, A, B, 'same-client-id', 'hi B', DELIVERED, T0),
  msg(M + 30n, B, A, 'same-client-id', 'hi A', DELIVERED, T0 + 20, T0 + 21),
  // Numbered by another node: a smaller msg_id stored after a larger one.
  msg(M + 20n, A, B, 'a-2', "it's late", DELIVERED, T0 + 10, T0 + 22),
  msg(M + 50n, A, B, 'a-3', 'secret', RECALLED, T0 + 40, T0 + 100),
  msg(M + 70n, B, A, 'b-2', '你好 👋', PENDING, T0 + 60),
  // The last entry of A-B by msg_id, made on a node whose clock is behind.
  msg(MAX_INT64, A, B, 'a-4', '{"json":true}', PENDING, T0 + 55, T0 + 55, 2),
  msg(M + 40n, B, C, 'b-3', 'to C', DELIVERED, T0 + 30, T0 + 31),
  msg(M + 60n, C, B, 'c-1', 'oops', RECALLED, T0 + 50, T0 + 90),
  msg(M + 80n, C, B, 'c-2', 'again', PENDING, T0 + 70),
  msg(M + 15n, D, A, 'd-1', 'expired', DROPPED, T0 + 5, T0 + 1000),
  msg(M + 90n, A, D, 'a-5', 'to D', PENDING, T0 + 80),
  msg(M + 25n, E, E, 'e-1', 'note 1', DELIVERED, T0 + 15, T0 + 16),
  msg(M + 35n, E, E, 'e-2', 'note 2', PENDING, T0 + 25),
];

interface OldOutbox {
  msgId: bigint;
  tag: string;
  attempts: number;
  dueTime: number;
  createTime: number;
}

const OLD_OUTBOX: OldOutbox[] = [
  { msgId: M + 70n, tag: 'C2C_MSG', attempts: 0, dueTime: T0 + 60, createTime: T0 + 60 },
  { msgId: MAX_INT64, tag: 'C2C_MSG', attempts: 2, dueTime: T0 + 5_000, createTime: T0 + 55 },
  { msgId: M + 50n, tag: 'C2C_RECALL', attempts: 0, dueTime: T0 + 100, createTime: T0 + 100 },
  { msgId: M + 80n, tag: 'C2C_MSG', attempts: 1, dueTime: T0 + 70, createTime: T0 + 70 },
  // Published and completed (deleted) before the upgrade: its row id must never come back.
  { msgId: M + 90n, tag: 'C2C_MSG', attempts: 0, dueTime: T0 + 80, createTime: T0 + 80 },
];
const COMPLETED_OUTBOX_ID = OLD_OUTBOX.length;
const outboxBody = (o: OldOutbox) => JSON.stringify({ msgId: o.msgId.toString(), tag: o.tag });

/** The old recall wrote one notice, for the receiver. */
const OLD_NOTICES = [
  { user: B, msgId: M + 50n, from: A, to: B, recallTime: T0 + 100 },
  { user: B, msgId: M + 60n, from: C, to: B, recallTime: T0 + 90 },
];

const chatId = (a: bigint, b: bigint) => (a <= b ? `${a}_${b}` : `${b}_${a}`);
const convOf = (m: { from: bigint; to: bigint }) => `c_${chatId(m.from, m.to)}`;
const CONV_AB = `c_${A}_${B}`;
const CONV_BC = `c_${C}_${B}`;
const CONV_AD = `c_${A}_${D}`;
const CONV_EE = `c_${E}_${E}`;

/** Every old entry with the seq it must get: 1..N per conversation in msg_id order. */
function expectedSeqs(): Map<bigint, { convId: string; seq: number }> {
  const byConv = new Map<string, OldMessage[]>();
  for (const m of OLD_MESSAGES) byConv.set(convOf(m), [...(byConv.get(convOf(m)) ?? []), m]);
  const seqs = new Map<bigint, { convId: string; seq: number }>();
  for (const [convId, entries] of byConv) {
    [...entries].sort((x, y) => (x.msgId < y.msgId ? -1 : 1)).forEach((m, i) => seqs.set(m.msgId, { convId, seq: i + 1 }));
  }
  return seqs;
}

/** The conversations of the old entries: their count and last entry by msg_id. */
function expectedConversations(): Map<string, { maxSeq: number; last: OldMessage; users: Array<[bigint, bigint]> }> {
  const seqs = expectedSeqs();
  const convs = new Map<string, { maxSeq: number; last: OldMessage; users: Array<[bigint, bigint]> }>();
  for (const m of OLD_MESSAGES) {
    const { convId, seq } = seqs.get(m.msgId)!;
    const users: Array<[bigint, bigint]> = m.from === m.to ? [[m.from, m.to]] : [[m.from, m.to], [m.to, m.from]];
    const conv = convs.get(convId);
    if (conv === undefined || seq > conv.maxSeq) convs.set(convId, { maxSeq: seq, last: m, users });
  }
  return convs;
}

// ---------------------------------------------------------------------------------------------
// The two databases.

interface Target {
  name: 'sqlite' | 'mysql';
  /** Connection options without entities or migrations. */
  options(): DataSourceOptions;
  openStores(): Promise<SqlStores>;
  openMigrated(): Promise<DataSource>;
}

/** A user id literal as the first schema stored it (see storedUser in src/storage/sql/sql-db.ts). */
const userLiteral = (t: Target, id: bigint) => (t.name === 'sqlite' ? BigInt.asIntN(64, id) : id).toString();
const stored = userLiteral;
const text = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function withDataSource<T>(options: DataSourceOptions, use: (db: DataSource) => Promise<T>): Promise<T> {
  const db = new DataSource(options);
  await db.initialize();
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

/** A database of the first schema, with its migration recorded as the old gateway did, and the old rows. */
async function buildFirstSchemaDatabase(t: Target): Promise<void> {
  await withDataSource({
    ...t.options(), migrations: [CreateMessageTables1767225600000], migrationsTableName: MIGRATIONS_TABLE,
  } as DataSourceOptions, async (db) => {
    const ran = await db.runMigrations();
    expect(ran.map((m) => m.name)).to.deep.equal(['CreateMessageTables1767225600000']);
    // Literals, not parameters: the values go in exactly as spelled, whatever the driver does with BigInt.
    for (const m of OLD_MESSAGES) {
      await db.query('INSERT INTO im_c2c_message (msg_id, client_msg_id, from_user_id, to_user_id, chat_id, msg_content, ' +
        `msg_format, msg_status, create_time, update_time) VALUES (${m.msgId}, ${text(m.clientMsgId)}, ${userLiteral(t, m.from)}, ` +
        `${userLiteral(t, m.to)}, ${text(chatId(m.from, m.to))}, ${text(m.content)}, ${m.format}, ${m.status}, ${m.createTime}, ` +
        `${m.updateTime})`);
    }
    for (const o of OLD_OUTBOX) {
      await db.query('INSERT INTO im_outbox (msg_id, tag, body, attempts, due_time, create_time) VALUES ' +
        `(${o.msgId}, ${text(o.tag)}, ${text(outboxBody(o))}, ${o.attempts}, ${o.dueTime}, ${o.createTime})`);
    }
    await db.query(`DELETE FROM im_outbox WHERE id = ${COMPLETED_OUTBOX_ID}`);
    for (const n of OLD_NOTICES) {
      await db.query('INSERT INTO im_recall_notice (user_id, msg_id, from_user_id, to_user_id, recall_time) VALUES ' +
        `(${userLiteral(t, n.user)}, ${n.msgId}, ${userLiteral(t, n.from)}, ${userLiteral(t, n.to)}, ${n.recallTime})`);
    }
  });
}

const OLD_COLUMNS = {
  im_c2c_message: ['id', 'msg_id', 'client_msg_id', 'from_user_id', 'to_user_id', 'chat_id', 'msg_content', 'msg_format',
    'msg_status', 'create_time', 'update_time'],
  im_outbox: ['id', 'msg_id', 'tag', 'body', 'attempts', 'due_time', 'create_time'],
  im_recall_notice: ['id', 'user_id', 'msg_id', 'from_user_id', 'to_user_id', 'recall_time'],
};
const NEW_COLUMNS = {
  im_c2c_message: [...OLD_COLUMNS.im_c2c_message, 'conv_id', 'seq', 'recalled_msg_id'],
  im_outbox: [...OLD_COLUMNS.im_outbox, 'mq_key'],
  im_recall_notice: [...OLD_COLUMNS.im_recall_notice, 'conv_id', 'seq'],
  im_conversation: ['conv_id', 'conv_type', 'max_seq', 'last_msg_id', 'update_time'],
  im_user_conversation: ['user_id', 'conv_id', 'peer_user_id', 'group_id', 'read_seq', 'min_seq', 'update_time'],
};
/** Qualified: the CAST aliases of dump() would otherwise sort the ids as text. */
const ORDER: Record<string, string[]> = { im_conversation: ['conv_id'], im_user_conversation: ['user_id', 'conv_id'] };

type Row = Record<string, string>;

/** Every value as text (CAST ... AS CHAR): exact for 64-bit ids on both drivers. */
async function dump(db: DataSource, table: string, columns: string[]): Promise<Row[]> {
  const rows = await db.query(`SELECT ${columns.map((c) => `CAST(${c} AS CHAR) AS ${c}`).join(', ')} FROM ${table} ` +
    `ORDER BY ${(ORDER[table] ?? ['id']).map((c) => `${table}.${c}`).join(', ')}`) as Row[];
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] === null ? 'NULL' : String(r[c])])));
}

async function dumpAll(db: DataSource): Promise<Record<string, Row[]>> {
  const all: Record<string, Row[]> = {};
  for (const [table, columns] of Object.entries(NEW_COLUMNS)) all[table] = await dump(db, table, columns);
  all[MIGRATIONS_TABLE] = await dump(db, MIGRATIONS_TABLE, ['id', 'timestamp', 'name']);
  return all;
}

const only = (row: Row, columns: string[]) => Object.fromEntries(columns.map((c) => [c, row[c]!]));

const page = (limit = 50) => ({ limit, after: null, updatedAfter: 0 });
const latest = (limit = 50) => ({ afterSeq: '0', beforeSeq: '0', limit });

// ---------------------------------------------------------------------------------------------

function upgradeSuite(target: () => Target): void {
  let t: Target;
  /** A connection of its own for raw reads. */
  let raw: DataSource;
  let stores: SqlStores | undefined;
  let old: Record<string, Row[]>;
  const seqs = expectedSeqs();
  const convs = expectedConversations();

  before(async function () {
    this.timeout(60_000);
    t = target();
    await buildFirstSchemaDatabase(t);
    raw = new DataSource(t.options());
    await raw.initialize();
    old = {};
    for (const [table, columns] of Object.entries(OLD_COLUMNS)) old[table] = await dump(raw, table, columns);
    stores = await t.openStores();
  });

  after(async () => {
    await stores?.messages.close();
    if (raw?.isInitialized) await raw.destroy();
  });

  it('built the first schema the way the old gateway wrote it (the premise of the upgrade)', () => {
    expect(old.im_c2c_message).to.have.length(OLD_MESSAGES.length);
    expect(old.im_c2c_message!.map((r) => r.msg_id)).to.deep.equal(OLD_MESSAGES.map((m) => m.msgId.toString()));
    expect(old.im_c2c_message!.find((r) => r.msg_id === (M + 10n).toString())!.to_user_id).to.equal(stored(t, B));
    expect(old.im_outbox!.map((r) => r.id)).to.deep.equal(['1', '2', '3', '4']);
    expect(old.im_recall_notice).to.have.length(OLD_NOTICES.length);
  });

  it('keeps every old row and every old column value', async () => {
    for (const [table, columns] of Object.entries(OLD_COLUMNS)) {
      expect(await dump(raw, table, columns), table).to.deep.equal(old[table]);
    }
  });

  it('numbers the old entries of each conversation 1..N in msg_id order, and recalls nothing', async () => {
    const rows = await dump(raw, 'im_c2c_message', NEW_COLUMNS.im_c2c_message);
    expect(rows.map((r) => ({ msgId: r.msg_id, convId: r.conv_id, seq: r.seq, recalled: r.recalled_msg_id }))).to.deep.equal(
      OLD_MESSAGES.map((m) => ({
        msgId: m.msgId.toString(), convId: seqs.get(m.msgId)!.convId, seq: String(seqs.get(m.msgId)!.seq), recalled: '0',
      })));
    // Spelled out for the data above, so that a wrong expectedSeqs() cannot hide a wrong migration.
    const at = (convId: string) => rows.filter((r) => r.conv_id === convId)
      .sort((x, y) => Number(x.seq) - Number(y.seq)).map((r) => [r.seq, r.msg_id]);
    expect(at(CONV_AB)).to.deep.equal([['1', `${M + 10n}`], ['2', `${M + 20n}`], ['3', `${M + 30n}`], ['4', `${M + 50n}`],
      ['5', `${M + 70n}`], ['6', `${MAX_INT64}`]]);
    expect(at(CONV_BC)).to.deep.equal([['1', `${M + 40n}`], ['2', `${M + 60n}`], ['3', `${M + 80n}`]]);
    expect(at(CONV_AD)).to.deep.equal([['1', `${M + 15n}`], ['2', `${M + 90n}`]]);
    expect(at(CONV_EE)).to.deep.equal([['1', `${M + 25n}`], ['2', `${M + 35n}`]]);
    for (const r of rows) expect(r.conv_id).to.equal(`c_${r.chat_id}`);
  });

  it('fills im_conversation with exactly one row per conversation: count and last entry', async () => {
    const expected = [...convs].map(([convId, c]) => ({
      conv_id: convId, conv_type: '1', max_seq: String(c.maxSeq), last_msg_id: c.last.msgId.toString(),
      update_time: String(c.last.createTime),
    })).sort((x, y) => (x.conv_id < y.conv_id ? -1 : 1));
    expect(await dump(raw, 'im_conversation', NEW_COLUMNS.im_conversation)).to.deep.equal(expected);
    // The last entry by msg_id, not the latest create_time.
    expect(expected.find((c) => c.conv_id === CONV_AB)).to.include({ max_seq: '6', last_msg_id: `${MAX_INT64}`, update_time: `${T0 + 55}` });
  });

  it('fills im_user_conversation for both users of each pair, one row for a note to yourself', async () => {
    const expected = [...convs].flatMap(([convId, c]) => c.users.map(([user, peer]) => ({
      user_id: stored(t, user), conv_id: convId, peer_user_id: stored(t, peer), group_id: '0', read_seq: '0', min_seq: '1',
      update_time: String(c.last.createTime),
    })));
    const rows = await dump(raw, 'im_user_conversation', NEW_COLUMNS.im_user_conversation);
    const key = (r: Row) => `${r.user_id}|${r.conv_id}`;
    expect([...rows].sort((x, y) => (key(x) < key(y) ? -1 : 1)))
      .to.deep.equal([...expected].sort((x, y) => (key(x) < key(y) ? -1 : 1)));
    expect(rows).to.have.length(7);
    expect(rows.filter((r) => r.conv_id === CONV_EE)).to.have.length(1);
  });

  it('gives every old outbox row its msg_id as mq_key', async () => {
    const rows = await dump(raw, 'im_outbox', NEW_COLUMNS.im_outbox);
    expect(rows.map((r) => r.mq_key)).to.deep.equal(OLD_OUTBOX.slice(0, -1).map((o) => o.msgId.toString()));
    for (const r of rows) expect(r.mq_key).to.equal(r.msg_id);
  });

  it('gives the recall notices the conversation of their message and seq 0', async () => {
    const rows = await dump(raw, 'im_recall_notice', NEW_COLUMNS.im_recall_notice);
    expect(rows.map((r) => ({ msgId: r.msg_id, convId: r.conv_id, seq: r.seq }))).to.deep.equal([
      { msgId: `${M + 50n}`, convId: CONV_AB, seq: '0' },
      { msgId: `${M + 60n}`, convId: CONV_BC, seq: '0' },
    ]);
    expect(await stores!.messages.listRecallNotices(B.toString())).to.deep.equal([
      { msgId: `${M + 60n}`, fromUserId: `${C}`, toUserId: `${B}`, recallTime: T0 + 90, convId: CONV_BC, seq: '0' },
      { msgId: `${M + 50n}`, fromUserId: `${A}`, toUserId: `${B}`, recallTime: T0 + 100, convId: CONV_AB, seq: '0' },
    ]);
  });

  it('records the migration once', async () => {
    expect((await dump(raw, MIGRATIONS_TABLE, ['timestamp', 'name'])).map((r) => [r.timestamp, r.name])).to.deep.equal([
      ['1767225600000', 'CreateMessageTables1767225600000'],
      ['1767312000000', 'Conversations1767312000000'],
      ['1767398400000', 'OutboxBodyMediumtext1767398400000'],
      ['1767484800000', 'Groups1767484800000'],
    ]);
  });

  describe('the stores over the upgraded database', () => {
    /** What listConversations must say for `user`, from the old data alone. */
    function summaries(user: bigint): Array<Partial<ConvSummary> & { lastMsgId: string; lastSeq: string }> {
      return [...convs].filter(([, c]) => c.users.some(([u]) => u === user))
        .map(([convId, c]) => ({
          convId, peerUserId: c.users.find(([u]) => u === user)![1].toString(), groupId: '0', maxSeq: String(c.maxSeq),
          readSeq: '0', peerReadSeq: '0', minSeq: '1', updateTime: c.last.createTime,
          unread: OLD_MESSAGES.filter((m) => convOf(m) === convId && m.from !== user && m.status !== RECALLED).length,
          lastMsgId: c.last.msgId.toString(), lastSeq: String(c.maxSeq),
        }))
        .sort((x, y) => y.updateTime! - x.updateTime! || (x.convId! < y.convId! ? -1 : 1));
    }

    const summarize = (list: ConvSummary[]) => list.map(({ last, ...rest }) => ({ ...rest, lastMsgId: last!.msgId, lastSeq: last!.seq }));

    it('list each user\'s conversations with their maxSeq and last entry', async () => {
      for (const user of [A, B, C, D, E]) {
        expect(summarize(await stores!.conversations.listConversations(user.toString(), page())), `user ${user}`)
          .to.deep.equal(summaries(user));
      }
      const [ad, ab] = await stores!.conversations.listConversations(A.toString(), page());
      expect([ad!.convId, ab!.convId]).to.deep.equal([CONV_AD, CONV_AB]);
      expect(ab).to.deep.include({ peerUserId: B.toString(), maxSeq: '6', unread: 2 });
      expect(ab!.last).to.deep.equal({
        msgId: `${MAX_INT64}`, clientMsgId: 'a-4', fromUserId: `${A}`, toUserId: `${B}`, content: '{"json":true}', format: 2,
        createTime: T0 + 55, chatId: `${A}_${B}`, status: PENDING, convId: CONV_AB, seq: '6', recalledMsgId: '0',
      });
      const [ee] = await stores!.conversations.listConversations(E.toString(), page());
      expect(ee).to.deep.include({ convId: CONV_EE, peerUserId: E.toString(), maxSeq: '2', unread: 0 });
    });

    it('return the backfilled entries as history, in seq order', async () => {
      for (const [convId, c] of convs) {
        const entries = OLD_MESSAGES.filter((m) => convOf(m) === convId).sort((x, y) => (x.msgId < y.msgId ? -1 : 1));
        const history = (await stores!.conversations.history(c.users[0]![0].toString(), convId, latest()))!;
        expect(history.hasMore).to.equal(false);
        expect(history.minSeq).to.equal('1');
        expect(history.entries, convId).to.deep.equal(entries.map((m, i) => ({
          msgId: m.msgId.toString(), clientMsgId: m.clientMsgId, fromUserId: m.from.toString(), toUserId: m.to.toString(),
          content: m.status === RECALLED ? '' : m.content, format: m.format, createTime: m.createTime,
          chatId: chatId(m.from, m.to), status: m.status, convId, seq: String(i + 1), recalledMsgId: '0',
        })));
      }
      const older = (await stores!.conversations.history(B.toString(), CONV_AB, { afterSeq: '0', beforeSeq: '5', limit: 2 }))!;
      expect(older.entries.map((e) => e.seq)).to.deep.equal(['3', '4']);
      expect(older.hasMore).to.equal(true);
      const newer = (await stores!.conversations.history(A.toString(), CONV_AB, { afterSeq: '4', beforeSeq: '0', limit: 10 }))!;
      expect(newer.entries.map((e) => e.msgId)).to.deep.equal([`${M + 70n}`, `${MAX_INT64}`]);
    });

    it('find the old pending messages and claim the old outbox rows with their keys', async () => {
      const pending = await stores!.messages.listPending(B.toString(), '0', 100);
      expect(pending.map((m) => [m.msgId, m.convId, m.seq])).to.deep.equal([
        [`${M + 80n}`, CONV_BC, '3'],
        [`${MAX_INT64}`, CONV_AB, '6'],
      ]);
      expect((await stores!.messages.findById(`${M + 50n}`))).to.deep.include({ status: RECALLED, content: 'secret', seq: '4' });
      const claimed = await stores!.messages.claimOutbox(T0 + 1_000, 10, 1);
      expect(claimed.map((e) => ({ id: e.id, tag: e.tag, key: e.key, attempts: e.attempts }))).to.deep.equal([
        { id: '1', tag: 'C2C_MSG', key: `${M + 70n}`, attempts: 0 },
        { id: '4', tag: 'C2C_MSG', key: `${M + 80n}`, attempts: 1 },
        { id: '3', tag: 'C2C_RECALL', key: `${M + 50n}`, attempts: 0 },
      ]);
      expect(claimed[0]!.body).to.equal(outboxBody(OLD_OUTBOX[0]!));
    });

    it('treat an old (from, client_msg_id) as a duplicate and return the old row with its seq', async () => {
      const [result] = await stores!.messages.insertBatch([withEvent({
        msgId: `${M + 95n}`, clientMsgId: 'same-client-id', fromUserId: `${A}`, toUserId: `${B}`, content: 'resent', format: 1,
        createTime: T0 + 150,
      })]);
      expect(result!.inserted).to.equal(false);
      expect(result!.message).to.deep.include({ msgId: `${M + 10n}`, content: 'hi B', convId: CONV_AB, seq: '1' });
      expect(await stores!.messages.findById(`${M + 95n}`)).to.equal(null);
    });

    it('give a new message in an existing conversation seq max+1, and a new conversation seq 1', async () => {
      const messageIdsBefore = (await dump(raw, 'im_c2c_message', ['id'])).map((r) => Number(r.id));
      const results = await stores!.messages.insertBatch([
        { msgId: `${M + 100n}`, clientMsgId: 'b-new', fromUserId: `${B}`, toUserId: `${A}`, content: 'after upgrade', format: 1,
          createTime: T0 + 200 },
        { msgId: `${M + 110n}`, clientMsgId: 'a-new', fromUserId: `${A}`, toUserId: `${C}`, content: 'first to C', format: 1,
          createTime: T0 + 210 },
      ].map(withEvent));
      expect(results.map((r) => [r.inserted, r.message.convId, r.message.seq])).to.deep.equal([
        [true, CONV_AB, '7'],
        [true, `c_${A}_${C}`, '1'],
      ]);
      const [conv] = (await dump(raw, 'im_conversation', NEW_COLUMNS.im_conversation)).filter((r) => r.conv_id === CONV_AB);
      expect(conv).to.deep.equal({ conv_id: CONV_AB, conv_type: '1', max_seq: '7', last_msg_id: `${M + 100n}`, update_time: `${T0 + 200}` });
      const users = (await dump(raw, 'im_user_conversation', NEW_COLUMNS.im_user_conversation)).filter((r) => r.conv_id === CONV_AB);
      expect(users.map((r) => [r.user_id, r.update_time]).sort()).to.deep.equal([[stored(t, A), `${T0 + 200}`], [stored(t, B), `${T0 + 200}`]].sort());
      const history = (await stores!.conversations.history(A.toString(), CONV_AB, { afterSeq: '6', beforeSeq: '0', limit: 10 }))!;
      expect(history.entries.map((e) => [e.msgId, e.seq, e.content])).to.deep.equal([[`${M + 100n}`, '7', 'after upgrade']]);
      const [first] = await stores!.conversations.listConversations(A.toString(), page(1));
      expect(first).to.deep.include({ convId: `c_${A}_${C}`, peerUserId: `${C}`, maxSeq: '1' });
      // Row ids keep counting after the old rows (InnoDB may skip the one the ignored duplicate took).
      const newIds = (await dump(raw, 'im_c2c_message', ['id'])).map((r) => Number(r.id)).filter((id) => !messageIdsBefore.includes(id));
      expect(newIds).to.have.length(2);
      expect(Math.min(...newIds)).to.be.above(Math.max(...messageIdsBefore));
      const outbox = (await dump(raw, 'im_outbox', NEW_COLUMNS.im_outbox)).filter((r) => r.msg_id === `${M + 100n}`);
      expect(outbox.map((r) => [r.tag, r.mq_key, JSON.parse(r.body!).seq])).to.deep.equal([['C2C_MSG', `${M + 100n}`, '7']]);
    });

    it('never reuse the row id of an outbox row completed before the upgrade', async () => {
      const ids = (await dump(raw, 'im_outbox', ['id'])).map((r) => Number(r.id));
      // Old rows 1-4 and the two rows of the previous test, numbered after the deleted row 5.
      expect(ids.filter((id) => id > 4)).to.deep.equal([COMPLETED_OUTBOX_ID + 1, COMPLETED_OUTBOX_ID + 2]);
    });
  });

  // After the stores have written: a nested describe runs after the tests of its parent.
  describe('opened again', () => {
    it('does nothing more when the database is opened again', async () => {
      const snapshot = await dumpAll(raw);
      const db = await t.openMigrated();
      try {
        expect(await db.showMigrations()).to.equal(false);
      } finally {
        await db.destroy();
      }
      const again = await t.openStores();
      await again.messages.close();
      expect(await dumpAll(raw)).to.deep.equal(snapshot);
      expect(snapshot[MIGRATIONS_TABLE]!.map((r) => only(r, ['name']).name)).to.deep.equal([
        'CreateMessageTables1767225600000', 'Conversations1767312000000', 'OutboxBodyMediumtext1767398400000', 'Groups1767484800000',
      ]);
    });
  });
}

describe('SQL migration Conversations1767312000000 upgrading a first-schema database', () => {
  describe('on SQLite (a file)', () => {
    let dir: string | undefined;
    let file = '';

    before(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'im-migration-'));
      file = path.join(dir, 'im.sqlite');
    });

    after(async () => {
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    });

    upgradeSuite(() => ({
      name: 'sqlite',
      options: () => ({ type: 'better-sqlite3', database: file }),
      openStores: () => openSqliteStores(file),
      openMigrated: () => openSqliteDataSource(file),
    }));
  });

  describe('on MySQL', function () {
    const options = { ...MYSQL, database: DATABASE, poolSize: 2 };

    async function admin(sql: string): Promise<void> {
      const conn = await mysql.createConnection({ ...MYSQL });
      try {
        await conn.query(sql);
      } finally {
        await conn.end();
      }
    }

    let created = false;

    before(async function () {
      await needMysql(this);
      await admin(`DROP DATABASE IF EXISTS ${DATABASE}`);
      await admin(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      created = true;
    });

    after(async () => {
      if (created) await admin(`DROP DATABASE IF EXISTS ${DATABASE}`);
    });

    upgradeSuite(() => ({
      name: 'mysql',
      options: () => ({
        type: 'mysql', connectorPackage: 'mysql2', host: MYSQL.host, port: MYSQL.port, username: MYSQL.user,
        password: MYSQL.password, database: DATABASE, charset: 'utf8mb4_unicode_ci', supportBigNumbers: true, bigNumberStrings: true,
      }),
      openStores: () => openMysqlStores(options),
      openMigrated: () => openMysqlDataSource(options),
    }));
  });
});
