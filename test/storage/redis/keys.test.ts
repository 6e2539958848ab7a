// The key layout on a real Redis Cluster, as the Cluster itself hashes it (CLUSTER KEYSLOT): the
// keys of every multi-key script and transaction share a slot, and the shared structures (retry
// shards, worker-id leases, group channels) spread over slots and masters.
import { expect } from 'chai';
import type { Cluster } from 'ioredis';
import { connectRedis } from '../../../src/storage/redis/connect.js';
import {
  GROUP_CHANNELS, RETRY_SHARDS, groupChannel, nodeChannel, offlineKeys, retryKeys, retryShardOf, workerKey,
} from '../../../src/storage/redis/keys.js';
import { REDIS_CLUSTER, REDIS_URL, needRedisCluster } from '../../support/services.js';
import { ID } from '../fixtures.js';

const PREFIX = 'im:';
const USERS = ['1', '42', ID.twoTo53Plus1, ID.twoTo63Minus1, '18446744073709551615'];

describe('storage/redis/keys on a Redis Cluster', function () {
  let cluster: Cluster;
  /** slot → the master serving it, from CLUSTER SLOTS. */
  const masterOf = new Map<number, string>();

  before(async function () {
    await needRedisCluster(this);
    cluster = await connectRedis({ url: REDIS_URL, cluster: REDIS_CLUSTER }) as Cluster;
    for (const [from, to, [host, port]] of await cluster.cluster('SLOTS')) {
      for (let slot = from; slot <= to; slot += 1) masterOf.set(slot, `${host}:${port}`);
    }
  });
  after(() => cluster?.disconnect());

  const slotOf = async (key: string): Promise<number> => Number(await cluster.cluster('KEYSLOT', key));

  it('puts a user\'s offline list and its marker in one slot (offlineAppend, offlineFill, read)', async () => {
    for (const user of USERS) {
      const { list, ready } = offlineKeys(PREFIX, user);
      expect(await slotOf(list), user).to.equal(await slotOf(ready));
    }
  });

  it('puts each retry shard\'s set and attempts hash in one slot (retryClaim, remove)', async () => {
    for (let n = 0; n < RETRY_SHARDS; n += 1) {
      const { set, attempts } = retryKeys(PREFIX, n);
      expect(await slotOf(set), `shard ${n}`).to.equal(await slotOf(attempts));
    }
  });

  it('spreads the retry shards over distinct slots on every master', async () => {
    const slots = await Promise.all(Array.from({ length: RETRY_SHARDS }, (_, n) => slotOf(retryKeys(PREFIX, n).set)));
    expect(new Set(slots).size).to.equal(RETRY_SHARDS);
    expect(new Set(slots.map((slot) => masterOf.get(slot))).size).to.equal(new Set(masterOf.values()).size);
  });

  it('spreads receivers over every retry shard, snowflake-like ids (low bits zero) included', () => {
    const sequential = Array.from({ length: 256 }, (_, i) => String(1000 + i));
    const snowflakes = Array.from({ length: 256 }, (_, i) => ((1_700_000_000_000n + BigInt(i)) << 22n).toString());
    for (const ids of [sequential, snowflakes]) {
      const perShard = new Array<number>(RETRY_SHARDS).fill(0);
      for (const id of ids) perShard[retryShardOf(id)]! += 1;
      // 16 per shard on average: none empty, none holding a large share.
      expect(Math.min(...perShard)).to.be.above(0);
      expect(Math.max(...perShard)).to.be.below(ids.length / 4);
    }
  });

  it('spreads worker-id leases and node and group channels over the slots of every master', async () => {
    const workerSlots = await Promise.all(Array.from({ length: 1024 }, (_, id) => slotOf(workerKey(PREFIX, id))));
    expect(new Set(workerSlots).size).to.be.above(900);
    const groupSlots = await Promise.all(Array.from({ length: GROUP_CHANNELS }, (_, n) => slotOf(groupChannel(PREFIX, n))));
    expect(new Set(groupSlots).size).to.equal(GROUP_CHANNELS);
    const nodeSlots = await Promise.all(['node-a', 'node-b', 'node-c', 'node-d'].map((id) => slotOf(nodeChannel(PREFIX, id))));
    expect(new Set(nodeSlots).size).to.equal(4);
    const masters = new Set(masterOf.values());
    for (const slots of [workerSlots, groupSlots]) expect(new Set(slots.map((slot) => masterOf.get(slot))).size).to.equal(masters.size);
  });
});
