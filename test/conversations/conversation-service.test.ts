import { expect } from 'chai';
import { Cmd, ErrorCode, MsgFormat, type Bodies } from '../../src/protocol/messages.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import { ConversationService, type ConversationOptions } from '../../src/conversations/conversation-service.js';
import type { ReadEvents } from '../../src/conversations/read-events.js';
import { MsgStatus, RECALL_FORMAT } from '../../src/storage/message-store.js';
import type {
  ConvSummary, ConversationStore, HistoryPage, HistoryQuery, ReadResult, SyncCursor,
} from '../../src/storage/conversation-store.js';
import { caught, fake, FakeSession } from '../support/fakes.js';
import { ALICE, ALICE_BOB, BOB, CAROL, entry, RecordingFanout } from './fixtures.js';

const NOW = 1_700_000_123_456;
const OPTIONS: ConversationOptions = { maxSyncLimit: 500, maxHistoryLimit: 200 };

type SyncReq = Bodies[typeof Cmd.SYNC_REQ];
type HistoryReq = Bodies[typeof Cmd.HISTORY_REQ];
const syncReq = (over: Partial<SyncReq> = {}): SyncReq => ({ limit: 0, pageToken: '', updatedAfterMs: 0, ...over });
const historyReq = (over: Partial<HistoryReq> = {}): HistoryReq => ({ convId: ALICE_BOB, afterSeq: '0', beforeSeq: '0', limit: 0, ...over });

/** The i-th conversation of ALICE with some peer, latest first. */
function summary(i: number): ConvSummary {
  const peer = String(9223372036854775808n + BigInt(i));
  const convId = `c_${ALICE}_${peer}`;
  return {
    convId, peerUserId: peer, groupId: '0', maxSeq: '9007199254740993', readSeq: '9007199254740992', peerReadSeq: '1', unread: 1,
    last: entry({ convId, toUserId: peer, msgId: String(4611686018427390000n + BigInt(i)) }), updateTime: 1_700_000_000_000 - i, minSeq: '1',
  };
}

interface ListCall {
  userId: string;
  page: { limit: number; after: SyncCursor | null; updatedAfter: number };
}

function setup(opts: {
  options?: Partial<ConversationOptions>;
  list?: (limit: number) => ConvSummary[];
  page?: HistoryPage;
  read?: ReadResult;
  fanout?: RecordingFanout;
} = {}) {
  const listCalls: ListCall[] = [];
  const historyCalls: Array<{ userId: string; convId: string; query: HistoryQuery }> = [];
  const readCalls: Array<{ userId: string; convId: string; readSeq: string; now: number }> = [];
  const records: Array<{ userId: string; convId: string; readSeq: string; time: number }> = [];
  const store = fake<ConversationStore>({
    listConversations: async (userId, page) => {
      listCalls.push({ userId, page });
      return (opts.list ?? (() => []))(page.limit);
    },
    // A group is one the user never joined unless the test says otherwise.
    history: async (userId, convId, query) => {
      historyCalls.push({ userId, convId, query });
      return opts.page ?? (convId.startsWith('g_') ? null : { entries: [], hasMore: false, minSeq: '1' });
    },
    markRead: async (userId, convId, readSeq, now) => {
      readCalls.push({ userId, convId, readSeq, now });
      return opts.read ?? (convId.startsWith('g_') ? null : { readSeq, moved: true, unread: 0 });
    },
  });
  const readEvents = fake<ReadEvents>({ record: (userId, convId, readSeq, time) => { records.push({ userId, convId, readSeq, time }); } });
  const fanout = opts.fanout ?? new RecordingFanout();
  const service = new ConversationService(store, fanout, readEvents, { ...OPTIONS, ...opts.options }, () => NOW);
  return { service, fanout, listCalls, historyCalls, readCalls, records };
}

async function expectCode(fn: () => Promise<unknown>, code: ErrorCode): Promise<RequestError> {
  const err = await caught(fn);
  expect(err).to.be.instanceOf(RequestError);
  expect((err as RequestError).code).to.equal(code);
  return err as RequestError;
}

describe('conversations/conversation-service', () => {
  describe('sync', () => {
    it('limit 0 → 100; the store is asked for one more than the page, for the user, with updated_after', async () => {
      const { service, listCalls } = setup();
      await service.sync(ALICE, syncReq({ updatedAfterMs: 1_699_999_999_999 }));
      expect(listCalls).to.deep.equal([{ userId: ALICE, page: { limit: 101, after: null, updatedAfter: 1_699_999_999_999 } }]);
    });

    it('the limit is capped by maxSyncLimit, also the default one', async () => {
      const { service, listCalls } = setup({ options: { maxSyncLimit: 30 } });
      for (const limit of [0, 1000, 31, 30, 10, 1]) await service.sync(ALICE, syncReq({ limit }));
      expect(listCalls.map((c) => c.page.limit)).to.deep.equal([31, 31, 31, 31, 11, 2]);
    });

    it('maps every ConvSummary to a ConvState (full body) and stamps server time', async () => {
      const { service } = setup({ list: () => [summary(0)] });
      const resp = await service.sync(ALICE, syncReq({ limit: 5 }));
      const s = summary(0);
      const last = s.last!;
      expect(resp).to.deep.equal({
        convs: [{
          convId: s.convId, peerUserId: s.peerUserId, groupId: '0', maxSeq: '9007199254740993', readSeq: '9007199254740992',
          peerReadSeq: '1', unread: 1, updateTimeMs: s.updateTime, minSeq: '1',
          last: {
            msgId: last.msgId, clientMsgId: 'c-1', fromUserId: ALICE, toUserId: s.peerUserId, content: 'hi', format: MsgFormat.TEXT,
            createTimeMs: last.createTime, convId: s.convId, seq: '9007199254740993', recalled: false, recalledMsgId: '0',
          },
        }],
        nextPageToken: '',
        serverTimeMs: NOW,
      });
    });

    it('a conversation without a last entry has last = null', async () => {
      const { service } = setup({ list: () => [{ ...summary(0), last: null }] });
      expect((await service.sync(ALICE, syncReq())).convs[0]!.last).to.equal(null);
    });

    it('next_page_token only when the store had more than the page; the page keeps `limit` entries', async () => {
      const more = setup({ list: (n) => Array.from({ length: n }, (_, i) => summary(i)) });
      const page = await more.service.sync(ALICE, syncReq({ limit: 3 }));
      expect(page.convs.map((c) => c.convId)).to.deep.equal([0, 1, 2].map((i) => summary(i).convId));
      expect(page.nextPageToken).to.be.a('string').that.is.not.empty;

      const exact = setup({ list: (n) => Array.from({ length: n - 1 }, (_, i) => summary(i)) });
      const last = await exact.service.sync(ALICE, syncReq({ limit: 3 }));
      expect(last.convs).to.have.length(3);
      expect(last.nextPageToken).to.equal('');

      const empty = setup();
      expect(await empty.service.sync(ALICE, syncReq())).to.deep.equal({ convs: [], nextPageToken: '', serverTimeMs: NOW });
    });

    it('the page token round-trips into the store\'s `after` cursor: the last conversation of the page', async () => {
      const { service, listCalls } = setup({ list: (n) => Array.from({ length: n }, (_, i) => summary(i)) });
      const first = await service.sync(ALICE, syncReq({ limit: 2 }));
      await service.sync(ALICE, syncReq({ limit: 2, pageToken: first.nextPageToken }));
      expect(listCalls[1]!.page).to.deep.equal({ limit: 3, after: { updateTime: summary(1).updateTime, convId: summary(1).convId }, updatedAfter: 0 });
      // The cursor names the ids exactly (no rounding through a number).
      expect(listCalls[1]!.page.after!.convId).to.equal(`c_${ALICE}_9223372036854775809`);
    });

    it('a garbled page token → BAD_REQUEST, and the store is not asked', async () => {
      const token = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
      const garbled = [
        'not a token!', '%%%', Buffer.from('{', 'utf8').toString('base64url'), token({ updateTime: 1, convId: ALICE_BOB }),
        token([1]), token([1, ALICE_BOB, 3]), token([1.5, ALICE_BOB]), token(['1', ALICE_BOB]), token([2 ** 60, ALICE_BOB]),
        token([1, 'c_2_1']), token([1, 7]), token(null),
      ];
      const { service, listCalls } = setup();
      for (const pageToken of garbled) {
        const err = await expectCode(() => service.sync(ALICE, syncReq({ pageToken })), ErrorCode.BAD_REQUEST);
        expect(err.message, pageToken).to.contain('page_token');
      }
      expect(listCalls).to.deep.equal([]);
    });
  });

  describe('history', () => {
    it('limit 0 → 50; capped by maxHistoryLimit; after_seq and before_seq passed through for the user', async () => {
      const { service, historyCalls } = setup();
      await service.history(ALICE, historyReq());
      await service.history(ALICE, historyReq({ limit: 1000, afterSeq: '9007199254740993' }));
      await service.history(BOB, historyReq({ limit: 7, beforeSeq: '18446744073709551615' }));
      expect(historyCalls).to.deep.equal([
        { userId: ALICE, convId: ALICE_BOB, query: { afterSeq: '0', beforeSeq: '0', limit: 50 } },
        { userId: ALICE, convId: ALICE_BOB, query: { afterSeq: '9007199254740993', beforeSeq: '0', limit: 200 } },
        { userId: BOB, convId: ALICE_BOB, query: { afterSeq: '0', beforeSeq: '18446744073709551615', limit: 7 } },
      ]);
    });

    it('a small server cap applies to the default too', async () => {
      const { service, historyCalls } = setup({ options: { maxHistoryLimit: 20 } });
      await service.history(ALICE, historyReq());
      expect(historyCalls[0]!.query.limit).to.equal(20);
    });

    it('a note to yourself is readable by its user', async () => {
      const { service, historyCalls } = setup();
      await service.history(CAROL, historyReq({ convId: `c_${CAROL}_${CAROL}` }));
      expect(historyCalls.map((c) => c.convId)).to.deep.equal([`c_${CAROL}_${CAROL}`]);
    });

    it('FORBIDDEN for a user not in the one-to-one conversation (the store is not asked), and for a group it never joined', async () => {
      const { service, historyCalls } = setup();
      await expectCode(() => service.history(CAROL, historyReq()), ErrorCode.FORBIDDEN);
      await expectCode(() => service.history(ALICE, historyReq({ convId: `c_${BOB}_${BOB}` })), ErrorCode.FORBIDDEN);
      expect(historyCalls).to.deep.equal([]);
      await expectCode(() => service.history(ALICE, historyReq({ convId: `g_${BOB}` })), ErrorCode.FORBIDDEN);
      expect(historyCalls.map((c) => c.convId)).to.deep.equal([`g_${BOB}`]);
    });

    it('BAD_REQUEST for a malformed conv_id', async () => {
      const { service, historyCalls } = setup();
      for (const convId of ['', `c_${BOB}_${ALICE}`, `c_0${ALICE}_${BOB}`, 'x_1_2', `c_${ALICE}`]) {
        await expectCode(() => service.history(ALICE, historyReq({ convId })), ErrorCode.BAD_REQUEST);
      }
      expect(historyCalls).to.deep.equal([]);
    });

    it('answers the page ascending as the store gave it; recalled entries have recalled = true and empty content', async () => {
      const original = entry({ msgId: '4611686018427388001', seq: '9007199254740993', status: MsgStatus.RECALLED, content: 'secret' });
      const later = entry({ msgId: '4611686018427388002', seq: '9007199254740994', fromUserId: BOB, toUserId: ALICE, clientMsgId: 'b-1', content: 'yo' });
      const tombstone = entry({
        msgId: '4611686018427388003', seq: '9007199254740995', format: RECALL_FORMAT, clientMsgId: '\u0001recall:4611686018427388001',
        content: '', recalledMsgId: '4611686018427388001', status: MsgStatus.DELIVERED,
      });
      const { service } = setup({ page: { entries: [original, later, tombstone], hasMore: true, minSeq: '1' } });
      const resp = await service.history(ALICE, historyReq({ limit: 3 }));
      const common = { createTimeMs: 1_700_000_000_000, convId: ALICE_BOB };
      expect(resp).to.deep.equal({
        messages: [
          { ...common, msgId: '4611686018427388001', clientMsgId: 'c-1', fromUserId: ALICE, toUserId: BOB, content: '', format: MsgFormat.TEXT,
            seq: '9007199254740993', recalled: true, recalledMsgId: '0' },
          { ...common, msgId: '4611686018427388002', clientMsgId: 'b-1', fromUserId: BOB, toUserId: ALICE, content: 'yo', format: MsgFormat.TEXT,
            seq: '9007199254740994', recalled: false, recalledMsgId: '0' },
          { ...common, msgId: '4611686018427388003', clientMsgId: '', fromUserId: ALICE, toUserId: BOB, content: '', format: MsgFormat.RECALL,
            seq: '9007199254740995', recalled: false, recalledMsgId: '4611686018427388001' },
        ],
        hasMore: true,
        minSeq: '1',
      });
    });
  });

  describe('read', () => {
    it('moved: READ_RESP body, READ_NOTIFY to the user\'s other sessions (not the requesting one) and to the peer, one record', async () => {
      const phone = FakeSession.as(ALICE, 'phone');
      const laptop = FakeSession.as(ALICE, 'laptop');
      const bobPhone = FakeSession.as(BOB, 'phone');
      const carol = FakeSession.as(CAROL, 'phone');
      const fanout = new RecordingFanout(phone, laptop, bobPhone, carol);
      const { service, readCalls, records } = setup({ fanout, read: { readSeq: '9007199254740993', moved: true, unread: 4 } });

      const resp = await service.read(phone, { convId: ALICE_BOB, readSeq: '18446744073709551615' });

      expect(resp).to.deep.equal({ convId: ALICE_BOB, readSeq: '9007199254740993', unread: 4 });
      expect(readCalls).to.deep.equal([{ userId: ALICE, convId: ALICE_BOB, readSeq: '18446744073709551615', now: NOW }]);
      const notice = { convId: ALICE_BOB, userId: ALICE, readSeq: '9007199254740993' };
      expect(laptop.pushes).to.deep.equal([{ cmd: Cmd.READ_NOTIFY, seq: 0, body: notice }]);
      expect(bobPhone.pushes).to.deep.equal([{ cmd: Cmd.READ_NOTIFY, seq: 0, body: notice }]);
      expect(phone.pushes).to.deep.equal([]);
      expect(carol.pushes).to.deep.equal([]);
      expect(fanout.calls.map((c) => [c.userId, c.cmd, c.target])).to.have.deep.members([
        [ALICE, Cmd.READ_NOTIFY, { except: phone }],
        [BOB, Cmd.READ_NOTIFY, undefined],
      ]);
      expect(records).to.deep.equal([{ userId: ALICE, convId: ALICE_BOB, readSeq: '9007199254740993', time: NOW }]);
    });

    it('the peer as reader: the notice names the peer and goes to the other side', async () => {
      const alice = FakeSession.as(ALICE);
      const bob = FakeSession.as(BOB);
      const { service, records } = setup({ fanout: new RecordingFanout(alice, bob), read: { readSeq: '2', moved: true, unread: 0 } });
      await service.read(bob, { convId: ALICE_BOB, readSeq: '2' });
      expect(alice.pushes.map((p) => p.body)).to.deep.equal([{ convId: ALICE_BOB, userId: BOB, readSeq: '2' }]);
      expect(bob.pushes).to.deep.equal([]);
      expect(records.map((r) => r.userId)).to.deep.equal([BOB]);
    });

    it('not moved: the stored position is answered; no notify, no record', async () => {
      const phone = FakeSession.as(ALICE, 'phone');
      const laptop = FakeSession.as(ALICE, 'laptop');
      const fanout = new RecordingFanout(phone, laptop, FakeSession.as(BOB));
      const { service, records } = setup({ fanout, read: { readSeq: '9007199254740995', moved: false, unread: 0 } });
      const resp = await service.read(phone, { convId: ALICE_BOB, readSeq: '9007199254740993' });
      expect(resp).to.deep.equal({ convId: ALICE_BOB, readSeq: '9007199254740995', unread: 0 });
      expect(fanout.calls).to.deep.equal([]);
      expect(records).to.deep.equal([]);
    });

    it('a note to yourself notifies only the user\'s own other sessions, once', async () => {
      const phone = FakeSession.as(CAROL, 'phone');
      const laptop = FakeSession.as(CAROL, 'laptop');
      const fanout = new RecordingFanout(phone, laptop);
      const { service, records } = setup({ fanout, read: { readSeq: '3', moved: true, unread: 0 } });
      const convId = `c_${CAROL}_${CAROL}`;
      await service.read(phone, { convId, readSeq: '3' });
      expect(fanout.calls.map((c) => [c.userId, c.target])).to.deep.equal([[CAROL, { except: phone }]]);
      expect(laptop.pushes.map((p) => p.body)).to.deep.equal([{ convId, userId: CAROL, readSeq: '3' }]);
      expect(phone.pushes).to.deep.equal([]);
      expect(records).to.have.length(1);
    });

    it('FORBIDDEN for a non-participant or a group never joined, BAD_REQUEST for a malformed conv_id; nothing stored', async () => {
      const { service, readCalls, records, fanout } = setup();
      await expectCode(() => service.read(FakeSession.as(CAROL), { convId: ALICE_BOB, readSeq: '1' }), ErrorCode.FORBIDDEN);
      await expectCode(() => service.read(FakeSession.as(ALICE), { convId: `c_${BOB}_${ALICE}`, readSeq: '1' }), ErrorCode.BAD_REQUEST);
      expect(readCalls).to.deep.equal([]);
      // A group the user never joined: the store says so.
      await expectCode(() => service.read(FakeSession.as(ALICE), { convId: `g_${BOB}`, readSeq: '1' }), ErrorCode.FORBIDDEN);
      expect(records).to.deep.equal([]);
      expect(fanout.calls).to.deep.equal([]);
    });
  });
});
