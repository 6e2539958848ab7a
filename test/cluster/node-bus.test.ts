// The Redis node bus against a real Redis and a Redis Cluster: delivery to a live node, "nobody
// listens" for a dead one, a malformed message that must not take the node down, group channels.
import { expect } from 'chai';
import { decodeEnvelope, encodeEnvelope, RedisNodeBus, type GroupEnvelope, type NodeEnvelope } from '../../src/cluster/node-bus.js';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, KickReason, MsgFormat } from '../../src/protocol/messages.js';
import type { RedisClient } from '../../src/storage/redis/connect.js';
import { GROUP_CHANNELS, groupChannelOf } from '../../src/storage/redis/keys.js';
import { describeWithRedis } from '../storage/fixtures.js';

describeWithRedis('cluster/node-bus', (fixture) => {
  let redis: RedisClient;
  let prefix: string;

  before(() => {
    redis = fixture.redis();
    prefix = fixture.freshPrefix();
  });

  it('delivers to the subscribed node, reports false for a node nobody listens for, survives garbage', async () => {
    const errors: string[] = [];
    const received: NodeEnvelope[] = [];
    const bus = new RedisNodeBus(redis, prefix, (err) => errors.push(err.message));
    await bus.subscribe('n1', (e) => received.push(e));
    const kick: NodeEnvelope = { kind: 'kick', userId: '9223372036854775807', deviceId: 'phone', sessionId: null, reason: KickReason.ADMIN, detail: 'x' };
    await redis.spublish(`${prefix}node:n1`, 'not json');
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

  it('carries group entries on every group channel to a node subscribed to broadcasts, in order per group', async () => {
    const received: GroupEnvelope[] = [];
    const bus = new RedisNodeBus(redis, prefix, () => {});
    await bus.subscribeBroadcast((e) => received.push(e));
    const frame = Uint8Array.of(1, 2, 3);
    // Enough groups to use every channel (one channel per group, by hash).
    const groups = Array.from({ length: 64 }, (_, i) => String(9007199254740993n + BigInt(i)));
    expect(new Set(groups.map((g) => groupChannelOf(prefix, g))).size).to.equal(GROUP_CHANNELS);
    for (const seq of ['1', '2']) {
      for (const groupId of groups) {
        await bus.broadcast({ kind: 'group', origin: 'n0', groupId, seq, cmd: Cmd.GROUP_PUSH, frame, senderUserId: '1', senderSessionId: null });
      }
    }
    const deadline = Date.now() + 5000;
    while (received.length < groups.length * 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const groupId of groups) {
      expect(received.filter((e) => e.groupId === groupId).map((e) => e.seq), `group ${groupId}`).to.deep.equal(['1', '2']);
    }
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
