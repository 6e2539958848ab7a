import { expect } from 'chai';
import { Cmd, ErrorCode, MsgFormat, type Bodies, type FrameOf } from '../../src/protocol/messages.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import type { Session } from '../../src/pipeline/session.js';
import type { LivePush } from '../../src/messaging/live-push.js';
import type { SendResult, SendService } from '../../src/messaging/send-service.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';
import { C2CSendStrategy } from '../../src/strategies/c2c-send.js';
import { caught, deferred, fake, FakeSession } from '../support/fakes.js';

const MSG_ID = '4611686018427387909'; // ~2^62, a snowflake

function stored(over: Partial<StoredMessage> = {}): StoredMessage {
  return {
    msgId: MSG_ID, clientMsgId: 'c-1', fromUserId: '7', toUserId: '8', content: 'hi', format: MsgFormat.TEXT,
    createTime: 1_700_000_000_000, chatId: '7_8', status: MsgStatus.PENDING, convId: 'c_7_8', seq: '1', recalledMsgId: '0', ...over,
  };
}

function req(seq = 3, body: Partial<Bodies[typeof Cmd.C2C_SEND_REQ]> = {}): FrameOf<typeof Cmd.C2C_SEND_REQ> {
  return { cmd: Cmd.C2C_SEND_REQ, seq, body: { clientMsgId: 'c-1', toUserId: '8', content: 'hi', format: MsgFormat.TEXT, ...body } };
}

function setup(send: (from: string, body: Bodies[typeof Cmd.C2C_SEND_REQ]) => Promise<SendResult>) {
  const calls: Array<{ from: string; body: Bodies[typeof Cmd.C2C_SEND_REQ] }> = [];
  const pushed: StoredMessage[] = [];
  const echoed: Array<{ message: StoredMessage; sender: Session }> = [];
  const observed: number[] = [];
  const sends = fake<SendService>({ send: (from, body) => { calls.push({ from, body }); return send(from, body); } });
  const live = fake<LivePush>({
    first: async (m) => { pushed.push(m); },
    echo: async (message, sender) => { echoed.push({ message, sender }); },
  });
  const strategy = new C2CSendStrategy(sends, live, (s) => observed.push(s));
  return { strategy, calls, pushed, echoed, observed };
}

describe('strategies/c2c-send', () => {
  it('sends as the session user and acks with client_msg_id, msg_id, create time, conv_id and seq; then pushes and echoes', async () => {
    const message = stored();
    const { strategy, calls, pushed, echoed, observed } = setup(async () => ({ message, fresh: true }));
    const session = FakeSession.as('7');
    await strategy.handle(session, req(3));
    expect(calls).to.deep.equal([{ from: '7', body: req(3).body }]);
    const ack = session.only(Cmd.C2C_SEND_ACK);
    expect(ack).to.deep.equal({
      cmd: Cmd.C2C_SEND_ACK, seq: 3,
      body: { clientMsgId: 'c-1', msgId: MSG_ID, serverTimeMs: 1_700_000_000_000, convId: 'c_7_8', seq: '1' },
    });
    expect(pushed).to.deep.equal([message]);
    expect(echoed).to.have.length(1);
    expect(echoed[0]!.message).to.equal(message);
    expect(echoed[0]!.sender, 'the sending session is named so that the echo skips it').to.equal(session);
    expect(observed).to.have.length(1);
    expect(observed[0]).to.be.a('number').and.at.least(0);
  });

  it('the sender is always the session user, whatever the request says', async () => {
    const { strategy, calls } = setup(async () => ({ message: stored({ fromUserId: '7' }), fresh: true }));
    await strategy.handle(FakeSession.as('7'), req(1, { toUserId: '7' }));
    expect(calls[0]!.from).to.equal('7');
  });

  it('a resend (not fresh) is acked with the original msg_id, create time, conv_id and seq, and not pushed or echoed again', async () => {
    const original = stored({ createTime: 1_600_000_000_000, seq: '9007199254740993' });
    const { strategy, pushed, echoed } = setup(async () => ({ message: original, fresh: false }));
    const session = FakeSession.as('7');
    await strategy.handle(session, req(4));
    expect(session.only(Cmd.C2C_SEND_ACK).body).to.deep.equal({
      clientMsgId: 'c-1', msgId: MSG_ID, serverTimeMs: 1_600_000_000_000, convId: 'c_7_8', seq: '9007199254740993',
    });
    expect(pushed).to.deep.equal([]);
    expect(echoed).to.deep.equal([]);
  });

  it('nothing is acked or pushed before the send service resolves (ack means durable)', async () => {
    const gate = deferred<SendResult>();
    const { strategy, pushed, echoed } = setup(() => gate.promise);
    const session = FakeSession.as('7');
    const handled = strategy.handle(session, req(5));
    await Promise.resolve();
    expect(session.sent).to.deep.equal([]);
    expect(pushed).to.deep.equal([]);
    expect(echoed).to.deep.equal([]);
    gate.resolve({ message: stored(), fresh: true });
    await handled;
    expect(session.framesOf(Cmd.C2C_SEND_ACK)).to.have.length(1);
    expect(pushed).to.have.length(1);
    expect(echoed).to.have.length(1);
  });

  it('a send failure propagates unchanged; no ack, no push', async () => {
    const { strategy, pushed, echoed, observed } = setup(async () => { throw new RequestError(ErrorCode.UNAVAILABLE, 'store down'); });
    const session = FakeSession.as('7');
    const err = await caught(() => strategy.handle(session, req(6)));
    expect(err).to.be.instanceOf(RequestError);
    expect((err as RequestError).code).to.equal(ErrorCode.UNAVAILABLE);
    expect(session.sent).to.deep.equal([]);
    expect(pushed).to.deep.equal([]);
    expect(echoed).to.deep.equal([]);
    expect(observed).to.deep.equal([]);
  });
});
