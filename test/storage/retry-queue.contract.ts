// The RetryQueue contract (src/storage/retry-queue.ts), run against every implementation.
import { expect } from 'chai';
import type { RetryEntry, RetryQueue } from '../../src/storage/retry-queue.js';
import { ID } from './fixtures.js';

export interface RetryQueueSubject {
  queue: RetryQueue;
  /** Another scanner over the same entries, as a second gateway node would be. */
  peer: RetryQueue;
}

/** One entry's schedule: scheduleMany of one. */
export function schedule(queue: RetryQueue, toUserId: string, msgId: string, dueAt: number): Promise<void> {
  return queue.scheduleMany([{ toUserId, msgId }], dueAt);
}

const USER = '42';
const LEASE = 30_000;

const keyOf = (e: RetryEntry) => `${e.toUserId}:${e.msgId}`;

export function retryQueueContract(name: string, create: () => Promise<RetryQueueSubject>): void {
  describe(`RetryQueue contract: ${name}`, () => {
    let queue: RetryQueue;
    let peer: RetryQueue;

    beforeEach(async () => {
      ({ queue, peer } = await create());
    });
    afterEach(async () => {
      await queue.close();
      await peer.close();
    });

    it('claims an entry once due, with attempt 1', async () => {
      await schedule(queue, USER, '1', 1000);
      expect(await queue.claimDue(999, 10, LEASE)).to.deep.equal([]);
      expect(await queue.claimDue(1000, 10, LEASE)).to.deep.equal([{ toUserId: USER, msgId: '1', attempt: 1 }]);
    });

    it('leases a claimed entry: due again at now + lease, with the attempt incremented', async () => {
      await schedule(queue, USER, '1', 1000);
      await queue.claimDue(1000, 10, 500);
      expect(await queue.claimDue(1499, 10, 500)).to.deep.equal([]);
      expect(await queue.claimDue(1500, 10, 500)).to.deep.equal([{ toUserId: USER, msgId: '1', attempt: 2 }]);
      expect(await queue.claimDue(2000, 10, 500)).to.deep.equal([{ toUserId: USER, msgId: '1', attempt: 3 }]);
    });

    it('schedule of an existing entry moves its due time and keeps its attempt', async () => {
      await schedule(queue, USER, '1', 1000);
      await queue.claimDue(1000, 10, LEASE);
      await schedule(queue, USER, '1', 5000);
      expect(await queue.claimDue(4999, 10, LEASE)).to.deep.equal([]);
      expect(await queue.claimDue(5000, 10, LEASE)).to.deep.equal([{ toUserId: USER, msgId: '1', attempt: 2 }]);
      // Earlier works as well as later.
      await schedule(queue, USER, '1', 100);
      expect(await queue.claimDue(100, 10, LEASE)).to.deep.equal([{ toUserId: USER, msgId: '1', attempt: 3 }]);
    });

    it('reschedule moves an existing entry and never brings back a removed one', async () => {
      await schedule(queue, USER, '1', 1000);
      await queue.claimDue(1000, 10, LEASE);
      await queue.reschedule(USER, '1', 3000);
      expect(await queue.claimDue(2999, 10, LEASE)).to.deep.equal([]);
      expect(await queue.claimDue(3000, 10, LEASE)).to.deep.equal([{ toUserId: USER, msgId: '1', attempt: 2 }]);
      await queue.remove(USER, ['1']);
      await queue.reschedule(USER, '1', 4000);
      expect(await queue.claimDue(9999, 10, LEASE)).to.deep.equal([]);
      expect(await queue.size()).to.equal(0);
    });

    it('an entry removed and scheduled again starts over at attempt 0', async () => {
      await schedule(queue, USER, '1', 1000);
      await queue.claimDue(1000, 10, LEASE);
      await queue.remove(USER, ['1']);
      await schedule(queue, USER, '1', 2000);
      expect(await queue.claimDue(2000, 10, LEASE)).to.deep.equal([{ toUserId: USER, msgId: '1', attempt: 1 }]);
    });

    it('claims at most `limit`, earliest due first', async () => {
      for (const [msgId, due] of [['3', 30], ['1', 10], ['5', 50], ['2', 20], ['4', 40]] as const) {
        await schedule(queue, USER, msgId, due);
      }
      expect((await queue.claimDue(100, 3, LEASE)).map((e) => e.msgId)).to.deep.equal(['1', '2', '3']);
      expect((await queue.claimDue(100, 3, LEASE)).map((e) => e.msgId)).to.deep.equal(['4', '5']);
      expect(await queue.claimDue(100, 3, LEASE)).to.deep.equal([]);
    });

    it('remove takes only that user\'s entries, ignores missing ones; size counts entries', async () => {
      await schedule(queue, USER, '1', 10);
      await schedule(queue, USER, '2', 10);
      await schedule(queue, '43', '1', 10);
      expect(await queue.size()).to.equal(3);
      await queue.remove(USER, ['1', '99']);
      await queue.remove(USER, []);
      await queue.remove('44', ['2']);
      expect(await queue.size()).to.equal(2);
      const left = await queue.claimDue(10, 10, LEASE);
      expect(left.map(keyOf).sort()).to.deep.equal([`${USER}:2`, `43:1`]);
    });

    it('keeps ids above 2^53 and near 2^63 exact', async () => {
      await schedule(queue, ID.twoTo63Minus1, ID.twoTo53, 10);
      await schedule(queue, ID.twoTo63Minus1, ID.twoTo53Plus1, 10);
      await schedule(queue, ID.belowTwoTo63, ID.twoTo63Minus1, 10);
      await queue.remove(ID.twoTo63Minus1, [ID.twoTo53]);
      const claimed = await queue.claimDue(10, 10, LEASE);
      expect(claimed.map(keyOf).sort()).to.deep.equal([
        `${ID.belowTwoTo63}:${ID.twoTo63Minus1}`,
        `${ID.twoTo63Minus1}:${ID.twoTo53Plus1}`,
      ]);
    });

    it('two concurrent scanners never claim the same entry in one round (50 rounds)', async () => {
      const entries = 200;
      const limit = 120; // together they ask for more than there is: they compete for every entry
      for (let round = 0; round < 50; round += 1) {
        const now = 1_000_000 + round;
        await Promise.all(Array.from({ length: entries }, (_, i) => schedule(queue, `${i % 7}`, `${round}${1000 + i}`, now)));
        const [mine, theirs] = await Promise.all([queue.claimDue(now, limit, LEASE), peer.claimDue(now, limit, LEASE)]);

        const all = [...mine, ...theirs];
        expect(mine.length).to.be.at.most(limit);
        expect(theirs.length).to.be.at.most(limit);
        expect(new Set(all.map(keyOf)).size, `round ${round}: an entry was claimed twice`).to.equal(all.length);
        expect(all.length, `round ${round}`).to.equal(entries);
        expect(all.every((e) => e.attempt === 1)).to.equal(true);

        for (const e of all) await queue.remove(e.toUserId, [e.msgId]);
        expect(await queue.size()).to.equal(0);
      }
    });

    it('scheduleMany schedules every entry at one due time, over many receivers, keeping the attempts of those present', async () => {
      const receivers = Array.from({ length: 40 }, (_, i) => String(1000 + i));
      await schedule(queue, USER, '1', 1000);
      await queue.claimDue(1000, 10, 0);
      await queue.scheduleMany([{ toUserId: USER, msgId: '1' }, { toUserId: USER, msgId: '2' }, ...receivers.map((r) => ({ toUserId: r, msgId: ID.twoTo63Minus1 }))], 2000);
      expect(await queue.size()).to.equal(42);
      expect(await queue.claimDue(1999, 100, LEASE)).to.deep.equal([]);
      const claimed = await queue.claimDue(2000, 100, LEASE);
      expect(claimed.map(keyOf).sort()).to.deep.equal([`${USER}:1`, `${USER}:2`, ...receivers.map((r) => `${r}:${ID.twoTo63Minus1}`)].sort());
      expect(claimed.find((e) => e.msgId === '1')?.attempt, 'attempt kept').to.equal(2);
      expect(claimed.find((e) => e.msgId === '2')?.attempt).to.equal(1);
      await queue.scheduleMany([], 3000);
    });

    it('removeMany removes every receiver\'s entries and their attempts, ignoring missing ones', async () => {
      const receivers = Array.from({ length: 40 }, (_, i) => String(2000 + i));
      await queue.scheduleMany(receivers.flatMap((r) => [{ toUserId: r, msgId: '1' }, { toUserId: r, msgId: '2' }]), 1000);
      await queue.claimDue(1000, 200, 0);
      await queue.removeMany([...receivers.map((r) => ({ toUserId: r, msgIds: ['1', '3'] })), { toUserId: USER, msgIds: [] }]);
      expect(await queue.size()).to.equal(40);
      // Scheduled again after the removal: attempt 0 again, so the next claim is attempt 1.
      await queue.scheduleMany([{ toUserId: receivers[0]!, msgId: '1' }], 1000);
      const claimed = await queue.claimDue(1000, 200, LEASE);
      expect(claimed.find((e) => e.toUserId === receivers[0] && e.msgId === '1')?.attempt).to.equal(1);
      expect(claimed.filter((e) => e.msgId === '2').map((e) => e.attempt)).to.deep.equal(new Array(40).fill(2));
      await queue.removeMany([]);
    });
  });
}
