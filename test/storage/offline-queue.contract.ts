// The OfflineQueue contract (src/storage/offline-queue.ts), run against every implementation.
import { expect } from 'chai';
import type { Id } from '../../src/protocol/messages.js';
import type { OfflineQueue } from '../../src/storage/offline-queue.js';
import { ID } from './fixtures.js';

export interface OfflineQueueSubject {
  queue: OfflineQueue;
  /** Lets `ms` pass for the queue's TTLs (a fake clock, or real sleeping for Redis). */
  advance(ms: number): Promise<void>;
}

/** One entry's append: appendMany of one, its trimmed ids. */
export async function append(queue: OfflineQueue, userId: Id, msgId: Id, cap: number, ttlMs: number): Promise<Id[]> {
  return (await queue.appendMany([{ userId, msgId }], cap, ttlMs))[0]!;
}

const USER = ID.belowTwoTo63;
const OTHER_USER = '2';
const CAP = 1000;
const LONG = 60_000;
// Real time for Redis: margins of 200 ms either side of every expiry.
const SHORT = 500;

/**
 * The id 2^53 + n: neighbours differ by one, yet many of them are one and the same JS number, so
 * an implementation that parses ids as numbers merges or misorders them.
 */
export function big(n: number): Id {
  return (2n ** 53n + BigInt(n)).toString();
}

/** The id 2^63 - 1 - n: the top of the signed 64-bit range, where snowflake ids live. */
export function top(n: number): Id {
  return (2n ** 63n - 1n - BigInt(n)).toString();
}

/** The largest uint64, 2^64 - 1: above every signed 64-bit integer. */
const UINT64_MAX = '18446744073709551615';
const TWO_TO_63 = '9223372036854775808';

export function offlineQueueContract(name: string, create: () => Promise<OfflineQueueSubject>): void {
  describe(`OfflineQueue contract: ${name}`, () => {
    let subject: OfflineQueueSubject;
    let queue: OfflineQueue;

    beforeEach(async () => {
      subject = await create();
      queue = subject.queue;
    });

    describe('completeness', () => {
      it('reads null for a list never filled, even after appends', async () => {
        expect(await queue.read(USER)).to.equal(null);
        await append(queue, USER, big(1), CAP, LONG);
        expect(await queue.read(USER)).to.equal(null);
      });

      it('reads [] once filled with nothing, and stays complete when emptied by remove', async () => {
        await queue.fill(USER, [], LONG);
        expect(await queue.read(USER)).to.deep.equal([]);
        await append(queue, USER, big(1), CAP, LONG);
        await queue.remove(USER, [big(1)]);
        expect(await queue.read(USER)).to.deep.equal([]);
      });

      it('keeps users apart', async () => {
        await queue.fill(USER, [big(1)], LONG);
        await append(queue, OTHER_USER, big(2), CAP, LONG);
        expect(await queue.read(USER)).to.deep.equal([big(1)]);
        expect(await queue.read(OTHER_USER)).to.equal(null);
      });
    });

    describe('fill', () => {
      it('merges with ids appended before it, each id once', async () => {
        await append(queue, USER, big(2), CAP, LONG);
        await append(queue, USER, big(5), CAP, LONG);
        await queue.fill(USER, [big(1), big(2), big(3), big(3)], LONG);
        expect(await queue.read(USER)).to.deep.equal([big(1), big(2), big(3), big(5)]);
      });

      it('keeps an append that races it, whichever runs first', async () => {
        for (let i = 0; i < 20; i += 1) {
          const user = `${100 + i}`;
          await Promise.all([
            queue.fill(user, [top(3), top(1)], LONG),
            append(queue, user, top(2), CAP, LONG),
          ]);
          expect(await queue.read(user)).to.deep.equal([top(3), top(2), top(1)]);
        }
      });

      it('takes thousands of ids at once', async () => {
        const many = Array.from({ length: 2500 }, (_, i) => top(2500 - i));
        await append(queue, USER, big(1), CAP * 10, LONG);
        await queue.fill(USER, [...many].reverse(), LONG);
        const read = await queue.read(USER);
        expect(read).to.have.length(2501);
        expect(read?.slice(0, 3)).to.deep.equal([big(1), top(2500), top(2499)]);
        expect(read?.slice(1)).to.deep.equal(many);
      });

      it('merges into an already complete list', async () => {
        await queue.fill(USER, [top(1)], LONG);
        await queue.fill(USER, [top(1), top(0)], LONG);
        expect(await queue.read(USER)).to.deep.equal([top(1), top(0)]);
      });

      it('returns the list as a read right after does, ascending as 64-bit integers', async () => {
        await append(queue, USER, ID.twoTo63Minus1, CAP, LONG);
        await append(queue, USER, '999', CAP, LONG);
        const filled = await queue.fill(USER, [ID.twoTo53Plus1, '999', ID.twoTo53, '1000'], LONG);
        expect(filled).to.deep.equal(['999', '1000', ID.twoTo53, ID.twoTo53Plus1, ID.twoTo63Minus1]);
        expect(await queue.read(USER)).to.deep.equal(filled);
        expect(await queue.fill(OTHER_USER, [], LONG)).to.deep.equal([]);
      });
    });

    describe('read', () => {
      it('returns ids ascending as integers, whatever the append order', async () => {
        await queue.fill(USER, [], LONG);
        for (const id of ['1000', '999', '10', '100000000000000000']) await append(queue, USER, id, CAP, LONG);
        expect(await queue.read(USER)).to.deep.equal(['10', '999', '1000', '100000000000000000']);
      });

      it('orders and tells apart ids above 2^53 and near 2^63', async () => {
        await queue.fill(USER, [ID.twoTo63Minus1, ID.twoTo53Plus1], LONG);
        await append(queue, USER, ID.belowTwoTo63, CAP, LONG);
        await append(queue, USER, ID.twoTo53, CAP, LONG);
        expect(await queue.read(USER))
          .to.deep.equal([ID.twoTo53, ID.twoTo53Plus1, ID.belowTwoTo63, ID.twoTo63Minus1]);
      });

      it('round-trips the whole uint64 range exactly, from 0 to 2^64 - 1', async () => {
        await queue.fill(USER, [UINT64_MAX, TWO_TO_63, '0'], LONG);
        await append(queue, USER, ID.twoTo63Minus1, CAP, LONG);
        await append(queue, USER, UINT64_MAX, CAP, LONG);
        expect(await queue.read(USER)).to.deep.equal(['0', ID.twoTo63Minus1, TWO_TO_63, UINT64_MAX]);
        await queue.remove(USER, [TWO_TO_63]);
        expect(await queue.read(USER)).to.deep.equal(['0', ID.twoTo63Minus1, UINT64_MAX]);
      });
    });

    describe('append', () => {
      it('trims to the newest cap ids and returns the trimmed ids oldest first', async () => {
        await queue.fill(USER, [], LONG);
        for (const id of [big(1), big(2), big(3)]) expect(await append(queue, USER, id, 3, LONG)).to.deep.equal([]);
        expect(await append(queue, USER, big(4), 3, LONG)).to.deep.equal([big(1)]);
        expect(await append(queue, USER, big(5), 2, LONG)).to.deep.equal([big(2), big(3)]);
        expect(await queue.read(USER)).to.deep.equal([big(4), big(5)]);
      });

      it('after a fill, trims the lowest ids first (a fill lists by id as integers)', async () => {
        await queue.fill(USER, ['1000', ID.twoTo53Plus1, '999', ID.twoTo53], LONG);
        expect(await append(queue, USER, ID.twoTo63Minus1, 2, LONG)).to.deep.equal(['999', '1000', ID.twoTo53]);
        expect(await queue.read(USER)).to.deep.equal([ID.twoTo53Plus1, ID.twoTo63Minus1]);
      });

      it('returns trimmed ids above 2^53 exactly', async () => {
        await append(queue, USER, ID.twoTo53, 1, LONG);
        expect(await append(queue, USER, ID.twoTo53Plus1, 1, LONG)).to.deep.equal([ID.twoTo53]);
        expect(await append(queue, USER, ID.twoTo63Minus1, 1, LONG)).to.deep.equal([ID.twoTo53Plus1]);
        expect(await append(queue, USER, UINT64_MAX, 1, LONG)).to.deep.equal([ID.twoTo63Minus1]);
      });

      it('trims an incomplete list too, without making it complete', async () => {
        await append(queue, USER, top(3), 2, LONG);
        await append(queue, USER, top(2), 2, LONG);
        expect(await append(queue, USER, top(1), 2, LONG)).to.deep.equal([top(3)]);
        expect(await queue.read(USER)).to.equal(null);
        await queue.fill(USER, [], LONG);
        expect(await queue.read(USER)).to.deep.equal([top(2), top(1)]);
      });

      it('does not list an id twice nor trim for it', async () => {
        await queue.fill(USER, [ID.twoTo53, ID.twoTo53Plus1], LONG);
        expect(await append(queue, USER, ID.twoTo53Plus1, 2, LONG)).to.deep.equal([]);
        expect(await append(queue, USER, ID.twoTo53, 2, LONG)).to.deep.equal([]);
        expect(await queue.read(USER)).to.deep.equal([ID.twoTo53, ID.twoTo53Plus1]);
      });
    });

    describe('remove', () => {
      it('removes exactly the given ids, even where a JS number would confuse them', async () => {
        await queue.fill(USER, [ID.twoTo53, ID.twoTo53Plus1, ID.twoTo63Minus1], LONG);
        await queue.remove(USER, [ID.twoTo53Plus1, '42', ID.twoTo53Plus1]);
        expect(await queue.read(USER)).to.deep.equal([ID.twoTo53, ID.twoTo63Minus1]);
      });

      it('removes from an incomplete list, and ignores unknown users and empty input', async () => {
        await append(queue, USER, top(2), CAP, LONG);
        await append(queue, USER, top(1), CAP, LONG);
        await queue.remove(USER, [top(2)]);
        await queue.remove(USER, []);
        await queue.remove(OTHER_USER, [top(1)]);
        await queue.fill(USER, [], LONG);
        expect(await queue.read(USER)).to.deep.equal([top(1)]);
        expect(await queue.read(OTHER_USER)).to.equal(null);
      });

      it('an incomplete list emptied by remove is absent, and a later fill starts from nothing', async () => {
        await append(queue, USER, top(1), CAP, LONG);
        await queue.remove(USER, [top(1)]);
        expect(await queue.read(USER)).to.equal(null);
        await queue.fill(USER, [top(2)], LONG);
        expect(await queue.read(USER)).to.deep.equal([top(2)]);
      });
    });

    describe('TTL', () => {
      it('a complete list becomes absent after its TTL', async () => {
        await queue.fill(USER, [top(1)], SHORT);
        await subject.advance(SHORT - 200);
        expect(await queue.read(USER)).to.deep.equal([top(1)]);
        await subject.advance(400);
        expect(await queue.read(USER)).to.equal(null);
      });

      it('append refreshes the TTL of the list and of its completeness', async () => {
        await queue.fill(USER, [top(2)], SHORT);
        await subject.advance(300);
        await append(queue, USER, top(1), CAP, SHORT);
        await subject.advance(300);
        expect(await queue.read(USER)).to.deep.equal([top(2), top(1)]);
        await subject.advance(400);
        expect(await queue.read(USER)).to.equal(null);
      });

      it('after expiry, appends start an incomplete list again', async () => {
        await queue.fill(USER, [top(2)], SHORT);
        await subject.advance(SHORT + 200);
        await append(queue, USER, top(1), CAP, LONG);
        expect(await queue.read(USER)).to.equal(null);
        await queue.fill(USER, [], LONG);
        expect(await queue.read(USER)).to.deep.equal([top(1)]);
      });
    });

    describe('batches', () => {
      it('appendMany appends each entry as append would, in order, over several users, with each entry\'s trimmed ids', async () => {
        await queue.fill(USER, [big(1), big(2)], LONG);
        await queue.fill(OTHER_USER, [], LONG);
        const trimmed = await queue.appendMany([
          { userId: USER, msgId: big(3) }, { userId: OTHER_USER, msgId: UINT64_MAX },
          { userId: USER, msgId: big(2) }, { userId: USER, msgId: big(4) }, { userId: OTHER_USER, msgId: TWO_TO_63 },
        ], 3, LONG);
        expect(trimmed).to.deep.equal([[], [], [], [big(1)], []]);
        expect(await queue.read(USER)).to.deep.equal([big(2), big(3), big(4)]);
        expect(await queue.read(OTHER_USER)).to.deep.equal([TWO_TO_63, UINT64_MAX]);
        expect(await queue.appendMany([], CAP, LONG)).to.deep.equal([]);
      });

      it('appendMany refreshes each list\'s TTL and does not make a list complete', async () => {
        await queue.fill(USER, [], SHORT);
        await queue.appendMany([{ userId: USER, msgId: top(1) }, { userId: OTHER_USER, msgId: top(2) }], CAP, LONG);
        await subject.advance(SHORT + 200);
        expect(await queue.read(USER)).to.deep.equal([top(1)]);
        expect(await queue.read(OTHER_USER)).to.equal(null);
      });

      it('removeMany removes each user\'s ids, ignoring unknown ones and empty lists of ids', async () => {
        await queue.fill(USER, [big(1), big(2), top(0)], LONG);
        await queue.fill(OTHER_USER, [big(1), UINT64_MAX], LONG);
        await queue.removeMany([
          { userId: USER, msgIds: [big(1), top(5)] }, { userId: OTHER_USER, msgIds: [UINT64_MAX] },
          { userId: USER, msgIds: [top(0)] }, { userId: '3', msgIds: [] },
        ]);
        expect(await queue.read(USER)).to.deep.equal([big(2)]);
        expect(await queue.read(OTHER_USER)).to.deep.equal([big(1)]);
        await queue.removeMany([]);
      });
    });
  });
}
