// The tables of the durable store, as TypeORM schemas. The migrations in migrations/ and
// sql/im_c2c_message.sql must describe exactly these; test/storage/sql-schema.test.ts checks both.
//
// Conventions, shared by all tables:
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
/** Conversation sequence numbers: 1, 2, 3... per conversation, 0 = none. */
const seq: EntitySchemaColumnOptions = { type: 'bigint', unsigned: true };

/** The column types SQLite cannot spell the MySQL way. */
interface DialectColumns {
  rowId: EntitySchemaColumnOptions;
  binaryText(length: number): EntitySchemaColumnOptions;
  /** Beyond 65,535 bytes: an outbox event holds a message's content and more. */
  longText: EntitySchemaColumnOptions;
}

const MYSQL: DialectColumns = {
  rowId: { type: 'bigint', primary: true, generated: 'increment' },
  // Case-sensitive: 'abc' and 'ABC' are different client ids, as on SQLite. Unlike SQLite it
  // pads (PAD SPACE), so 'abc' and 'abc ' are one; a NO PAD binary collation is not spelled the
  // same on MySQL 8 and MariaDB.
  binaryText: (length) => ({ type: 'varchar', length, collation: 'utf8mb4_bin' }),
  longText: { type: 'mediumtext' },
};

const SQLITE: DialectColumns = {
  // AUTOINCREMENT needs INTEGER PRIMARY KEY (a 64-bit rowid alias) and, unlike a plain rowid,
  // never reuses the id of a deleted row: a stale completeOutbox must not delete a newer row.
  rowId: { type: 'integer', primary: true, generated: 'increment' },
  // TEXT comparison is binary by default.
  binaryText: (length) => ({ type: 'varchar', length }),
  longText: { type: 'text' },
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
  /** `c_${chat_id}`: the conversation (PROTOCOL.md, Additions A). */
  conv_id: string;
  /** Position in the conversation, gap-free from 1; (conv_id, seq) is unique. */
  seq: string;
  /** A RECALL tombstone (msg_format 16): the msg_id it recalls; 0 for every other entry. */
  recalled_msg_id: string;
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
    conv_id: c.binaryText(64),
    seq,
    recalled_msg_id: msgId,
  },
  indices: [
    { name: 'uk_msg_id', columns: ['msg_id'], unique: true },
    // History by seq, and the proof that no seq is used twice.
    { name: 'uk_conv_seq', columns: ['conv_id', 'seq'], unique: true },
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
  /** 'C2C_MSG' | 'C2C_RECALL' | 'CONV_READ'. */
  tag: string;
  body: string;
  /** Failed publish attempts. */
  attempts: number;
  /** Claimable from this time on; a claim pushes it to the end of the lease. */
  due_time: number;
  create_time: number;
  /** The MQ message key consumers dedup by: the msg_id, or `<user_id>:<conv_id>` for CONV_READ. */
  mq_key: string;
}

const outboxSchema = (c: DialectColumns) => new EntitySchema<OutboxRow>({
  name: 'im_outbox',
  columns: {
    id: c.rowId,
    msg_id: msgId,
    tag: { type: 'varchar', length: 32 },
    body: c.longText,
    attempts: { type: 'int' },
    due_time: ms,
    create_time: ms,
    mq_key: { type: 'varchar', length: 128 },
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
  /** The conversation and the seq of the RECALL tombstone (0 for recalls made before tombstones). */
  conv_id: string;
  seq: string;
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
    conv_id: c.binaryText(64),
    seq,
  },
  indices: [{ name: 'uk_user_msg', columns: ['user_id', 'msg_id'], unique: true }],
});

/** One conversation: its counter (locked to assign seqs) and its last entry. */
interface ConversationRow {
  conv_id: string;
  /** ConvType: 1 one-to-one, 2 group. */
  conv_type: number;
  /** The seq of the last entry; the next entry gets max_seq + 1. */
  max_seq: string;
  /** msg_id of the entry with seq = max_seq. */
  last_msg_id: string;
  /** Create time of the last entry. */
  update_time: number;
}

const conversationSchema = (c: DialectColumns) => new EntitySchema<ConversationRow>({
  name: 'im_conversation',
  columns: {
    conv_id: { ...c.binaryText(64), primary: true },
    conv_type: { type: 'int' },
    max_seq: seq,
    last_msg_id: msgId,
    update_time: ms,
  },
});

/** One user's view of one conversation: what SYNC lists. */
interface UserConversationRow {
  user_id: string;
  conv_id: string;
  /** One-to-one: the other user (the user itself for a note to yourself); 0 for groups. */
  peer_user_id: string;
  /** Groups: the group; 0 for one-to-one. */
  group_id: string;
  /** Read up to here; only moves forward. */
  read_seq: string;
  /** The lowest seq this user may read (1 in one-to-one). */
  min_seq: string;
  /** Time of the last entry or of this user's last read change: SYNC's order. */
  update_time: number;
}

const userConversationSchema = (c: DialectColumns) => new EntitySchema<UserConversationRow>({
  name: 'im_user_conversation',
  columns: {
    user_id: { ...userId, primary: true },
    conv_id: { ...c.binaryText(64), primary: true },
    peer_user_id: userId,
    group_id: userId,
    read_seq: seq,
    min_seq: seq,
    update_time: ms,
  },
  // "My conversations by latest activity".
  indices: [{ name: 'idx_user_update', columns: ['user_id', 'update_time', 'conv_id'] }],
});

/** A group (its conversation is `g_<group_id>` in im_conversation). */
interface GroupRow {
  /** A snowflake. */
  group_id: string;
  group_name: string;
  owner_user_id: string;
  /** Current members, owner included. */
  member_count: number;
  /**
   * GROUP_CREATE's client_req_id: the same one from the same owner is the same group. Without one,
   * `\x01<group_id>`, which no client can send and no other group has.
   */
  create_req_id: string;
  create_time: number;
  update_time: number;
}

const groupSchema = (c: DialectColumns) => new EntitySchema<GroupRow>({
  name: 'im_group',
  columns: {
    group_id: { ...msgId, primary: true },
    group_name: { type: 'varchar', length: 128 },
    owner_user_id: userId,
    member_count: { type: 'int' },
    create_req_id: c.binaryText(64),
    create_time: ms,
    update_time: ms,
  },
  indices: [{ name: 'uk_owner_req', columns: ['owner_user_id', 'create_req_id'], unique: true }],
});

/** A user's membership of a group, kept after it ends (leave_seq > 0) so that it still reads up to there. */
interface GroupMemberRow {
  group_id: string;
  user_id: string;
  /** GroupRole: 1 member, 2 admin, 3 owner. */
  member_role: number;
  /** The seq of the entry that added the user (CREATED or MEMBERS_ADDED): the first it may read. */
  join_seq: string;
  /** The seq of the entry that removed the user; 0 while a member. */
  leave_seq: string;
  join_time: number;
}

const groupMemberSchema = () => new EntitySchema<GroupMemberRow>({
  name: 'im_group_member',
  columns: {
    group_id: { ...msgId, primary: true },
    user_id: { ...userId, primary: true },
    member_role: { type: 'int' },
    join_seq: seq,
    leave_seq: seq,
    join_time: ms,
  },
  // "Groups of a user"; "members of a group" is the primary key.
  indices: [{ name: 'idx_user_group', columns: ['user_id', 'group_id'] }],
});

/** An entry of a group conversation, stored once for the whole group (read diffusion). */
interface GroupMessageRow {
  id: string;
  msg_id: string;
  client_msg_id: string;
  from_user_id: string;
  group_id: string;
  msg_content: string;
  msg_format: number;
  /** 0 a message or event, 2 RECALLED (group entries have no per-receiver delivery state). */
  msg_status: number;
  create_time: number;
  update_time: number;
  conv_id: string;
  seq: string;
  recalled_msg_id: string;
  /** Comma-separated user ids ('' for none). */
  mention_user_ids: string;
  /** GROUP_EVENT entries: the GroupEvent as JSON ('' otherwise). */
  group_event: string;
}

const groupMessageSchema = (c: DialectColumns) => new EntitySchema<GroupMessageRow>({
  name: 'im_group_message',
  columns: {
    id: c.rowId,
    msg_id: msgId,
    client_msg_id: c.binaryText(64),
    from_user_id: userId,
    group_id: msgId,
    msg_content: { type: 'text' },
    msg_format: { type: 'int' },
    msg_status: { type: 'int' },
    create_time: ms,
    update_time: ms,
    conv_id: c.binaryText(64),
    seq,
    recalled_msg_id: msgId,
    mention_user_ids: { type: 'text' },
    group_event: { type: 'text' },
  },
  indices: [
    // Index names are per database on SQLite: not those of im_c2c_message.
    { name: 'uk_group_msg_id', columns: ['msg_id'], unique: true },
    { name: 'uk_group_seq', columns: ['group_id', 'seq'], unique: true },
    { name: 'uk_group_from_client', columns: ['from_user_id', 'client_msg_id'], unique: true },
  ],
});

/** The schemas for one database: the two dialects differ only in the columns above. */
export function entitySchemas(dialect: SqlDialect): EntitySchema[] {
  const c = dialect === 'mysql' ? MYSQL : SQLITE;
  return [
    messageSchema(c), outboxSchema(c), recallNoticeSchema(c), conversationSchema(c), userConversationSchema(c),
    groupSchema(c), groupMemberSchema(), groupMessageSchema(c),
  ];
}
