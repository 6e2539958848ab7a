import { expect } from 'chai';
import { Cmd, MsgFormat, type FrameOf } from '../../src/protocol/messages.js';
import type { OfflineInbox } from '../../src/messaging/offline-inbox.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';
import { PullOfflineStrategy } from '../../src/strategies/pull-offline.js';
import { fake, FakeSession } from '../support/fakes.js';

const pull = (limit: number, afterMsgId = '0', seq = 6): FrameOf<typeof Cmd.PULL_OFFLINE_REQ> =>
  ({ cmd: Cmd.PULL_OFFLINE_REQ, seq, body: { limit, afterMsgId } });

function stored(msgId: string, seq = '1'): StoredMessage {
  return {
    msgId, clientMsgId: `c-${msgId}`, fromUserId: '7', toUserId: '8', content: `m${msgId}`, format: MsgFormat.FILE,
    createTime: 1_700_000_000_000, chatId: '7_8', status: MsgStatus.PENDING, convId: 'c_7_8', seq, recalledMsgId: '0',
  };
}

function setup(maxLimit: number, page: { messages: StoredMessage[]; hasMore: boolean } = { messages: [], hasMore: false }) {
  const calls: Array<{ userId: string; after: string; limit: number }> = [];
  const inbox = fake<OfflineInbox>({
    page: async (userId, after, limit) => { calls.push({ userId, after, limit }); return page; },
  });
  return { strategy: new PullOfflineStrategy(inbox, maxLimit), calls };
}

describe('strategies/pull-offline', () => {
  it('limit 0 → the default 100', async () => {
    const { strategy, calls } = setup(500);
    await strategy.handle(FakeSession.as('8'), pull(0));
    expect(calls[0]!.limit).to.equal(100);
  });

  it('limit is capped at the configured maximum (also the default)', async () => {
    const { strategy, calls } = setup(50);
    await strategy.handle(FakeSession.as('8'), pull(1000));
    await strategy.handle(FakeSession.as('8'), pull(0));
    await strategy.handle(FakeSession.as('8'), pull(50));
    await strategy.handle(FakeSession.as('8'), pull(20));
    expect(calls.map((c) => c.limit)).to.deep.equal([50, 50, 50, 20]);
  });

  it('pages for the session user after the cursor; answers with the seq, messages as ChatMessage, has_more as given', async () => {
    const after = '9223372036854775807';
    const messages = [stored('9223372036854775808', '9007199254740992'), stored('18446744073709551615', '9007199254740993')];
    for (const hasMore of [true, false]) {
      const { strategy, calls } = setup(200, { messages, hasMore });
      const session = FakeSession.as('8');
      await strategy.handle(session, pull(2, after, 31));
      expect(calls).to.deep.equal([{ userId: '8', after, limit: 2 }]);
      const resp = session.only(Cmd.PULL_OFFLINE_RESP);
      expect(resp.seq).to.equal(31);
      expect(resp.body.hasMore).to.equal(hasMore);
      expect(resp.body.messages).to.deep.equal(messages.map((m) => ({
        msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: '7', toUserId: '8', content: m.content,
        format: MsgFormat.FILE, createTimeMs: 1_700_000_000_000, convId: 'c_7_8', seq: m.seq, recalled: false, recalledMsgId: '0',
      })));
    }
  });

  it('an empty page is answered too', async () => {
    const { strategy } = setup(100);
    const session = FakeSession.as('8');
    await strategy.handle(session, pull(10));
    expect(session.only(Cmd.PULL_OFFLINE_RESP).body).to.deep.equal({ messages: [], hasMore: false });
  });
});
