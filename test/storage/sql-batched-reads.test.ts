// The reads every login makes (its groups, its recall notices, a page of its pending messages)
// share one statement with the logins of the same turn: a wave of logins must not cost a round
// trip per user. The contracts check each caller gets its own answer; this checks they share.
import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { openSqliteDataSource } from '../../src/storage/sql/data-source.js';
import { SqlDb } from '../../src/storage/sql/sql-db.js';
import { SqlGroupStore } from '../../src/storage/sql/sql-group-store.js';
import { SqlMessageStore } from '../../src/storage/sql/sql-message-store.js';
import { withEvent } from './fixtures.js';

const USERS = Array.from({ length: 30 }, (_, i) => (2n ** 63n + BigInt(i)).toString());

describe('storage/sql: the reads of a login wave', () => {
  let source: DataSource;
  let statements: number;
  let groups: SqlGroupStore;
  let messages: SqlMessageStore;

  beforeEach(async () => {
    source = await openSqliteDataSource(':memory:');
    const db = new SqlDb(source);
    groups = new SqlGroupStore(db);
    messages = new SqlMessageStore(db);
    statements = 0;
    // SQLite's driver hands out one query runner again and again: count each runner once.
    const counted = new WeakSet<object>();
    const createQueryRunner = source.createQueryRunner.bind(source);
    source.createQueryRunner = (...args) => {
      const q = createQueryRunner(...args);
      if (counted.has(q)) return q;
      counted.add(q);
      const query = q.query.bind(q);
      q.query = ((...a: Parameters<typeof query>) => {
        statements += 1;
        return query(...a);
      }) as typeof q.query;
      return q;
    };
  });

  afterEach(async () => {
    await source.destroy();
  });

  it('answers the groups, notices and pending pages of 30 users asked in one turn with one statement each (a page: one probe while nothing is pending)', async () => {
    await Promise.all(USERS.map((u) => groups.groupsOf(u)));
    expect(statements).to.equal(1);
    await Promise.all(USERS.map((u) => messages.listRecallNotices(u)));
    expect(statements).to.equal(2);
    await Promise.all(USERS.map((u) => messages.listPending(u, '0', 1000)));
    expect(statements).to.equal(3);
  });

  it('reads a page only for the users with something pending, each its own', async () => {
    const sent = [USERS[3]!, USERS[7]!, USERS[7]!].map((to, i) => ({
      msgId: (2n ** 62n + BigInt(i)).toString(), clientMsgId: `c${i}`, fromUserId: USERS[0]!, toUserId: to, content: 'x', format: 1, createTime: 1_000,
    }));
    await messages.insertBatch(sent.map(withEvent));
    statements = 0;
    const pages = await Promise.all(USERS.map((u) => messages.listPending(u, '0', 1000)));
    expect(pages.map((p) => p.map((m) => m.msgId))).to.deep.equal(USERS.map((u) => sent.filter((m) => m.toUserId === u).map((m) => m.msgId)));
    expect(statements).to.equal(3);
  });

  it('a caller with a bad id is refused alone; the others of its turn are answered', async () => {
    const answers = await Promise.allSettled([groups.groupsOf(USERS[0]!), groups.groupsOf('-1'), groups.groupsOf(USERS[1]!)]);
    expect(answers.map((a) => a.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(statements).to.equal(1);
  });

  it('a failed statement fails every caller that shared it, and the next turn reads again', async () => {
    await source.query('ALTER TABLE im_group_member RENAME TO im_group_member_away');
    const failed = await Promise.allSettled(USERS.slice(0, 3).map((u) => groups.groupsOf(u)));
    expect(failed.map((a) => a.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    await source.query('ALTER TABLE im_group_member_away RENAME TO im_group_member');
    expect(await groups.groupsOf(USERS[0]!)).to.deep.equal([]);
  });
});
