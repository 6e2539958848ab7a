// The event bodies downstream services read, as the outbox holds them after a real commit: made
// before the transaction by mq/events.ts, completed with the seq the store assigned.
import { expect } from 'chai';
import { messageEvent, recallEvent, type C2CMessageEventV1, type C2CRecallEventV1 } from '../../src/mq/events.js';
import type { MessageStore, NewMessage } from '../../src/storage/message-store.js';
import { openSqliteStore } from '../../src/storage/sql/data-source.js';

const ALICE = '18446744073709551615';
const BOB = '9007199254740993';
const T0 = 1_700_000_000_000;

const message = (n: number, over: Partial<NewMessage> = {}): NewMessage => ({
  msgId: String(2n ** 62n + BigInt(n)), clientMsgId: `c${n}`, fromUserId: ALICE, toUserId: BOB, content: `m${n}`, format: 1, createTime: T0 + n,
  ...over,
});

describe('mq/events', () => {
  let store: MessageStore;
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
  });
  afterEach(() => store.close());

  const published = async () => (await store.claimOutbox(Date.now() + 1, 100, 60_000)).map((e) => ({ tag: e.tag, key: e.key, body: JSON.parse(e.body) as unknown }));

  it('C2C_MSG: keyed by msg_id, the message as committed, with its conversation and seq', async () => {
    const first = message(1);
    const second = message(2, { fromUserId: BOB, toUserId: ALICE, format: 5 });
    await store.insertBatch([first, second].map((m) => ({ message: m, event: messageEvent(m) })));
    const conv = `c_${BOB}_${ALICE}`;
    const expected = (m: NewMessage, seq: string): C2CMessageEventV1 => ({
      schema: 'im.c2c.msg.v1', msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
      chatId: `${BOB}_${ALICE}`, content: m.content, format: m.format, createTime: m.createTime, convId: conv, seq,
    });
    expect(await published()).to.deep.equal([
      { tag: 'C2C_MSG', key: first.msgId, body: expected(first, '1') },
      { tag: 'C2C_MSG', key: second.msgId, body: expected(second, '2') },
    ]);
  });

  it('C2C_RECALL: keyed by the recalled msg_id, with the tombstone\'s seq and msg_id', async () => {
    const m = message(1);
    const [result] = await store.insertBatch([{ message: m, event: messageEvent(m) }]);
    const stored = result!.message;
    await store.claimOutbox(Date.now() + 1, 100, 60_000).then((entries) => store.completeOutbox(entries.map((e) => e.id)));
    const tombstone = String(2n ** 62n + 100n);
    await store.recall(m.msgId, T0 + 500, tombstone, recallEvent(stored, T0 + 500, tombstone));
    const body: C2CRecallEventV1 = {
      schema: 'im.c2c.recall.v1', msgId: m.msgId, fromUserId: ALICE, toUserId: BOB, chatId: `${BOB}_${ALICE}`, createTime: T0 + 1,
      recallTime: T0 + 500, convId: `c_${BOB}_${ALICE}`, seq: '2', tombstoneMsgId: tombstone,
    };
    expect(await published()).to.deep.equal([{ tag: 'C2C_RECALL', key: m.msgId, body }]);
  });
});
