// Three gateway nodes as separate OS processes on loopback ports, against the real MariaDB, Redis
// and RocketMQ: forwarding between nodes, duplicate login across nodes, a node killed with -9 in
// the middle of traffic, a node drained with SIGTERM, and snowflake worker ids leased per node.
// The delivery cases run again with the nodes on the local Redis Cluster.
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { ImClient } from '../../src/client/im-client.js';
import { parseSnowflake } from '../../src/ids/snowflake.js';
import { Cmd, KickReason, MsgFormat, type ChatMessage } from '../../src/protocol/messages.js';
import type { RawClient } from '../support/raw-client.js';
import { TopicCollector, requireRocketMqOrSkip } from '../support/rocketmq.js';
import { keysMatching } from '../storage/fixtures.js';
import { REDIS_CLUSTER, REDIS_URL, needMysql, needRedis, needRedisCluster } from '../support/services.js';
import { CLUSTER_TOPIC, Cluster, PRESENCE_TTL_MS, RETRY_BACKOFF_MS, eventually, expectNone, sleep, type ClusterNode, type ClusterOptions } from './support/cluster.js';

/** IM_TEST_CLUSTER_LOGS=1 prints every node's output (warn and above) after each test, not only after failures. */
const SHOW_LOGS = process.env.IM_TEST_CLUSTER_LOGS === '1';

/** A counter or gauge from the node's /metrics (0 when the series does not exist yet). */
async function metric(node: ClusterNode, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${node.opsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

type SendResult = { ok: true; msgId: string } | { ok: false; code: number };

/** Sends and waits for the ack or the error that answers it. */
async function send(client: RawClient, to: string, content: string, clientMsgId: string): Promise<SendResult> {
  const seq = client.send(Cmd.C2C_SEND_REQ, { clientMsgId, toUserId: to, content, format: MsgFormat.TEXT });
  return Promise.race([
    client.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq, 15_000).then((f) => ({ ok: true as const, msgId: f.body.msgId })),
    client.next(Cmd.ERROR, (f) => f.seq === seq, 15_000).then((f) => ({ ok: false as const, code: f.body.code })),
  ]);
}

async function sendOk(client: RawClient, to: string, content: string, clientMsgId: string): Promise<string> {
  const r = await send(client, to, content, clientMsgId);
  if (!r.ok) throw new Error(`send ${clientMsgId} refused with error code ${r.code}`);
  return r.msgId;
}

/**
 * A receiver that lives through several SDK clients (a new one per node it connects to): every
 * message it got, pushed or pulled, counted by msg_id over its whole life.
 */
class Receiver {
  readonly got = new Map<string, { message: ChatMessage; times: number }>();
  client: ImClient | null = null;
  connects = 0;
  private closed = false;

  constructor(readonly userId: string, private readonly cluster: Cluster) {}

  /** Logs in on `node`, retrying for up to `timeoutMs` (a fresh client each time: reconnect off). */
  async connect(node: ClusterNode, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new ImClient({ url: node.url, token: await this.cluster.token(this.userId), deviceId: 'phone', reconnect: false });
      client.on('message', (m) => this.record(m));
      client.on('error', () => {});
      try {
        await client.connect();
        if (this.closed) {
          await client.close(); // closed while this login was under way
          return;
        }
        this.client = client;
        this.connects++;
        return;
      } catch (err) {
        await client.close();
        if (Date.now() > deadline) throw new Error(`receiver ${this.userId} could not log in on ${node.id}: ${(err as Error).message}`);
        await sleep(200);
      }
    }
  }

  /** When the connection drops, waits `delayMs` (a client's reconnect backoff), then logs in on `next()`. */
  failOverTo(next: () => ClusterNode, delayMs: number, onError: (err: Error) => void): void {
    const client = this.client!;
    client.once('disconnected', () => {
      if (this.closed || this.client !== client) return;
      this.client = null;
      sleep(delayMs)
        .then(() => (this.closed ? undefined : this.connect(next())))
        .then(() => this.closed || this.failOverTo(next, delayMs, onError), onError);
    });
  }

  /** Pages through PULL_OFFLINE on the current client (which acks what it pulled). */
  async pullAll(): Promise<void> {
    let after = '0';
    for (;;) {
      const page = await this.client!.pullOffline({ limit: 200, afterMsgId: after });
      for (const m of page.messages) this.record(m);
      if (!page.hasMore || page.messages.length === 0) return;
      after = page.messages.at(-1)!.msgId;
    }
  }

  has(msgIds: readonly string[]): boolean {
    return msgIds.every((id) => this.got.has(id));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.close();
  }

  private record(m: ChatMessage): void {
    const seen = this.got.get(m.msgId);
    if (seen) seen.times++;
    else this.got.set(m.msgId, { message: m, times: 1 });
  }
}

async function sdkClient(cluster: Cluster, node: ClusterNode, userId: string, deviceId = 'phone'): Promise<ImClient> {
  const client = cluster.track(new ImClient({ url: node.url, token: await cluster.token(userId), deviceId, reconnect: false }));
  client.on('error', () => {});
  await client.connect();
  return client;
}

/**
 * What every Redis layout must carry between nodes: cross-node push and ack, re-push, recall,
 * presence with a kick across nodes, offline messages at login.
 */
function deliveryCases(cluster: Cluster, nodes: () => [ClusterNode, ClusterNode, ClusterNode]): void {
  let a: ClusterNode;
  let b: ClusterNode;
  let c: ClusterNode;
  beforeEach(() => {
    [a, b, c] = nodes();
  });

  it('forwards a message from a sender on A to the receiver on B; the ack ends re-pushes and marks it delivered', async () => {
    const alice = await cluster.login(a, '1101');
    const bob = await cluster.login(b, '1102');
    const forwardedBefore = await metric(a, 'im_forwarded_total', 'kind="push"');
    const msgId = await sendOk(alice, '1102', 'hello across nodes', 's1-1');
    const ackedAt = Date.now();
    const push = await bob.next(Cmd.C2C_PUSH, undefined, 5000);
    // Live, forwarded by A: not the first re-push (due 300 ms later, by whichever node's scanner).
    expect(Date.now() - ackedAt, 'ms from the send ack to the push').to.be.below(RETRY_BACKOFF_MS - 50);
    expect(await metric(a, 'im_forwarded_total', 'kind="push"'), 'pushes node A forwarded').to.be.greaterThan(forwardedBefore);
    expect(push.body.message).to.include({ msgId, fromUserId: '1101', toUserId: '1102', content: 'hello across nodes', clientMsgId: 's1-1' });
    bob.send(Cmd.C2C_ACK, { msgIds: [msgId] });
    await expectNone(bob, Cmd.C2C_PUSH, 1500); // the re-push would come after 300 ms
    expect((await cluster.statuses([msgId])).get(msgId), 'msg_status after the ack').to.equal(1);

    const bobTablet = await cluster.login(c, '1102', 'tablet');
    const seq = bobTablet.send(Cmd.PULL_OFFLINE_REQ, { limit: 50, afterMsgId: '0' });
    const page = await bobTablet.next(Cmd.PULL_OFFLINE_RESP, (f) => f.seq === seq);
    expect(page.body.messages.map((m) => m.msgId)).to.deep.equal([]);
    expect(bobTablet.all(Cmd.C2C_PUSH)).to.deep.equal([]);
  });

  it('re-pushes an unacked message (same msg_id) to a receiver on another node while it stays connected', async () => {
    const alice = await cluster.login(a, '1201');
    const bob = await cluster.login(b, '1202');
    const msgId = await sendOk(alice, '1202', 'ack me', 's2-1');
    expect((await bob.next(Cmd.C2C_PUSH, undefined, 5000)).body.message.msgId).to.equal(msgId);
    const again = await bob.next(Cmd.C2C_PUSH, undefined, 3000);
    expect(again.body.message).to.include({ msgId, content: 'ack me' });
    bob.send(Cmd.C2C_ACK, { msgIds: [msgId] });
    expect(await eventually(async () => (await cluster.statuses([msgId])).get(msgId) === 1, 3000)).to.equal(true);
  });

  it('recalls across nodes: RECALL_RESP to the sender on A, RECALL_NOTIFY to the receiver on B, no more pushes', async () => {
    const alice = await cluster.login(a, '1301');
    const bob = await cluster.login(b, '1302');
    const msgId = await sendOk(alice, '1302', 'oops', 's3-1');
    await bob.next(Cmd.C2C_PUSH, (f) => f.body.message.msgId === msgId, 5000); // not acked
    const seq = alice.send(Cmd.RECALL_REQ, { msgId });
    const resp = await alice.next(Cmd.RECALL_RESP, (f) => f.seq === seq, 5000);
    expect(resp.body.msgId).to.equal(msgId);
    const notify = await bob.next(Cmd.RECALL_NOTIFY, undefined, 5000);
    expect(notify.body).to.include({ msgId, fromUserId: '1301', toUserId: '1302', recallTimeMs: resp.body.recallTimeMs });
    await sleep(200); // a re-push claimed before the recall may still be on its way
    bob.frames.splice(0);
    await expectNone(bob, Cmd.C2C_PUSH, 1200);
    expect((await cluster.statuses([msgId])).get(msgId), 'msg_status after the recall').to.equal(2);
  });

  it('kicks the session on A when the same device logs in on C; another device of the user stays', async () => {
    const phoneOnA = await cluster.login(a, '1401', 'phone');
    const tabletOnB = await cluster.login(b, '1401', 'tablet');
    const phoneOnC = await cluster.login(c, '1401', 'phone');
    const kick = await phoneOnA.next(Cmd.KICK, undefined, 5000);
    expect(kick.body.reason).to.equal(KickReason.DUPLICATE_LOGIN);
    await phoneOnA.closed(5000);

    const seq = tabletOnB.send(Cmd.PING, { clientTimeMs: String(Date.now()) });
    await tabletOnB.next(Cmd.PONG, (f) => f.seq === seq);
    expect(tabletOnB.closeCode).to.equal(null);
    expect(tabletOnB.all(Cmd.KICK)).to.deep.equal([]);
    expect(phoneOnC.all(Cmd.KICK)).to.deep.equal([]);

    // both remaining devices, on two nodes, get a message sent from the third
    const sender = await cluster.login(a, '1402');
    const msgId = await sendOk(sender, '1401', 'to both devices', 's4-1');
    expect((await phoneOnC.next(Cmd.C2C_PUSH, undefined, 5000)).body.message.msgId).to.equal(msgId);
    expect((await tabletOnB.next(Cmd.C2C_PUSH, undefined, 5000)).body.message.msgId).to.equal(msgId);
    const routes = await cluster.presenceOf('1401');
    expect(Object.keys(routes).sort()).to.deep.equal(['phone', 'tablet']);
    expect(routes.phone).to.match(/^node-c\|/);
    expect(routes.tablet).to.match(/^node-b\|/);

    // Operators see and kick sessions on any node from any node's ops port.
    const sessions = await cluster.admin<Array<{ deviceId: string; nodeId: string }>>(a, 'GET', '/admin/users/1401/sessions');
    if (sessions !== null) {
      expect(sessions.map((s) => `${s.deviceId}@${s.nodeId}`).sort()).to.deep.equal(['phone@node-c', 'tablet@node-b']);
      expect(await cluster.admin(a, 'POST', '/admin/users/1401/kick?device=tablet')).to.deep.equal({ kicked: 1 });
      expect((await tabletOnB.next(Cmd.KICK, undefined, 5000)).body.reason).to.equal(KickReason.ADMIN);
      await tabletOnB.closed(5000);
      expect(phoneOnC.all(Cmd.KICK)).to.deep.equal([]);
    }
  });

  it('a node hung past node.presenceTtlMs (SIGSTOP, its sockets open): messages to its users go offline, not to it; resumed, it routes them again', async () => {
    const alice = await cluster.login(a, '1601');
    const bob = await cluster.login(b, '1602');
    const forwarded = await metric(a, 'im_forwarded_total', 'kind="push"');
    b.pause();
    let away: string;
    try {
      // Its lease lapses after the TTL; A learns it at its next beat (every third of the TTL).
      await sleep(PRESENCE_TTL_MS + PRESENCE_TTL_MS / 3 + 500);
      // B's subscription is still open, so SPUBLISH would count it: only the lease tells.
      away = await sendOk(alice, '1602', 'while B hangs', 's6-1');
      expect(await metric(a, 'im_forwarded_total', 'kind="push"'), 'pushes A forwarded to the hung node').to.equal(forwarded);
    } finally {
      b.resume();
    }
    // B renews its lease at once; A sees it at its next beat.
    await sleep(PRESENCE_TTL_MS / 3 + 500);
    const live = await sendOk(alice, '1602', 'after B resumed', 's6-2');
    expect((await bob.next(Cmd.C2C_PUSH, (f) => f.body.message.msgId === live, 5000)).body.message.content).to.equal('after B resumed');
    expect(await metric(a, 'im_forwarded_total', 'kind="push"'), 'pushes A forwarded once B was back').to.be.greaterThan(forwarded);
    const seq = bob.send(Cmd.PULL_OFFLINE_REQ, { limit: 50, afterMsgId: '0' });
    const page = await bob.next(Cmd.PULL_OFFLINE_RESP, (f) => f.seq === seq);
    expect(page.body.messages.map((m) => m.msgId)).to.include(away!);
  });

  it('keeps a message to an offline user and pushes it right after AUTH_RESP when it logs in on another node', async () => {
    const alice = await cluster.login(a, '1501');
    const sent = [
      await sendOk(alice, '1502', 'while away 1', 's5-1'),
      await sendOk(alice, '1502', 'while away 2', 's5-2'),
      await sendOk(alice, '1502', 'while away 3', 's5-3'),
    ];
    const carol = await cluster.login(c, '1502');
    expect(await eventually(() => carol.all(Cmd.C2C_PUSH).length >= 3, 5000), 'offline messages pushed at login').to.equal(true);
    // A retry due just as carol logs in may push one of them a second time (at least once).
    expect([...new Set(carol.all(Cmd.C2C_PUSH).map((f) => f.body.message.msgId))].sort()).to.deep.equal([...sent].sort());
    carol.send(Cmd.C2C_ACK, { msgIds: sent });
    expect(await eventually(async () => [...(await cluster.statuses(sent)).values()].every((s) => s === 1), 3000)).to.equal(true);
  });
}

type Nodes = [ClusterNode, ClusterNode, ClusterNode];

/**
 * Three gateway processes on one Redis setup, with the delivery cases every setup must pass;
 * `body` adds the setup's own cases.
 */
function describeThreeNodes(
  title: string, options: ClusterOptions, needRedisOf: (ctx: Mocha.Context) => Promise<void>,
  body: (cluster: Cluster, nodes: () => Nodes) => void,
): void {
  describe(title, function () {
    this.timeout(120_000);
    const cluster = new Cluster(options);
    let nodes: Nodes;

    before(async function () {
      this.timeout(90_000);
      await needMysql(this);
      await needRedisOf(this);
      await requireRocketMqOrSkip(this);
      // Worker ids are leased from Redis (-1): every node gets its own.
      nodes = (await cluster.start(['node-a', 'node-b', 'node-c'])) as Nodes;
      await cluster.truncate();
    });
    afterEach(async function () {
      if (this.currentTest?.state === 'failed' || SHOW_LOGS) console.error(`\n${cluster.logs()}\n`);
      await cluster.closeClients();
    });
    after(async function () {
      this.timeout(60_000);
      await cluster.close();
    });

    deliveryCases(cluster, () => nodes);
    body(cluster, () => nodes);
  });
}

/**
 * A node killed with SIGKILL and a node drained with SIGTERM in the middle of traffic: what every
 * Redis layout must survive. Node B stays dead afterwards.
 */
function faultCases(cluster: Cluster, nodes: () => Nodes): void {
  it('SIGKILL of a node in the middle of traffic: every acked message is delivered (once after dedup) and published', async function () {
    this.timeout(150_000);
    const [a, b, c] = nodes();
    const PAIRS = 20;
    const PER_SENDER = 25;
    const senderOf = (i: number) => String(1600 + i);
    const receiverOf = (i: number) => String(1700 + i);
    const survivors = [a, c];

    const collector = await TopicCollector.start(CLUSTER_TOPIC, 'C2C_MSG');
    const receivers = Array.from({ length: PAIRS }, (_, i) => new Receiver(receiverOf(i), cluster));
    const failOverErrors: Error[] = [];
    try {
      await Promise.all(receivers.map((r) => r.connect(b)));
      // Half come back at once (their pushes resume live), half after a backoff longer than the
      // re-push delay (what was sent meanwhile must wait in their offline lists).
      receivers.forEach((r, i) => r.failOverTo(() => survivors[i % 2]!, i % 4 < 2 ? 0 : 1500, (err) => failOverErrors.push(err)));
      const senders = await Promise.all(Array.from({ length: PAIRS }, (_, i) => sdkClient(cluster, survivors[i % 2]!, senderOf(i))));

      const acked: string[][] = Array.from({ length: PAIRS }, () => []);
      const refused: string[] = [];
      let total = 0;
      let killedAfter = -1;
      const killed = (async () => {
        await eventually(() => total >= (PAIRS * PER_SENDER) / 2, 30_000, 5);
        killedAfter = total;
        await b.kill();
      })();
      await Promise.all(senders.map(async (sender, i) => {
        for (let k = 0; k < PER_SENDER; k++) {
          try {
            acked[i]!.push((await sender.send(receiverOf(i), `pair ${i} msg ${k}`)).msgId);
            total++;
          } catch (err) {
            refused.push(`${senderOf(i)}#${k}: ${(err as Error).message}`);
          }
          await sleep(40);
        }
      }));
      await killed;
      expect(b.exit?.signal).to.equal('SIGKILL');
      expect(killedAfter, 'node B was killed mid-way').to.be.within(1, PAIRS * PER_SENDER - 1);
      // The senders were on the surviving nodes: B's death must not refuse anything.
      expect(refused).to.deep.equal([]);
      const all = acked.flat();
      expect(new Set(all).size, 'distinct msg_ids').to.equal(all.length);

      // Receivers fail over and get the rest live or at login; a pull sweeps up anything left.
      await eventually(() => receivers.every((r, i) => r.client !== null && r.has(acked[i]!)), 20_000);
      for (const r of receivers) if (r.client === null) await eventually(() => r.client !== null, 15_000);
      await Promise.all(receivers.map((r, i) => (r.has(acked[i]!) ? null : r.pullAll())));
      expect(failOverErrors.map((e) => e.message)).to.deep.equal([]);
      expect(receivers.every((r) => r.connects >= 2), 'every receiver logged in again on a surviving node').to.equal(true);

      receivers.forEach((r, i) => {
        const missing = acked[i]!.filter((id) => !r.got.has(id));
        expect(missing, `receiver ${r.userId}: acked messages never delivered`).to.deep.equal([]);
        const extra = [...r.got.keys()].filter((id) => !acked[i]!.includes(id));
        expect(extra, `receiver ${r.userId}: messages it should not have got`).to.deep.equal([]);
        for (const { message } of r.got.values()) expect(message).to.include({ fromUserId: senderOf(i), toUserId: r.userId });
        expect(r.got.size, `receiver ${r.userId}: distinct messages`).to.equal(acked[i]!.length);
      });
      // The receivers' acks reached the surviving nodes: nothing stays pending.
      const delivered = await eventually(async () => {
        const statuses = await cluster.statuses(all);
        return all.every((id) => statuses.get(id) === 1);
      }, 10_000, 250);
      const statuses = await cluster.statuses(all);
      expect(delivered, `not delivered: ${all.filter((id) => statuses.get(id) !== 1).slice(0, 10).join(',')}`).to.equal(true);

      expect(await collector.waitFor(all, 90_000), 'acked msg_ids missing from the topic').to.deep.equal([]);
    } finally {
      await collector.close();
      await Promise.all(receivers.map((r) => r.close()));
    }
  });

  it('SIGTERM drains a node: KICK SERVER_SHUTDOWN, exit 0 in time, nothing acked is lost, its presence is gone', async function () {
    this.timeout(90_000);
    const [a, , c] = nodes();
    const graceMs = 5000;
    const d = await cluster.spawn('node-d', { env: { IM_OPS__SHUTDOWN_GRACE_MS: String(graceMs) } });
    await d.ready();
    const SENDERS = 5;
    const WINDOW = 4;
    const receivers = Array.from({ length: SENDERS }, (_, i) => new Receiver(String(1850 + i), cluster));
    try {
      await Promise.all(receivers.map((r) => r.connect(a)));
      const senders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => sdkClient(cluster, d, String(1800 + i))));
      const kicks: KickReason[] = [];
      senders.forEach((s) => s.on('kick', (k) => kicks.push(k.reason)));
      const lonely = await cluster.login(d, '1899'); // only ever on node D
      expect(Object.keys(await cluster.presenceOf('1899'))).to.deep.equal(['phone']);

      // Every sender keeps WINDOW sends in flight until one is refused, so SIGTERM lands in the
      // middle of traffic: each send must end acked or refused, never acked and then lost.
      const acked: string[][] = senders.map(() => []);
      const refused: Array<{ i: number; clientMsgId: string; content: string; why: string }> = [];
      const loops = senders.flatMap((sender, i) => Array.from({ length: WINDOW }, async (_, w) => {
        for (let k = 0; k < 500; k++) {
          const clientMsgId = `drain-${i}-${w}-${k}`;
          const content = `drain ${i} ${w} ${k}`;
          try {
            acked[i]!.push((await sender.send(receivers[i]!.userId, content, { clientMsgId })).msgId);
          } catch (err) {
            refused.push({ i, clientMsgId, content, why: (err as Error).message });
            return;
          }
        }
      }));
      await eventually(() => acked.flat().length >= 50, 10_000, 1);
      const t0 = Date.now();
      const exitPromise = d.stop(graceMs + 10_000);
      await Promise.all(loops);
      const exit = await exitPromise;
      const took = Date.now() - t0;
      expect(exit, `exit after SIGTERM:\n${d.logs}`).to.deep.equal({ code: 0, signal: null });
      expect(took, 'drain took longer than the grace period').to.be.below(graceMs + 2000);

      // presence removed by the drain itself, not by expiry (3 s TTL): read right away
      expect(await cluster.presenceOf('1899'), 'presence of a user only on the drained node').to.deep.equal({});
      expect(await cluster.admin(a, 'GET', '/admin/users/1899/sessions') ?? [], 'its sessions, seen from node A').to.deep.equal([]);
      const kick = await lonely.next(Cmd.KICK, undefined, 1000);
      expect(kick.body.reason).to.equal(KickReason.SERVER_SHUTDOWN);
      await lonely.closed(2000);
      expect(kicks).to.have.length(SENDERS);
      expect(kicks.every((k) => k === KickReason.SERVER_SHUTDOWN)).to.equal(true);
      expect(refused, 'send loops ended by the drain (a refused send)').to.have.length(SENDERS * WINDOW);

      // What was acked by D reaches its receiver on A.
      const allDelivered = await eventually(() => receivers.every((r, i) => r.has(acked[i]!)), 10_000);
      if (!allDelivered) await Promise.all(receivers.map((r) => r.pullAll()));
      receivers.forEach((r, i) => {
        expect(acked[i]!.filter((id) => !r.got.has(id)), `receiver ${r.userId}: acked by node D, never delivered`).to.deep.equal([]);
      });
      // The senders resend what was refused on another node, with the same client_msg_id (as the
      // SDK does after a reconnect): whether or not D committed it, each arrives exactly once.
      const resenders = await Promise.all(senders.map((_, i) => sdkClient(cluster, c, String(1800 + i))));
      const resent = await Promise.all(refused.map(async ({ i, clientMsgId, content }) => {
        const { msgId } = await resenders[i]!.send(receivers[i]!.userId, content, { clientMsgId });
        return { i, msgId };
      }));
      for (const { i, msgId } of resent) acked[i]!.push(msgId);
      const resentDelivered = await eventually(() => receivers.every((r, i) => r.has(acked[i]!)), 10_000);
      if (!resentDelivered) await Promise.all(receivers.map((r) => r.pullAll()));
      receivers.forEach((r, i) => {
        expect(acked[i]!.filter((id) => !r.got.has(id)), `receiver ${r.userId}: resent, never delivered`).to.deep.equal([]);
        const byClientMsgId = new Map<string, Set<string>>();
        for (const { message } of r.got.values()) {
          byClientMsgId.set(message.clientMsgId, (byClientMsgId.get(message.clientMsgId) ?? new Set()).add(message.msgId));
        }
        const twice = [...byClientMsgId].filter(([, ids]) => ids.size > 1).map(([id]) => id);
        expect(twice, `receiver ${r.userId}: one client_msg_id delivered under several msg_ids`).to.deep.equal([]);
        expect(byClientMsgId.size, `receiver ${r.userId}: distinct messages`).to.equal(new Set(acked[i]).size);
      });

      // A send to the user who was only on D goes to its offline list; a login elsewhere gets it.
      const alice = await cluster.login(a, '1898');
      const msgId = await sendOk(alice, '1899', 'after the drain', 's7-1');
      await expectNone(alice, Cmd.ERROR, 100);
      const again = await cluster.login(c, '1899');
      const push = await again.next(Cmd.C2C_PUSH, undefined, 5000);
      expect(push.body.message).to.include({ msgId, content: 'after the drain' });
    } finally {
      await Promise.all(receivers.map((r) => r.close()));
    }
  });
}

describeThreeNodes('cluster: three gateway processes on MariaDB, Redis and RocketMQ', {}, needRedis, faultCases);

describeThreeNodes('cluster: three gateway processes on a Redis Cluster (redis.cluster)', { redisCluster: REDIS_CLUSTER }, needRedisCluster, (cluster, nodes) => {
  it('keeps the run\'s keys on the Cluster, none on the standalone Redis: the worker leases of all three nodes are there', async () => {
    const leases = await keysMatching(cluster.redis(), `${cluster.keyPrefix}worker:*`);
    expect((await Promise.all(leases.map((key) => cluster.redis().get(key)))).sort()).to.deep.equal(['node-a', 'node-b', 'node-c']);
    const standalone = new Redis(REDIS_URL);
    try {
      expect(await keysMatching(standalone, `${cluster.keyPrefix}*`)).to.deep.equal([]);
    } finally {
      standalone.disconnect();
    }
  });

  faultCases(cluster, nodes);
});

describe('cluster: concurrent snowflake ids from three nodes with leased worker ids', function () {
  this.timeout(120_000);
  const cluster = new Cluster();

  before(async function () {
    await needMysql(this);
    await needRedis(this);
    await requireRocketMqOrSkip(this);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' || SHOW_LOGS) console.error(`\n${cluster.logs()}\n`);
    await cluster.closeClients();
  });
  after(async function () {
    this.timeout(60_000);
    await cluster.close();
  });

  it('three nodes started at once with IM_NODE__WORKER_ID=-1 lease distinct worker ids and mint distinct msg_ids', async () => {
    const ids = ['mint-a', 'mint-b', 'mint-c'];
    const nodes = await cluster.start(ids, () => ({ workerId: -1 }));
    await cluster.truncate();
    const SENDERS_PER_NODE = 4;
    const PER_SENDER = 80; // within the rate limiter's burst of 100
    const byNode = await Promise.all(nodes.map(async (node, n) => {
      const senders = await Promise.all(Array.from({ length: SENDERS_PER_NODE }, (_, s) => sdkClient(cluster, node, String(2000 + n * 10 + s))));
      const results = await Promise.all(senders.flatMap((sender, s) =>
        Array.from({ length: PER_SENDER }, (_, k) => sender.send(String(2100 + s), `mint ${n} ${s} ${k}`))));
      return results.map((r) => r.msgId);
    }));
    const all = byNode.flat();
    expect(all).to.have.length(nodes.length * SENDERS_PER_NODE * PER_SENDER);
    expect(new Set(all).size, 'distinct msg_ids').to.equal(all.length);

    const workers = byNode.map((list) => new Set(list.map((id) => parseSnowflake(id).workerId)));
    workers.forEach((set, n) => expect([...set], `worker ids in msg_ids minted by ${ids[n]}`).to.have.length(1));
    const perNode = workers.map((set) => [...set][0]!);
    expect(new Set(perNode).size, `worker ids per node: ${perNode.join(', ')}`).to.equal(3);
    // and each is the one leased in Redis under that node's id
    for (const [n, workerId] of perNode.entries()) {
      expect(await cluster.redis().get(`${cluster.keyPrefix}worker:${workerId}`), `lease of worker ${workerId}`).to.equal(ids[n]);
    }
    for (const [n, node] of nodes.entries()) {
      const stats = await cluster.admin<{ nodeId: string; workerId: number }>(node, 'GET', '/admin/node');
      if (stats !== null) expect(stats, `/admin/node of ${ids[n]}`).to.include({ nodeId: ids[n], workerId: perNode[n] });
    }
    const statuses = await cluster.statuses(all);
    expect(statuses.size, 'rows in the message store').to.equal(all.length);
  });
});
