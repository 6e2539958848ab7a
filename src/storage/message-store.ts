// storage/: where messages live. Each interface here has an embedded and a production
// implementation side by side (`*-memory.ts` / `*-redis.ts`, and `sql/` on SQLite or MySQL).
import type { GroupEvent, Id, Seq } from '../protocol/messages.js';
import type { MqTag } from '../mq/publisher.js';

/** `im_c2c_message.msg_status` values. */
export const MsgStatus = {
  /** Stored, not yet acked by the receiver. */
  PENDING: 0,
  /** Acked by one of the receiver's devices. */
  DELIVERED: 1,
  /** Recalled by the sender; never delivered afterwards. */
  RECALLED: 2,
  /** Undelivered, dropped from offline delivery by the per-user cap or the offline TTL. */
  DROPPED: 3,
} as const;

/** MsgFormat RECALL: a tombstone entry, server-made (PROTOCOL.md, Additions A). */
export const RECALL_FORMAT = 16;
/** Formats at or above this are server-made entries, not messages (RECALL, GROUP_EVENT). */
export const FIRST_SERVER_FORMAT = 16;
export type MsgStatus = (typeof MsgStatus)[keyof typeof MsgStatus];

export interface NewMessage {
  msgId: Id;
  clientMsgId: string;
  fromUserId: Id;
  toUserId: Id;
  content: string;
  format: number;
  /** ms since the Unix epoch. */
  createTime: number;
}

/**
 * The MQ event announcing a new conversation entry, made by the caller before the transaction
 * (mq/events.ts): complete but for the entry's seq, which only the transaction knows. The store
 * writes it into the outbox with `seq` added to the body.
 */
export interface EntryEvent {
  tag: MqTag;
  /** The MQ message key. */
  key: string;
  /** The JSON body without `seq`. */
  body: object;
}

/** A message to insert, and the event announcing it once committed. */
export interface MessageWrite {
  message: NewMessage;
  event: EntryEvent;
}

/** An entry of a conversation as stored: a message or a RECALL tombstone. */
export interface StoredMessage extends NewMessage {
  chatId: string;
  status: MsgStatus;
  /** `c_<lo>_<hi>`. */
  convId: string;
  /** Gap-free position in the conversation, from 1. */
  seq: Seq;
  /** Tombstones: the recalled msg_id; '0' for messages. */
  recalledMsgId: Id;
  /** Group entries (to_user_id '0'): the group, the mentioned users, and what a GROUP_EVENT says. */
  groupId?: Id;
  mentionUserIds?: Id[];
  groupEvent?: GroupEvent;
}

/** One row of the transactional outbox: an event for the MQ topic, written with its change. */
export interface OutboxEntry {
  id: Id;
  tag: MqTag;
  /** The MQ message key: the msg_id the event is about, or `<user_id>:<conv_id>` for CONV_READ. */
  key: string;
  /** JSON body (see mq/events.ts). */
  body: string;
  attempts: number;
}

/** An event for the outbox that no message write carries (e.g. CONV_READ). */
export interface NewOutboxEvent {
  tag: MqTag;
  key: string;
  body: string;
  /** ms since the Unix epoch. */
  time: number;
}

/** A recall notification waiting for the receiver's next login. */
export interface RecallNotice {
  msgId: Id;
  fromUserId: Id;
  toUserId: Id;
  recallTime: number;
  convId: string;
  /** The tombstone's seq ('0' for recalls made before conversations existed). */
  seq: Seq;
}

export type InsertResult =
  | { inserted: true; message: StoredMessage }
  /** (from_user_id, client_msg_id) existed already: the original row. */
  | { inserted: false; message: StoredMessage };

export type RecallResult =
  | { kind: 'recalled'; message: StoredMessage; recallTime: number; tombstone: StoredMessage }
  /** Recalled before: idempotent success with the original recall time. */
  | { kind: 'already'; message: StoredMessage; recallTime: number };

/**
 * The entries of one-to-one conversations (`im_c2c_message`) and their delivery state. The
 * source of truth: everything else (offline lists, retry sets, presence) can be rebuilt from it.
 */
export interface MessageRows {
  /**
   * Inserts the batch and, for every newly inserted message, its outbox event, in ONE
   * transaction. A (from_user_id, client_msg_id) that exists already (in the store or earlier in
   * the same batch) does not fail the batch: its result is the original row. Results are in input
   * order. Rejects when the transaction failed; then nothing of the batch was committed.
   *
   * Every new message gets the next seq of its conversation, in input order, under a lock of the
   * conversation's counter held until commit (conversations locked in conv_id order): seqs are
   * gap-free and unique across processes, and seq N commits before N + 1 is assigned. The
   * conversation's last entry and both users' conversation rows move with it.
   */
  insertBatch(writes: MessageWrite[]): Promise<InsertResult[]>;

  findById(msgId: Id): Promise<StoredMessage | null>;

  /** The subset of `msgIds` that is still PENDING, as rows (any order). */
  findPending(msgIds: Id[]): Promise<StoredMessage[]>;

  /**
   * PENDING messages to `toUserId` with msg_id > afterMsgId, ascending by msg_id, at most `limit`.
   */
  listPending(toUserId: Id, afterMsgId: Id, limit: number): Promise<StoredMessage[]>;

  /**
   * PENDING messages of any receiver with afterMsgId < msg_id <= throughMsgId, ascending by
   * msg_id, at most `limit` (snowflakes are time-ordered: a range of ids is a range of time).
   */
  listPendingBetween(afterMsgId: Id, throughMsgId: Id, limit: number): Promise<StoredMessage[]>;

  /** PENDING → DELIVERED for those of `msgIds` addressed to `toUserId`; returns how many changed. */
  markDelivered(toUserId: Id, msgIds: Id[]): Promise<number>;

  /**
   * markDelivered for many receivers at once (acks are group-committed like sends), in one
   * statement per 500 messages; returns how many changed in all.
   */
  markDeliveredMany(acks: Array<{ toUserId: Id; msgIds: Id[] }>): Promise<number>;

  /** PENDING → DROPPED for those of `msgIds` addressed to `toUserId`; returns the ids changed. */
  markDropped(toUserId: Id, msgIds: Id[]): Promise<Id[]>;

  /**
   * Marks `msgId` RECALLED (from PENDING or DELIVERED) and empties its content; appends a RECALL
   * tombstone (msg_id `tombstoneMsgId`, the conversation's next seq); and, in the same
   * transaction, writes `event` (seq: the tombstone's) to the outbox and a recall notice for the
   * receiver.
   * Idempotent: a second call returns `already` and writes nothing. Null for no such message,
   * a DROPPED one, or a tombstone. The caller checks sender and window first.
   */
  recall(msgId: Id, recallTime: number, tombstoneMsgId: Id, event: EntryEvent): Promise<RecallResult | null>;

  /**
   * How many messages are PENDING, over all receivers (the offline backlog gauge). No index
   * leads with the status, so this may scan the whole table: callers cache it.
   */
  pendingCount(): Promise<number>;
}

/** Recall notices (`im_recall_notice`), written by MessageRows.recall for an offline receiver. */
export interface RecallNotices {
  /** Recall notices waiting for `userId`, oldest first. */
  listRecallNotices(userId: Id): Promise<RecallNotice[]>;
  deleteRecallNotices(userId: Id, msgIds: Id[]): Promise<void>;
}

/**
 * The transactional outbox (`im_outbox`): MQ events committed with the change they announce
 * (message writes add theirs in their own transaction), published and removed by the relay.
 */
export interface Outbox {
  /**
   * Claims up to `limit` outbox entries due at `now` (never handed out twice concurrently, also
   * across processes): they are leased until now + leaseMs, after which an unfinished entry is
   * due again. Oldest first.
   */
  claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** Writes events that no message write carries, in one transaction. */
  appendOutbox(events: NewOutboxEvent[]): Promise<void>;
  /** Published: remove. */
  completeOutbox(ids: Id[]): Promise<void>;
  /** Failed: given back, each due again at `dueAt` with attempts + 1. */
  failOutbox(ids: Id[], dueAt: number): Promise<void>;
  outboxBacklog(): Promise<number>;
}

/** The three over one database, as the gateway opens it. */
export interface MessageStore extends MessageRows, RecallNotices, Outbox {
  /** Cheap reachability check for readiness probes; rejects when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
