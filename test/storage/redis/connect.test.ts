import { expect } from 'chai';
import { Cluster } from 'ioredis';
import { connectRedis } from '../../../src/storage/redis/connect.js';
import { REDIS_CLUSTER, REDIS_URL, needRedis, needRedisCluster } from '../../support/services.js';

describe('connectRedis', () => {
  it('resolves with a ready connection', async function () {
    await needRedis(this);
    const redis = await connectRedis({ url: REDIS_URL, cluster: '' });
    try {
      expect(redis.status).to.equal('ready');
      expect(await redis.ping()).to.equal('PONG');
    } finally {
      redis.disconnect();
    }
  });

  it('resolves with a ready Cluster client when seed nodes are given, whatever the url', async function () {
    await needRedisCluster(this);
    const redis = await connectRedis({ url: 'redis://127.0.0.1:1', cluster: REDIS_CLUSTER });
    try {
      expect(redis).to.be.instanceOf(Cluster);
      expect(redis.status).to.equal('ready');
      expect((redis as Cluster).nodes('master')).to.have.length.of.at.least(3);
    } finally {
      redis.disconnect();
    }
  });

  describe('on a Cluster whose nodes require a password', () => {
    const USER = `im-test-${process.pid}`;
    const PASSWORD = 'cluster-secret';
    let admin: Cluster | undefined;
    before(async function () {
      await needRedisCluster(this);
      admin = await connectRedis({ url: REDIS_URL, cluster: REDIS_CLUSTER }) as Cluster;
      await Promise.all(admin.nodes('all').map((node) => node.call('ACL', 'SETUSER', USER, 'on', `>${PASSWORD}`, '~*', '&*', '+@all')));
    });
    after(async () => {
      if (admin === undefined) return;
      await Promise.all(admin.nodes('all').map((node) => node.call('ACL', 'DELUSER', USER)));
      admin.disconnect();
    });

    it('logs in to every node with redis.clusterUsername and redis.clusterPassword', async () => {
      const redis = await connectRedis({ url: REDIS_URL, cluster: REDIS_CLUSTER, clusterUsername: USER, clusterPassword: PASSWORD }) as Cluster;
      try {
        const whoami = await Promise.all(redis.nodes('master').map((node) => node.call('ACL', 'WHOAMI')));
        expect(whoami).to.deep.equal(redis.nodes('master').map(() => USER));
      } finally {
        redis.disconnect();
      }
    });

    it('refuses a wrong password within a few seconds, saying why', async () => {
      let error: unknown;
      try {
        await connectRedis({ url: REDIS_URL, cluster: REDIS_CLUSTER, clusterUsername: USER, clusterPassword: 'wrong' });
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.match(/WRONGPASS|invalid username-password/);
    });
  });

  it('rejects within a few seconds, naming the URL with its password hidden', async () => {
    const started = Date.now();
    let error: unknown;
    try {
      await connectRedis({ url: 'redis://:hunter2@127.0.0.1:1', cluster: '' });
    } catch (err) {
      error = err;
    }
    expect(Date.now() - started).to.be.below(6000);
    expect(error).to.be.instanceOf(Error);
    const text = (error as Error).message;
    expect(text).to.contain('redis://:***@127.0.0.1:1');
    expect(text).not.to.contain('hunter2');
  });

  it('rejects within a few seconds when no seed node answers, naming the seeds', async () => {
    let error: unknown;
    try {
      await connectRedis({ url: REDIS_URL, cluster: '127.0.0.1:1,127.0.0.1:2' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.contain('Redis Cluster (seeds 127.0.0.1:1,127.0.0.1:2) was not ready');
  });
});
