// LoginReplay: what a session gets right after AUTH_RESP: pending recall notices, then the
// oldest undelivered messages, which go into the retry queue until acked.
import type { PushFrame } from '../../src/protocol/push-frame.js';
import { expect } from 'chai';
import { Cmd, type Id, type KnownCmd } from '../../src/protocol/messages.js';
import { toChatMessage } from '../../src/messaging/chat-message.js';
import { LoginReplay } from '../../src/messaging/login-replay.js';
import type { SessionUser } from '../../src/pipeline/session.js';
import { MsgStatus, type RecallNotice, type StoredMessage } from '../../src/storage/message-store.js';
import { MemoryOfflineQueue } from '../../src/storage/offline-queue-memory.js';
import { MemoryRetryQueue } from '../../src/storage/retry-queue-memory.js';
import { FakeSession } from '../support/fakes.js';
import { armingParts, countingMetrics, FakeRows, pendingRow, T0, TTL } from './fixtures.js';

const USER = '18446744073709551615';
const SENDER = '9223372036854775808';

// Integer order A < B < C < D < E; string order differs, and Number(A) === Number(B).
const A = '9007199254740992';
const B = '9007199254740993';
const C = '1000000000000000000';
const D = '4611686018427387905';
const E = '9223372036854775807';

function row(msgId: Id, over: Partial<StoredMessage> = {}): StoredMessage {
  return pendingRow(msgId, { fromUserId: SENDER, toUserId: USER, createTime: T0 - 1000, convId: `c_${USER}_${SENDER}`, ...over });
}

function notice(msgId: Id, seq: string): RecallNotice {
  return { msgId, fromUserId: SENDER, toUserId: USER, recallTime: T0 - 10, convId: `c_${USER}_${SENDER}`, seq };
}

/** A session that refuses the pushes `refuse` picks, as a slow consumer's full buffer would. */
class PickySession extends FakeSession {
  constructor(user: SessionUser, private readonly refuse: (cmd: KnownCmd, body: unknown, accepted: number) => boolean) {
    super(user);
  }

  override push(frame: PushFrame): boolean {
    if (this.refuse(frame.cmd, frame.body, this.pushes.length)) return false;
    return super.push(frame);
  }
}

const user: SessionUser = { userId: USER, deviceId: 'phone', platform: 'test', echoOwnMessages: false };

function setup(batch = 10) {
  const rows = new FakeRows();
  const list = new MemoryOfflineQueue(() => T0);
  const queue = new MemoryRetryQueue();
  const { inbox, retry, scheduled } = armingParts(rows, list, queue);
  const { metrics, counted, sum } = countingMetrics('pushes', 'kind');
  const replay = new LoginReplay(rows, inbox, retry, batch, metrics);
  const offlinePushes = () => sum('offline');
  return { replay, rows, list, queue, counted, scheduled, offlinePushes };
}

const pushedMsgIds = (session: FakeSession) => session.framesOf(Cmd.C2C_PUSH).map((f) => f.body.message.msgId);

describe('messaging/login-replay', () => {
  it('pushes the recall notices first, then the oldest messages, and deletes the notices pushed', async () => {
    const { replay, rows } = setup();
    rows.notices.set(USER, [notice(D, '7'), notice(E, '18446744073709551615')]);
    rows.add(row(B), row(A), row(C));
    const session = new FakeSession(user);
    await replay.replay(session, await replay.owed(session));

    expect(session.sent.map((f) => [f.cmd, f.seq])).to.deep.equal([
      [Cmd.RECALL_NOTIFY, 0], [Cmd.RECALL_NOTIFY, 0], [Cmd.C2C_PUSH, 0], [Cmd.C2C_PUSH, 0], [Cmd.C2C_PUSH, 0],
    ]);
    expect(session.framesOf(Cmd.RECALL_NOTIFY).map((f) => f.body)).to.deep.equal([
      { msgId: D, fromUserId: SENDER, toUserId: USER, recallTimeMs: T0 - 10, convId: `c_${USER}_${SENDER}`, seq: '7' },
      { msgId: E, fromUserId: SENDER, toUserId: USER, recallTimeMs: T0 - 10, convId: `c_${USER}_${SENDER}`, seq: '18446744073709551615' },
    ]);
    expect(rows.deleted).to.deep.equal([{ userId: USER, msgIds: [D, E] }]);
    expect(rows.notices.get(USER)).to.deep.equal([]);
    expect(pushedMsgIds(session)).to.deep.equal([A, B, C]);
  });

  it('deletes only the notices the session took', async () => {
    const { replay, rows } = setup();
    rows.notices.set(USER, [notice(A, '1'), notice(B, '2'), notice(C, '3')]);
    const session = new PickySession(user, (cmd, body) => cmd === Cmd.RECALL_NOTIFY && (body as { msgId: Id }).msgId === B);
    await replay.replay(session, await replay.owed(session));
    expect(session.framesOf(Cmd.RECALL_NOTIFY).map((f) => f.body.msgId)).to.deep.equal([A, C]);
    expect(rows.deleted).to.deep.equal([{ userId: USER, msgIds: [A, C] }]);
    expect(rows.notices.get(USER)!.map((n) => n.msgId), 'B waits for the next login').to.deep.equal([B]);
  });

  it('a session that takes no push deletes no notice and schedules nothing', async () => {
    const { replay, rows, list, scheduled, offlinePushes } = setup();
    rows.notices.set(USER, [notice(A, '1')]);
    rows.add(row(B), row(C));
    const session = new FakeSession(user);
    session.refusePushes = true;
    await replay.replay(session, await replay.owed(session));
    expect(session.sent).to.deep.equal([]);
    expect(rows.notices.get(USER)!.map((n) => n.msgId)).to.deep.equal([A]);
    expect(rows.deleted.flatMap((d) => d.msgIds)).to.deep.equal([]);
    expect(await scheduled()).to.deep.equal([]);
    expect(offlinePushes()).to.equal(0);
    expect(await list.read(USER), 'still undelivered').to.deep.equal([B, C]);
  });

  it('pushes the oldest `batch` undelivered messages as C2C_PUSH in id order, counted, and scheduled for retry', async () => {
    const { replay, rows, scheduled, offlinePushes, counted } = setup(3);
    const messages = [E, D, C, B, A].map((m) => row(m));
    rows.add(...messages);
    const session = new FakeSession(user);
    await replay.replay(session, await replay.owed(session));

    expect(pushedMsgIds(session)).to.deep.equal([A, B, C]);
    expect(session.framesOf(Cmd.C2C_PUSH)[0]!.body).to.deep.equal({ message: toChatMessage(messages[4]!) });
    expect(offlinePushes()).to.equal(3);
    expect(counted.every((c) => c.kind === 'offline'), 'counted as offline pushes').to.equal(true);
    expect(await scheduled()).to.deep.equal([[USER, A], [USER, B], [USER, C]].sort());
  });

  it('messages no longer pending are not pushed', async () => {
    const { replay, rows, list, scheduled } = setup();
    rows.add(row(A), row(B));
    await list.fill(USER, [A, B, C], TTL);
    rows.rows.get(A)!.status = MsgStatus.DELIVERED;
    const session = new FakeSession(user);
    await replay.replay(session, await replay.owed(session));
    expect(pushedMsgIds(session)).to.deep.equal([B]);
    expect(await scheduled()).to.deep.equal([[USER, B]]);
  });

  it('batch 0 pushes no C2C_PUSH and leaves the messages alone; notices still go', async () => {
    const { replay, rows, list, scheduled, counted } = setup(0);
    rows.notices.set(USER, [notice(C, '3')]);
    rows.add(row(A), row(B));
    await list.fill(USER, [A, B], TTL);
    const session = new FakeSession(user);
    await replay.replay(session, await replay.owed(session));
    expect(session.sent.map((f) => f.cmd)).to.deep.equal([Cmd.RECALL_NOTIFY]);
    expect(rows.storeReads, 'no message read').to.equal(0);
    expect(counted).to.deep.equal([]);
    expect(await scheduled()).to.deep.equal([]);
    expect(await list.read(USER)).to.deep.equal([A, B]);
  });

  it('a slow consumer: the pushes it refused are neither counted nor scheduled, and stay undelivered', async () => {
    const { replay, rows, list, scheduled, offlinePushes } = setup();
    rows.notices.set(USER, [notice(E, '9')]);
    rows.add(row(A), row(B), row(C), row(D));
    // The buffer fills after the notice and two messages.
    const session = new PickySession(user, (_cmd, _body, accepted) => accepted >= 3);
    await replay.replay(session, await replay.owed(session));
    expect(pushedMsgIds(session)).to.deep.equal([A, B]);
    expect(offlinePushes()).to.equal(2);
    expect(await scheduled()).to.deep.equal([[USER, A], [USER, B]]);
    expect(await list.read(USER)).to.deep.equal([A, B, C, D]);
  });
});
