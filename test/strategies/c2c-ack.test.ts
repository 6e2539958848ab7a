import { expect } from 'chai';
import { Cmd, ErrorCode, MsgFormat, type ChatMessage, type FrameOf } from '../../src/protocol/messages.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import type { Delivery } from '../../src/messaging/delivery.js';
import { C2CAckStrategy } from '../../src/strategies/c2c-ack.js';
import { PushFrame } from '../../src/protocol/push-frame.js';
import { caught, fake, FakeSession } from '../support/fakes.js';

const ackFrame = (msgIds: string[], seq = 2): FrameOf<typeof Cmd.C2C_ACK> => ({ cmd: Cmd.C2C_ACK, seq, body: { msgIds } });
/** A session of user 8 that was given these ids (pushed or pulled), so it may ack them. */
function given(msgIds: string[]): FakeSession {
  const session = FakeSession.as('8');
  session.awaitAcks(msgIds);
  return session;
}
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(4611686018427387904n + BigInt(i)));

function setup(ack: (userId: string, msgIds: string[]) => Promise<void> = async () => {}) {
  const calls: Array<{ userId: string; msgIds: string[] }> = [];
  const delivery = fake<Delivery>({ ack: (userId, msgIds) => { calls.push({ userId, msgIds }); return ack(userId, msgIds); } });
  const failures: string[] = [];
  const log = { failed: (err: unknown) => { failures.push((err as Error).message); }, succeeded: () => { failures.push('ok'); } };
  return { strategy: new C2CAckStrategy(delivery, log), calls, failures };
}

function chat(msgId: string): ChatMessage {
  return { msgId, clientMsgId: 'c', fromUserId: '7', toUserId: '8', content: 'hi', format: MsgFormat.TEXT, createTimeMs: 1, convId: 'c_7_8', seq: '1' } as ChatMessage;
}

async function expectCode(promise: () => Promise<void>, code: ErrorCode): Promise<void> {
  const err = await caught(promise);
  expect(err).to.be.instanceOf(RequestError);
  expect((err as RequestError).code).to.equal(code);
}

describe('strategies/c2c-ack', () => {
  it('is metered on the acks bucket by the ids it carries: a token per ten, at least one', () => {
    const { meter } = setup().strategy;
    expect(meter.bucket).to.equal('acks');
    expect([1, 10, 11, 999, 1000].map((n) => meter.costOf(ackFrame(ids(n))))).to.deep.equal([1, 1, 2, 100, 100]);
  });

  it('acks the ids for the session user, with no reply', async () => {
    const { strategy, calls } = setup();
    const session = given(['9223372036854775807', '1']);
    await strategy.handle(session, ackFrame(['9223372036854775807', '1']));
    expect(calls).to.deep.equal([{ userId: '8', msgIds: ['9223372036854775807', '1'] }]);
    expect(session.sent).to.deep.equal([]);
  });

  it('ignores ids no message can have (0, above 2^63-1) instead of failing the ack', async () => {
    const { strategy, calls } = setup();
    await strategy.handle(given(['5']), ackFrame(['18446744073709551615', '0', '5']));
    expect(calls).to.deep.equal([{ userId: '8', msgIds: ['5'] }]);
    await strategy.handle(given(['5']), ackFrame(['18446744073709551615']));
    expect(calls).to.have.length(1);
  });

  it('drops ids the session was never given before any I/O, and each id once', async () => {
    const { strategy, calls } = setup();
    const session = FakeSession.as('8');
    await strategy.handle(session, ackFrame(ids(1000)));
    expect(calls, 'a flood of ids never pushed here').to.deep.equal([]);
    session.push(PushFrame.of(Cmd.C2C_PUSH, { message: chat('9007199254740993') }));
    session.awaitAcks(['9007199254740995']);
    await strategy.handle(session, ackFrame(['9007199254740993', '9007199254740995', '9007199254740997']));
    expect(calls).to.deep.equal([{ userId: '8', msgIds: ['9007199254740993', '9007199254740995'] }]);
    await strategy.handle(session, ackFrame(['9007199254740993']));
    expect(calls, 'acked already').to.have.length(1);
  });

  it('ids the user was owed at login count, though this session was never given them (an earlier one was)', async () => {
    const { strategy, calls } = setup();
    const session = FakeSession.as('8');
    session.owedAtLogin(['9007199254740993', '9223372036854775807']);
    await strategy.handle(session, ackFrame(['9223372036854775807', '9007199254740995']));
    expect(calls).to.deep.equal([{ userId: '8', msgIds: ['9223372036854775807'] }]);
    await strategy.handle(session, ackFrame(['9223372036854775807']));
    expect(calls, 'acked already').to.have.length(1);
  });

  it('an empty list is a no-op', async () => {
    const { strategy, calls } = setup();
    const session = FakeSession.as('8');
    await strategy.handle(session, ackFrame([]));
    expect(calls).to.deep.equal([]);
    expect(session.sent).to.deep.equal([]);
  });

  it('1000 ids are fine; 1001 → BAD_REQUEST and nothing is acked', async () => {
    const { strategy, calls } = setup();
    await strategy.handle(given(ids(1000)), ackFrame(ids(1000)));
    expect(calls).to.have.length(1);
    await expectCode(() => strategy.handle(given(ids(1001)), ackFrame(ids(1001))), ErrorCode.BAD_REQUEST);
    expect(calls).to.have.length(1);
  });

  it('a store failure → UNAVAILABLE, and the failure goes to the log (which says when it recovers)', async () => {
    let down = true;
    const { strategy, failures } = setup(async () => { if (down) throw new Error('ER_LOCK_DEADLOCK'); });
    await expectCode(() => strategy.handle(given(['5']), ackFrame(['5'])), ErrorCode.UNAVAILABLE);
    down = false;
    await strategy.handle(given(['5']), ackFrame(['5']));
    expect(failures).to.deep.equal(['ER_LOCK_DEADLOCK', 'ok']);
  });
});
