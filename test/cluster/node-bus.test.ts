// The Redis node bus against a real Redis: delivery to a live node, "nobody listens" for a dead
// one, and a malformed message that must not take the node down.
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { RedisNodeBus, type NodeEnvelope } from '../../src/cluster/node-bus.js';
import { KickReason } from '../../src/protocol/messages.js';
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
});
