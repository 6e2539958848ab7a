// The client SDK against a scripted fake server: real sockets and the real codec, but every
// reply (or silence) chosen by the test.
import { expect } from 'chai';
import { backoffDelay } from '../../src/client/backoff.js';
import { ImClient, type ImClientOptions } from '../../src/client/im-client.js';
import { RecentIds } from '../../src/client/recent-ids.js';
import { Cmd, ErrorCode, KickReason, MsgFormat, type ChatMessage } from '../../src/protocol/messages.js';
import { BIG_USER, FakeServer } from './fake-server.js';
import { expectRejection, sleep, waitFor } from './support.js';

const BIG_MSG = '9223372036854775807'; // 2^63 - 1

function chat(msgId: string, content = 'hi'): ChatMessage {
  return { msgId, clientMsgId: `c-${msgId}`, fromUserId: '7', toUserId: BIG_USER, content, format: MsgFormat.TEXT, createTimeMs: 1 };
}

describe('client/ImClient', () => {
  let server: FakeServer;
  let clients: ImClient[];

  function client(options: Partial<ImClientOptions> = {}): ImClient {
    const c = new ImClient({ url: server.url, token: 'tok', deviceId: 'dev', platform: 'test', backoff: { initialMs: 10, maxMs: 40 }, ...options });
    clients.push(c);
    return c;
  }

  beforeEach(async () => {
    server = await FakeServer.start();
    clients = [];
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  });

  describe('login', () => {
    it('sends AUTH_REQ first and resolves with AUTH_RESP, ids above 2^53 intact', async () => {
      const c = client({ token: async () => 'fresh-token' });
      const connected: unknown[] = [];
      c.on('connected', (resp) => connected.push(resp));
      const resp = await c.connect();
      expect(resp.userId).to.equal(BIG_USER);
      expect(connected).to.deep.equal([resp]);
      const conn = await server.conn(0);
      expect(conn.frames[0]).to.deep.include({ cmd: Cmd.AUTH_REQ, body: { token: 'fresh-token', deviceId: 'dev', platform: 'test', echoOwnMessages: false } });
      expect(conn.frames[0].seq).to.be.greaterThan(0);
    });

    it('rejects with the ERROR code on UNAUTHENTICATED and does not reconnect', async () => {
      server.handler = (conn, frame) => {
        conn.reply(Cmd.ERROR, frame.seq, { code: ErrorCode.UNAUTHENTICATED, message: 'bad token' });
        conn.ws.close(4001);
      };
      const c = client();
      const err = await expectRejection(c.connect());
      expect(err).to.include({ code: ErrorCode.UNAUTHENTICATED, kind: 'server', message: 'bad token' });
      await sleep(80);
      expect(server.conns).to.have.length(1);
      expect((await expectRejection(c.send('2', 'x'))).kind).to.equal('closed');
    });

    it('rejects when the server closes before answering', async () => {
      server.handler = (conn) => conn.ws.close(1011);
      const err = await expectRejection(client().connect());
      expect(err.kind).to.equal('disconnected');
      expect(server.conns).to.have.length(1);
    });
  });

  describe('requests', () => {
    it('send resolves with the ack of its seq', async () => {
      server.handler = (conn, frame) => {
        if (frame.cmd !== Cmd.C2C_SEND_REQ) return server.standard(conn, frame);
        conn.reply(Cmd.C2C_SEND_ACK, frame.seq, { clientMsgId: frame.body.clientMsgId, msgId: BIG_MSG, serverTimeMs: 42 });
      };
      const c = client();
      await c.connect();
      const result = await c.send(BIG_USER, 'hello');
      const req = (await server.conn(0)).all(Cmd.C2C_SEND_REQ)[0];
      expect(req.body).to.deep.include({ toUserId: BIG_USER, content: 'hello', format: MsgFormat.TEXT });
      expect(req.body.clientMsgId).to.match(/^[0-9a-f-]{36}$/);
      expect(result).to.deep.equal({ msgId: BIG_MSG, clientMsgId: req.body.clientMsgId, serverTimeMs: 42 });
      expect(c.stats.sent).to.equal(1);
    });

    it('an ERROR rejects only the request with the same seq', async () => {
      server.handler = (conn, frame) => {
        if (frame.cmd !== Cmd.C2C_SEND_REQ) return server.standard(conn, frame);
        if (frame.body.content === 'bad') conn.reply(Cmd.ERROR, frame.seq, { code: ErrorCode.TOO_LARGE, message: 'too long' });
        else conn.reply(Cmd.C2C_SEND_ACK, frame.seq, { clientMsgId: frame.body.clientMsgId, msgId: BIG_MSG, serverTimeMs: 1 });
      };
      const c = client();
      await c.connect();
      const [bad, good] = [c.send('2', 'bad', { clientMsgId: 'a' }), c.send('2', 'good', { clientMsgId: 'b' })];
      expect(await expectRejection(bad)).to.include({ code: ErrorCode.TOO_LARGE, kind: 'server' });
      expect(await good).to.include({ msgId: BIG_MSG, clientMsgId: 'b' });
    });

    it('rejects with kind timeout when no reply comes', async () => {
      const c = client({ requestTimeoutMs: 100 });
      await c.connect();
      const started = Date.now();
      const err = await expectRejection(c.recall(BIG_MSG));
      expect(err.kind).to.equal('timeout');
      expect(Date.now() - started).to.be.within(90, 400);
    });

    it('recall resolves with RECALL_RESP and RECALL_NOTIFY is emitted', async () => {
      server.handler = (conn, frame) => {
        if (frame.cmd !== Cmd.RECALL_REQ) return server.standard(conn, frame);
        conn.reply(Cmd.RECALL_RESP, frame.seq, { msgId: frame.body.msgId, recallTimeMs: 5 });
        conn.reply(Cmd.RECALL_NOTIFY, 0, { msgId: frame.body.msgId, fromUserId: BIG_USER, toUserId: '3', recallTimeMs: 5 });
      };
      const c = client();
      const notified: unknown[] = [];
      c.on('recall', (n) => notified.push(n));
      await c.connect();
      expect(await c.recall(BIG_MSG)).to.deep.equal({ msgId: BIG_MSG, recallTimeMs: 5 });
      await waitFor(() => notified.length === 1, 'recall event');
      expect(notified[0]).to.deep.include({ msgId: BIG_MSG, toUserId: '3' });
    });
  });

  describe('pushes and acks', () => {
    it('emits a msg_id once but acks every copy', async () => {
      const c = client();
      const got: ChatMessage[] = [];
      c.on('message', (m) => got.push(m));
      await c.connect();
      const conn = await server.conn(0);
      conn.reply(Cmd.C2C_PUSH, 0, { message: chat(BIG_MSG) });
      await waitFor(() => conn.ackedIds().length === 1, 'first ack');
      conn.reply(Cmd.C2C_PUSH, 0, { message: chat(BIG_MSG) });
      await waitFor(() => conn.ackedIds().length === 2, 'second ack');
      expect(got.map((m) => m.msgId)).to.deep.equal([BIG_MSG]);
      expect(conn.ackedIds()).to.deep.equal([BIG_MSG, BIG_MSG]);
      expect(c.stats).to.include({ received: 1, duplicatesDropped: 1 });
    });

    it('acks a burst of pushes with one C2C_ACK', async () => {
      const c = client();
      await c.connect();
      const conn = await server.conn(0);
      const ids = ['100', '101', '102', '103', BIG_MSG];
      // One TCP write, so the client reads the whole burst in one event-loop turn.
      conn.socket.cork();
      for (const id of ids) conn.reply(Cmd.C2C_PUSH, 0, { message: chat(id) });
      process.nextTick(() => conn.socket.uncork());
      await conn.next(Cmd.C2C_ACK);
      await sleep(30);
      expect(conn.all(Cmd.C2C_ACK).map((f) => f.body.msgIds)).to.deep.equal([ids]);
    });

    it('does not ack with autoAck off until ack() is called', async () => {
      const c = client({ autoAck: false });
      const got: ChatMessage[] = [];
      c.on('message', (m) => got.push(m));
      await c.connect();
      const conn = await server.conn(0);
      conn.reply(Cmd.C2C_PUSH, 0, { message: chat('500') });
      await waitFor(() => got.length === 1, 'message');
      await sleep(20);
      expect(conn.all(Cmd.C2C_ACK)).to.have.length(0);
      c.ack(['500']);
      expect((await conn.next(Cmd.C2C_ACK)).body.msgIds).to.deep.equal(['500']);
    });

    it('pullOffline returns the page, acks it and suppresses a later push of the same id', async () => {
      server.handler = (conn, frame) => {
        if (frame.cmd !== Cmd.PULL_OFFLINE_REQ) return server.standard(conn, frame);
        expect(frame.body).to.deep.equal({ limit: 2, afterMsgId: '10' });
        conn.reply(Cmd.PULL_OFFLINE_RESP, frame.seq, { messages: [chat('11'), chat(BIG_MSG)], hasMore: true });
      };
      const c = client();
      const got: ChatMessage[] = [];
      c.on('message', (m) => got.push(m));
      await c.connect();
      const page = await c.pullOffline({ limit: 2, afterMsgId: '10' });
      expect(page.hasMore).to.equal(true);
      expect(page.messages.map((m) => m.msgId)).to.deep.equal(['11', BIG_MSG]);
      const conn = await server.conn(0);
      await waitFor(() => conn.ackedIds().length === 2, 'acks of the page');
      conn.reply(Cmd.C2C_PUSH, 0, { message: chat(BIG_MSG) });
      await waitFor(() => conn.ackedIds().length === 3, 'ack of the re-push');
      expect(got).to.have.length(0);
    });
  });

  describe('heartbeat', () => {
    it('pings at the announced interval and measures the round trip', async () => {
      server.heartbeatIntervalMs = 50;
      const c = client();
      await c.connect();
      const conn = await server.conn(0);
      await sleep(180);
      const pings = conn.all(Cmd.PING).length;
      expect(pings).to.be.within(2, 4);
      expect(c.stats.lastRttMs).to.be.a('number').within(0, 50);
    });

    it('drops a connection that stays silent for 3 intervals and reconnects', async () => {
      server.heartbeatIntervalMs = 20;
      let first = true;
      server.handler = (conn, frame) => {
        if (frame.cmd === Cmd.PING && first) return; // a half-open connection: nothing comes back
        if (frame.cmd === Cmd.AUTH_REQ && server.conns.length > 1) first = false;
        server.standard(conn, frame);
      };
      const c = client();
      await c.connect();
      await server.conn(1);
      await waitFor(() => c.stats.reconnects === 1, 'reconnect');
    });
  });

  describe('reconnect', () => {
    it('re-sends an in-flight send with the same client_msg_id after the server drops the connection', async () => {
      server.handler = (conn, frame) => {
        if (frame.cmd !== Cmd.C2C_SEND_REQ) return server.standard(conn, frame);
        if (conn === server.conns[0]) conn.ws.close(1001, 'going away'); // stored, but the ack is lost
        else conn.reply(Cmd.C2C_SEND_ACK, frame.seq, { clientMsgId: frame.body.clientMsgId, msgId: BIG_MSG, serverTimeMs: 9 });
      };
      const c = client();
      const events: string[] = [];
      c.on('connected', () => events.push('connected'));
      c.on('disconnected', ({ code }) => events.push(`disconnected ${code}`));
      c.on('reconnecting', ({ attempt }) => events.push(`reconnecting ${attempt}`));
      await c.connect();
      const recallFailed = expectRejection(c.recall('1'));
      const result = await c.send(BIG_USER, 'survives', { clientMsgId: 'keep-me' });
      expect(result).to.deep.equal({ msgId: BIG_MSG, clientMsgId: 'keep-me', serverTimeMs: 9 });
      expect((await recallFailed).kind).to.equal('disconnected');
      const [first, second] = [server.conns[0], server.conns[1]];
      expect(first.all(Cmd.C2C_SEND_REQ)[0].body.clientMsgId).to.equal('keep-me');
      expect(second.frames[0].cmd).to.equal(Cmd.AUTH_REQ);
      expect(second.all(Cmd.C2C_SEND_REQ).map((f) => f.body.clientMsgId)).to.deep.equal(['keep-me']);
      expect(events).to.deep.equal(['connected', 'disconnected 1001', 'reconnecting 1', 'connected']);
      expect(c.stats.reconnects).to.equal(1);
    });

    it('reconnects after KICK SERVER_SHUTDOWN', async () => {
      const c = client();
      await c.connect();
      const conn = await server.conn(0);
      conn.reply(Cmd.KICK, 0, { reason: KickReason.SERVER_SHUTDOWN, detail: 'drain' });
      conn.ws.close(1001);
      await server.conn(1);
      await waitFor(() => c.stats.reconnects === 1, 'reconnect');
    });

    it('stops after KICK DUPLICATE_LOGIN and fails what was waiting', async () => {
      const c = client();
      const kicks: unknown[] = [];
      c.on('kick', (k) => kicks.push(k));
      await c.connect();
      const sendFailed = expectRejection(c.send('2', 'never acked'));
      const conn = await server.conn(0);
      await conn.next(Cmd.C2C_SEND_REQ);
      conn.reply(Cmd.KICK, 0, { reason: KickReason.DUPLICATE_LOGIN, detail: 'other device' });
      conn.ws.close(4000);
      expect((await sendFailed).kind).to.equal('disconnected');
      expect(kicks).to.deep.equal([{ reason: KickReason.DUPLICATE_LOGIN, detail: 'other device' }]);
      await sleep(80);
      expect(server.conns).to.have.length(1);
    });
  });

  describe('close()', () => {
    it('closes with 1000, fails waiting requests and leaves no timers behind', async () => {
      const activeTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'Immediate').length;
      await sleep(1); // mocha arms its own timeout timer once the test function has returned
      const before = activeTimers();
      server.heartbeatIntervalMs = 20;
      const c = client();
      await c.connect();
      const conn = await server.conn(0);
      conn.reply(Cmd.C2C_PUSH, 0, { message: chat('77') });
      const sendFailed = expectRejection(c.send('2', 'pending'));
      await conn.next(Cmd.C2C_SEND_REQ);
      expect(activeTimers()).to.be.greaterThan(before);
      await c.close();
      expect((await sendFailed).kind).to.equal('closed');
      await waitFor(() => conn.closeCode, 'server-side close');
      expect(conn.closeCode).to.equal(1000);
      expect(conn.ackedIds()).to.deep.equal(['77']);
      // At most: timers of other suites in this process may expire meanwhile, never ours be left.
      expect(activeTimers()).to.be.at.most(before);
      const pings = conn.all(Cmd.PING).length;
      await sleep(60);
      expect(conn.all(Cmd.PING)).to.have.length(pings);
      expect(server.conns).to.have.length(1);
    });

    it('aborts a login in progress', async () => {
      server.handler = () => {}; // never answers AUTH_REQ
      const c = client();
      const login = c.connect();
      await server.conn(0);
      void c.close();
      expect((await expectRejection(login)).kind).to.equal('closed');
    });
  });

  describe('conversations (Additions A)', () => {
    const CONV = `c_7_${BIG_USER}`;
    const entry = (seq: string, from = '7', to = BIG_USER): ChatMessage => ({ ...chat(`${1000 + Number(seq)}`, `e${seq}`), fromUserId: from, toUserId: to, convId: CONV, seq });

    /** Answers SYNC with `convs` (server time `syncTime`) and HISTORY from `log`. */
    function conversationServer(log: ChatMessage[], state: { maxSeq: string; syncTime: number }): void {
      server.handler = (conn, frame) => {
        if (frame.cmd === Cmd.SYNC_REQ) {
          const conv = { convId: CONV, peerUserId: '7', groupId: '0', maxSeq: state.maxSeq, readSeq: '0', peerReadSeq: '0', unread: 0, last: null, updateTimeMs: 1, minSeq: '1' };
          conn.reply(Cmd.SYNC_RESP, frame.seq, { convs: [conv], nextPageToken: '', serverTimeMs: state.syncTime });
        } else if (frame.cmd === Cmd.HISTORY_REQ) {
          const above = log.filter((m) => BigInt(m.seq!) > BigInt(frame.body.afterSeq));
          conn.reply(Cmd.HISTORY_RESP, frame.seq, { messages: above.slice(0, frame.body.limit), hasMore: above.length > frame.body.limit, minSeq: '1' });
        } else {
          server.standard(conn, frame);
        }
      };
    }

    it('asks for echo in AUTH_REQ, syncs everything after the first login, and acks no echo', async () => {
      conversationServer([], { maxSeq: '0', syncTime: 5 });
      const c = client({ echoOwnMessages: true });
      const got: ChatMessage[] = [];
      c.on('message', (m) => got.push(m));
      await c.connect();
      const conn = await server.conn(0);
      expect(conn.frames[0]!.body).to.include({ echoOwnMessages: true });
      expect((await conn.next(Cmd.SYNC_REQ)).body).to.deep.equal({ limit: 0, pageToken: '', updatedAfterMs: 0 });
      conn.reply(Cmd.C2C_PUSH, 0, { message: entry('1', BIG_USER, '7') }); // own, from another device
      conn.reply(Cmd.C2C_PUSH, 0, { message: entry('2') });
      await waitFor(() => conn.ackedIds().length === 1, 'ack');
      await sleep(20);
      expect(conn.ackedIds()).to.deep.equal([entry('2').msgId]);
      expect(got.map((m) => m.seq)).to.deep.equal(['1', '2']);
    });

    it('after a reconnect syncs from the last server time minus 60 s and fetches after the last seq seen', async () => {
      const log = ['1', '2', '3', '4'].map((seq) => entry(seq));
      const state = { maxSeq: '1', syncTime: 1_000_000 };
      conversationServer(log, state);
      const c = client();
      const got: ChatMessage[] = [];
      c.on('message', (m) => got.push(m));
      await c.connect();
      const first = await server.conn(0);
      await first.next(Cmd.SYNC_REQ);
      first.reply(Cmd.C2C_PUSH, 0, { message: log[0]! });
      await waitFor(() => got.length === 1, 'seq 1');
      state.maxSeq = '4';
      first.ws.terminate();
      const second = await server.conn(1);
      expect((await second.next(Cmd.SYNC_REQ)).body).to.include({ updatedAfterMs: 940_000 });
      const history = await second.next(Cmd.HISTORY_REQ);
      expect(history.body).to.include({ convId: CONV, afterSeq: '1', beforeSeq: '0' });
      await waitFor(() => got.length === 4, 'seq 2..4');
      expect(got.map((m) => m.seq)).to.deep.equal(['1', '2', '3', '4']);
      expect(c.stats.historyFetches).to.equal(1);
    });

    it('with catchUp off sends no SYNC or HISTORY and emits pushes as they come', async () => {
      const c = client({ catchUp: false });
      const got: ChatMessage[] = [];
      c.on('message', (m) => got.push(m));
      await c.connect();
      const conn = await server.conn(0);
      conn.reply(Cmd.C2C_PUSH, 0, { message: entry('3') });
      conn.reply(Cmd.C2C_PUSH, 0, { message: entry('1') });
      await waitFor(() => got.length === 2, 'both pushes');
      await sleep(20);
      expect(got.map((m) => m.seq)).to.deep.equal(['3', '1']);
      expect(conn.frames.filter((f) => f.cmd === Cmd.SYNC_REQ || f.cmd === Cmd.HISTORY_REQ)).to.deep.equal([]);
    });
  });
});

describe('client/backoff', () => {
  it('draws from [0, min(max, initial * 2^attempt))', () => {
    const options = { initialMs: 500, maxMs: 30_000 };
    expect(backoffDelay(0, options, () => 0)).to.equal(0);
    expect(backoffDelay(0, options, () => 0.999)).to.equal(499);
    expect(backoffDelay(3, options, () => 0.5)).to.equal(2000);
    expect(backoffDelay(60, options, () => 0.5)).to.equal(15_000);
  });
});

describe('client/RecentIds', () => {
  it('remembers the last `capacity` ids', () => {
    const recent = new RecentIds(2);
    expect(recent.add('1')).to.equal(true);
    expect(recent.add('1')).to.equal(false);
    expect(recent.add('2')).to.equal(true);
    expect(recent.add('3')).to.equal(true); // evicts '1'
    expect(recent.add('2')).to.equal(false);
    expect(recent.add('1')).to.equal(true);
    expect([recent.has('1'), recent.has('3'), recent.has('2')]).to.deep.equal([true, true, false]);
  });
});
