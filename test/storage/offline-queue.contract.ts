// The OfflineQueue contract (src/storage/offline-queue.ts), run against every implementation.
import { expect } from 'chai';
import type { Id } from '../../src/protocol/messages.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';
import type { OfflineQueue } from '../../src/storage/offline-queue.js';
import { ID } from './fixtures.js';

export interface OfflineQueueSubject {
  queue: OfflineQueue;
  /** Lets `ms` pass for the queue's TTLs (a fake clock, or real sleeping for Redis). */
  advance(ms: number): Promise<void>;
}

const USER = ID.belowTwoTo63;
const OTHER_USER = '2';
const CAP = 1000;
const LONG = 60_000;
// Real time for Redis: margins of 200 ms either side of every expiry.
const SHORT = 500;

export function message(msgId: Id, toUserId: Id = USER): StoredMessage {
  return {
    msgId,
    clientMsgId: `c-${msgId}`,
    fromUserId: '7',
    toUserId,
    chatId: `7_${toUserId}`,
    content: `hello ${msgId}`,
    format: 1,
    createTime: 1_700_000_000_000,
    status: MsgStatus.PENDING,
  };
}

const ids = (messages: StoredMessage[] | null) => messages?.map((m) => m.msgId) ?? null;

export function offlineQueueContract(name: string, create: () => Promise<OfflineQueueSubject>): void {
  describe(`OfflineQueue contract: ${name}`, () => {
    let subject: OfflineQueueSubject;
    let queue: OfflineQueue;

    beforeEach(async () => {
      subject = await create();
      queue = subject.queue;
    });
    afterEach(() => queue.close());

    describe('completeness', () => {
      it('reads null for a list never filled, even after appends', async () => {
        expect(await queue.read(USER)).to.equal(null);
        await queue.append(message('1'), CAP, LONG);
        expect(await queue.read(USER)).to.equal(null);
      });

      it('reads [] once filled with nothing, and stays complete when emptied by remove', async () => {
        await queue.fill(USER, [], LONG);
        expect(await queue.read(USER)).to.deep.equal([]);
        await queue.append(message('1'), CAP, LONG);
        await queue.remove(USER, ['1']);
        expect(await queue.read(USER)).to.deep.equal([]);
      });

      it('keeps users apart', async () => {
        await queue.fill(USER, [message('1')], LONG);
        await queue.append(message('2', OTHER_USER), CAP, LONG);
        expect(ids(await queue.read(USER))).to.deep.equal(['1']);
        expect(await queue.read(OTHER_USER)).to.equal(null);
      });
    });

    describe('fill', () => {
      it('merges with entries appended before it, one entry per msg_id', async () => {
        await queue.append(message('2'), CAP, LONG);
        await queue.append(message('5'), CAP, LONG);
        await queue.fill(USER, [message('1'), message('2'), message('3')], LONG);
        expect(ids(await queue.read(USER))).to.deep.equal(['1', '2', '3', '5']);
      });

      it('keeps an append that races it, whichever runs first', async () => {
        for (let i = 0; i < 20; i += 1) {
          const user = `${100 + i}`;
          await Promise.all([
            queue.fill(user, [message('1', user), message('3', user)], LONG),
            queue.append(message('2', user), CAP, LONG),
          ]);
          expect(ids(await queue.read(user))).to.deep.equal(['1', '2', '3']);
        }
      });

      it('takes thousands of entries at once', async () => {
        const many = Array.from({ length: 2500 }, (_, i) => message(`${10_000 + i}`));
        await queue.append(message('1'), CAP * 10, LONG);
        await queue.fill(USER, many.reverse(), LONG);
        const read = await queue.read(USER);
        expect(read).to.have.length(2501);
        expect(ids(read)?.slice(0, 3)).to.deep.equal(['1', '10000', '10001']);
      });

      it('merges into an already complete list', async () => {
        await queue.fill(USER, [message('1')], LONG);
        await queue.fill(USER, [message('1'), message('2')], LONG);
        expect(ids(await queue.read(USER))).to.deep.equal(['1', '2']);
      });
    });

    describe('read', () => {
      it('returns entries ascending by msg_id as integers, whatever the append order', async () => {
        await queue.fill(USER, [], LONG);
        for (const id of ['1000', '999', '10', '100000000000000000']) await queue.append(message(id), CAP, LONG);
        expect(ids(await queue.read(USER))).to.deep.equal(['10', '999', '1000', '100000000000000000']);
      });

      it('orders and tells apart ids above 2^53 and near 2^63', async () => {
        await queue.fill(USER, [message(ID.twoTo63Minus1), message(ID.twoTo53Plus1)], LONG);
        await queue.append(message(ID.belowTwoTo63), CAP, LONG);
        await queue.append(message(ID.twoTo53), CAP, LONG);
        expect(ids(await queue.read(USER)))
          .to.deep.equal([ID.twoTo53, ID.twoTo53Plus1, ID.belowTwoTo63, ID.twoTo63Minus1]);
      });

      it('round-trips every field, including separators and non-ASCII text in the content', async () => {
        const m: StoredMessage = {
          ...message(ID.twoTo63Minus1),
          clientMsgId: 'a|b"c',
          fromUserId: ID.twoTo53Plus1,
          chatId: `${ID.twoTo53Plus1}_${USER}`,
          content: '|{"x":1}\n héllo 👋',
          format: 3,
          createTime: 1_712_345_678_901,
        };
        await queue.fill(USER, [m], LONG);
        expect(await queue.read(USER)).to.deep.equal([m]);
      });
    });

    describe('append', () => {
      it('trims to the newest cap entries and returns the trimmed msg_ids oldest first', async () => {
        await queue.fill(USER, [], LONG);
        for (const id of ['1', '2', '3']) expect(await queue.append(message(id), 3, LONG)).to.deep.equal([]);
        expect(await queue.append(message('4'), 3, LONG)).to.deep.equal(['1']);
        expect(await queue.append(message('5'), 2, LONG)).to.deep.equal(['2', '3']);
        expect(ids(await queue.read(USER))).to.deep.equal(['4', '5']);
      });

      it('after a fill, trims the lowest msg_ids first (a fill lists by msg_id as integers)', async () => {
        await queue.fill(USER, ['1000', ID.twoTo53Plus1, '999', ID.twoTo53].map((id) => message(id)), LONG);
        expect(await queue.append(message(ID.twoTo63Minus1), 2, LONG)).to.deep.equal(['999', '1000', ID.twoTo53]);
      });

      it('returns trimmed ids above 2^53 exactly', async () => {
        await queue.append(message(ID.twoTo53), 1, LONG);
        expect(await queue.append(message(ID.twoTo53Plus1), 1, LONG)).to.deep.equal([ID.twoTo53]);
        expect(await queue.append(message(ID.twoTo63Minus1), 1, LONG)).to.deep.equal([ID.twoTo53Plus1]);
      });

      it('trims an incomplete list too, without making it complete', async () => {
        await queue.append(message('1'), 2, LONG);
        await queue.append(message('2'), 2, LONG);
        expect(await queue.append(message('3'), 2, LONG)).to.deep.equal(['1']);
        expect(await queue.read(USER)).to.equal(null);
        await queue.fill(USER, [], LONG);
        expect(ids(await queue.read(USER))).to.deep.equal(['2', '3']);
      });

      it('does not list a message twice nor trim for it', async () => {
        await queue.fill(USER, [message('1'), message('2')], LONG);
        expect(await queue.append(message('2'), 2, LONG)).to.deep.equal([]);
        expect(ids(await queue.read(USER))).to.deep.equal(['1', '2']);
      });
    });

    describe('remove', () => {
      it('removes exactly the given msg_ids, even where a JS number would confuse them', async () => {
        await queue.fill(USER, [message(ID.twoTo53), message(ID.twoTo53Plus1), message(ID.twoTo63Minus1)], LONG);
        await queue.remove(USER, [ID.twoTo53Plus1, '42']);
        expect(ids(await queue.read(USER))).to.deep.equal([ID.twoTo53, ID.twoTo63Minus1]);
      });

      it('removes from an incomplete list, and ignores unknown users and empty input', async () => {
        await queue.append(message('1'), CAP, LONG);
        await queue.append(message('2'), CAP, LONG);
        await queue.remove(USER, ['1']);
        await queue.remove(USER, []);
        await queue.remove(OTHER_USER, ['2']);
        await queue.fill(USER, [], LONG);
        expect(ids(await queue.read(USER))).to.deep.equal(['2']);
        expect(await queue.read(OTHER_USER)).to.equal(null);
      });
    });

    describe('TTL', () => {
      it('a complete list becomes absent after its TTL', async () => {
        await queue.fill(USER, [message('1')], SHORT);
        await subject.advance(SHORT - 200);
        expect(ids(await queue.read(USER))).to.deep.equal(['1']);
        await subject.advance(400);
        expect(await queue.read(USER)).to.equal(null);
      });

      it('append refreshes the TTL of the list and of its completeness', async () => {
        await queue.fill(USER, [message('1')], SHORT);
        await subject.advance(300);
        await queue.append(message('2'), CAP, SHORT);
        await subject.advance(300);
        expect(ids(await queue.read(USER))).to.deep.equal(['1', '2']);
        await subject.advance(400);
        expect(await queue.read(USER)).to.equal(null);
      });

      it('after expiry, appends start an incomplete list again', async () => {
        await queue.fill(USER, [message('1')], SHORT);
        await subject.advance(SHORT + 200);
        await queue.append(message('2'), CAP, LONG);
        expect(await queue.read(USER)).to.equal(null);
        await queue.fill(USER, [], LONG);
        expect(ids(await queue.read(USER))).to.deep.equal(['2']);
      });
    });
  });
}
