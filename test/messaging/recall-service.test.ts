// RecallService with a fake store and a fake Delivery.
import { expect } from 'chai';
import { Cmd, ErrorCode, MsgFormat, type Bodies } from '../../src/protocol/messages.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import type { Delivery } from '../../src/messaging/delivery.js';
import { RecallService } from '../../src/messaging/recall-service.js';
import type { DeliveryTarget, Fanout } from '../../src/messaging/fanout.js';
import { recallEvent } from '../../src/mq/events.js';
import { MsgStatus, RECALL_FORMAT, type EntryEvent, type MessageStore, type RecallResult, type StoredMessage } from '../../src/storage/message-store.js';
import { caught, fake, FakeSession } from '../support/fakes.js';

const SENDER = '9223372036854775808';
const RECEIVER = '18446744073709551615';
const CONV = `c_${SENDER}_${RECEIVER}`;
const MSG_ID = '4611686018427387905';
const TOMBSTONE_ID = '4611686018427388905';
const WINDOW_MS = 120_000;
const CREATED = 1_700_000_000_000;

function message(over: Partial<StoredMessage> = {}): StoredMessage {
  return {
    msgId: MSG_ID, clientMsgId: 'c-1', fromUserId: SENDER, toUserId: RECEIVER, content: 'oops', format: MsgFormat.TEXT,
    createTime: CREATED, chatId: `${SENDER}_${RECEIVER}`, status: MsgStatus.PENDING, convId: CONV, seq: '9007199254740993',
    recalledMsgId: '0', ...over,
  };
}

function tombstoneOf(m: StoredMessage): StoredMessage {
  return {
    ...m, msgId: TOMBSTONE_ID, clientMsgId: `\u0001recall:${m.msgId}`, content: '', format: RECALL_FORMAT,
    seq: (BigInt(m.seq) + 1n).toString(), recalledMsgId: m.msgId,
  };
}

interface Notified {
  userId: string;
  cmd: number;
  body: unknown;
  target: DeliveryTarget;
}

function setup(opts: { found?: StoredMessage | null; result?: (m: StoredMessage, time: number) => RecallResult | null; now?: number; reached?: number } = {}) {
  const found = opts.found === undefined ? message() : opts.found;
  const recallCalls: Array<{ msgId: string; time: number; tombstoneMsgId: string }> = [];
  const events: EntryEvent[] = [];
  const notified: Notified[] = [];
  const forgotten: Array<[string, string]> = [];
  const noticesDropped: Array<[string, string[]]> = [];
  let committed = 0;
  const store = fake<MessageStore>({
    findById: async () => found,
    recall: async (msgId, time, tombstoneMsgId, event) => {
      recallCalls.push({ msgId, time, tombstoneMsgId });
      events.push(event);
      const m = found!;
      return opts.result ? opts.result(m, time) : { kind: 'recalled', message: { ...m, status: MsgStatus.RECALLED, content: '' }, recallTime: time, tombstone: tombstoneOf(m) };
    },
    deleteRecallNotices: async (userId, msgIds) => { noticesDropped.push([userId, msgIds]); },
  });
  const delivery = fake<Delivery>({
    forget: async (userId, msgId) => { forgotten.push([userId, msgId]); },
  });
  const notices: Fanout = {
    deliver: async (userId, cmd, body, target = {}) => { notified.push({ userId, cmd, body, target }); return opts.reached ?? 1; },
  };
  const ids = { next: () => TOMBSTONE_ID };
  const service = new RecallService(store, delivery, notices, ids, WINDOW_MS, () => { committed += 1; }, () => opts.now ?? CREATED + 1000);
  return { service, recallCalls, events, notified, forgotten, noticesDropped, committed: () => committed };
}

async function expectCode(fn: () => Promise<unknown>, code: ErrorCode): Promise<void> {
  const err = await caught(fn);
  expect(err).to.be.instanceOf(RequestError);
  expect((err as RequestError).code).to.equal(code);
}

describe('messaging/recall-service', () => {
  it('recalls with a tombstone msg_id from the IdSource; forgets delivery; notifies receiver and sender with conv_id and the tombstone seq', async () => {
    const { service, recallCalls, events, notified, forgotten, committed } = setup();
    const session = FakeSession.as(SENDER);
    expect(await service.recall(session, MSG_ID)).to.equal(CREATED + 1000);
    expect(recallCalls).to.deep.equal([{ msgId: MSG_ID, time: CREATED + 1000, tombstoneMsgId: TOMBSTONE_ID }]);
    expect(events, 'the C2C_RECALL event, keyed by the recalled msg_id').to.deep.equal([recallEvent(message(), CREATED + 1000, TOMBSTONE_ID)]);
    expect(forgotten).to.deep.equal([[RECEIVER, MSG_ID]]);
    expect(committed()).to.equal(1);
    const notice: Bodies[typeof Cmd.RECALL_NOTIFY] = {
      msgId: MSG_ID, fromUserId: SENDER, toUserId: RECEIVER, recallTimeMs: CREATED + 1000, convId: CONV, seq: '9007199254740994',
    };
    expect(notified).to.deep.equal([
      { userId: RECEIVER, cmd: Cmd.RECALL_NOTIFY, body: notice, target: { except: session } },
      { userId: SENDER, cmd: Cmd.RECALL_NOTIFY, body: notice, target: { except: session } },
    ]);
  });

  it('drops the stored notice once a session of the receiver took it live, and keeps it for the next login otherwise', async () => {
    const live = setup();
    await live.service.recall(FakeSession.as(SENDER), MSG_ID);
    expect(live.noticesDropped).to.deep.equal([[RECEIVER, [MSG_ID]]]);
    const offline = setup({ reached: 0 });
    await offline.service.recall(FakeSession.as(SENDER), MSG_ID);
    expect(offline.noticesDropped).to.deep.equal([]);
  });

  it('a note to yourself is notified once', async () => {
    const self = message({ toUserId: SENDER, convId: `c_${SENDER}_${SENDER}` });
    const { service, notified } = setup({ found: self });
    await service.recall(FakeSession.as(SENDER), MSG_ID);
    expect(notified.map((n) => n.userId)).to.deep.equal([SENDER]);
  });

  it('recalled before: the original recall time, nothing notified or counted again', async () => {
    const { service, notified, forgotten, committed } = setup({
      found: message({ status: MsgStatus.RECALLED, content: '' }),
      result: (m) => ({ kind: 'already', message: m, recallTime: CREATED + 5 }),
      now: CREATED + 10 * WINDOW_MS,
    });
    expect(await service.recall(FakeSession.as(SENDER), MSG_ID)).to.equal(CREATED + 5);
    expect(notified).to.deep.equal([]);
    expect(forgotten).to.deep.equal([]);
    expect(committed()).to.equal(0);
  });

  it('NOT_FOUND for no such message, for a tombstone, and when the store refuses (e.g. DROPPED)', async () => {
    await expectCode(() => setup({ found: null }).service.recall(FakeSession.as(SENDER), MSG_ID), ErrorCode.NOT_FOUND);
    const tomb = setup({ found: tombstoneOf(message()) });
    await expectCode(() => tomb.service.recall(FakeSession.as(SENDER), TOMBSTONE_ID), ErrorCode.NOT_FOUND);
    expect(tomb.recallCalls).to.deep.equal([]);
    await expectCode(() => setup({ result: () => null }).service.recall(FakeSession.as(SENDER), MSG_ID), ErrorCode.NOT_FOUND);
  });

  it('FORBIDDEN for anyone but the sender (the receiver too)', async () => {
    const { service, recallCalls } = setup();
    await expectCode(() => service.recall(FakeSession.as(RECEIVER), MSG_ID), ErrorCode.FORBIDDEN);
    expect(recallCalls).to.deep.equal([]);
  });

  it('RECALL_WINDOW_EXPIRED just after the window; exactly at its end is still fine', async () => {
    const late = setup({ now: CREATED + WINDOW_MS + 1 });
    await expectCode(() => late.service.recall(FakeSession.as(SENDER), MSG_ID), ErrorCode.RECALL_WINDOW_EXPIRED);
    expect(late.recallCalls).to.deep.equal([]);
    const edge = setup({ now: CREATED + WINDOW_MS });
    expect(await edge.service.recall(FakeSession.as(SENDER), MSG_ID)).to.equal(CREATED + WINDOW_MS);
  });
});
