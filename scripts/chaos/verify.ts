// The verification pass after a scenario's load: what was acked against what the receivers got,
// what MySQL holds and what the topic carries, and the figures of the summary table.
import mysql from 'mysql2/promise';
import type { Delivery, SendRecord } from './load.js';

export interface Figures {
  sent: number;
  acked: number;
  delivered: number;
  /** Messages delivered under more than one msg_id (after dropping repeats of one msg_id). */
  duplicates: number;
  missing: number;
  mysqlRows: number;
  topicEvents: number;
  outboxBacklog: number;
  /** From the end of the fault until every node was ready and a send made after it was acked. */
  recoverMs: number | null;
  /** The longest time without any ack while the load ran. */
  ackGapMs: number;
}

export interface Row {
  msgId: string;
  fromUserId: string;
  clientMsgId: string;
}

export async function withMysql<T>(port: number, database: string | undefined, fn: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({
    host: '127.0.0.1', port, user: 'root', password: '', database,
    supportBigNumbers: true, bigNumberStrings: true,
  });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** The message rows the run's senders wrote. */
export async function messageRows(port: number, database: string, senders: readonly string[]): Promise<Row[]> {
  return withMysql(port, database, async (conn) => {
    const [rows] = await conn.query(
      `SELECT CAST(msg_id AS CHAR) AS msgId, CAST(from_user_id AS CHAR) AS fromUserId, client_msg_id AS clientMsgId
         FROM im_c2c_message WHERE from_user_id IN (${senders.map(() => '?').join(',')})`,
      [...senders],
    );
    return rows as Row[];
  });
}

export async function outboxBacklog(port: number, database: string): Promise<number> {
  return withMysql(port, database, async (conn) => {
    const [rows] = await conn.query('SELECT COUNT(*) AS n FROM im_outbox');
    return Number((rows as Array<{ n: string }>)[0]!.n);
  });
}

export interface Evidence {
  records: readonly SendRecord[];
  delivered: ReadonlyMap<string, ReadonlyMap<string, Delivery>>;
  rows: readonly Row[];
  /** msg_ids seen on the topic. */
  onTopic: ReadonlySet<string>;
  outboxBacklog: number;
  faultEndAt: number;
  allReadyAt: number | null;
  loadEndAt: number;
}

/** The figures, and one line per violated rule (empty when the run passed). */
export function verify(e: Evidence): { figures: Figures; violations: string[] } {
  const violations: string[] = [];
  const acked = e.records.filter((r) => r.ackedAt !== null);
  const unacked = e.records.length - acked.length;
  if (unacked > 0) violations.push(`${unacked} messages never acked although their senders kept resending them`);

  const split = acked.filter((r) => r.msgIds.size > 1);
  if (split.length > 0) {
    violations.push(`${split.length} client_msg_ids acked under several msg_ids, e.g. ${show(split.map((r) => `${r.clientMsgId}: ${[...r.msgIds].join('/')}`))}`);
  }

  let delivered = 0;
  const missing: string[] = [];
  const msgIdOf = new Map<string, SendRecord>();
  for (const r of acked) {
    const msgId = [...r.msgIds][0]!;
    msgIdOf.set(msgId, r);
    if (e.delivered.get(r.receiver)?.has(msgId)) delivered++;
    else missing.push(`${r.clientMsgId} (${msgId})`);
  }
  if (missing.length > 0) violations.push(`${missing.length} acked messages never delivered, e.g. ${show(missing)}`);

  // Per receiver, one (sender, client_msg_id) must arrive under one msg_id only.
  let duplicates = 0;
  const strangers: string[] = [];
  for (const [receiver, got] of e.delivered) {
    const byKey = new Map<string, number>();
    for (const [msgId, d] of got) {
      const key = `${d.fromUserId}/${d.clientMsgId}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
      const record = msgIdOf.get(msgId);
      if (record === undefined || record.receiver !== receiver) strangers.push(`${receiver} got ${msgId} (${key})`);
    }
    for (const n of byKey.values()) duplicates += n - 1;
  }
  if (duplicates > 0) violations.push(`${duplicates} messages delivered twice under different msg_ids`);
  if (strangers.length > 0) violations.push(`${strangers.length} deliveries of msg_ids no ack named for that receiver, e.g. ${show(strangers)}`);

  const rowOf = new Map(e.rows.map((row) => [row.msgId, row]));
  const notStored = acked.filter((r) => {
    const row = rowOf.get([...r.msgIds][0]!);
    return row === undefined || row.fromUserId !== r.sender || row.clientMsgId !== r.clientMsgId;
  });
  if (notStored.length > 0) violations.push(`${notStored.length} acked messages without their row in MySQL, e.g. ${show(notStored.map((r) => r.clientMsgId))}`);

  const offTopic = [...msgIdOf.keys()].filter((id) => !e.onTopic.has(id));
  if (offTopic.length > 0) violations.push(`${offTopic.length} acked messages not on the topic, e.g. ${show(offTopic)}`);
  if (e.outboxBacklog > 0) violations.push(`outbox not drained: ${e.outboxBacklog} rows left`);

  let recoverMs: number | null = null;
  const firstAckAfter = Math.min(...acked.filter((r) => r.firstAt >= e.faultEndAt).map((r) => r.ackedAt!));
  if (e.allReadyAt === null) violations.push('not every node came back ready after the fault');
  else if (!Number.isFinite(firstAckAfter)) violations.push('no send made after the fault was acked');
  else recoverMs = Math.max(e.allReadyAt, firstAckAfter) - e.faultEndAt;

  const ackTimes = acked.map((r) => r.ackedAt!).filter((t) => t <= e.loadEndAt).sort((a, b) => a - b);
  let ackGapMs = 0;
  for (let i = 1; i < ackTimes.length; i++) ackGapMs = Math.max(ackGapMs, ackTimes[i]! - ackTimes[i - 1]!);

  return {
    figures: {
      sent: e.records.length,
      acked: acked.length,
      delivered,
      duplicates,
      missing: missing.length,
      mysqlRows: e.rows.length,
      topicEvents: acked.length - offTopic.length,
      outboxBacklog: e.outboxBacklog,
      recoverMs,
      ackGapMs,
    },
    violations,
  };
}

function show(items: readonly string[]): string {
  return items.slice(0, 5).join(', ') + (items.length > 5 ? ', …' : '');
}

const COLUMNS: Array<[string, keyof Figures]> = [
  ['sent', 'sent'], ['acked', 'acked'], ['delivered', 'delivered'], ['dup', 'duplicates'], ['missing', 'missing'],
  ['mysql rows', 'mysqlRows'], ['topic events', 'topicEvents'], ['outbox', 'outboxBacklog'],
  ['recover ms', 'recoverMs'], ['ack gap ms', 'ackGapMs'],
];

/** A markdown table, one row per scenario, ready for the README. */
export function table(results: ReadonlyArray<{ scenario: string; figures: Figures; violations: readonly string[] }>): string {
  const head = ['scenario', ...COLUMNS.map(([h]) => h), 'result'];
  const rows = results.map((r) => [
    r.scenario,
    ...COLUMNS.map(([, k]) => String(r.figures[k] ?? '–')),
    r.violations.length === 0 ? 'ok' : `${r.violations.length} violations`,
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
