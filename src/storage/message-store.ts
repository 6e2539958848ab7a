// storage/: where messages live. Each interface here has an embedded and a production
// implementation side by side (`*-memory.ts` / `*-redis.ts`, and `sql/` on SQLite or MySQL).
import type { Id } from '../protocol/messages.js';

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

export interface StoredMessage extends NewMessage {
  chatId: string;
  status: MsgStatus;
}

/** One row of the transactional outbox: an event for the MQ topic, written with its message. */
export interface OutboxEntry {
  id: Id;
  tag: 'C2C_MSG' | 'C2C_RECALL';
  /** The msg_id the event is about; the MQ key. */
  msgId: Id;
  /** JSON body (see mq/events.ts). */
  body: string;
  attempts: number;
}

/** A recall notification waiting for the receiver's next login. */
export interface RecallNotice {
  msgId: Id;
  fromUserId: Id;
  toUserId: Id;
  recallTime: number;
}

export type InsertResult =
  | { inserted: true; message: StoredMessage }
  /** (from_user_id, client_msg_id) existed already: the original row. */
  | { inserted: false; message: StoredMessage };

export type RecallResult =
  | { kind: 'recalled'; message: StoredMessage; recallTime: number }
  /** Recalled before: idempotent success with the original recall time. */
  | { kind: 'already'; message: StoredMessage; recallTime: number };

/**
 * The durable message store (`im_c2c_message` plus its outbox and recall notices). The source
 * of truth: everything else (offline lists, retry sets, presence) can be rebuilt from it.
 */
export interface MessageStore {
  /**
   * Inserts the batch and, for every newly inserted message, its C2C_MSG outbox event, in ONE
   * transaction. A (from_user_id, client_msg_id) that exists already (in the store or earlier in
   * the same batch) does not fail the batch: its result is the original row. Results are in input
   * order. Rejects when the transaction failed; then nothing of the batch was committed.
   */
  insertBatch(messages: NewMessage[], outboxBody: (m: StoredMessage) => string): Promise<InsertResult[]>;

  findById(msgId: Id): Promise<StoredMessage | null>;

  /** The subset of `msgIds` that is still PENDING, as rows (any order). */
  findPending(msgIds: Id[]): Promise<StoredMessage[]>;

  /**
   * PENDING messages to `toUserId` with msg_id > afterMsgId and create_time >= notBefore,
   * ascending by msg_id, at most `limit`.
   */
  listPending(toUserId: Id, afterMsgId: Id, limit: number, notBefore: number): Promise<StoredMessage[]>;

  /** PENDING → DELIVERED for those of `msgIds` addressed to `toUserId`; returns the ids changed. */
  markDelivered(toUserId: Id, msgIds: Id[]): Promise<Id[]>;

  /**
   * markDelivered for many receivers in ONE transaction (acks are group-committed like sends).
   * Returns the ids changed, per entry, in input order.
   */
  markDeliveredMany(acks: Array<{ toUserId: Id; msgIds: Id[] }>): Promise<Id[][]>;

  /** PENDING → DROPPED for those of `msgIds` addressed to `toUserId`; returns the ids changed. */
  markDropped(toUserId: Id, msgIds: Id[]): Promise<Id[]>;

  /**
   * PENDING messages to `toUserId` created before `olderThan` become DROPPED (offline TTL);
   * returns the ids changed.
   */
  dropExpired(toUserId: Id, olderThan: number): Promise<Id[]>;

  /**
   * Marks `msgId` RECALLED (from PENDING or DELIVERED) and, in the same transaction, writes a
   * C2C_RECALL outbox event and a recall notice for the receiver. Idempotent: a second call
   * returns `already` and writes nothing. The caller checks sender and window first.
   */
  recall(msgId: Id, recallTime: number, outboxBody: (m: StoredMessage, recallTime: number) => string): Promise<RecallResult | null>;

  /** Recall notices waiting for `userId`, oldest first. */
  listRecallNotices(userId: Id): Promise<RecallNotice[]>;
  deleteRecallNotices(userId: Id, msgIds: Id[]): Promise<void>;

  /**
   * Claims up to `limit` outbox entries due at `now` (never handed out twice concurrently, also
   * across processes): they are leased until now + leaseMs, after which an unfinished entry is
   * due again. Oldest first.
   */
  claimOutbox(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** Published: remove. */
  completeOutbox(ids: Id[]): Promise<void>;
  /** Failed: due again at `dueAt`, attempts + 1. */
  failOutbox(id: Id, dueAt: number): Promise<void>;
  outboxBacklog(): Promise<number>;

  /**
   * How many messages are PENDING, over all receivers (the offline backlog gauge). No index
   * leads with the status, so this may scan the whole table: callers cache it.
   */
  pendingCount(): Promise<number>;

  /** Cheap reachability check for readiness probes; rejects when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
