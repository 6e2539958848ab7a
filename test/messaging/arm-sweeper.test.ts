// ArmSweeper: committed messages whose delivery was never armed get armed, once, within a bounded time.
import { expect } from 'chai';
import type { Logger } from '../../src/log/logger.js';
import { ArmSweeper } from '../../src/messaging/arm-sweeper.js';
import { snowflakeAt } from '../../src/ids/snowflake.js';
import { MsgFormat } from '../../src/protocol/messages.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';

const BOB = '18446744073709551615';
const CAROL = '9007199254740993';
const NOW = Date.UTC(2026, 11, 2, 8, 0, 0);
const DELAY = 30_000;
const INTERVAL = 10_000;

/** A pending message minted at `ms` (its id is the first snowflake of that ms, plus `k`). */
function pendingAt(ms: number, k: number, toUserId = BOB): StoredMessage {
  const msgId = (BigInt(snowflakeAt(ms)) + BigInt(k)).toString();
  return {
    msgId, clientMsgId: `c${k}`, fromUserId: '7', toUserId, content: 'x', format: MsgFormat.TEXT, createTime: ms, chatId: '',
    status: MsgStatus.PENDING, convId: `c_7_${toUserId}`, seq: String(k), recalledMsgId: '0',
  };
}

function setup(rows: StoredMessage[], listed: Map<string, string[] | null>) {
  const clock = { now: NOW };
  const armed: string[] = [];
  const warnings: string[] = [];
  let failNext = false;
  const store = {
    listPendingBetween: async (after: string, through: string, limit: number) => {
      if (failNext) {
        failNext = false;
        throw new Error('mysql down');
      }
      return rows.filter((r) => BigInt(r.msgId) > BigInt(after) && BigInt(r.msgId) <= BigInt(through))
        .sort((a, b) => (BigInt(a.msgId) < BigInt(b.msgId) ? -1 : 1)).slice(0, limit);
    },
  };
  const inbox = {
    unlisted: async (userId: string, ids: string[]) => {
      const list = listed.get(userId) ?? null;
      return list === null ? [] : ids.filter((id) => !list.includes(id));
    },
  };
  const delivery = {
    arm: async (m: StoredMessage) => {
      armed.push(m.msgId);
      listed.set(m.toUserId, [...(listed.get(m.toUserId) ?? []), m.msgId]);
    },
  };
  const logger = { warn: (msg: string) => { warnings.push(msg); }, info: () => {}, error: () => {}, debug: () => {} } as unknown as Logger;
  const sweeper = new ArmSweeper(store, inbox, delivery, { delayMs: DELAY, intervalMs: INTERVAL }, logger, () => clock.now);
  return { sweeper, clock, armed, warnings, fail: () => { failNext = true; } };
}

describe('messaging/arm-sweeper', () => {
  it('arms the pending messages older than the delay that the receiver\'s list lacks, and only those', async () => {
    const unarmed = pendingAt(NOW - DELAY - 5_000, 1);
    const armedBefore = pendingAt(NOW - DELAY - 4_000, 2);
    const tooYoung = pendingAt(NOW - DELAY + 1_000, 3);
    const otherUser = pendingAt(NOW - DELAY - 3_000, 4, CAROL);
    const { sweeper, armed } = setup([unarmed, armedBefore, tooYoung, otherUser], new Map([[BOB, [armedBefore.msgId]], [CAROL, []]]));
    expect(await sweeper.sweep()).to.equal(2);
    expect(armed).to.deep.equal([unarmed.msgId, otherUser.msgId]);
  });

  it('leaves a receiver whose list is missing to the rebuild from the store', async () => {
    const { sweeper, armed } = setup([pendingAt(NOW - DELAY - 5_000, 1)], new Map([[BOB, null]]));
    expect(await sweeper.sweep()).to.equal(0);
    expect(armed).to.deep.equal([]);
  });

  it('goes on from where it stopped: every message is looked at once its delay has passed, and armed once', async () => {
    const later = pendingAt(NOW + 2_000, 9);
    const { sweeper, clock, armed } = setup([later], new Map([[BOB, []]]));
    expect(await sweeper.sweep()).to.equal(0);
    clock.now += DELAY + INTERVAL; // the next rounds reach it
    expect(await sweeper.sweep()).to.equal(1);
    clock.now += INTERVAL;
    expect(await sweeper.sweep()).to.equal(0);
    expect(armed).to.deep.equal([later.msgId]);
  });

  it('a failed round is logged and its slice looked at again next round', async () => {
    const row = pendingAt(NOW - DELAY - 1_000, 1);
    const { sweeper, armed, warnings, fail } = setup([row], new Map([[BOB, []]]));
    fail();
    expect(await sweeper.sweep()).to.equal(0);
    expect(warnings).to.deep.equal(['arm sweep failed; next round retries']);
    expect(await sweeper.sweep()).to.equal(1);
    expect(armed).to.deep.equal([row.msgId]);
  });
});
