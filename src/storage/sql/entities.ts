// The three tables of the durable store, as TypeORM schemas. The migrations in migrations/ and
// sql/im_c2c_message.sql must describe exactly these; test/storage/sql-schema.test.ts checks both.
//
// Conventions, shared by all three tables:
// - 64-bit ids are BIGINT. msg_id and row ids are signed (snowflakes use 63 bits); user ids are
//   UNSIGNED. SqlMessageStore never reads or writes them through a JS number: it binds BigInt and
//   selects CAST(... AS CHAR). On SQLite (INTEGER is signed 64-bit) a user id above 2^63-1 is
//   stored as its two's-complement signed value; see storedUser() in sql-message-store.ts.
// - Times are BIGINT ms since the Unix epoch: exact, zone-free, and the same number the protocol
//   carries. A RECALLED row is final, so its update_time is the recall time.
// - The repository API is not used (see sql-message-store.ts), so the row types below describe
//   the logical shape of a row, not what a driver returns.
import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';

export type SqlDialect = 'mysql' | 'sqlite';

const msgId: EntitySchemaColumnOptions = { type: 'bigint' };
const userId: EntitySchemaColumnOptions = { type: 'bigint', unsigned: true };
const ms: EntitySchemaColumnOptions = { type: 'bigint' };

/** The column types SQLite cannot spell the MySQL way. */
interface DialectColumns {
  rowId: EntitySchemaColumnOptions;
  binaryText(length: number): EntitySchemaColumnOptions;
}

const MYSQL: DialectColumns = {
  rowId: { type: 'bigint', primary: true, generated: 'increment' },
  // Case-sensitive: 'abc' and 'ABC' are different client ids, as on SQLite. Unlike SQLite it
  // pads (PAD SPACE), so 'abc' and 'abc ' are one; a NO PAD binary collation is not spelled the
  // same on MySQL 8 and MariaDB.
  binaryText: (length) => ({ type: 'varchar', length, collation: 'utf8mb4_bin' }),
};

const SQLITE: DialectColumns = {
  // AUTOINCREMENT needs INTEGER PRIMARY KEY (a 64-bit rowid alias) and, unlike a plain rowid,
  // never reuses the id of a deleted row: a stale completeOutbox must not delete a newer row.
  rowId: { type: 'integer', primary: true, generated: 'increment' },
  // TEXT comparison is binary by default.
  binaryText: (length) => ({ type: 'varchar', length }),
};

export interface MessageRow {
  id: string;
  msg_id: string;
  client_msg_id: string;
  from_user_id: string;
  to_user_id: string;
  /** `${min}_${max}` of the two user ids compared as integers: the same for both directions. */
  chat_id: string;
  msg_content: string;
  msg_format: number;
  /** MsgStatus. */
  msg_status: number;
  create_time: number;
  update_time: number;
}

const messageSchema = (c: DialectColumns) => new EntitySchema<MessageRow>({
  name: 'im_c2c_message',
  columns: {
    id: c.rowId,
    msg_id: msgId,
    client_msg_id: c.binaryText(64),
    from_user_id: userId,
    to_user_id: userId,
    chat_id: c.binaryText(64),
    msg_content: { type: 'text' },
    msg_format: { type: 'int' },
    msg_status: { type: 'int' },
    create_time: ms,
    update_time: ms,
  },
  indices: [
    { name: 'uk_msg_id', columns: ['msg_id'], unique: true },
    { name: 'uk_from_client_msg', columns: ['from_user_id', 'client_msg_id'], unique: true },
    // Conversation history and the offline pull (PENDING rows for one receiver).
    { name: 'idx_from_to_time', columns: ['from_user_id', 'to_user_id', 'create_time'] },
    { name: 'idx_to_status_time', columns: ['to_user_id', 'msg_status', 'create_time'] },
  ],
});

/** A transactional-outbox row: an MQ event committed with the change it announces. */
interface OutboxRow {
  id: string;
  msg_id: string;
  /** 'C2C_MSG' | 'C2C_RECALL'. */
  tag: string;
  body: string;
  /** Failed publish attempts. */
  attempts: number;
  /** Claimable from this time on; a claim pushes it to the end of the lease. */
  due_time: number;
  create_time: number;
}

const outboxSchema = (c: DialectColumns) => new EntitySchema<OutboxRow>({
  name: 'im_outbox',
  columns: {
    id: c.rowId,
    msg_id: msgId,
    tag: { type: 'varchar', length: 32 },
    body: { type: 'text' },
    attempts: { type: 'int' },
    due_time: ms,
    create_time: ms,
  },
  indices: [{ name: 'idx_due_time', columns: ['due_time'] }],
});

/** A recall the receiver has not been told about yet (it was offline). */
interface RecallNoticeRow {
  id: string;
  /** The receiver to notify. */
  user_id: string;
  msg_id: string;
  from_user_id: string;
  to_user_id: string;
  recall_time: number;
}

const recallNoticeSchema = (c: DialectColumns) => new EntitySchema<RecallNoticeRow>({
  name: 'im_recall_notice',
  columns: {
    id: c.rowId,
    user_id: userId,
    msg_id: msgId,
    from_user_id: userId,
    to_user_id: userId,
    recall_time: ms,
  },
  indices: [{ name: 'uk_user_msg', columns: ['user_id', 'msg_id'], unique: true }],
});

/** The schemas for one database: the two dialects differ only in the columns above. */
export function entitySchemas(dialect: SqlDialect): EntitySchema[] {
  const c = dialect === 'mysql' ? MYSQL : SQLITE;
  return [messageSchema(c), outboxSchema(c), recallNoticeSchema(c)];
}
