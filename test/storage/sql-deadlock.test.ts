// Group commits under lock contention on MariaDB: concurrent batches over overlapping and fresh
// conversations all commit with gap-free seqs, and a transaction InnoDB picks as a deadlock
// victim is run again instead of failing.
import { expect } from 'chai';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { groupMemberEvent, groupMessageEvent } from '../../src/mq/events.js';
import { groupConvId } from '../../src/conversations/conv-id.js';
import type { GroupMessageWrite } from '../../src/storage/group-store.js';
import { openMysqlDataSource, openMysqlStores, type SqlStores } from '../../src/storage/sql/data-source.js';
import { SqlDb } from '../../src/storage/sql/sql-db.js';
import { MYSQL } from '../support/services.js';
import { MESSAGE_TABLES, mysqlDatabase, withEvent } from './fixtures.js';

const BATCHES = 8;
const BATCH_SIZE = 50;
const ROUNDS = 12;

/** Rows per conv_id, which must be exactly seqs 1..count with max_seq = count. */
async function expectGapFree(database: string, table: string, expected: Map<string, number>): Promise<void> {
  const conn = await mysql.createConnection({ ...MYSQL, database });
  try {
    const [rows] = await conn.query(
      `SELECT m.conv_id, COUNT(*) AS n, COUNT(DISTINCT m.seq) AS distinct_seqs, MIN(m.seq) AS lo, MAX(m.seq) AS hi, c.max_seq ` +
      `FROM ${table} m JOIN im_conversation c ON c.conv_id = m.conv_id GROUP BY m.conv_id, c.max_seq`) as unknown as [Array<Record<string, string | number>>];
    const seen = new Map(rows.map((r) => [String(r.conv_id), r]));
    expect(seen.size).to.equal(expected.size);
    for (const [convId, n] of expected) {
      const r = seen.get(convId)!;
      expect({ convId, n: Number(r.n), distinct: Number(r.distinct_seqs), lo: Number(r.lo), hi: Number(r.hi), max: Number(r.max_seq) })
        .to.deep.equal({ convId, n, distinct: n, lo: 1, hi: n, max: n });
    }
  } finally {
    await conn.end();
  }
}

describe('SQL group commits under lock contention on MySQL', function () {
  this.timeout(120_000);
  const database = 'im_connect_test_deadlock';
  const { options, truncate } = mysqlDatabase(database, [...MESSAGE_TABLES, 'im_group', 'im_group_member', 'im_group_message']);
  let stores: SqlStores;

  beforeEach(async () => {
    // Room for every batch and the acks at once, as the gateway runs poolSize - 2 commits.
    stores = await openMysqlStores({ ...options, poolSize: BATCHES + 4 });
  });

  afterEach(async () => {
    await stores.messages.close();
    await truncate();
  });

  it(`commits ${BATCHES} concurrent batches of ${BATCH_SIZE} over shared and fresh conversations, with acks, gap-free`, async () => {
    let n = 0;
    const perConv = new Map<string, number>();
    let unacked: Array<{ toUserId: string; msgId: string }> = [];
    const failures: unknown[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH_SIZE }, (_, i) => {
        n += 1;
        // Even rows: 40 pairs every batch of every round shares; odd rows: pairs new this round,
        // so their counter and user rows are inserted next to rows other batches hold.
        const shared = i % 2 === 0;
        const fromUserId = shared ? String(1_000 + ((i * 7 + b) % 40)) : String(100_000 + round * 1_000 + b * BATCH_SIZE + i);
        const toUserId = shared ? String(2_000 + ((i + b * 3) % 40)) : String(500_000 + round * 1_000 + b * BATCH_SIZE + i);
        return withEvent({ msgId: (2n ** 62n + BigInt(n)).toString(), clientMsgId: `c${n}`, fromUserId, toUserId, content: 'x', format: 1, createTime: 1_000 + n });
      }));
      const acks = unacked;
      unacked = [];
      await Promise.all([
        ...batches.map((batch) => stores.messages.insertBatch(batch).then((results) => {
          for (const { inserted, message } of results) {
            expect(inserted).to.equal(true);
            perConv.set(message.convId, (perConv.get(message.convId) ?? 0) + 1);
            unacked.push({ toUserId: message.toUserId, msgId: message.msgId });
          }
        }, (err: unknown) => failures.push(err))),
        // The previous round's messages acked meanwhile, in a few concurrent ack batches.
        ...[0, 1, 2].map((k) => {
          const byReceiver = new Map<string, string[]>();
          acks.filter((_, j) => j % 3 === k).forEach((a) => byReceiver.set(a.toUserId, [...(byReceiver.get(a.toUserId) ?? []), a.msgId]));
          return stores.messages.markDeliveredMany([...byReceiver].map(([toUserId, msgIds]) => ({ toUserId, msgIds })))
            .catch((err: unknown) => failures.push(err));
        }),
      ]);
    }
    expect(failures).to.deep.equal([]);
    await expectGapFree(database, 'im_c2c_message', perConv);
    expect(await stores.messages.pendingCount()).to.equal(BATCHES * BATCH_SIZE);
  });

  it(`commits ${BATCHES} concurrent group batches of ${BATCH_SIZE} over overlapping groups, gap-free`, async () => {
    const groups = Array.from({ length: 12 }, (_, g) => String(7_000_000 + g));
    const members = ['11', '12', '13', '14'];
    for (const [g, groupId] of groups.entries()) {
      await stores.groups.createGroup({
        groupId, ownerUserId: members[0]!, name: `g${g}`, memberUserIds: members.slice(1), clientReqId: '',
        eventMsgId: (2n ** 61n + BigInt(g)).toString(), time: 1_000, maxMembers: 10,
      }, groupMemberEvent);
    }
    // Every group starts with its CREATED entry, seq 1.
    const perConv = new Map(groups.map((id) => [groupConvId(id), 1]));
    let n = 0;
    const failures: unknown[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(Array.from({ length: BATCHES }, (_, b) => {
        const writes: GroupMessageWrite[] = Array.from({ length: BATCH_SIZE }, (_, i) => {
          n += 1;
          const message = {
            msgId: (2n ** 62n + BigInt(n)).toString(), clientMsgId: `g${n}`, fromUserId: members[i % members.length]!,
            groupId: groups[(b * 5 + i) % groups.length]!, content: 'x', format: 1, mentionUserIds: [], createTime: 2_000 + n,
          };
          return { message, event: groupMessageEvent(message) };
        });
        return stores.groups.insertGroupBatch(writes).then((results) => {
          for (const r of results) {
            expect(r.kind).to.equal('inserted');
            if (r.kind === 'inserted') perConv.set(r.message.convId, perConv.get(r.message.convId)! + 1);
          }
        }, (err: unknown) => failures.push(err));
      }));
    }
    expect(failures).to.deep.equal([]);
    await expectGapFree(database, 'im_group_message', perConv);
  });
});

describe('SqlDb.tx on MySQL', function () {
  this.timeout(60_000);
  const { options } = mysqlDatabase('im_connect_test_tx_retry', []);
  let source: DataSource;
  let db: SqlDb;

  beforeEach(async () => {
    source = await openMysqlDataSource({ ...options, poolSize: 3 });
    db = new SqlDb(source);
    await source.query('CREATE TABLE IF NOT EXISTS t_lock (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB');
    await source.query('DELETE FROM t_lock');
    await source.query('INSERT INTO t_lock (id, v) VALUES (1, 0), (2, 0)');
  });

  afterEach(async () => {
    await db.close();
  });

  it('runs the deadlock victim again from scratch, so both transactions commit', async () => {
    // Each takes one row, waits until the other holds its own, then wants the other's row: a
    // real deadlock between two connections. Reruns go straight through.
    const runs = [0, 0];
    const held: Array<() => void> = [];
    const bothHold = [0, 1].map((i) => new Promise<void>((resolve) => { held[i] = resolve; }));
    const swap = (i: number) => db.tx(async (q) => {
      runs[i]! += 1;
      const [mine, theirs] = i === 0 ? [1, 2] : [2, 1];
      await q.query('UPDATE t_lock SET v = v + 1 WHERE id = ?', [mine]);
      if (runs[i] === 1) {
        held[i]!();
        await Promise.all(bothHold);
      }
      await q.query('UPDATE t_lock SET v = v + 1 WHERE id = ?', [theirs]);
      return runs[i];
    });
    await Promise.all([swap(0), swap(1)]);
    expect(runs.slice().sort()).to.deep.equal([1, 2]);
    // Each row was added to once per committed transaction: the victim's first run left nothing.
    expect(await source.query('SELECT id, v FROM t_lock ORDER BY id')).to.deep.equal([{ id: 1, v: 2 }, { id: 2, v: 2 }]);
  });

  it('does not run a transaction again for other errors', async () => {
    let runs = 0;
    const outcome = await db.tx(async (q) => {
      runs += 1;
      await q.query('INSERT INTO t_lock (id, v) VALUES (1, 0)');
    }).then(() => null, (err: unknown) => (err as { errno?: number }).errno);
    expect(outcome).to.equal(1062);
    expect(runs).to.equal(1);
  });
});
