import type { Id, Seq } from '../protocol/messages.js';
import type { StoredMessage } from './message-store.js';

/** One conversation as one user sees it (SYNC). */
export interface ConvSummary {
  convId: string;
  peerUserId: Id;
  groupId: Id;
  maxSeq: Seq;
  readSeq: Seq;
  peerReadSeq: Seq;
  /** Messages above readSeq not sent by this user and not recalled, capped at UNREAD_CAP. */
  unread: number;
  /** The entry with seq = maxSeq. */
  last: StoredMessage | null;
  /** ms: the last entry or this user's last read change. */
  updateTime: number;
  minSeq: Seq;
}

/** Where a SYNC page continues: after this (update_time desc, conv_id asc) position. */
export interface SyncCursor {
  updateTime: number;
  convId: string;
}

export interface HistoryQuery {
  /** > 0: entries above it, ascending (catch-up). */
  afterSeq: Seq;
  /** Else > 0: the `limit` entries just below it. Else: the latest `limit`. */
  beforeSeq: Seq;
  limit: number;
}

export interface HistoryPage {
  /** Ascending by seq. */
  entries: StoredMessage[];
  /** More entries lie in the direction asked. */
  hasMore: boolean;
  minSeq: Seq;
}

export interface ReadResult {
  /** The stored position after the call. */
  readSeq: Seq;
  /** Whether this call moved it. */
  moved: boolean;
  unread: number;
}

export const UNREAD_CAP = 999;

/**
 * Conversations and read state (`im_conversation`, `im_user_conversation`, read through the
 * entries of `im_c2c_message` and `im_group_message`). Written by MessageStore and GroupStore,
 * which assign seqs; read and moved forward here. For one-to-one conversations the caller checks
 * that the user takes part (conv ids name their participants); a group's members are the ones
 * with a row.
 */
export interface ConversationStore {
  /** The user's conversations, update_time descending then conv_id ascending, after `after`. */
  listConversations(userId: Id, page: { limit: number; after: SyncCursor | null; updatedAfter: number }): Promise<ConvSummary[]>;

  /**
   * Entries of `convId` this user may read: in a group from the entry that added it up to the one
   * that removed it. An empty page when a one-to-one conversation has no entries yet; null for a
   * group the user never joined.
   */
  history(userId: Id, convId: string, query: HistoryQuery): Promise<HistoryPage | null>;

  /**
   * Moves the user's read position to `readSeq`, only forward, clamped to the conversation's
   * max_seq (a former group member's: the entry that removed it); a move also moves the user's
   * update_time to `now`. Atomic. Null for a group the user never joined.
   */
  markRead(userId: Id, convId: string, readSeq: Seq, now: number): Promise<ReadResult | null>;
}
