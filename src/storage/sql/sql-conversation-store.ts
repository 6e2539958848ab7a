// The ConversationStore on SQLite or MySQL: SYNC, HISTORY and READ over the tables that
// SqlMessageStore and SqlGroupStore write (im_conversation, im_user_conversation, im_c2c_message,
// im_group_message, im_group_member).
import type { QueryRunner } from 'typeorm';
import type { Id, Seq } from '../../protocol/messages.js';
import {
  UNREAD_CAP,
  type ConvSummary, type ConversationStore, type HistoryPage, type HistoryQuery, type ReadResult, type SyncCursor,
} from '../conversation-store.js';
import { FIRST_SERVER_FORMAT, MsgStatus, type StoredMessage } from '../message-store.js';
import { decodeMessage, MESSAGE_COLUMNS, type MessageRecord } from './sql-message-store.js';
import { decodeGroupEntry, GROUP_ENTRY_COLUMNS, type GroupEntryRecord } from './sql-group-store.js';
import { parseConvId } from '../../conversations/conv-id.js';
import { UNION_CHUNK, chunks, count, execute, select, seqParam, unsignedText, type SqlDb } from './sql-db.js';

/** Above every stored seq: the bound of a range that has none. */
const MAX_STORED_SEQ = 2n ** 63n - 1n;

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

/**
 * Where a conversation's entries are, selected by `WHERE ${key} AND ...` with `keyParam`: one
 * table per kind, each with its (key, seq) index.
 */
interface EntrySource {
  table: string;
  columns: string;
  key: string;
  keyParam: unknown;
  decode(row: unknown): StoredMessage;
}

function entrySource(convId: string): EntrySource {
  const ref = parseConvId(convId);
  if (ref?.kind === 'group') {
    return {
      table: 'im_group_message', columns: GROUP_ENTRY_COLUMNS, key: 'group_id = ?', keyParam: BigInt(ref.groupId),
      decode: (row) => readable(decodeGroupEntry(row as GroupEntryRecord)),
    };
  }
  return {
    table: 'im_c2c_message', columns: MESSAGE_COLUMNS, key: 'conv_id = ?', keyParam: convId,
    decode: (row) => readable(decodeMessage(row as MessageRecord)),
  };
}

/**
 * SYNC's order: a one-to-one row moves with every entry (both users' rows are written with it);
 * a group's rows do not (that would be a write per member per message), so a member's time is
 * the later of its own row's and the group's last entry, and a former member's is frozen at its
 * removal. `gm` is the user's membership, NULL for one-to-one.
 */
const effectiveTime = (greatest: (a: string, b: string) => string) =>
  `(CASE WHEN gm.leave_seq IS NULL OR gm.leave_seq > 0 THEN uc.update_time ELSE ${greatest('uc.update_time', 'c.update_time')} END)`;
/** The last seq this user may read: a former member's ends at the entry that removed it. */
const EFFECTIVE_MAX = '(CASE WHEN gm.leave_seq > 0 THEN gm.leave_seq ELSE c.max_seq END)';
const MEMBERSHIP = 'LEFT JOIN im_group_member gm ON gm.group_id = uc.group_id AND gm.user_id = uc.user_id';

export class SqlConversationStore implements ConversationStore {
  constructor(private readonly db: SqlDb) {}

  async listConversations(userId: Id, page: { limit: number; after: SyncCursor | null; updatedAfter: number }): Promise<ConvSummary[]> {
    const user = this.db.userId(userId, 'userId');
    const time = effectiveTime(this.db.dialect.greatest);
    const where = ['uc.user_id = ?'];
    const params: unknown[] = [user];
    if (page.updatedAfter > 0) {
      where.push(`${time} > ?`);
      params.push(page.updatedAfter);
    }
    if (page.after !== null) {
      where.push(`(${time} < ? OR (${time} = ? AND uc.conv_id > ?))`);
      params.push(page.after.updateTime, page.after.updateTime, page.after.convId);
    }
    return this.db.read(async (q) => {
      // Groups have no peer: peer_user_id 0 matches no user's row.
      const rows = await select<SummaryRecord>(q,
        'SELECT uc.conv_id, CAST(uc.peer_user_id AS CHAR) AS peer_user_id, CAST(uc.group_id AS CHAR) AS group_id, ' +
        `CAST(uc.read_seq AS CHAR) AS read_seq, CAST(uc.min_seq AS CHAR) AS min_seq, ${time} AS update_time, ` +
        `CAST(${EFFECTIVE_MAX} AS CHAR) AS max_seq, CAST(p.read_seq AS CHAR) AS peer_read_seq ` +
        'FROM im_user_conversation uc JOIN im_conversation c ON c.conv_id = uc.conv_id ' +
        'LEFT JOIN im_user_conversation p ON p.user_id = uc.peer_user_id AND p.conv_id = uc.conv_id ' +
        `${MEMBERSHIP} WHERE ${where.join(' AND ')} ORDER BY update_time DESC, uc.conv_id ASC LIMIT ?`, [...params, count(page.limit)]);
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

  async history(userId: Id, convId: string, query: HistoryQuery): Promise<HistoryPage | null> {
    const user = this.db.userId(userId, 'userId');
    const limit = count(query.limit);
    const after = seqParam(query.afterSeq, 'afterSeq');
    const before = seqParam(query.beforeSeq, 'beforeSeq');
    const source = entrySource(convId);
    return this.db.read(async (q) => {
      const [member] = await select<{ min_seq: string; leave_seq: string | null }>(q,
        'SELECT CAST(uc.min_seq AS CHAR) AS min_seq, CAST(gm.leave_seq AS CHAR) AS leave_seq ' +
        `FROM im_user_conversation uc ${MEMBERSHIP} WHERE uc.user_id = ? AND uc.conv_id = ?`, [user, convId]);
      if (member === undefined) {
        // A group is readable from joining on; a one-to-one participant without entries has no row yet.
        return source.table === 'im_group_message' ? null : { entries: [], hasMore: false, minSeq: '1' };
      }
      const range = [BigInt(member.min_seq), member.leave_seq === null || member.leave_seq === '0' ? MAX_STORED_SEQ : BigInt(member.leave_seq)];
      const from = `SELECT ${source.columns} FROM ${source.table} WHERE ${source.key} AND seq >= ? AND seq <= ?`;
      const orderBy = (dir: string) => `ORDER BY ${source.table}.seq ${dir} LIMIT ?`;
      if (after > 0n) {
        const rows = await select(q, `${from} AND seq > ? ${orderBy('ASC')}`, [source.keyParam, ...range, after, limit + 1]);
        return { entries: rows.slice(0, limit).map(source.decode), hasMore: rows.length > limit, minSeq: member.min_seq };
      }
      const rows = before > 0n
        ? await select(q, `${from} AND seq < ? ${orderBy('DESC')}`, [source.keyParam, ...range, before, limit + 1])
        : await select(q, `${from} ${orderBy('DESC')}`, [source.keyParam, ...range, limit + 1]);
      return { entries: rows.slice(0, limit).reverse().map(source.decode), hasMore: rows.length > limit, minSeq: member.min_seq };
    });
  }

  async markRead(userId: Id, convId: string, readSeq: Seq, now: number): Promise<ReadResult | null> {
    const user = this.db.userId(userId, 'userId');
    const wanted = seqParam(readSeq, 'readSeq');
    return this.db.tx(async (q) => {
      // Only this user's row is locked: writers lock the conversation's counter first and the
      // user rows after it, so locking both here would deadlock with them. The committed
      // max_seq (READ COMMITTED) is the right bound to clamp to.
      const [mine] = await select<{ read_seq: string }>(q,
        `SELECT CAST(read_seq AS CHAR) AS read_seq FROM im_user_conversation WHERE user_id = ? AND conv_id = ?${this.db.dialect.forUpdate}`,
        [user, convId]);
      // No entries yet: max_seq is 0, and so is every clamped position. A group has a row from joining.
      if (mine === undefined) return entrySource(convId).table === 'im_group_message' ? null : { readSeq: '0', moved: false, unread: 0 };
      const [conv] = await select<{ max_seq: string }>(q,
        `SELECT CAST(${EFFECTIVE_MAX} AS CHAR) AS max_seq FROM im_user_conversation uc JOIN im_conversation c ON c.conv_id = uc.conv_id ` +
        `${MEMBERSHIP} WHERE uc.user_id = ? AND uc.conv_id = ?`, [user, convId]);
      const current = BigInt(mine.read_seq);
      const max = BigInt(conv!.max_seq);
      const target = wanted < max ? wanted : max;
      const moved = target > current;
      if (moved) {
        // Never back in time: this node's clock may be behind the one that stamped the last entry.
        await execute(q,
          `UPDATE im_user_conversation SET read_seq = ?, update_time = ${this.db.dialect.greatest('update_time', '?')} WHERE user_id = ? AND conv_id = ?`,
          [target, now, user, convId]);
      }
      const stored = moved ? target : current;
      const [unread] = await this.unreadCounts(q, user, [{ convId, readSeq: stored.toString(), maxSeq: conv!.max_seq }]);
      return { readSeq: stored.toString(), moved, unread: unread! };
    });
  }

  /** The entries at these (conv_id, seq) positions, in input order (undefined where none). */
  private async entriesAt(q: QueryRunner, at: Array<{ convId: string; seq: Seq }>): Promise<Array<StoredMessage | undefined>> {
    const found = new Map<number, StoredMessage>();
    const wanted = at.flatMap((a, i) => (a.seq === '0' ? [] : [i]));
    // One UNION per table: the rows of the two differ.
    for (const table of ['im_c2c_message', 'im_group_message']) {
      const mine = wanted.filter((i) => entrySource(at[i]!.convId).table === table);
      for (const chunk of chunks(mine, UNION_CHUNK)) {
        const sources = chunk.map((i) => entrySource(at[i]!.convId));
        const sql = sources.map((src) => `SELECT ? AS k, ${src.columns} FROM ${src.table} WHERE ${src.key} AND seq = ?`).join(' UNION ALL ');
        const rows = await select<{ k: number | string }>(q, sql, chunk.flatMap((i, n) => [i, sources[n]!.keyParam, BigInt(at[i]!.seq)]));
        for (const row of rows) found.set(Number(row.k), sources[0]!.decode(row));
      }
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
      const sources = chunk.map((i) => entrySource(convs[i]!.convId));
      const sql = sources.map((src) =>
        `SELECT ? AS k, COUNT(*) AS n FROM (SELECT 1 AS one FROM ${src.table} WHERE ${src.key} AND seq > ? AND seq <= ? ` +
        `AND from_user_id <> ? AND msg_status <> ${MsgStatus.RECALLED} AND msg_format < ${FIRST_SERVER_FORMAT} LIMIT ${UNREAD_CAP}) t`).join(' UNION ALL ');
      const rows = await select<{ k: number | string; n: number | string }>(q, sql,
        chunk.flatMap((i, n) => [i, sources[n]!.keyParam, BigInt(convs[i]!.readSeq), BigInt(convs[i]!.maxSeq), user]));
      for (const row of rows) counts[Number(row.k)] = Number(row.n);
    }
    return counts;
  }
}

/** What a reader may see of an entry: a recalled message keeps no content. */
function readable(entry: StoredMessage): StoredMessage {
  return entry.status === MsgStatus.RECALLED ? { ...entry, content: '' } : entry;
}
