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
 * entries of `im_c2c_message`). Written by MessageStore.insertBatch and recall, which assign
 * seqs; read and moved forward here. The caller checks that the user takes part in the
 * conversation (conv ids name their participants).
 */
export interface ConversationStore {
  /** The user's conversations, update_time descending then conv_id ascending, after `after`. */
  listConversations(userId: Id, page: { limit: number; after: SyncCursor | null; updatedAfter: number }): Promise<ConvSummary[]>;

  /** Entries of `convId` this user may read (an empty page when it has none yet). */
  history(userId: Id, convId: string, query: HistoryQuery): Promise<HistoryPage>;

  /**
   * Moves the user's read position to `readSeq`, only forward, clamped to the conversation's
   * max_seq; a move also moves the user's update_time to `now`. Atomic.
   */
  markRead(userId: Id, convId: string, readSeq: Seq, now: number): Promise<ReadResult>;
}
