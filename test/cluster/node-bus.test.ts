// The Redis node bus against a real Redis: delivery to a live node, "nobody listens" for a dead
// one, and a malformed message that must not take the node down.
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { decodeEnvelope, encodeEnvelope, RedisNodeBus, type NodeEnvelope } from '../../src/cluster/node-bus.js';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, KickReason, MsgFormat } from '../../src/protocol/messages.js';
import { REDIS_URL, needRedis } from '../support/services.js';

describe('cluster/node-bus (Redis)', function () {
  let redis: Redis;
  const prefix = `imtest:${Math.random().toString(36).slice(2)}:`;

  before(async function () {
    await needRedis(this);
    redis = new Redis(REDIS_URL);
  });
  after(() => redis?.disconnect());

  it('delivers to the subscribed node, reports false for a node nobody listens for, survives garbage', async () => {
    const errors: string[] = [];
    const received: NodeEnvelope[] = [];
    const bus = new RedisNodeBus(redis, prefix, (err) => errors.push(err.message));
    await bus.subscribe('n1', (e) => received.push(e));
    const kick: NodeEnvelope = { kind: 'kick', userId: '9223372036854775807', deviceId: 'phone', sessionId: null, reason: KickReason.ADMIN, detail: 'x' };
    await redis.publish(`${prefix}node:n1`, 'not json');
    expect(await bus.publish('n1', kick)).to.equal(true);
    expect(await bus.publish('n2', kick)).to.equal(false);
    const deadline = Date.now() + 2000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(received).to.deep.equal([kick]);
    expect(errors).to.have.length(1);
    await bus.close();
  });

  it('carries a push as the encoded frame\'s own bytes (newlines and all), not re-encoded', async () => {
    const received: NodeEnvelope[] = [];
    const bus = new RedisNodeBus(redis, prefix, () => {});
    await bus.subscribe('n3', (e) => received.push(e));
    const frame = encodeFrame(Cmd.C2C_PUSH, 0, { message: {
      msgId: '18446744073709551615', clientMsgId: 'line\nbreak', fromUserId: '9007199254740993', toUserId: '9223372036854775808',
      content: '\n\n\u0000', format: MsgFormat.TEXT, createTimeMs: 1,
    } });
    const push: NodeEnvelope = { kind: 'push', userId: '9223372036854775808', cmd: Cmd.C2C_PUSH, frame, except: 's-1', echoOnly: true };
    expect(await bus.publish('n3', push)).to.equal(true);
    const deadline = Date.now() + 2000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const got = received[0] as Extract<NodeEnvelope, { kind: 'push' }>;
    expect({ ...got, frame: Buffer.from(got.frame).toString('hex') }).to.deep.equal({ ...push, frame: Buffer.from(frame).toString('hex') });
    expect(decodeFrame(got.frame)).to.deep.equal(decodeFrame(frame));
    await bus.close();
  });
});

describe('cluster/node-bus envelope', () => {
  it('round-trips kicks and pushes; a push without its frame is refused', () => {
    const kick: NodeEnvelope = { kind: 'kick', userId: '1', deviceId: null, sessionId: 's', reason: KickReason.ADMIN, detail: 'a\nb' };
    expect(decodeEnvelope(encodeEnvelope(kick))).to.deep.equal(kick);
    const frame = Uint8Array.of(0x0a, 0x00, 0x0a);
    const push = decodeEnvelope(encodeEnvelope({ kind: 'push', userId: '2', cmd: Cmd.READ_NOTIFY, frame })) as Extract<NodeEnvelope, { kind: 'push' }>;
    expect([...push.frame]).to.deep.equal([0x0a, 0x00, 0x0a]);
    expect(push.cmd).to.equal(Cmd.READ_NOTIFY);
    expect(() => decodeEnvelope(Buffer.from(JSON.stringify({ kind: 'push', userId: '2', cmd: Cmd.C2C_PUSH })))).to.throw('without a frame');
  });
});
