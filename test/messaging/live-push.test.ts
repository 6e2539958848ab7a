// LivePush: the first push of a stored message, re-pushes, and the echo to the sender's other sessions.
import { expect } from 'chai';
import { Cmd, MsgFormat, type Bodies, type Id, type KnownCmd } from '../../src/protocol/messages.js';
import { silentLogger } from '../../src/log/logger.js';
import { LivePush } from '../../src/messaging/live-push.js';
import type { DeliveryTarget, Fanout } from '../../src/messaging/fanout.js';
import type { Metrics } from '../../src/ops/metrics.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';
import { caught, fake, FakeSession } from '../support/fakes.js';

const SENDER = '9223372036854775808';
const RECEIVER = '18446744073709551615';

function message(over: Partial<StoredMessage> = {}): StoredMessage {
  return {
    msgId: '4611686018427387905', clientMsgId: 'c-1', fromUserId: SENDER, toUserId: RECEIVER, content: 'hi', format: MsgFormat.TEXT,
    createTime: 1_700_000_000_000, chatId: `${SENDER}_${RECEIVER}`, status: MsgStatus.PENDING, convId: `c_${SENDER}_${RECEIVER}`,
    seq: '9007199254740993', recalledMsgId: '0', ...over,
  };
}

function setup(deliver: (userId: Id, target: DeliveryTarget | undefined) => Promise<number> = async () => 1) {
  const calls: Array<{ userId: Id; cmd: KnownCmd; body: unknown; target: DeliveryTarget | undefined }> = [];
  const fanout: Fanout = {
    deliver: <C extends KnownCmd>(userId: Id, cmd: C, body: Bodies[C], target?: DeliveryTarget) => {
      calls.push({ userId, cmd, body, target });
      return deliver(userId, target);
    },
  };
  const counted: Array<{ kind: string; n: number }> = [];
  const metrics = fake<Metrics>({
    pushes: fake<Metrics['pushes']>({ inc: (labels?: unknown, n?: number) => { counted.push({ kind: (labels as { kind: string }).kind, n: n ?? 1 }); } }),
  });
  const live = new LivePush(fanout, silentLogger(), metrics);
  return { live, calls, counted };
}

describe('messaging/live-push', () => {
  it('pushes C2C_PUSH to the sender\'s sessions, echoOnly and except the sending session', async () => {
    const { live, calls } = setup();
    const sender = FakeSession.as(SENDER);
    await live.echo(message(), sender);
    expect(calls).to.deep.equal([{
      userId: SENDER, cmd: Cmd.C2C_PUSH, target: { except: sender, echoOnly: true },
      body: {
        message: {
          msgId: '4611686018427387905', clientMsgId: 'c-1', fromUserId: SENDER, toUserId: RECEIVER, content: 'hi', format: MsgFormat.TEXT,
          createTimeMs: 1_700_000_000_000, convId: `c_${SENDER}_${RECEIVER}`, seq: '9007199254740993', recalled: false, recalledMsgId: '0',
        },
      },
    }]);
  });

  it('a note to yourself is not echoed (the normal push reaches every session of the user)', async () => {
    const { live, calls } = setup();
    await live.echo(message({ toUserId: SENDER, convId: `c_${SENDER}_${SENDER}` }), FakeSession.as(SENDER));
    expect(calls).to.deep.equal([]);
  });

  it('never rejects: a failing fanout is logged, not retried', async () => {
    const { live, calls } = setup(async () => { throw new Error('presence down'); });
    await live.echo(message(), FakeSession.as(SENDER));
    expect(calls).to.have.length(1);
  });

  it('first: C2C_PUSH to the receiver\'s sessions (no target), counted as first pushes', async () => {
    const { live, calls, counted } = setup(async () => 2);
    await live.first(message(), FakeSession.as(SENDER));
    expect(calls.map((c) => [c.userId, c.cmd, c.target])).to.deep.equal([[RECEIVER, Cmd.C2C_PUSH, undefined]]);
    expect(counted).to.deep.equal([{ kind: 'first', n: 2 }]);
  });

  it('first: a note to yourself goes to your other sessions, never back to the sending one', async () => {
    const { live, calls } = setup(async () => 1);
    const sender = FakeSession.as(SENDER);
    await live.first(message({ toUserId: SENDER, convId: `c_${SENDER}_${SENDER}` }), sender);
    expect(calls.map((c) => [c.userId, c.target])).to.deep.equal([[SENDER, { except: sender }]]);
  });

  it('first never rejects: a failing fanout is left to the retry scanner', async () => {
    const { live, counted } = setup(async () => { throw new Error('presence down'); });
    await live.first(message(), FakeSession.as(SENDER));
    expect(counted).to.deep.equal([]);
  });

  it('push returns how many sessions took it and counts nothing when nobody did', async () => {
    const { live, counted } = setup(async () => 0);
    expect(await live.push(message(), 'retry')).to.equal(0);
    expect(counted).to.deep.equal([]);
    const failing = setup(async () => { throw new Error('down'); }).live;
    expect(((await caught(() => failing.push(message(), 'retry'))) as Error).message, 'a re-push failure reaches the scanner').to.equal('down');
  });
});
