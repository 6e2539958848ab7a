// The ConversationStore on SQLite or MySQL: SYNC, HISTORY and READ over the tables that
// SqlMessageStore writes (im_conversation, im_user_conversation, im_c2c_message).
import type { QueryRunner } from 'typeorm';
import type { Id, Seq } from '../../protocol/messages.js';
import {
  UNREAD_CAP,
  type ConvSummary, type ConversationStore, type HistoryPage, type HistoryQuery, type ReadResult, type SyncCursor,
} from '../conversation-store.js';
import { FIRST_SERVER_FORMAT, MsgStatus, type StoredMessage } from '../message-store.js';
import { decodeMessage, MESSAGE_COLUMNS, type MessageRecord } from './sql-message-store.js';
import { UNION_CHUNK, chunks, count, execute, select, seqParam, unsignedText, type SqlDb } from './sql-db.js';

interface SummaryRecord {
  conv_id: string;
  peer_user_id: string;
  group_id: string;
  read_seq: string;
  min_seq: string;
  update_time: number | string;
  max_seq: string;
  peer_read_seq: string | null;
}

interface ReadRecord {
  read_seq: string;
  max_seq: string;
}

export class SqlConversationStore implements ConversationStore {
  constructor(private readonly db: SqlDb) {}

  async listConversations(userId: Id, page: { limit: number; after: SyncCursor | null; updatedAfter: number }): Promise<ConvSummary[]> {
    const user = this.db.userId(userId, 'userId');
    const where = ['uc.user_id = ?'];
    const params: unknown[] = [user];
    if (page.updatedAfter > 0) {
      where.push('uc.update_time > ?');
      params.push(page.updatedAfter);
    }
    if (page.after !== null) {
      where.push('(uc.update_time < ? OR (uc.update_time = ? AND uc.conv_id > ?))');
      params.push(page.after.updateTime, page.after.updateTime, page.after.convId);
    }
    return this.db.read(async (q) => {
      const rows = await select<SummaryRecord>(q,
        'SELECT uc.conv_id, CAST(uc.peer_user_id AS CHAR) AS peer_user_id, CAST(uc.group_id AS CHAR) AS group_id, ' +
        'CAST(uc.read_seq AS CHAR) AS read_seq, CAST(uc.min_seq AS CHAR) AS min_seq, uc.update_time, ' +
        'CAST(c.max_seq AS CHAR) AS max_seq, CAST(p.read_seq AS CHAR) AS peer_read_seq ' +
        'FROM im_user_conversation uc JOIN im_conversation c ON c.conv_id = uc.conv_id ' +
        'LEFT JOIN im_user_conversation p ON p.user_id = uc.peer_user_id AND p.conv_id = uc.conv_id ' +
        `WHERE ${where.join(' AND ')} ORDER BY uc.update_time DESC, uc.conv_id ASC LIMIT ?`, [...params, count(page.limit)]);
      const lasts = await this.entriesAt(q, rows.map((r) => ({ convId: r.conv_id, seq: r.max_seq })));
      const unread = await this.unreadCounts(q, user, rows.map((r) => ({ convId: r.conv_id, readSeq: r.read_seq, maxSeq: r.max_seq })));
      return rows.map((r, i) => ({
        convId: r.conv_id,
        peerUserId: unsignedText(r.peer_user_id),
        groupId: r.group_id,
        maxSeq: r.max_seq,
        readSeq: r.read_seq,
        peerReadSeq: r.peer_read_seq ?? '0',
        unread: unread[i]!,
        last: lasts[i] ?? null,
        updateTime: Number(r.update_time),
        minSeq: r.min_seq,
      }));
    });
  }

  async history(userId: Id, convId: string, query: HistoryQuery): Promise<HistoryPage> {
    const user = this.db.userId(userId, 'userId');
    const limit = count(query.limit);
    const after = seqParam(query.afterSeq, 'afterSeq');
    const before = seqParam(query.beforeSeq, 'beforeSeq');
    return this.db.read(async (q) => {
      const [member] = await select<{ min_seq: string }>(q,
        'SELECT CAST(min_seq AS CHAR) AS min_seq FROM im_user_conversation WHERE user_id = ? AND conv_id = ?', [user, convId]);
      // A participant of a conversation without entries has no row yet: nothing to read.
      if (member === undefined) return { entries: [], hasMore: false, minSeq: '1' };
      const minSeq = BigInt(member.min_seq);
      const from = `SELECT ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE conv_id = ? AND seq >= ?`;
      let rows: MessageRecord[];
      if (after > 0n) {
        rows = await select<MessageRecord>(q, `${from} AND seq > ? ORDER BY im_c2c_message.seq ASC LIMIT ?`, [convId, minSeq, after, limit + 1]);
        const hasMore = rows.length > limit;
        return { entries: rows.slice(0, limit).map(decodeEntry), hasMore, minSeq: member.min_seq };
      }
      rows = before > 0n
        ? await select<MessageRecord>(q, `${from} AND seq < ? ORDER BY im_c2c_message.seq DESC LIMIT ?`, [convId, minSeq, before, limit + 1])
        : await select<MessageRecord>(q, `${from} ORDER BY im_c2c_message.seq DESC LIMIT ?`, [convId, minSeq, limit + 1]);
      const hasMore = rows.length > limit;
      return { entries: rows.slice(0, limit).reverse().map(decodeEntry), hasMore, minSeq: member.min_seq };
    });
  }

  async markRead(userId: Id, convId: string, readSeq: Seq, now: number): Promise<ReadResult> {
    const user = this.db.userId(userId, 'userId');
    const wanted = seqParam(readSeq, 'readSeq');
    return this.db.tx(async (q) => {
      // Only this user's row is locked: writers lock the conversation's counter first and the
      // user rows after it, so locking both here would deadlock with them. The committed
      // max_seq (READ COMMITTED) is the right bound to clamp to.
      const [mine] = await select<{ read_seq: string }>(q,
        `SELECT CAST(read_seq AS CHAR) AS read_seq FROM im_user_conversation WHERE user_id = ? AND conv_id = ?${this.db.dialect.forUpdate}`,
        [user, convId]);
      // No entries yet: max_seq is 0, and so is every clamped position.
      if (mine === undefined) return { readSeq: '0', moved: false, unread: 0 };
      const [conv] = await select<{ max_seq: string }>(q,
        'SELECT CAST(max_seq AS CHAR) AS max_seq FROM im_conversation WHERE conv_id = ?', [convId]);
      const row: ReadRecord = { read_seq: mine.read_seq, max_seq: conv!.max_seq };
      const current = BigInt(row.read_seq);
      const max = BigInt(row.max_seq);
      const target = wanted < max ? wanted : max;
      const moved = target > current;
      if (moved) {
        // Never back in time: this node's clock may be behind the one that stamped the last entry.
        await execute(q,
          `UPDATE im_user_conversation SET read_seq = ?, update_time = ${this.db.dialect.greatest('update_time', '?')} WHERE user_id = ? AND conv_id = ?`,
          [target, now, user, convId]);
      }
      const stored = moved ? target : current;
      const [unread] = await this.unreadCounts(q, user, [{ convId, readSeq: stored.toString(), maxSeq: row.max_seq }]);
      return { readSeq: stored.toString(), moved, unread: unread! };
    });
  }

  /** The entries at these (conv_id, seq) positions, in input order (undefined where none). */
  private async entriesAt(q: QueryRunner, at: Array<{ convId: string; seq: Seq }>): Promise<Array<StoredMessage | undefined>> {
    const found = new Map<number, StoredMessage>();
    const wanted = at.flatMap((a, i) => (a.seq === '0' ? [] : [i]));
    for (const chunk of chunks(wanted, UNION_CHUNK)) {
      const sql = chunk.map(() => `SELECT ? AS k, ${MESSAGE_COLUMNS} FROM im_c2c_message WHERE conv_id = ? AND seq = ?`).join(' UNION ALL ');
      const rows = await select<MessageRecord & { k: number | string }>(q, sql,
        chunk.flatMap((i) => [i, at[i]!.convId, BigInt(at[i]!.seq)]));
      for (const row of rows) found.set(Number(row.k), decodeEntry(row));
    }
    return at.map((_, i) => found.get(i));
  }

  /**
   * Per conversation: entries above readSeq that are messages, not sent by `user` and not
   * recalled, counted up to UNREAD_CAP (the index on (conv_id, seq) bounds each scan).
   */
  private async unreadCounts(q: QueryRunner, user: bigint, convs: Array<{ convId: string; readSeq: Seq; maxSeq: Seq }>): Promise<number[]> {
    const counts = convs.map(() => 0);
    const wanted = convs.flatMap((c, i) => (BigInt(c.maxSeq) > BigInt(c.readSeq) ? [i] : []));
    for (const chunk of chunks(wanted, UNION_CHUNK)) {
      const sql = chunk.map(() =>
        'SELECT ? AS k, COUNT(*) AS n FROM (SELECT 1 AS one FROM im_c2c_message WHERE conv_id = ? AND seq > ? ' +
        `AND from_user_id <> ? AND msg_status <> ${MsgStatus.RECALLED} AND msg_format < ${FIRST_SERVER_FORMAT} LIMIT ${UNREAD_CAP}) t`).join(' UNION ALL ');
      const rows = await select<{ k: number | string; n: number | string }>(q, sql,
        chunk.flatMap((i) => [i, convs[i]!.convId, BigInt(convs[i]!.readSeq), user]));
      for (const row of rows) counts[Number(row.k)] = Number(row.n);
    }
    return counts;
  }
}

/** What a reader may see of an entry: a recalled message keeps no content. */
function decodeEntry(row: MessageRecord): StoredMessage {
  const entry = decodeMessage(row);
  return entry.status === MsgStatus.RECALLED ? { ...entry, content: '' } : entry;
}
