// Issue 7's "done when": a client written from PROTOCOL.md and proto/ alone, in another language
// (clients/java-interop, Java 17, java.net.http.WebSocket + protoc-generated classes), lists its
// conversations with correct unread counts, scrolls history both ways, marks read, sees the
// peer's read position and typing, and catches up a second device, against one node and across
// two gateway processes; and a version-1 client (the same program decoding with the version-1
// schema only) works as before.
//
// All user ids are above 2^53, most above 2^63: the client must treat uint64 as unsigned (Java's
// long is signed), e.g. to order the two ids of c_<lo>_<hi>.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { MYSQL, REDIS_URL, needMysql, needRedis } from '../support/services.js';
import { Cluster, type ClusterNode } from '../cluster/support/cluster.js';
import { JavaClient, buildJavaClient, fields, toolsRequired, type JavaClientOptions } from './support/java-client.js';

/** This suite's own production database (never im_connect_e2e / im_connect_cluster). */
const INTEROP_DATABASE = 'im_connect_interop';
const HEARTBEAT_MS = 1000;

const U53 = '9007199254740993'; // 2^53 + 1: a positive signed long, lost by an IEEE double
const U63 = '9223372036854775809'; // 2^63 + 1: negative as a signed long
const UMAX = '18446744073709551615'; // 2^64 - 1: -1 as a signed long

let clientReady = false;

function needClient(ctx: Mocha.Context): void {
  if (!clientReady) ctx.skip();
}

/** Where each device of the story connects, and how its tokens are made. */
interface Topology {
  urlA: string;
  urlB1: string;
  urlB2: string;
  token(userId: string): Promise<string>;
  logs?(): string;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/**
 * The story: A (2^53+1) writes 5 messages to B (2^64-1) while B is offline; B's first device
 * comes online, syncs, scrolls, reads up to 3 and types; A sees the receipt and typing; B's
 * second device catches up from nothing. The ids put the signed-long order opposite to the
 * unsigned one, so a client comparing signed would name the conversation c_<B>_<A>.
 */
function story(name: string, topology: () => Topology): void {
  describe(name, function () {
    this.timeout(120_000);
    const A = U53;
    const B = UMAX;
    const C = U63;
    const CONV = `c_${A}_${B}`;
    const clients: JavaClient[] = [];
    let a: JavaClient;
    let b1: JavaClient;
    let b2: JavaClient;
    const acks: Array<{ msgId: string; seq: string; clientMsgId: string }> = [];

    const start = async (label: string, url: string, user: string, options: JavaClientOptions = {}) => {
      const client = await JavaClient.start(label, url, await topology().token(user), options);
      clients.push(client);
      expect(client.authLine).to.match(new RegExp(`^auth ${user} \\S+ hb=${HEARTBEAT_MS}$`));
      return client;
    };

    before(function () {
      needClient(this);
    });
    afterEach(function () {
      if (this.currentTest?.state === 'failed') {
        for (const c of clients) console.error(c.diagnostics);
        const logs = topology().logs?.();
        if (logs) console.error(logs);
      }
    });
    after(async function () {
      this.timeout(30_000);
      await Promise.all(clients.map(async (c) => {
        try {
          await c.quit();
        } catch {
          c.killNow();
        }
      }));
    });

    it('A sends 5 messages to offline B: acks carry the conversation (named with unsigned ids) and seqs 1..5', async () => {
      a = await start('A', topology().urlA, A, { device: 'a-phone' });
      expect(await a.one(`conv-id ${B}`)).to.equal(`conv-id ${CONV}`);
      // A second conversation of A's, older than the one with B, so that SYNC pages.
      expect(await a.one(`send ${C} hello C`)).to.match(new RegExp(`^ack \\d+ c_${A}_${C} 1 `));
      for (const i of range(5)) {
        const line = await a.one(`send ${B} message ${i} to B`);
        const [word, msgId, conv, seq, clientMsgId] = line.split(' ');
        expect(word, line).to.equal('ack');
        expect(conv, line).to.equal(CONV);
        expect(seq, line).to.equal(i);
        acks.push({ msgId: msgId!, seq: seq!, clientMsgId: clientMsgId! });
      }
      expect(new Set(acks.map((x) => x.msgId)).size).to.equal(5);
      // Resending a client_msg_id returns the original message (PROTOCOL.md rule 2).
      expect(await a.one(`sendid ${acks[0]!.clientMsgId} ${B} message 1 to B`)).to.equal(`ack ${acks[0]!.msgId} ${CONV} 1 ${acks[0]!.clientMsgId}`);
    });

    it("B's first device: pushed once each, SYNC shows unread=5 and max_seq 5", async () => {
      b1 = await start('B1', topology().urlB1, B, { device: 'b-phone' });
      const pushes = await b1.step('wait push 5');
      expect(pushes).to.deep.equal(acks.map((x, i) => `push ${x.msgId} ${CONV} ${x.seq} ${A} message ${i + 1} to B`));
      const sync = await b1.step('sync');
      expect(sync.at(-1)).to.match(/^sync-end 1 pages=1 /);
      const conv = fields(sync[0]!);
      expect(sync[0]!.split(' ').slice(0, 2)).to.deep.equal(['conv', CONV]);
      expect(conv).to.include({ peer: A, group: '0', unread: '5', max: '5', read: '0', peerRead: '0', min: '1', last: `${acks[4]!.msgId}:5` });
      expect(await b1.one('none push 300')).to.equal('none push');
    });

    it('B scrolls history back from the end in pages of 2 and forward from the start, seqs 1..5 exactly once', async () => {
      const ids = acks.map((x) => x.msgId).join(',');
      expect(await b1.one(`scroll ${CONV} back 2`)).to.equal(`scroll ${CONV} back 1,2,3,4,5 pages=3 ids=${ids}`);
      expect(await b1.one(`scroll ${CONV} forward 2`)).to.match(new RegExp(`^scroll ${CONV} forward 1,2,3,4,5 pages=\\d+ ids=${ids}$`));
      // The single requests behind it, each as HistoryReq's comment says.
      expect(await b1.one(`history ${CONV} latest limit 2`)).to.equal(`history ${CONV} 4,5 hasMore=true min=1 ids=${acks[3]!.msgId},${acks[4]!.msgId}`);
      expect(await b1.one(`history ${CONV} before 4 limit 2`)).to.match(new RegExp(`^history ${CONV} 2,3 hasMore=true min=1 `));
      expect(await b1.one(`history ${CONV} before 2 limit 2`)).to.match(new RegExp(`^history ${CONV} 1 hasMore=false min=1 `));
      expect(await b1.one(`history ${CONV} after 2 limit 2`)).to.match(new RegExp(`^history ${CONV} 3,4 hasMore=true min=1 `));
      expect(await b1.one(`history ${CONV} after 4 limit 2`)).to.match(new RegExp(`^history ${CONV} 5 hasMore=false min=1 `));
      expect(await b1.one(`history ${CONV} after 5 limit 2`)).to.match(new RegExp(`^history ${CONV} - hasMore=false min=1 `));
      // after_seq 0 is "not set": the latest page, not "from the start".
      expect(await b1.one(`history ${CONV} after 0 limit 2`)).to.match(new RegExp(`^history ${CONV} 4,5 hasMore=true min=1 `));
    });

    it("B marks read up to 3: A gets READ_NOTIFY 3 and A's SYNC (paged, limit 1) shows peer_read_seq 3", async () => {
      expect(await b1.one(`read ${CONV} 3`)).to.equal(`read-resp ${CONV} 3 unread=2`);
      expect(await a.one('wait read')).to.equal(`read-notify ${CONV} ${B} 3`);
      const sync = await a.step('sync 1');
      const end = sync.at(-1)!;
      expect(end).to.match(/^sync-end 2 pages=\d+ /);
      expect(Number(fields(end).pages)).to.be.at.least(2);
      const convs = sync.slice(0, -1);
      expect(convs.map((l) => l.split(' ')[1])).to.deep.equal([CONV, `c_${A}_${C}`]);
      // Sending does not move the sender's own read position, and A's own messages are not unread.
      expect(fields(convs[0]!)).to.include({ peer: B, unread: '0', max: '5', read: '0', peerRead: '3' });
      expect(fields(convs[1]!)).to.include({ peer: C, unread: '0', max: '1', peerRead: '0' });
      // The read position only moves forward.
      expect(await b1.one(`read ${CONV} 1`)).to.equal(`read-resp ${CONV} 3 unread=2`);
    });

    it('B types: A gets TYPING_NOTIFY; the heartbeat keeps both sessions open past 3 intervals', async () => {
      expect(await b1.one(`typing peer:${A} on`)).to.equal(`typing-sent ${CONV} on`);
      expect(await a.one('wait typing')).to.equal(`typing-notify ${CONV} ${B} on`);
      expect(await a.one(`sleep ${4 * HEARTBEAT_MS}`)).to.equal(`slept ${4 * HEARTBEAT_MS}`);
      expect(await a.one('ping')).to.match(/^pong \d+$/);
      expect(await b1.one('ping')).to.match(/^pong \d+$/);
      expect(await a.one('drain kick')).to.equal('drain-end 0');
    });

    it("B's second device, after the first acked everything, catches up by SYNC + HISTORY: 5 entries, read_seq 3, unread 2", async () => {
      // (A late ack may cause a re-push, which the client drops by msg_id: counted, not shown.)
      expect(await b1.one('stats')).to.match(/^stats seen=5 dup-pushes=\d+$/);
      b2 = await start('B2', topology().urlB2, B, { device: 'b-laptop' });
      expect(await b2.one('none push 500')).to.equal('none push');
      const sync = await b2.step('sync');
      expect(sync).to.have.length(2);
      expect(fields(sync[0]!)).to.include({ peer: A, unread: '2', max: '5', read: '3', peerRead: '0', min: '1' });
      const ids = acks.map((x) => x.msgId).join(',');
      expect(await b2.one(`scroll ${CONV} forward 100`)).to.match(new RegExp(`^scroll ${CONV} forward 1,2,3,4,5 pages=\\d+ ids=${ids}$`));
      expect(await b2.one(`scroll ${CONV} back 2`)).to.equal(`scroll ${CONV} back 1,2,3,4,5 pages=3 ids=${ids}`);
      // Reading on the second device reaches B's first device and A.
      expect(await b2.one(`read ${CONV} 5`)).to.equal(`read-resp ${CONV} 5 unread=0`);
      expect(await b1.one('wait read')).to.equal(`read-notify ${CONV} ${B} 5`);
      expect(await a.one('wait read')).to.equal(`read-notify ${CONV} ${B} 5`);
    });

    it('a live message and its recall reach both of B\'s devices; the tombstone is entry 7', async () => {
      const line = await a.one(`send ${B} live one`);
      const [, msgId, , seq] = line.split(' ');
      expect(seq).to.equal('6');
      for (const device of [b1, b2]) expect(await device.one('wait push')).to.equal(`push ${msgId} ${CONV} 6 ${A} live one`);
      expect(await a.one(`recall ${msgId}`)).to.match(new RegExp(`^recall-resp ${msgId} \\d+$`));
      for (const device of [b1, b2]) expect(await device.one('wait recall')).to.equal(`recall-notify ${msgId} ${CONV} 7 ${A} ${B}`);
      expect(await b2.one(`history ${CONV} after 5`)).to.match(new RegExp(`^history ${CONV} 6,7 hasMore=false min=1 `));
      const sync = await b2.step('sync');
      // A recalled message is not unread, nor is a tombstone.
      expect(fields(sync[0]!)).to.include({ unread: '0', max: '7', read: '5' });
      for (const c of [a, b1, b2]) expect(await c.one('drain error')).to.equal('drain-end 0');
    });
  });
}

describe('java interop client', function () {
  // Builds clients/java-interop once (skipped when the jar is newer than its pom, sources and proto/).
  before(async function () {
    this.timeout(300_000);
    const { problem, how } = await buildJavaClient();
    if (problem !== null) {
      if (toolsRequired) throw new Error(`Java interop client unavailable (CI or IM_REQUIRE_SERVICES is set): ${problem}`);
      console.warn(`  skipping the Java interop suite: ${problem}`);
      return;
    }
    console.log(`      java-interop client: ${how}`);
    clientReady = true;
  });

  describe('one embedded gateway', function () {
    let gw: TestGateway | undefined;
    before(async function () {
      needClient(this);
      gw = await startGateway({ heartbeat: { intervalMs: HEARTBEAT_MS } });
    });
    after(async () => {
      await gw?.stop();
    });
    story('conversations, history, receipts, typing, second device', () => ({
      urlA: gw!.url, urlB1: gw!.url, urlB2: gw!.url, token: (u) => gw!.token(u),
    }));
  });

  describe('two gateway processes (production mode: MariaDB + Redis)', function () {
    const keyPrefix = `iminterop:${randomBytes(4).toString('hex')}:`;
    const cluster = new Cluster({
      env: {
        IM_STORAGE__MYSQL__DATABASE: INTEROP_DATABASE,
        IM_REDIS__KEY_PREFIX: keyPrefix,
        IM_MQ__KIND: 'off',
        IM_HEARTBEAT__INTERVAL_MS: String(HEARTBEAT_MS),
      },
    });
    let n1: ClusterNode;
    let n2: ClusterNode;
    let started = false;

    before(async function () {
      this.timeout(120_000);
      needClient(this);
      await needMysql(this);
      await needRedis(this);
      const admin = await mysql.createConnection({ host: MYSQL.host, port: MYSQL.port, user: MYSQL.user, password: MYSQL.password });
      try {
        await admin.query(`CREATE DATABASE IF NOT EXISTS ${INTEROP_DATABASE}`);
      } finally {
        await admin.end();
      }
      started = true;
      [n1, n2] = (await cluster.start(['interop-1', 'interop-2'])) as [ClusterNode, ClusterNode];
      await truncateInterop();
    });
    after(async function () {
      this.timeout(60_000);
      if (!started) return;
      await cluster.close();
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    });
    // A on node 1; B's first device on node 2, its second on node 1.
    story('A on node 1, B on node 2 then node 1', () => ({
      urlA: n1.url, urlB1: n2.url, urlB2: n1.url, token: (u) => cluster.token(u), logs: () => cluster.logs(),
    }));
  });

  describe('version-1 mode (only the first half of PROTOCOL.md, decoded with the version-1 schema)', function () {
    this.timeout(60_000);
    const A = '9223372036854775807'; // 2^63 - 1
    const B = '9223372036854775808'; // 2^63
    const N = U53; // a client of the current protocol
    let gw: TestGateway | undefined;
    const clients: JavaClient[] = [];
    const start = async (label: string, user: string, options: JavaClientOptions) => {
      const client = await JavaClient.start(label, gw!.url, await gw!.token(user), options);
      clients.push(client);
      return client;
    };

    before(async function () {
      needClient(this);
      // Two undelivered messages pushed at login, the rest for PULL_OFFLINE.
      gw = await startGateway({ heartbeat: { intervalMs: HEARTBEAT_MS }, offline: { loginBatch: 2 } });
    });
    afterEach(function () {
      if (this.currentTest?.state === 'failed') for (const c of clients) console.error(c.diagnostics);
    });
    after(async function () {
      this.timeout(30_000);
      await Promise.all(clients.map(async (c) => {
        try {
          await c.quit();
        } catch {
          c.killNow();
        }
      }));
      await gw?.stop();
    });

    it('send, login push, PULL_OFFLINE paging, C2C_ACK, live push and recall work; new fields are skipped as unknown', async () => {
      const a = await start('A-v1', A, { v1: true, device: 'a' });
      expect(a.authLine).to.match(new RegExp(`^auth ${A} \\S+ hb=${HEARTBEAT_MS} v1$`));
      const sent: string[] = [];
      for (const i of range(5)) {
        const line = await a.one(`send ${B} offline ${i}`);
        // C2CSendAck's conv_id (4) and seq (5) are unknown to version 1.
        expect(line).to.match(/^ack \d+ v[0-9a-f]{8}-\d+ ignored=4,5$/);
        sent.push(line.split(' ')[1]!);
      }
      expect([...sent].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1))).to.deep.equal(sent);

      const b = await start('B-v1', B, { v1: true, device: 'b' });
      const pushed = (await b.step('wait push 2')).map((l) => l.split(' '));
      const pulled = await b.step('pull 2');
      const end = pulled.pop()!;
      expect(end).to.match(/^pull-end new=\d+ dup=\d+ pages=\d+$/);
      // The rest may also come as re-pushes; either way every message once, oldest first.
      const late = (await b.step('drain push')).slice(0, -1).map((l) => l.split(' '));
      const got = [...pushed, ...pulled.map((l) => l.split(' ')), ...late];
      expect(got.map((w) => w[1])).to.have.members(sent);
      expect(got).to.have.length(5);
      for (const w of got) {
        expect(w.slice(2, 4)).to.deep.equal([A, B]);
        // ChatMessage's conv_id (8) and seq (9) are unknown to version 1: skipped, not an error.
        expect(w[4]).to.match(/^ignored=8,9(,|$)/);
      }
      expect(pushed.map((w) => w[1])).to.deep.equal(sent.slice(0, 2));
      if (late.length === 0) {
        expect(Number(fields(end).new)).to.equal(3);
        expect(Number(fields(end).pages)).to.be.at.least(2);
        expect(pulled.map((l) => l.split(' ')[1])).to.deep.equal(sent.slice(2));
      }

      // Live: pushed at once, acked, never again, not on the next login nor by PULL_OFFLINE.
      const live = (await a.one(`send ${B} live`)).split(' ')[1]!;
      expect(await b.one('wait push')).to.match(new RegExp(`^push ${live} ${A} ${B} ignored=8,9\\S* live$`));
      expect(await b.one('none push 1500')).to.equal('none push');
      expect(await b.quit()).to.equal(0);
      const again = await start('B-v1-again', B, { v1: true, device: 'b' });
      expect(await again.one('none push 800')).to.equal('none push');
      expect(await again.step('pull')).to.deep.equal(['pull-end new=0 dup=0 pages=1']);

      // Recall, live: RECALL_NOTIFY with conv_id (5) and seq (6) unknown to version 1.
      expect(await a.one(`recall ${live}`)).to.match(new RegExp(`^recall-resp ${live} \\d+$`));
      expect(await again.one('wait recall')).to.equal(`recall-notify ${live} ${A} ${B} ignored=5,6`);
      for (const c of [a, again]) expect(await c.one('drain error')).to.equal('drain-end 0');
    });

    it('commands added later (READ_NOTIFY, TYPING_NOTIFY) are skipped and the session goes on', async () => {
      const a = await start('A2-v1', A, { v1: true, device: 'a2' });
      const n = await start('N', N, { device: 'n' });
      const conv = `c_${N}_${A}`;
      expect(await a.one(`send ${N} hi new client`)).to.match(/^ack \d+ \S+ ignored=4,5$/);
      expect(await n.one('wait push')).to.match(new RegExp(`^push \\d+ ${conv} 1 ${A} hi new client$`));
      expect(await n.one(`read ${conv} 1`)).to.equal(`read-resp ${conv} 1 unread=0`);
      expect(await n.one(`typing ${conv} on`)).to.equal(`typing-sent ${conv} on`);
      expect(await a.step('wait unknown 2')).to.deep.equal(['unknown-cmd 46', 'unknown-cmd 48']);
      // Still working, both ways.
      expect(await n.one(`send ${A} reply`)).to.match(new RegExp(`^ack \\d+ ${conv} 2 `));
      expect(await a.one('wait push')).to.match(new RegExp(`^push \\d+ ${N} ${A} ignored=8,9\\S* reply$`));
      expect(await a.one('ping')).to.match(/^pong \d+$/);
      expect(await a.one('drain error')).to.equal('drain-end 0');
    });

    it('a session that stops its heartbeat is kicked with HEARTBEAT_TIMEOUT', async () => {
      const quiet = await start('quiet-v1', A, { v1: true, device: 'quiet', noHeartbeat: true });
      expect(await quiet.one(`wait kick 1 ${6 * HEARTBEAT_MS}`)).to.match(/^kick HEARTBEAT_TIMEOUT/);
      expect(await quiet.one('wait closed')).to.match(/^closed \d+/);
    });
  });
});

/** Empties this suite's tables (not the migrations table) once the nodes have created them. */
async function truncateInterop(): Promise<void> {
  const conn = await mysql.createConnection({ host: MYSQL.host, port: MYSQL.port, user: MYSQL.user, password: MYSQL.password, database: INTEROP_DATABASE });
  try {
    const [rows] = await conn.query(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_name NOT LIKE '%migration%'",
      [INTEROP_DATABASE],
    );
    for (const { t } of rows as Array<{ t: string }>) await conn.query(`TRUNCATE TABLE \`${t}\``);
  } finally {
    await conn.end();
  }
}
