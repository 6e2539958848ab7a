// Group chat across gateway processes (issue 8, part 9; PROTOCOL.md "Additions A", behaviours
// 14-16): one group's members spread over three nodes on MariaDB + Redis, concurrent senders on
// different nodes, membership changes seen by every node at once, a node killed with SIGKILL in
// the middle of traffic and its members catching up from HISTORY elsewhere, recall across nodes.
// A fourth node talks to Redis through a link the test can stall (support/groups.ts, RedisLink):
// what the other nodes do when one entry's broadcast comes late.
import { expect } from 'chai';
import { Cmd, ErrorCode, GroupEventKind, MsgFormat, type Bodies, type ChatMessage } from '../../src/protocol/messages.js';
import { needMysql, needRedis } from '../support/services.js';
import { eventually, sleep, type ClusterNode } from './support/cluster.js';
import { GroupsCluster, RedisLink, RequestFailed, blast, type Member } from './support/groups.js';

/** IM_TEST_CLUSTER_LOGS=1 prints every node's output (warn and above) after each test, not only after failures. */
const SHOW_LOGS = process.env.IM_TEST_CLUSTER_LOGS === '1';

const TWO_53 = 2n ** 53n;
const TWO_63 = 2n ** 63n;
// Users either side of 2^63 (where signed storage would flip their order), all above 2^53, and
// the largest uint64. The database is this suite's own and emptied at start, so fixed ids are fine.
const U1 = String(TWO_63 + 11n);
const U2 = String(TWO_53 + 12n);
const U3 = String(TWO_63 + 13n);
const U4 = String(TWO_53 + 14n);
const U5 = String(TWO_63 + 15n);
const U6 = String(2n ** 64n - 1n);
const U7 = String(TWO_63 + 17n);
const U8 = String(TWO_53 + 18n);

/** Test 1: messages per sender, and how many each keeps in flight. */
const PER_SENDER = 100;
const WINDOW = 4;
/** Watching for "nothing more arrives". */
const QUIET_MS = 500;

type Ack = Bodies[typeof Cmd.GROUP_SEND_ACK];
const conv = (groupId: string) => `g_${groupId}`;
const seqs = (messages: ChatMessage[]) => messages.map((m) => Number(m.seq));
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Strictly increasing: in seq order and no entry twice. */
function expectAscending(values: number[], what: string): void {
  const bad = values.findIndex((v, i) => i > 0 && v <= values[i - 1]!);
  expect(bad, `${what}: seq ${values[bad]} after ${values[bad - 1]} (live pushes ${values.join(',')})`).to.equal(-1);
}

/**
 * The holes of a session's live pushes: (a, b) for consecutive received seqs a < b (with 0 before
 * the first and max + 1 after the last) between which an entry it should have got is missing.
 */
function holesOf(received: number[], expected: Set<number>, max: number): Array<[number, number]> {
  const marks = [0, ...received, max + 1];
  const holes: Array<[number, number]> = [];
  for (let i = 1; i < marks.length; i++) {
    const [a, b] = [marks[i - 1]!, marks[i]!];
    if (range(a + 1, b - 1).some((s) => expected.has(s))) holes.push([a, b]);
  }
  return holes;
}

/** HISTORY after_seq = a for what lies strictly between a and b: exactly those entries, in order. */
async function fill(member: Member, groupId: string, [a, b]: [number, number], what: string): Promise<ChatMessage[]> {
  const got: ChatMessage[] = [];
  for (let after = a; after < b - 1;) {
    const page = await member.history(conv(groupId), String(after), Math.min(100, b - 1 - after));
    got.push(...page.messages);
    if (page.messages.length === 0) break;
    after = Number(page.messages.at(-1)!.seq);
  }
  expect(seqs(got), `${what}: HISTORY after_seq ${a} for the hole before ${b}`).to.deep.equal(range(a + 1, b - 1));
  return got;
}

describe('cluster: a group across three gateway processes', function () {
  this.timeout(60_000);
  // Hundreds of sends from one session at once: lift the per-session rate limit for this suite.
  const cluster = new GroupsCluster({ IM_LIMITS__RATE_PER_SEC: '5000', IM_LIMITS__RATE_BURST: '5000' });
  const link = new RedisLink();
  let a: ClusterNode;
  let b: ClusterNode;
  let c: ClusterNode;
  /** Talks to Redis through `link`. */
  let d: ClusterNode;
  const gapReport: string[] = [];

  before(async function () {
    this.timeout(120_000);
    await needMysql(this);
    await needRedis(this);
    await link.start();
    [a, b, c, d] = (await cluster.start(['grp-a', 'grp-b', 'grp-c', 'grp-d'],
      (id) => (id === 'grp-d' ? { env: { IM_REDIS__URL: link.url } } : {}))) as [ClusterNode, ClusterNode, ClusterNode, ClusterNode];
    await cluster.truncateGroups();
  });
  afterEach(async function () {
    link.release();
    if (this.currentTest?.state === 'failed' || SHOW_LOGS) console.error(`\n${cluster.logs()}\n`);
    await cluster.closeClients();
  });
  after(async function () {
    this.timeout(60_000);
    if (gapReport.length > 0) console.log(`      live-push gaps observed:\n${gapReport.map((l) => `        ${l}`).join('\n')}`);
    await cluster.close();
    await link.close();
  });

  it(`3 senders on 3 nodes × ${PER_SENDER} messages: acked seqs exactly 2..${3 * PER_SENDER + 1}; every session gets its entries once, in order; a gap is filled by HISTORY`, async () => {
    const s1 = await cluster.member('U1@A (owner, sender)', a, U1);
    const m2 = await cluster.member('U2@A', a, U2);
    // Echo asked for: its own sends still never come back to the sending session.
    const s3 = await cluster.member('U3@B (sender, echo)', b, U3, 'phone', true);
    const m4 = await cluster.member('U4@B', b, U4);
    const s5 = await cluster.member('U5@C (sender)', c, U5);
    const m6 = await cluster.member('U6@C', c, U6);
    const l3 = await cluster.member('U3@C laptop (echo)', c, U3, 'laptop', true);
    const t1 = await cluster.member('U1@C tablet (no echo)', c, U1, 'tablet');
    const sessions = [s1, m2, s3, m4, s5, m6, l3, t1];

    const group = await s1.createGroup('spread', [U2, U3, U4, U5, U6]);
    const g = group.groupId;
    expect(group.memberCount).to.equal(6);

    const [acks1, acks3, acks5] = await Promise.all([
      blast(s1, g, 'a', PER_SENDER, WINDOW), blast(s3, g, 'b', PER_SENDER, WINDOW), blast(s5, g, 'c', PER_SENDER, WINDOW),
    ]);
    const acks = [...acks1, ...acks3, ...acks5];
    const N = 3 * PER_SENDER;
    expect(new Set(acks.map((x) => x.convId))).to.deep.equal(new Set([conv(g)]));
    expect(acks.map((x) => Number(x.seq)).sort((x, y) => x - y), 'acked seqs').to.deep.equal(range(2, N + 1));

    // Who sent each entry: seq 1 is the CREATED event, from the creating session.
    const senderOf = new Map<number, Member>([[1, s1]]);
    for (const [sender, list] of [[s1, acks1], [s3, acks3], [s5, acks5]] as const) for (const ack of list) senderOf.set(Number(ack.seq), sender);
    const expectedOf = (m: Member) => new Set(range(1, N + 1).filter((s) => {
      const sender = senderOf.get(s)!;
      return sender !== m && (sender.userId !== m.userId || m.echo);
    }));

    // Live pushes are at most once: wait until each has its last entry, or a while.
    await eventually(() => sessions.every((m) => m.seqsOf(g).includes(Math.max(...expectedOf(m)))), 10_000);
    await sleep(200);

    const truth = await m6.fullHistory(conv(g));
    expect(seqs(truth), 'HISTORY of the whole group').to.deep.equal(range(1, N + 1));
    const msgIdOf = new Map(truth.map((m) => [Number(m.seq), m.msgId]));
    for (const ack of acks) expect(msgIdOf.get(Number(ack.seq)), `seq ${ack.seq}`).to.equal(ack.msgId);
    expect(truth[0]!.groupEvent).to.deep.include({ kind: GroupEventKind.CREATED, actorUserId: U1 });
    expect([...truth[0]!.groupEvent!.userIds].sort()).to.deep.equal([U1, U2, U3, U4, U5, U6].sort());

    let totalExpected = 0;
    let totalMissing = 0;
    const perSession: string[] = [];
    for (const m of sessions) {
      const expected = expectedOf(m);
      const received = m.seqsOf(g);
      expectAscending(received, m.name);
      const unexpected = received.filter((s) => !expected.has(s));
      expect(unexpected, `${m.name} got entries it must not (its own, or the sending session's)`).to.deep.equal([]);
      for (const p of m.of(g)) expect(p.message.msgId, `${m.name} seq ${p.seq}`).to.equal(msgIdOf.get(Number(p.seq)));
      // A real gap: HISTORY after_seq gives exactly what lies in it, the missing entries among them.
      const holes = holesOf(received, expected, N + 1);
      const missing = [...expected].filter((s) => !received.includes(s));
      const filled = new Set<number>();
      for (const hole of holes) for (const entry of await fill(m, g, hole, m.name)) filled.add(Number(entry.seq));
      expect(missing.filter((s) => !filled.has(s)), `${m.name}: missing and not filled`).to.deep.equal([]);
      totalExpected += expected.size;
      totalMissing += missing.length;
      perSession.push(`${m.name}: ${received.length}/${expected.size} live, ${holes.length} gap(s), ${missing.length} missing`);
    }
    gapReport.push(`test 1 (${N + 1} entries, ${sessions.length} sessions): ${totalMissing} of ${totalExpected} deliveries missing`, ...perSession.map((l) => `  ${l}`));
    // Rare: at most 1% of deliveries (in practice 0; a node waits 200 ms for a late entry).
    expect(totalMissing, perSession.join('\n')).to.be.at.most(Math.ceil(totalExpected / 100));

    // The fill path on every node, whatever happened live: a session that lacks 100..119 gets
    // exactly those from HISTORY after_seq 99 on its own node.
    for (const m of [s1, s3, l3]) {
      const page = await m.history(conv(g), '99', 20);
      expect(page.messages.map((x) => [Number(x.seq), x.msgId]), m.name).to.deep.equal(range(100, 119).map((s) => [s, msgIdOf.get(s)]));
      expect(page.hasMore, m.name).to.equal(true);
    }
  });

  it('membership changes reach every node at once: a member added on C gets MEMBERS_ADDED then the next message; one removed on B gets its removal, then nothing', async () => {
    const owner = await cluster.member('U1@A (owner)', a, U1);
    const s3 = await cluster.member('U3@B', b, U3);
    const m4 = await cluster.member('U4@B (to be removed)', b, U4);
    // Alone on C: node C has no member of the group before it is added.
    const m7 = await cluster.member('U7@C (to be added)', c, U7);
    const g = (await owner.createGroup('changes', [U3, U4, U6])).groupId;
    await eventually(() => s3.seqsOf(g).includes(1) && m4.seqsOf(g).includes(1), 5000);

    const before = await s3.send(g, 'before-add'); // 2: not for U7
    const added = await owner.changeMembers(g, { add: [U7] }); // 3
    expect(added.group.memberCount).to.equal(5);
    await eventually(() => m7.seqsOf(g).includes(3), 5000);
    const after = await s3.send(g, 'after-add'); // 4
    await eventually(() => m7.seqsOf(g).includes(4), 5000);
    expect(m7.of(g).map((p) => [Number(p.seq), p.message.format, p.message.groupEvent?.kind ?? null])).to.deep.equal([
      [3, MsgFormat.GROUP_EVENT, GroupEventKind.MEMBERS_ADDED], [4, MsgFormat.TEXT, null],
    ]);
    expect(m7.of(g)[0]!.message.groupEvent).to.deep.include({ actorUserId: U1, userIds: [U7] });
    expect(m7.of(g)[1]!.message).to.include({ msgId: after.msgId, fromUserId: U3, content: 'after-add' });
    expect(Number(before.seq)).to.equal(2);

    await owner.changeMembers(g, { remove: [U4] }); // 5
    await eventually(() => m4.seqsOf(g).includes(5), 5000);
    const removal = m4.of(g).find((p) => p.seq === 5n)!.message;
    expect(removal.groupEvent).to.deep.include({ kind: GroupEventKind.MEMBERS_REMOVED, actorUserId: U1, userIds: [U4] });
    // More from every node, one of them B, where U4's session is.
    const more = [await s3.send(g, 'from B'), await owner.send(g, 'from A'), await m7.send(g, 'from C')]; // 6, 7, 8
    expect(more.map((x) => Number(x.seq))).to.deep.equal([6, 7, 8]);
    await eventually(() => m7.seqsOf(g).includes(7) && s3.seqsOf(g).includes(8) && owner.seqsOf(g).includes(8), 5000);
    await sleep(QUIET_MS);
    expect(m4.seqsOf(g), 'the removed member: up to its removal, then nothing').to.deep.equal([1, 2, 3, 4, 5]);
    expect(m7.seqsOf(g)).to.deep.equal([3, 4, 5, 6, 7]);
    expect(s3.seqsOf(g)).to.deep.equal([1, 3, 5, 7, 8]);

    // And the removed member's view is frozen there, on its node.
    const refused = await m4.send(g, 'after removal').then(() => null, (err: unknown) => err);
    expect(refused).to.be.instanceOf(RequestFailed);
    expect((refused as RequestFailed).code).to.equal(ErrorCode.FORBIDDEN);
    expect(seqs((await m4.history(conv(g), '3')).messages)).to.deep.equal([4, 5]);
    expect(await m4.sync(conv(g))).to.include({ maxSeq: '5', minSeq: '1' });
    expect(await m7.sync(conv(g))).to.include({ maxSeq: '8', minSeq: '3' });
  });

  it('recall across nodes: a sender on A recalls; members on B and C get the RECALL tombstone live; the owner on A recalls a message from B', async () => {
    const s1 = await cluster.member('U1@A (owner, sender)', a, U1);
    const m3 = await cluster.member('U3@B', b, U3);
    const m5 = await cluster.member('U5@C', c, U5);
    const m6 = await cluster.member('U6@C', c, U6);
    const g = (await s1.createGroup('recalls', [U3, U5, U6])).groupId;

    const sent = await s1.send(g, 'oops'); // 2
    await eventually(() => [m3, m5, m6].every((m) => m.seqsOf(g).includes(2)), 5000);
    const resp = await s1.call(Cmd.RECALL_REQ, { msgId: sent.msgId }, Cmd.RECALL_RESP); // 3: tombstone
    expect(resp.msgId).to.equal(sent.msgId);
    await eventually(() => [m3, m5, m6].every((m) => m.seqsOf(g).includes(3)), 5000);
    for (const m of [m3, m5, m6]) {
      const tomb = m.of(g).find((p) => p.seq === 3n)!.message;
      expect(tomb, m.name).to.include({
        format: MsgFormat.RECALL, recalledMsgId: sent.msgId, content: '', groupId: g, convId: conv(g), fromUserId: U1, toUserId: '0',
      });
    }

    const theirs = await m3.send(g, 'not for long'); // 4
    await eventually(() => s1.seqsOf(g).includes(4) && m5.seqsOf(g).includes(4), 5000);
    await s1.call(Cmd.RECALL_REQ, { msgId: theirs.msgId }, Cmd.RECALL_RESP); // 5
    await eventually(() => m5.seqsOf(g).includes(5) && m6.seqsOf(g).includes(5), 5000);
    expect(m6.of(g).find((p) => p.seq === 5n)!.message).to.include({ format: MsgFormat.RECALL, recalledMsgId: theirs.msgId, content: '' });
    await sleep(200);
    expect(s1.seqsOf(g), 'the recalling session does not get its own tombstones').to.deep.equal([4]);

    const page = await m5.history(conv(g), '1');
    expect(page.messages.map((m) => [Number(m.seq), m.format, m.recalled ?? false, m.content, m.recalledMsgId ?? '0'])).to.deep.equal([
      [2, MsgFormat.TEXT, true, '', '0'], [3, MsgFormat.RECALL, false, '', sent.msgId],
      [4, MsgFormat.TEXT, true, '', '0'], [5, MsgFormat.RECALL, false, '', theirs.msgId],
    ]);
  });

  // A node that committed an entry but whose broadcast of it reaches the others late (its link to
  // Redis stalled, a long GC pause) or never (SIGKILL between the commit and the PUBLISH, or the
  // PUBLISH failed: group-service.ts logs "group fan-out failed; members catch up"). Every other
  // node holds later entries for REORDER_WAIT_MS (200 ms) and then goes on without it.

  it('a member removed by an entry whose broadcast came late gets nothing after it on its node (the late entry is read from the store)', async () => {
    const owner = await cluster.member('U8@D (owner)', d, U8);
    const s3 = await cluster.member('U3@B (sender)', b, U3);
    const m5 = await cluster.member('U5@C (to be removed)', c, U5);
    const m6 = await cluster.member('U6@C', c, U6);
    const g = (await owner.createGroup('late removal', [U3, U5, U6])).groupId;
    await eventually(() => [s3, m5, m6].every((m) => m.seqsOf(g).includes(1)), 5000);

    link.hold();
    try {
      const removing = owner.changeMembers(g, { remove: [U5] }, 20_000); // 2: committed, its broadcast stuck
      removing.catch(() => {});
      expect(await eventually(async () => seqs((await s3.history(conv(g), '1')).messages).includes(2), 5000), 'removal committed').to.equal(true);
      await s3.send(g, 'after the removal'); // 3
      await sleep(QUIET_MS); // node C waits 200 ms for seq 2, then delivers 3
    } finally {
      link.release(); // seq 2 reaches B and C now: late
    }
    await s3.send(g, 'later still'); // 4
    await eventually(() => m6.seqsOf(g).includes(4), 5000);
    await sleep(QUIET_MS);
    expect(m6.seqsOf(g), 'the member that stays').to.include.members([3, 4]);
    // Behaviour 14: "a removed member gets the entry that removed it, then nothing more". Node C
    // gave up on seq 2 and dropped it when it came, membership change included: U5 stays in C's
    // view of the group for as long as its session lives.
    expect(m5.seqsOf(g).filter((s) => s > 2), 'entries after its removal pushed to the removed member').to.deep.equal([]);
  });

  it('one entry whose broadcast is late holds back later entries no longer than the reorder wait, however busy the group', async () => {
    const s8 = await cluster.member('U8@D', d, U8);
    const s1 = await cluster.member('U1@A (sender)', a, U1);
    const s3 = await cluster.member('U3@B (sender)', b, U3);
    const watchers = [await cluster.member('U2@A', a, U2), await cluster.member('U4@B', b, U4), await cluster.member('U6@C', c, U6)];
    const g = (await s1.createGroup('busy', [U2, U3, U4, U6, U8])).groupId;
    await eventually(() => watchers.every((m) => m.seqsOf(g).includes(1)), 5000);

    const ackedAt = new Map<number, number>();
    let trafficEnd = 0;
    link.hold();
    try {
      const stuck = await s8.send(g, 'committed and acked, broadcast stuck'); // 2
      expect(stuck.seq).to.equal('2');
      // Two senders, one message each every 40 ms for 2.4 s: an entry every ~20 ms at each node.
      const pace = async (m: Member, tag: string) => {
        for (let i = 0; i < 60; i++) {
          const started = Date.now();
          const ack = await m.send(g, `${tag}-${i}`);
          ackedAt.set(Number(ack.seq), Date.now());
          await sleep(Math.max(0, 40 - (Date.now() - started)));
        }
      };
      await Promise.all([pace(s1, 'paced-a'), pace(s3, 'paced-b')]);
      trafficEnd = Date.now();
      await sleep(QUIET_MS);
    } finally {
      link.release();
    }
    const max = Math.max(...ackedAt.keys());
    await eventually(() => watchers.every((m) => m.seqsOf(g).includes(max)), 5000);
    // Entries acked in the first 1.9 s of the traffic had at least 500 ms to arrive before it ended.
    const due = [...ackedAt].filter(([, at]) => at < trafficEnd - 500).map(([s]) => s);
    const lines = watchers.map((m) => {
      const pushedAt = new Map(m.of(g).map((p) => [Number(p.seq), p.at]));
      const inTime = due.filter((s) => (pushedAt.get(s) ?? Infinity) <= trafficEnd);
      const delays = due.map((s) => (pushedAt.get(s) ?? NaN) - ackedAt.get(s)!).filter((x) => !Number.isNaN(x)).sort((x, y) => x - y);
      return { m, inTime: inTime.length, line: `${m.name}: ${inTime.length}/${due.length} pushed before the traffic ended, median delay ${delays[delays.length >> 1]} ms after the ack` };
    });
    gapReport.push('late broadcast under steady traffic:', ...lines.map((l) => `  ${l.line}`));
    // A node waits "briefly" (200 ms) for a missing entry; but every arrival restarts that wait
    // (group-fanout.ts drain()), so while entries keep coming < 200 ms apart it never ends.
    for (const { inTime, line } of lines) expect(inTime, line).to.be.at.least(Math.floor(due.length / 2));
  });

  it('a node killed with SIGKILL mid-traffic: its members log in on A or B and catch up with SYNC + HISTORY, nothing missing; every acked entry is readable', async () => {
    const s1 = await cluster.member('U1@A (sender)', a, U1);
    const m2 = await cluster.member('U2@A', a, U2);
    const s3 = await cluster.member('U3@B (sender)', b, U3);
    const m4 = await cluster.member('U4@B', b, U4);
    const onC = [
      await cluster.member('U5@C', c, U5), await cluster.member('U6@C', c, U6), await cluster.member('U2@C laptop', c, U2, 'laptop'),
    ];
    const s8 = await cluster.member('U8@C (sender, dies with C)', c, U8);
    const g = (await s1.createGroup('survivors', [U2, U3, U4, U5, U6, U8])).groupId;
    await eventually(() => [m2, s3, m4, s8, ...onC].every((m) => m.seqsOf(g).includes(1)), 5000);

    let acked = 0;
    const ackedAt = new Map<number, number>();
    const count = (ack: Ack) => { acked++; ackedAt.set(Number(ack.seq), Date.now()); };
    const PER = 150;
    const senders = Promise.all([blast(s1, g, 'ka', PER, WINDOW, count), blast(s3, g, 'kb', PER, WINDOW, count)]);
    senders.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    const acks8: Ack[] = [];
    const dying = blast(s8, g, 'kc', PER, WINDOW, (ack) => { acks8.push(ack); count(ack); }).catch(() => []);
    expect(await eventually(() => acked >= 120, 20_000, 5), 'traffic under way').to.equal(true);

    const killedAt = acked;
    const killTime = Date.now();
    expect((await c.kill()).signal).to.equal('SIGKILL');
    await Promise.all([...onC, s8].map((m) => m.gone));
    await dying;
    const liveBefore = onC.map((m) => m.seqsOf(g));
    onC.forEach((m, i) => expectAscending(liveBefore[i]!, `${m.name} before the kill`));

    // New logins elsewhere while A and B keep sending; each device catches up on its own.
    const again = [
      await cluster.member('U5@A (was on C)', a, U5), await cluster.member('U6@B (was on C)', b, U6),
      await cluster.member('U2@B laptop (was on C)', b, U2, 'laptop'),
    ];
    const known = again.map((_, i) => new Map<number, 'live-before' | 'history' | 'live-after'>(liveBefore[i]!.map((s) => [s, 'live-before'])));
    const historyOverLive = again.map(() => 0);
    /** One HISTORY request per hole below `upTo`: a client asks only for what it lacks. */
    const catchUp = async (i: number, upTo: number) => {
      const have = known[i]!;
      for (const p of again[i]!.of(g)) if (!have.has(Number(p.seq))) have.set(Number(p.seq), 'live-after');
      const received = [...have.keys()].sort((x, y) => x - y);
      for (const hole of holesOf(received.filter((s) => s <= upTo), new Set(range(1, upTo)), upTo)) {
        for (const entry of await fill(again[i]!, g, hole, again[i]!.name)) {
          const s = Number(entry.seq);
          if (have.get(s) === 'live-before') throw new Error(`${again[i]!.name}: HISTORY returned seq ${s} it had live before the kill`);
          if (have.has(s)) historyOverLive[i]!++;
          else have.set(s, 'history');
        }
      }
    };
    await Promise.all(again.map(async (m, i) => {
      const state = await m.sync(conv(g));
      expect(state, m.name).to.include({ minSeq: '1' });
      await catchUp(i, Number(state!.maxSeq));
    }));

    // The sender that died with C logs in on A and resends what it got no ack for, with the same
    // client_msg_ids: what was committed before the kill comes back with its original seq.
    const s8again = await cluster.member('U8@A (was on C)', a, U8);
    const ackedIds = new Set(acks8.map((x) => x.clientMsgId));
    const resent: Ack[] = [];
    for (let i = 0; i < PER; i++) if (!ackedIds.has(`kc-${i}`)) resent.push(await s8again.send(g, `kc-${i}`, `kc ${i}`));
    const [acks1, acks3] = await senders;

    const truth = await m2.fullHistory(conv(g));
    const max = truth.length;
    expect(seqs(truth), 'the whole group, gap-free').to.deep.equal(range(1, max));
    const msgIdOf = new Map(truth.map((m) => [Number(m.seq), m.msgId]));
    const all = [...acks1, ...acks3, ...acks8, ...resent];
    expect(new Set(all.map((x) => x.seq)).size, 'distinct acked seqs').to.equal(all.length);
    for (const ack of all) expect(msgIdOf.get(Number(ack.seq)), `acked seq ${ack.seq} (${ack.clientMsgId}) in HISTORY`).to.equal(ack.msgId);
    // Every message once: 2 × PER from A and B, PER from the sender that died (dedup by client_msg_id).
    const ids = truth.filter((m) => m.format === MsgFormat.TEXT).map((m) => `${m.fromUserId}|${m.clientMsgId}`);
    expect(ids.length, 'messages in HISTORY').to.equal(3 * PER);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(max).to.equal(3 * PER + 1);

    // Traffic is over: each reconnected device fills what it still lacks up to SYNC's max_seq.
    await sleep(300);
    for (let i = 0; i < again.length; i++) {
      const m = again[i]!;
      expectAscending(m.seqsOf(g), `${m.name} after logging in again`);
      const state = await m.sync(conv(g));
      expect(state!.maxSeq, m.name).to.equal(String(max));
      await catchUp(i, max);
      const have = known[i]!;
      expect([...have.keys()].sort((x, y) => x - y), `${m.name}: live before the kill + HISTORY + live after`).to.deep.equal(range(1, max));
      for (const p of [...onC[i]!.of(g), ...m.of(g)]) expect(p.message.msgId, `${m.name} seq ${p.seq}`).to.equal(msgIdOf.get(Number(p.seq)));
      const by = (source: string) => [...have.values()].filter((v) => v === source).length;
      gapReport.push(`SIGKILL of C after ${killedAt} acks: ${m.name}: ${by('live-before')} live before, ${by('history')} from HISTORY, ${by('live-after')} live after` +
        (historyOverLive[i]! > 0 ? ` (${historyOverLive[i]} HISTORY entries also came live)` : ''));
    }
    // The members on A and B lived through it: in order, and what they lack (an entry C committed
    // but never broadcast) HISTORY has.
    for (const m of [m2, m4]) {
      const received = m.seqsOf(g);
      expectAscending(received, m.name);
      const expected = new Set(range(1, max));
      const holes = holesOf(received, expected, max);
      for (const hole of holes) await fill(m, g, hole, m.name);
      // For the report only: how late the entries acked after the kill came (a hole that C left
      // holds later entries back for one reorder wait, then is read from the store).
      const delays = m.of(g).filter((p) => (ackedAt.get(Number(p.seq)) ?? 0) > killTime)
        .map((p) => p.at - ackedAt.get(Number(p.seq))!).sort((x, y) => x - y);
      gapReport.push(`SIGKILL of C: ${m.name}: ${received.length}/${max} live, ${holes.length} gap(s) (${max - received.length} entries); ` +
        `entries acked after the kill pushed after median ${delays[delays.length >> 1]} ms, max ${delays.at(-1)} ms`);
    }
  });
});
