import { expect } from 'chai';
import { Cmd, ErrorCode, MsgFormat, type Bodies, type FrameOf, type KnownCmd } from '../../src/protocol/messages.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import type { Session } from '../../src/pipeline/session.js';
import type { Strategy } from '../../src/pipeline/strategy.js';
import type { ConversationService } from '../../src/conversations/conversation-service.js';
import type { TypingService } from '../../src/conversations/typing-service.js';
import { HistoryStrategy, ReadStrategy, SyncStrategy, TypingStrategy } from '../../src/strategies/conversations.js';
import { caught, fake, FakeSession } from '../support/fakes.js';

const USER = '9223372036854775809';
const PEER = '18446744073709551615';
const CONV = `c_${USER}_${PEER}`;

const frameOf = <C extends KnownCmd>(cmd: C, seq: number, body: Bodies[C]): FrameOf<C> => ({ cmd, seq, body });

const SYNC_RESP: Bodies[typeof Cmd.SYNC_RESP] = {
  convs: [{
    convId: CONV, peerUserId: PEER, groupId: '0', maxSeq: '9007199254740993', readSeq: '9007199254740992', peerReadSeq: '1', unread: 1,
    last: {
      msgId: '4611686018427387905', clientMsgId: 'c', fromUserId: PEER, toUserId: USER, content: 'x', format: MsgFormat.TEXT,
      createTimeMs: 1, convId: CONV, seq: '9007199254740993', recalled: false, recalledMsgId: '0',
    },
    updateTimeMs: 1_700_000_000_000, minSeq: '1',
  }],
  nextPageToken: 'next',
  serverTimeMs: 1_700_000_000_001,
};
const HISTORY_RESP: Bodies[typeof Cmd.HISTORY_RESP] = { messages: [], hasMore: true, minSeq: '1' };
const READ_RESP: Bodies[typeof Cmd.READ_RESP] = { convId: CONV, readSeq: '9007199254740993', unread: 0 };

function services() {
  const calls: Array<[string, unknown, unknown]> = [];
  const conversations = fake<ConversationService>({
    sync: async (userId, req) => { calls.push(['sync', userId, req]); return SYNC_RESP; },
    history: async (userId, req) => { calls.push(['history', userId, req]); return HISTORY_RESP; },
    read: async (session, req) => { calls.push(['read', session, req]); return READ_RESP; },
  });
  const typing = fake<TypingService>({
    typing: async (session: Session, req) => { calls.push(['typing', session, req]); },
  });
  return { conversations, typing, calls };
}

describe('strategies/conversations', () => {
  describe('SyncStrategy', () => {
    it('handles SYNC_REQ for the session user and replies SYNC_RESP with the seq', async () => {
      const { conversations, calls } = services();
      const strategy = new SyncStrategy(conversations);
      expect(strategy.cmd).to.equal(Cmd.SYNC_REQ);
      const session = FakeSession.as(USER);
      const body = { limit: 20, pageToken: 'tok', updatedAfterMs: 5 };
      await strategy.handle(session, frameOf(Cmd.SYNC_REQ, 41, body));
      expect(calls).to.deep.equal([['sync', USER, body]]);
      expect(session.sent).to.deep.equal([{ cmd: Cmd.SYNC_RESP, seq: 41, body: SYNC_RESP }]);
    });

    it('costs 5 request tokens (the heaviest request)', () => {
      expect(new SyncStrategy(services().conversations).meter).to.deep.equal({ bucket: 'requests', cost: 5 });
    });
  });

  describe('HistoryStrategy', () => {
    it('handles HISTORY_REQ for the session user and replies HISTORY_RESP with the seq', async () => {
      const { conversations, calls } = services();
      const strategy = new HistoryStrategy(conversations);
      expect(strategy.cmd).to.equal(Cmd.HISTORY_REQ);
      const session = FakeSession.as(USER);
      const body = { convId: CONV, afterSeq: '9007199254740993', beforeSeq: '0', limit: 10 };
      await strategy.handle(session, frameOf(Cmd.HISTORY_REQ, 42, body));
      expect(calls).to.deep.equal([['history', USER, body]]);
      expect(session.sent).to.deep.equal([{ cmd: Cmd.HISTORY_RESP, seq: 42, body: HISTORY_RESP }]);
    });

    it('costs 2 request tokens', () => {
      expect(new HistoryStrategy(services().conversations).meter).to.deep.equal({ bucket: 'requests', cost: 2 });
    });
  });

  describe('ReadStrategy', () => {
    it('hands the session itself to the service (its other sessions are notified) and replies READ_RESP with the seq', async () => {
      const { conversations, calls } = services();
      const strategy = new ReadStrategy(conversations);
      expect(strategy.cmd).to.equal(Cmd.READ_REQ);
      const session = FakeSession.as(USER);
      const body = { convId: CONV, readSeq: '9007199254740993' };
      await strategy.handle(session, frameOf(Cmd.READ_REQ, 44, body));
      expect(calls).to.have.length(1);
      expect(calls[0]![1]).to.equal(session);
      expect(calls[0]![2]).to.deep.equal(body);
      expect(session.sent).to.deep.equal([{ cmd: Cmd.READ_RESP, seq: 44, body: READ_RESP }]);
    });

    it('declares no meter: one request token, the default', () => {
      const strategy: Strategy<typeof Cmd.READ_REQ> = new ReadStrategy(services().conversations);
      expect(strategy.meter).to.equal(undefined);
    });
  });

  describe('TypingStrategy', () => {
    it('hands the session to the typing service and sends no reply', async () => {
      const { typing, calls } = services();
      const strategy = new TypingStrategy(typing);
      expect(strategy.cmd).to.equal(Cmd.TYPING_REQ);
      const session = FakeSession.as(USER);
      const body = { convId: CONV, typing: true };
      await strategy.handle(session, frameOf(Cmd.TYPING_REQ, 47, body));
      expect(calls).to.have.length(1);
      expect(calls[0]![1]).to.equal(session);
      expect(calls[0]![2]).to.deep.equal(body);
      expect(session.sent).to.deep.equal([]);
    });

    it('declares no meter: one request token, the default (the service throttles per conversation on top)', () => {
      const strategy: Strategy<typeof Cmd.TYPING_REQ> = new TypingStrategy(services().typing);
      expect(strategy.meter).to.equal(undefined);
    });
  });

  it('a service RequestError propagates unchanged and nothing is sent', async () => {
    const failing = fake<ConversationService>({
      sync: async () => { throw new RequestError(ErrorCode.BAD_REQUEST, 'malformed page_token'); },
      history: async () => { throw new RequestError(ErrorCode.FORBIDDEN, 'not a participant'); },
      read: async () => { throw new RequestError(ErrorCode.FORBIDDEN, 'not a participant'); },
    });
    const failingTyping = fake<TypingService>({ typing: async () => { throw new RequestError(ErrorCode.FORBIDDEN, 'not a participant'); } });
    const session = FakeSession.as(USER);
    const cases: Array<[() => Promise<void>, ErrorCode]> = [
      [() => new SyncStrategy(failing).handle(session, frameOf(Cmd.SYNC_REQ, 1, { limit: 0, pageToken: 'x', updatedAfterMs: 0 })), ErrorCode.BAD_REQUEST],
      [() => new HistoryStrategy(failing).handle(session, frameOf(Cmd.HISTORY_REQ, 2, { convId: 'g_1', afterSeq: '0', beforeSeq: '0', limit: 0 })), ErrorCode.FORBIDDEN],
      [() => new ReadStrategy(failing).handle(session, frameOf(Cmd.READ_REQ, 3, { convId: 'g_1', readSeq: '1' })), ErrorCode.FORBIDDEN],
      [() => new TypingStrategy(failingTyping).handle(session, frameOf(Cmd.TYPING_REQ, 4, { convId: 'g_1', typing: true })), ErrorCode.FORBIDDEN],
    ];
    for (const [run, code] of cases) {
      const err = await caught(run);
      expect(err).to.be.instanceOf(RequestError);
      expect((err as RequestError).code).to.equal(code);
    }
    expect(session.sent).to.deep.equal([]);
  });
});
