import { expect } from 'chai';
import { connectRedis } from '../../../src/storage/redis/connect.js';
import { REDIS_URL, needRedis } from '../../support/services.js';

describe('connectRedis', () => {
  it('resolves with a ready connection', async function () {
    await needRedis(this);
    const redis = await connectRedis(REDIS_URL);
    try {
      expect(redis.status).to.equal('ready');
      expect(await redis.ping()).to.equal('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('rejects within a few seconds, naming the URL with its password hidden', async () => {
    const started = Date.now();
    let error: unknown;
    try {
      await connectRedis('redis://:hunter2@127.0.0.1:1');
    } catch (err) {
      error = err;
    }
    expect(Date.now() - started).to.be.below(6000);
    expect(error).to.be.instanceOf(Error);
    const text = (error as Error).message;
    expect(text).to.contain('redis://:***@127.0.0.1:1');
    expect(text).not.to.contain('hunter2');
  });
});
