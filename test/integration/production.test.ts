// Production mode against the real MariaDB, Redis and RocketMQ on this machine: what only the
// production backends can show (the topic, a Redis that lost everything, brokers going down).
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Cmd, ErrorCode, MsgFormat } from '../../src/protocol/messages.js';
import { RawClient } from '../support/raw-client.js';
import { startGatewayIn, type TestGateway } from '../support/gateway.js';
import { TEST_TOPIC, TopicCollector, requireRocketMqOrSkip } from '../support/rocketmq.js';
import { MYSQL, REDIS_URL, needMysql, needRedis } from '../support/services.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const TOPIC = TEST_TOPIC;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = promisify(execFile);

async function login(gw: TestGateway, userId: string, deviceId = 'phone'): Promise<RawClient> {
  const client = await RawClient.open(gw.url);
  client.send(Cmd.AUTH_REQ, { token: await gw.token(userId), deviceId, platform: 'test' });
  await client.next(Cmd.AUTH_RESP);
  return client;
}

/** Sends and waits for the ack or the error that answers it. */
async function send(client: RawClient, to: string, content: string, clientMsgId: string) {
  const seq = client.send(Cmd.C2C_SEND_REQ, { clientMsgId, toUserId: to, content, format: MsgFormat.TEXT });
  return Promise.race([
    client.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq, 15_000).then((f) => ({ ok: true as const, msgId: f.body.msgId })),
    client.next(Cmd.ERROR, (f) => f.seq === seq, 15_000).then((f) => ({ ok: false as const, code: f.body.code })),
  ]);
}

async function drainPushes(client: RawClient, count: number, timeoutMs = 10_000): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await client.next(Cmd.C2C_PUSH, undefined, timeoutMs)).body.message.msgId);
  return ids;
}

describe('production mode (MariaDB, Redis, RocketMQ)', function () {
  this.timeout(180_000);
  let gw: TestGateway | null = null;
  const clients: RawClient[] = [];
  const track = (c: RawClient) => (clients.push(c), c);
  const collectors: TopicCollector[] = [];

  before(async function () {
    await needMysql(this);
    await needRedis(this);
  });
  afterEach(async () => {
    await Promise.all(collectors.splice(0).map((c) => c.close()));
    clients.splice(0).forEach((c) => c.close());
    await gw?.stop();
    gw = null;
  });

  describe('with RocketMQ', () => {
    before(async function () {
      await requireRocketMqOrSkip(this);
    });

    it('publishes every accepted message and every recall to the topic, keyed by msg_id, and read positions coalesced', async () => {
      const [messages, recalls, reads] = await Promise.all([
        TopicCollector.start(TOPIC, 'C2C_MSG'), TopicCollector.start(TOPIC, 'C2C_RECALL'), TopicCollector.start(TOPIC, 'CONV_READ'),
      ]);
      collectors.push(messages, recalls, reads);
      gw = await startGatewayIn('production', { mq: { kind: 'rocketmq', topic: TOPIC } });
      const alice = track(await login(gw, '9007199254740993'));
      const sent: string[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await send(alice, '9223372036854775807', `topic ${i}`, `topic-${i}`);
        if (!r.ok) throw new Error(`send ${i} failed with ${r.code}`);
        sent.push(r.msgId);
      }
      const recalled = sent.slice(0, 2);
      for (const msgId of recalled) {
        const seq = alice.send(Cmd.RECALL_REQ, { msgId });
        await alice.next(Cmd.RECALL_RESP, (f) => f.seq === seq);
      }
      // When one is missing, whether its outbox row is still there tells a late publish from a lost event.
      const missing = await messages.waitFor(sent, 60_000);
      expect(missing, `message events missing from the topic (outbox rows left: ${await gw.backends.store.outboxBacklog()})`).to.deep.equal([]);
      const event = JSON.parse(messages.found.get(sent[5]!)!.body.toString('utf8')) as Record<string, unknown>;
      expect(event).to.deep.include({
        schema: 'im.c2c.msg.v1', msgId: sent[5], clientMsgId: 'topic-5', fromUserId: '9007199254740993',
        toUserId: '9223372036854775807', chatId: '9007199254740993_9223372036854775807', content: 'topic 5', format: 1,
        convId: 'c_9007199254740993_9223372036854775807', seq: '6',
      });
      const missingRecalls = await recalls.waitFor(recalled, 60_000);
      expect(missingRecalls, `recall events missing from the topic (outbox rows left: ${await gw.backends.store.outboxBacklog()})`).to.deep.equal([]);
      // The tombstones follow the 30 messages: seqs 31 and 32.
      expect(JSON.parse(recalls.found.get(recalled[0]!)!.body.toString('utf8'))).to.include({
        schema: 'im.c2c.recall.v1', msgId: recalled[0], convId: 'c_9007199254740993_9223372036854775807', seq: '31',
      });

      // Three read moves within the coalescing window: one CONV_READ event, with the last position
      // (the collector keeps the first event of a key, so an uncoalesced 10 would show here).
      const bob = track(await login(gw, '9223372036854775807'));
      const convId = 'c_9007199254740993_9223372036854775807';
      for (const readSeq of ['10', '20', '32']) {
        const seq = bob.send(Cmd.READ_REQ, { convId, readSeq });
        await bob.next(Cmd.READ_RESP, (f) => f.seq === seq);
      }
      const key = `9223372036854775807:${convId}`;
      expect(await reads.waitFor([key], 60_000), 'CONV_READ event missing from the topic').to.deep.equal([]);
      expect(JSON.parse(reads.found.get(key)!.body.toString('utf8'))).to.include({
        schema: 'im.conv.read.v1', userId: '9223372036854775807', convId, readSeq: '32',
      });
      expect(await gw.backends.store.outboxBacklog()).to.equal(0);
    });

    it('leaves publishing to a separate `npm run relay` process when mq.relay is separate', async () => {
      const collector = await TopicCollector.start(TOPIC, 'C2C_MSG');
      collectors.push(collector);
      gw = await startGatewayIn('production', { mq: { kind: 'rocketmq', topic: TOPIC, relay: 'separate' } });
      const alice = track(await login(gw, '351'));
      const sent: string[] = [];
      for (let i = 0; i < 10; i++) {
        const r = await send(alice, '352', `relayed ${i}`, `relayed-${i}`);
        if (!r.ok) throw new Error(`send ${i} failed with ${r.code}`);
        sent.push(r.msgId);
      }
      await sleep(500);
      expect(await gw.backends.store.outboxBacklog(), 'the gateway published although mq.relay is separate').to.equal(10);
      const mysql = gw.config.storage.mysql;
      const relay = spawn(process.execPath, ['--import', 'tsx', 'src/relay.ts'], {
        env: {
          ...process.env, IM_CONFIG: '', IM_MODE: 'production', IM_AUTH__JWT_SECRET: gw.config.auth.jwtSecret,
          IM_STORAGE__MYSQL__HOST: mysql.host, IM_STORAGE__MYSQL__PORT: String(mysql.port), IM_STORAGE__MYSQL__DATABASE: mysql.database,
          IM_MQ__KIND: 'rocketmq', IM_MQ__TOPIC: TOPIC, IM_MQ__RELAY_INTERVAL_MS: '50', IM_LOG__LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      relay.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
      const exited = new Promise<number | null>((resolve) => relay.once('exit', (code) => resolve(code)));
      try {
        const deadline = Date.now() + 60_000;
        while ((await gw.backends.store.outboxBacklog()) > 0 && Date.now() < deadline) await sleep(200);
        expect(await gw.backends.store.outboxBacklog(), `relay did not drain the outbox; its stderr: ${stderr}`).to.equal(0);
        expect(await collector.waitFor(sent, 60_000)).to.deep.equal([]);
      } finally {
        relay.kill('SIGTERM');
      }
      expect(await exited, stderr).to.equal(0);
    });

    it('accepts messages while RocketMQ is down and publishes them once it is back', async () => {
      const collector = await TopicCollector.start(TOPIC, 'C2C_MSG');
      collectors.push(collector);
      gw = await startGatewayIn('production', { mq: { kind: 'rocketmq', topic: TOPIC } });
      const alice = track(await login(gw, '301'));
      await run('bash', ['scripts/rocketmq-local.sh', 'stop'], { timeout: 120_000 });
      try {
        const sent: string[] = [];
        for (let i = 0; i < 10; i++) {
          const r = await send(alice, '302', `while down ${i}`, `down-${i}`);
          if (!r.ok) throw new Error(`send ${i} refused with ${r.code} while only RocketMQ was down`);
          sent.push(r.msgId);
        }
        await sleep(1000);
        expect(await gw.backends.store.outboxBacklog()).to.be.greaterThan(0);
        await run('bash', ['scripts/rocketmq-local.sh', 'start'], { timeout: 180_000 });
        const deadline = Date.now() + 90_000;
        while ((await gw.backends.store.outboxBacklog()) > 0 && Date.now() < deadline) await sleep(500);
        expect(await gw.backends.store.outboxBacklog(), 'outbox not drained after RocketMQ returned').to.equal(0);
        expect(await collector.waitFor(sent, 90_000)).to.deep.equal([]);
      } finally {
        await run('bash', ['scripts/rocketmq-local.sh', 'start'], { timeout: 180_000 });
      }
    });
  });

  it('delivers everything after Redis lost all its keys: offline lists and retries are rebuilt from MySQL', async () => {
    gw = await startGatewayIn('production', { retry: { initialBackoffMs: 300 } });
    const alice = track(await login(gw, '401'));
    const carol = track(await login(gw, '403'));
    const toBob: string[] = [];
    const toCarol: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await send(alice, '402', `bob ${i}`, `bob-${i}`);
      if (r.ok) toBob.push(r.msgId);
    }
    for (let i = 0; i < 3; i++) {
      const r = await send(alice, '403', `carol ${i}`, `carol-${i}`);
      if (r.ok) toCarol.push(r.msgId);
    }
    expect(await drainPushes(carol, 3)).to.deep.equal(toCarol); // pushed, never acked

    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${gw.config.redis.keyPrefix}*`);
      expect(keys.length).to.be.greaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }

    const bob = track(await login(gw, '402'));
    expect(await drainPushes(bob, 5)).to.deep.equal(toBob);
    carol.close();
    const carolAgain = track(await login(gw, '403', 'tablet'));
    expect(await drainPushes(carolAgain, 3)).to.deep.equal(toCarol);
    // retries are armed again: unacked, they come back
    expect(await drainPushes(carolAgain, 3, 5000)).to.have.members(toCarol);
    carolAgain.send(Cmd.C2C_ACK, { msgIds: toCarol });
    bob.send(Cmd.C2C_ACK, { msgIds: toBob });
    await sleep(300);
    expect(await gw.backends.store.findPending([...toBob, ...toCarol])).to.deep.equal([]);
  });

  it('refuses sends with UNAVAILABLE while MySQL is unreachable, loses nothing acked, and resumes', async () => {
    const proxy = new TcpProxy(MYSQL.host, MYSQL.port);
    await proxy.start();
    try {
      gw = await startGatewayIn('production', { storage: { mysql: { port: proxy.port } } });
      const alice = track(await login(gw, '501'));
      const acked: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await send(alice, '502', `before ${i}`, `before-${i}`);
        if (r.ok) acked.push(r.msgId);
      }
      expect(acked).to.have.length(5);

      await proxy.cut();
      const during = await send(alice, '502', 'during', 'during-0');
      expect(during).to.deep.equal({ ok: false, code: ErrorCode.UNAVAILABLE });
      expect((await fetch(`${gw.opsUrl}/readyz`)).status).to.equal(503);

      await proxy.start();
      let retried: Awaited<ReturnType<typeof send>> = during;
      const deadline = Date.now() + 30_000;
      while (!retried.ok && Date.now() < deadline) {
        await sleep(500);
        retried = await send(alice, '502', 'during', 'during-0'); // the client's resend, same client_msg_id
      }
      expect(retried.ok, 'sends did not resume after MySQL came back').to.equal(true);
      if (retried.ok) acked.push(retried.msgId);
      expect((await fetch(`${gw.opsUrl}/readyz`)).status).to.equal(200);

      const bob = track(await login(gw, '502'));
      expect(await drainPushes(bob, acked.length)).to.deep.equal(acked);
    } finally {
      await proxy.cut();
    }
  });
});
