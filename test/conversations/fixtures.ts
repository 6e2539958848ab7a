// Shared by the conversation tests: stored entries, and a Fanout over fake sessions that
// honours DeliveryTarget the way the Router does (and records every call).
import { PushFrame } from '../../src/protocol/push-frame.js';
import { MsgFormat, type Bodies, type Id, type KnownCmd } from '../../src/protocol/messages.js';
import type { DeliveryTarget, Fanout } from '../../src/messaging/fanout.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';
import type { FakeSession } from '../support/fakes.js';

/** Snowflake-sized ids (above 2^53, some above 2^63): they must never pass through a number. */
export const ALICE = '4611686018427387904';
export const BOB = '9223372036854775808';
export const CAROL = '18446744073709551615';
/** c2cConvId(ALICE, BOB). */
export const ALICE_BOB = `c_${ALICE}_${BOB}`;

export function entry(over: Partial<StoredMessage> = {}): StoredMessage {
  return {
    msgId: '4611686018427388001', clientMsgId: 'c-1', fromUserId: ALICE, toUserId: BOB, content: 'hi', format: MsgFormat.TEXT,
    createTime: 1_700_000_000_000, chatId: `${ALICE}_${BOB}`, status: MsgStatus.PENDING, convId: ALICE_BOB,
    seq: '9007199254740993', recalledMsgId: '0', ...over,
  };
}

export interface FanoutCall {
  userId: Id;
  cmd: KnownCmd;
  body: unknown;
  target: DeliveryTarget | undefined;
}

export class RecordingFanout implements Fanout {
  readonly calls: FanoutCall[] = [];
  private readonly sessions: FakeSession[] = [];

  constructor(...sessions: FakeSession[]) {
    this.sessions.push(...sessions);
  }

  async deliver<C extends KnownCmd>(userId: Id, cmd: C, body: Bodies[C], target?: DeliveryTarget): Promise<number> {
    this.calls.push({ userId, cmd, body, target });
    let taken = 0;
    for (const s of this.sessions) {
      if (s.user?.userId !== userId || s === target?.except) continue;
      if (target?.echoOnly === true && !s.user.echoOwnMessages) continue;
      if (s.push(PushFrame.of(cmd, body))) taken += 1;
    }
    return taken;
  }
}
