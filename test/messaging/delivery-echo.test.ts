// Delivery.echo: a fresh message to the sender's other sessions that asked for echo_own_messages.
import { expect } from 'chai';
import { Cmd, MsgFormat, type Bodies, type Id, type KnownCmd } from '../../src/protocol/messages.js';
import { silentLogger } from '../../src/log/logger.js';
import { Delivery, type DeliveryOptions } from '../../src/messaging/delivery.js';
import type { DeliveryTarget, Fanout } from '../../src/messaging/fanout.js';
import type { Metrics } from '../../src/ops/metrics.js';
import { MsgStatus, type MessageStore, type StoredMessage } from '../../src/storage/message-store.js';
import type { OfflineQueue } from '../../src/storage/offline-queue.js';
import type { RetryQueue } from '../../src/storage/retry-queue.js';
import { fake, FakeSession } from '../support/fakes.js';

const SENDER = '9223372036854775808';
const RECEIVER = '18446744073709551615';

const OPTIONS: DeliveryOptions = {
  initialBackoffMs: 1000, maxAttempts: 3, leaseMs: 5000, batchSize: 10, loginBatch: 10, capPerUser: 100, ttlMs: 86_400_000,
};

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
  // Echo touches neither storage nor metrics: members left out fail loudly if it did.
  const delivery = new Delivery(
    fake<MessageStore>({}), fake<OfflineQueue>({}), fake<RetryQueue>({}), fanout, async () => [], OPTIONS, silentLogger(), fake<Metrics>({}),
  );
  return { delivery, calls };
}

describe('messaging/delivery echo', () => {
  it('pushes C2C_PUSH to the sender\'s sessions, echoOnly and except the sending session', async () => {
    const { delivery, calls } = setup();
    const sender = FakeSession.as(SENDER);
    await delivery.echo(message(), sender);
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
    const { delivery, calls } = setup();
    await delivery.echo(message({ toUserId: SENDER, convId: `c_${SENDER}_${SENDER}` }), FakeSession.as(SENDER));
    expect(calls).to.deep.equal([]);
  });

  it('never rejects: a failing fanout is logged, not retried', async () => {
    const { delivery, calls } = setup(async () => { throw new Error('presence down'); });
    await delivery.echo(message(), FakeSession.as(SENDER));
    expect(calls).to.have.length(1);
  });
});
