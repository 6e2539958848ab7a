// Conversations across two gateway processes sharing MariaDB and Redis: the seq of one
// conversation stays gap-free and unique while both of its users send into it at once from
// different nodes, and read receipts, typing and own-device echoes cross nodes.
import { expect } from 'chai';
import { Cmd, MsgFormat, type ChatMessage } from '../../src/protocol/messages.js';
import { RawClient } from '../support/raw-client.js';
import { needMysql, needRedis } from '../support/services.js';
import { Cluster, expectNone, type ClusterNode } from './support/cluster.js';

const ALICE = '9223372036854775809'; // 2^63 + 1
const BOB = '9223372036854775810';
const CONV = `c_${ALICE}_${BOB}`;
const PER_USER = 300;

async function history(client: RawClient, afterSeq: string, beforeSeq = '0'): Promise<{ messages: ChatMessage[]; hasMore: boolean }> {
  const seq = client.send(Cmd.HISTORY_REQ, { convId: CONV, afterSeq, beforeSeq, limit: 100 });
  return (await client.next(Cmd.HISTORY_RESP, (f) => f.seq === seq, 10_000)).body;
}

async function login(cluster: Cluster, node: ClusterNode, userId: string, deviceId: string, echoOwnMessages = false): Promise<RawClient> {
  const client = cluster.track(await RawClient.open(node.url));
  client.send(Cmd.AUTH_REQ, { token: await cluster.token(userId), deviceId, platform: 'cluster-test', echoOwnMessages });
  await client.next(Cmd.AUTH_RESP, undefined, 10_000);
  return client;
}

describe('cluster: one conversation on two gateway processes', function () {
  this.timeout(120_000);
  // Hundreds of sends from one session at once: lift the per-session rate limit for this suite.
  const cluster = new Cluster({ env: { IM_MQ__KIND: 'off', IM_LIMITS__RATE_PER_SEC: '5000', IM_LIMITS__RATE_BURST: '5000' } });
  let a: ClusterNode;
  let b: ClusterNode;

  before(async function () {
    this.timeout(90_000);
    await needMysql(this);
    await needRedis(this);
    [a, b] = (await cluster.start(['conv-a', 'conv-b'])) as [ClusterNode, ClusterNode];
    await cluster.truncate();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') console.error(`\n${cluster.logs()}\n`);
    await cluster.closeClients();
  });
  after(async function () {
    this.timeout(60_000);
    await cluster.close();
  });

  it(`both users sending ${PER_USER} messages at once from different nodes get seqs exactly 1..${2 * PER_USER}, read back in order`, async () => {
    const alice = await login(cluster, a, ALICE, 'phone');
    const bob = await login(cluster, b, BOB, 'phone');
    const fire = (client: RawClient, to: string, tag: string) => Array.from({ length: PER_USER }, (_, i) => {
      const seq = client.send(Cmd.C2C_SEND_REQ, { clientMsgId: `${tag}-${i}`, toUserId: to, content: `${tag} ${i}`, format: MsgFormat.TEXT });
      return client.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq, 30_000).then((f) => f.body);
    });
    const acks = await Promise.all([...fire(alice, BOB, 'a'), ...fire(bob, ALICE, 'b')]);

    expect(new Set(acks.map((ack) => ack.convId))).to.deep.equal(new Set([CONV]));
    const seqs = acks.map((ack) => Number(ack.seq)).sort((x, y) => x - y);
    expect(seqs).to.deep.equal(Array.from({ length: 2 * PER_USER }, (_, i) => i + 1));

    // Every entry, from either node, exactly once and ascending, each with the msg_id it was acked
    // with: scrolling back from the latest page on one node, catching up from seq 1 on the other.
    const msgIdOfSeq = new Map(acks.map((ack) => [ack.seq, ack.msgId]));
    const all = Array.from({ length: 2 * PER_USER }, (_, i) => i + 1);
    const back: ChatMessage[] = [];
    for (let before = '0'; ;) {
      const page = await history(alice, '0', before);
      back.unshift(...page.messages);
      if (!page.hasMore) break;
      before = page.messages[0]!.seq!;
    }
    const forward: ChatMessage[] = [];
    for (let after = '0'; ;) {
      // after_seq 0 means "the latest page", so catch-up from the start begins with seq 1 itself.
      const page = after === '0' ? { messages: back.slice(0, 1), hasMore: true } : await history(bob, after);
      forward.push(...page.messages);
      if (!page.hasMore) break;
      after = page.messages.at(-1)!.seq!;
    }
    for (const read of [back, forward]) {
      expect(read.map((m) => Number(m.seq))).to.deep.equal(all);
      for (const m of read) expect(m.msgId, `seq ${m.seq}`).to.equal(msgIdOfSeq.get(m.seq!));
    }
  });

  it('read receipts, typing and own-device echoes reach sessions on the other node', async () => {
    const phone = await login(cluster, a, ALICE, 'echo-phone', true);
    const laptop = await login(cluster, b, ALICE, 'echo-laptop', true);
    const bob = await login(cluster, b, BOB, 'echo-bob');

    const seq = phone.send(Cmd.C2C_SEND_REQ, { clientMsgId: 'echo-1', toUserId: BOB, content: 'to bob, seen by my laptop', format: MsgFormat.TEXT });
    const ack = (await phone.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq)).body;
    const echoed = await laptop.next(Cmd.C2C_PUSH, (f) => f.body.message.msgId === ack.msgId);
    expect(echoed.body.message).to.include({ fromUserId: ALICE, toUserId: BOB, convId: CONV, seq: ack.seq });
    await bob.next(Cmd.C2C_PUSH, (f) => f.body.message.msgId === ack.msgId);
    await expectNone(phone, Cmd.C2C_PUSH, 300, (f) => f.body.message.msgId === ack.msgId);

    const read = bob.send(Cmd.READ_REQ, { convId: CONV, readSeq: ack.seq! });
    expect((await bob.next(Cmd.READ_RESP, (f) => f.seq === read)).body).to.include({ convId: CONV, readSeq: ack.seq, unread: 0 });
    for (const device of [phone, laptop]) {
      const notice = await device.next(Cmd.READ_NOTIFY);
      expect(notice.body).to.deep.equal({ convId: CONV, userId: BOB, readSeq: ack.seq });
    }

    bob.send(Cmd.TYPING_REQ, { convId: CONV, typing: true });
    for (const device of [phone, laptop]) {
      expect((await device.next(Cmd.TYPING_NOTIFY)).body).to.deep.equal({ convId: CONV, userId: BOB, typing: true });
    }

    // The other node's SYNC sees bob's read position as alice's peer_read_seq.
    const sync = phone.send(Cmd.SYNC_REQ, { limit: 10, pageToken: '', updatedAfterMs: 0 });
    const conv = (await phone.next(Cmd.SYNC_RESP, (f) => f.seq === sync)).body.convs.find((c) => c.convId === CONV);
    expect(conv).to.include({ peerUserId: BOB, maxSeq: ack.seq, peerReadSeq: ack.seq });
  });
});
