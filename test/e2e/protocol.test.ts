// Every numbered behaviour of ../shared/PROTOCOL.md, on the wire, against a started gateway:
// over WebSocket, and over raw TCP (4-byte length prefix), where only the cutting of frames and
// the close codes differ.
import { expect } from 'chai';
import { SignJWT } from 'jose';
import { encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, ErrorCode, FrameMessage, KickReason, MsgFormat } from '../../src/protocol/messages.js';
import { MsgStatus } from '../../src/storage/message-store.js';
import { RawClient, type FrameClient } from '../support/raw-client.js';
import { startGatewayIn, TEST_SECRET, type Mode, type TestGateway } from '../support/gateway.js';
import { startTcpGateway, TcpClient } from '../support/tcp-client.js';
import { needMysql, needRedis } from '../support/services.js';

const BIG_A = '9007199254740993'; // 2^53 + 1
const BIG_B = '9223372036854775807'; // 2^63 - 1
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Transport = 'WebSocket' | 'TCP';

/** Every mode over WebSocket; TCP in embedded mode only, as the transport does not touch the backends. */
const RUNS: Array<[Mode, Transport]> = [['embedded', 'WebSocket'], ['production', 'WebSocket'], ['embedded', 'TCP']];

/** A started gateway and how to open a connection to it over the transport under test. */
type ProtocolGateway = TestGateway & { connect(): Promise<FrameClient> };

async function startOver(transport: Transport, mode: Mode, overrides: Parameters<typeof startGatewayIn>[1] = {}): Promise<ProtocolGateway> {
  if (transport === 'TCP') {
    const gw = await startTcpGateway(overrides);
    return { ...gw, connect: () => TcpClient.open(gw.tcpPort) };
  }
  const gw = await startGatewayIn(mode, overrides);
  return { ...gw, connect: () => RawClient.open(gw.url) };
}

async function login(gw: ProtocolGateway, userId: string, deviceId = 'phone'): Promise<FrameClient> {
  const client = await gw.connect();
  client.send(Cmd.AUTH_REQ, { token: await gw.token(userId), deviceId, platform: 'test' });
  const resp = await client.next(Cmd.AUTH_RESP);
  expect(resp.body.userId).to.equal(userId);
  return client;
}

function sendText(client: FrameClient, to: string, content: string, clientMsgId = `c-${Math.random()}`) {
  const seq = client.send(Cmd.C2C_SEND_REQ, { clientMsgId, toUserId: to, content, format: MsgFormat.TEXT });
  return client.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq);
}

function nextError(client: FrameClient, seq?: number) {
  return client.next(Cmd.ERROR, (f) => seq === undefined || f.seq === seq);
}

for (const [mode, transport] of RUNS) describe(`protocol (${mode} gateway, real ${transport} clients)`, function () {
  let gw: ProtocolGateway;
  const clients: FrameClient[] = [];
  const track = (c: FrameClient) => (clients.push(c), c);
  /** A frame over the limit ends the connection with close code 1009; TCP has no close codes. */
  const [tooLargeCode, tooLargeCodeText] = transport === 'WebSocket' ? [1009, ' 1009'] : [null, ''];

  async function restart(overrides: Parameters<typeof startGatewayIn>[1]) {
    await gw.stop();
    gw = await startOver(transport, mode, overrides);
  }

  before(async function () {
    if (mode === 'production') {
      await needMysql(this);
      await needRedis(this);
    }
  });
  beforeEach(async () => {
    gw = await startOver(transport, mode);
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gw?.stop();
  });

  describe('1. auth first', () => {
    it('accepts a valid token and answers AUTH_RESP with ids above 2^53 intact', async () => {
      const client = track(await gw.connect());
      const seq = client.send(Cmd.AUTH_REQ, { token: await gw.token(BIG_B), deviceId: 'd', platform: 'ios' });
      const resp = await client.next(Cmd.AUTH_RESP);
      expect(resp.seq).to.equal(seq);
      expect(resp.body.userId).to.equal(BIG_B);
      expect(resp.body.sessionId).to.have.length.greaterThan(0);
      expect(resp.body.heartbeatIntervalMs).to.equal(gw.config.heartbeat.intervalMs);
      expect(Math.abs(resp.body.serverTimeMs - Date.now())).to.be.lessThan(5000);
    });

    it('refuses any other first frame with UNAUTHENTICATED, then closes', async () => {
      const client = track(await gw.connect());
      const seq = client.send(Cmd.PING, { clientTimeMs: '1' });
      expect((await nextError(client, seq)).body.code).to.equal(ErrorCode.UNAUTHENTICATED);
      await client.closed();
    });

    for (const [name, token] of [
      ['garbage', async () => 'not-a-jwt'],
      ['wrong secret', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('1').setExpirationTime('1h').sign(new TextEncoder().encode('other'))],
      ['expired', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('1').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(TEST_SECRET))],
      ['non-numeric sub', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setExpirationTime('1h').sign(new TextEncoder().encode(TEST_SECRET))],
    ] as const) {
      it(`refuses a ${name} token with UNAUTHENTICATED, then closes`, async () => {
        const client = track(await gw.connect());
        const seq = client.send(Cmd.AUTH_REQ, { token: await token(), deviceId: '', platform: '' });
        expect((await nextError(client, seq)).body.code).to.equal(ErrorCode.UNAUTHENTICATED);
        await client.closed();
      });
    }

    it('closes a connection that stays silent past the auth timeout', async () => {
      await restart({ auth: { timeoutMs: 200 } });
      const client = track(await gw.connect());
      expect((await nextError(client)).body.code).to.equal(ErrorCode.UNAUTHENTICATED);
      await client.closed();
    });
  });

  describe('2. server ack means durable, and dedup', () => {
    it('acks after the message is stored and returns the same msg_id for a resend, delivering once', async () => {
      await restart({ retry: { initialBackoffMs: 60_000 } });
      const alice = track(await login(gw, BIG_A));
      const bob = track(await login(gw, BIG_B));
      await sleep(200); // let bob's login finish its offline push, which could carry the message too
      const ack = await sendText(alice, BIG_B, 'hello', 'same-id');
      expect(BigInt(ack.body.msgId) > 2n ** 53n).to.equal(true);
      const stored = await gw.backends.store.findById(ack.body.msgId);
      expect(stored?.content).to.equal('hello');
      const push = await bob.next(Cmd.C2C_PUSH);
      expect(push.body.message.msgId).to.equal(ack.body.msgId);

      const again = await sendText(alice, BIG_B, 'hello', 'same-id');
      expect(again.body.msgId).to.equal(ack.body.msgId);
      expect(again.body.serverTimeMs).to.equal(ack.body.serverTimeMs);
      await sleep(150);
      expect(bob.all(Cmd.C2C_PUSH)).to.have.length(0);
    });

    it('takes a 64-character client_msg_id of 4-byte characters in the same batch as others', async () => {
      const alice = track(await login(gw, '3'));
      const [emoji, plain] = await Promise.all([sendText(alice, '4', 'a', '😀'.repeat(64)), sendText(alice, '4', 'b', 'plain')]);
      expect(emoji.body.clientMsgId).to.equal('😀'.repeat(64));
      expect(plain.body.msgId).to.not.equal(emoji.body.msgId);
    });

    it('dedups two concurrent sends of the same client_msg_id to one message', async () => {
      const alice = track(await login(gw, '1'));
      const [a, b] = await Promise.all([sendText(alice, '2', 'x', 'twin'), sendText(alice, '2', 'x', 'twin')]);
      expect(a.body.msgId).to.equal(b.body.msgId);
      const page = await gw.backends.store.listPending('2', '0', 10);
      expect(page).to.have.length(1);
    });
  });

  describe('3. the sender is the session user', () => {
    it('stamps from_user_id from the session', async () => {
      const alice = track(await login(gw, '11'));
      const bob = track(await login(gw, '12'));
      await sendText(alice, '12', 'who am i');
      const push = await bob.next(Cmd.C2C_PUSH);
      expect(push.body.message.fromUserId).to.equal('11');
      expect(push.body.message.toUserId).to.equal('12');
    });
  });

  describe('4. at-least-once to the receiver', () => {
    it('re-pushes an unacked message with the same msg_id until acked, then never again', async () => {
      const alice = track(await login(gw, '21'));
      const bob = track(await login(gw, '22'));
      const ack = await sendText(alice, '22', 'retry me');
      const first = await bob.next(Cmd.C2C_PUSH);
      const second = await bob.next(Cmd.C2C_PUSH, undefined, 3000);
      expect(first.body.message.msgId).to.equal(ack.body.msgId);
      expect(second.body.message.msgId).to.equal(ack.body.msgId);
      bob.send(Cmd.C2C_ACK, { msgIds: [ack.body.msgId] });
      await sleep(150);
      bob.frames.splice(0);
      await sleep(1000);
      expect(bob.all(Cmd.C2C_PUSH)).to.have.length(0);
      expect((await gw.backends.store.findById(ack.body.msgId))?.status).to.equal(MsgStatus.DELIVERED);
      // a later login does not bring it back either
      bob.close();
      const again = track(await login(gw, '22', 'tablet'));
      await sleep(200);
      expect(again.all(Cmd.C2C_PUSH)).to.have.length(0);
    });

    it('stops re-pushing after the bounded attempts and keeps the message undelivered', async () => {
      await restart({ retry: { tickMs: 20, initialBackoffMs: 40, maxAttempts: 2 } });
      const alice = track(await login(gw, '31'));
      const bob = track(await login(gw, '32'));
      await sleep(200); // let bob's login finish loading its (empty) offline list, or it may push the message too
      const ack = await sendText(alice, '32', 'nobody acks');
      await sleep(1000);
      const pushes = bob.all(Cmd.C2C_PUSH).filter((f) => f.body.message.msgId === ack.body.msgId);
      expect(pushes).to.have.length(3); // first push + 2 re-pushes
      const seq = bob.send(Cmd.PULL_OFFLINE_REQ, { limit: 10, afterMsgId: '0' });
      const page = await bob.next(Cmd.PULL_OFFLINE_RESP, (f) => f.seq === seq);
      expect(page.body.messages.map((m) => m.msgId)).to.deep.equal([ack.body.msgId]);
    });

    it('counts an ack sent right after reconnecting for a message only the previous session was pushed', async () => {
      await restart({ offline: { loginBatch: 0 } });
      const alice = track(await login(gw, '23'));
      const first = track(await login(gw, BIG_A));
      const ack = await sendText(alice, BIG_A, 'acked late');
      expect((await first.next(Cmd.C2C_PUSH)).body.message.msgId).to.equal(ack.body.msgId);
      first.close();
      // The new session is pushed nothing (loginBatch 0): the id is known to it only as owed.
      const second = track(await login(gw, BIG_A));
      second.send(Cmd.C2C_ACK, { msgIds: [ack.body.msgId, '9223372036854775806'] });
      for (let i = 0; i < 50 && (await gw.backends.store.findById(ack.body.msgId))?.status !== MsgStatus.DELIVERED; i++) await sleep(20);
      expect((await gw.backends.store.findById(ack.body.msgId))?.status).to.equal(MsgStatus.DELIVERED);
      const seq = second.send(Cmd.PULL_OFFLINE_REQ, { limit: 0, afterMsgId: '0' });
      expect((await second.next(Cmd.PULL_OFFLINE_RESP, (f) => f.seq === seq)).body.messages).to.deep.equal([]);
      expect(second.all(Cmd.C2C_PUSH)).to.have.length(0);
      expect(second.all(Cmd.ERROR)).to.have.length(0);
    });

    it('pushes to every device of the receiver', async () => {
      const alice = track(await login(gw, '41'));
      const phone = track(await login(gw, '42', 'phone'));
      const laptop = track(await login(gw, '42', 'laptop'));
      const ack = await sendText(alice, '42', 'both');
      expect((await phone.next(Cmd.C2C_PUSH)).body.message.msgId).to.equal(ack.body.msgId);
      expect((await laptop.next(Cmd.C2C_PUSH)).body.message.msgId).to.equal(ack.body.msgId);
    });
  });

  describe('5. offline', () => {
    it('pushes undelivered messages oldest first right after AUTH_RESP', async () => {
      const alice = track(await login(gw, '51'));
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await sendText(alice, BIG_B, `m${i}`)).body.msgId);
      const bob = track(await gw.connect());
      bob.send(Cmd.AUTH_REQ, { token: await gw.token(BIG_B), deviceId: 'x', platform: '' });
      await bob.next(Cmd.AUTH_RESP);
      const pushed = [];
      for (let i = 0; i < 5; i++) pushed.push((await bob.next(Cmd.C2C_PUSH)).body.message);
      expect(pushed.map((m) => m.msgId)).to.deep.equal(ids);
      expect(pushed.map((m) => m.content)).to.deep.equal(['m0', 'm1', 'm2', 'm3', 'm4']);
      expect(bob.frames.findIndex((f) => f.cmd === Cmd.AUTH_RESP)).to.equal(-1);
    });

    it('pages through undelivered messages by msg_id cursor with has_more', async () => {
      await restart({ offline: { loginBatch: 0 } });
      const alice = track(await login(gw, '61'));
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await sendText(alice, '62', `p${i}`)).body.msgId);
      const bob = track(await login(gw, '62'));
      const pages: string[][] = [];
      let after = '0';
      for (;;) {
        const seq = bob.send(Cmd.PULL_OFFLINE_REQ, { limit: 2, afterMsgId: after });
        const page = await bob.next(Cmd.PULL_OFFLINE_RESP, (f) => f.seq === seq);
        pages.push(page.body.messages.map((m) => m.msgId));
        if (!page.body.hasMore) break;
        after = page.body.messages[page.body.messages.length - 1]!.msgId;
      }
      expect(pages).to.deep.equal([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
      expect(bob.all(Cmd.C2C_PUSH)).to.have.length(0);
    });

    it('keeps pulled messages until they are acked', async () => {
      await restart({ offline: { loginBatch: 0 } });
      const alice = track(await login(gw, '71'));
      const ack = await sendText(alice, '72', 'keep me');
      const bob = track(await login(gw, '72'));
      const pull = async () => {
        const seq = bob.send(Cmd.PULL_OFFLINE_REQ, { limit: 0, afterMsgId: '0' });
        return (await bob.next(Cmd.PULL_OFFLINE_RESP, (f) => f.seq === seq)).body.messages.map((m) => m.msgId);
      };
      expect(await pull()).to.deep.equal([ack.body.msgId]);
      expect(await pull()).to.deep.equal([ack.body.msgId]);
      bob.send(Cmd.C2C_ACK, { msgIds: [ack.body.msgId] });
      await sleep(100);
      expect(await pull()).to.deep.equal([]);
    });
  });

  describe('6. recall', () => {
    it('notifies an online receiver and answers the sender', async () => {
      const alice = track(await login(gw, '81'));
      const bob = track(await login(gw, '82'));
      const ack = await sendText(alice, '82', 'oops');
      await bob.next(Cmd.C2C_PUSH);
      const seq = alice.send(Cmd.RECALL_REQ, { msgId: ack.body.msgId });
      const resp = await alice.next(Cmd.RECALL_RESP, (f) => f.seq === seq);
      expect(resp.body.msgId).to.equal(ack.body.msgId);
      const note = await bob.next(Cmd.RECALL_NOTIFY);
      expect(note.body).to.deep.include({ msgId: ack.body.msgId, fromUserId: '81', toUserId: '82', recallTimeMs: resp.body.recallTimeMs });
      // idempotent
      const seq2 = alice.send(Cmd.RECALL_REQ, { msgId: ack.body.msgId });
      expect((await alice.next(Cmd.RECALL_RESP, (f) => f.seq === seq2)).body.recallTimeMs).to.equal(resp.body.recallTimeMs);
    });

    it('tells an online receiver once: not again at its next login', async () => {
      const alice = track(await login(gw, '87'));
      const bob = track(await login(gw, '88'));
      const ack = await sendText(alice, '88', 'oops');
      await bob.next(Cmd.C2C_PUSH);
      alice.send(Cmd.RECALL_REQ, { msgId: ack.body.msgId });
      expect((await bob.next(Cmd.RECALL_NOTIFY)).body.msgId).to.equal(ack.body.msgId);
      bob.close();
      const again = track(await login(gw, '88'));
      await sleep(300);
      expect(again.all(Cmd.RECALL_NOTIFY)).to.have.length(0);
    });

    it('tells an offline receiver at its next login and never delivers the recalled message', async () => {
      const alice = track(await login(gw, '91'));
      const kept = await sendText(alice, '92', 'stays');
      const gone = await sendText(alice, '92', 'goes');
      const seq = alice.send(Cmd.RECALL_REQ, { msgId: gone.body.msgId });
      await alice.next(Cmd.RECALL_RESP, (f) => f.seq === seq);
      const bob = track(await login(gw, '92'));
      const note = await bob.next(Cmd.RECALL_NOTIFY);
      expect(note.body.msgId).to.equal(gone.body.msgId);
      const push = await bob.next(Cmd.C2C_PUSH);
      expect(push.body.message.msgId).to.equal(kept.body.msgId);
      await sleep(300);
      expect(bob.all(Cmd.C2C_PUSH).map((f) => f.body.message.msgId)).to.not.include(gone.body.msgId);
      // the notice was consumed
      bob.close();
      const again = track(await login(gw, '92', 'other'));
      await sleep(200);
      expect(again.all(Cmd.RECALL_NOTIFY)).to.have.length(0);
    });

    it('stops re-pushes of a recalled unacked message', async () => {
      const alice = track(await login(gw, '101'));
      const bob = track(await login(gw, '102'));
      const ack = await sendText(alice, '102', 'r');
      await bob.next(Cmd.C2C_PUSH);
      alice.send(Cmd.RECALL_REQ, { msgId: ack.body.msgId });
      await bob.next(Cmd.RECALL_NOTIFY);
      bob.frames.splice(0);
      await sleep(800);
      expect(bob.all(Cmd.C2C_PUSH)).to.have.length(0);
    });

    it('answers FORBIDDEN to anyone but the sender, NOT_FOUND for unknown ids', async () => {
      const alice = track(await login(gw, '111'));
      const bob = track(await login(gw, '112'));
      const ack = await sendText(alice, '112', 'mine');
      const seq = bob.send(Cmd.RECALL_REQ, { msgId: ack.body.msgId });
      expect((await nextError(bob, seq)).body.code).to.equal(ErrorCode.FORBIDDEN);
      const seq2 = alice.send(Cmd.RECALL_REQ, { msgId: BIG_B });
      expect((await nextError(alice, seq2)).body.code).to.equal(ErrorCode.NOT_FOUND);
      const seq3 = alice.send(Cmd.RECALL_REQ, { msgId: '18446744073709551615' }); // a uint64 no snowflake reaches
      expect((await nextError(alice, seq3)).body.code).to.equal(ErrorCode.NOT_FOUND);
    });

    it('answers RECALL_WINDOW_EXPIRED after the window', async () => {
      await restart({ messaging: { recallWindowMs: 100 } });
      const alice = track(await login(gw, '121'));
      const ack = await sendText(alice, '122', 'late');
      await sleep(200);
      const seq = alice.send(Cmd.RECALL_REQ, { msgId: ack.body.msgId });
      expect((await nextError(alice, seq)).body.code).to.equal(ErrorCode.RECALL_WINDOW_EXPIRED);
    });
  });

  describe('7. heartbeat', () => {
    it('answers PING with PONG echoing client_time_ms', async () => {
      const alice = track(await login(gw, '131'));
      const seq = alice.send(Cmd.PING, { clientTimeMs: '9223372036854775807' });
      const pong = await alice.next(Cmd.PONG, (f) => f.seq === seq);
      expect(pong.body.clientTimeMs, 'int64 max, echoed exactly').to.equal('9223372036854775807');
      expect(Math.abs(pong.body.serverTimeMs - Date.now())).to.be.lessThan(5000);
    });

    it('kicks a session silent for 3 intervals with HEARTBEAT_TIMEOUT', async () => {
      await restart({ heartbeat: { intervalMs: 100 } });
      const alice = track(await login(gw, '141'));
      const kick = await alice.next(Cmd.KICK, undefined, 3000);
      expect(kick.body.reason).to.equal(KickReason.HEARTBEAT_TIMEOUT);
      await alice.closed();
    });

    it('keeps a session that pings', async () => {
      await restart({ heartbeat: { intervalMs: 100 } });
      const alice = track(await login(gw, '151'));
      for (let i = 0; i < 8; i++) {
        alice.send(Cmd.PING, { clientTimeMs: String(i) });
        await sleep(80);
      }
      expect(alice.all(Cmd.KICK)).to.have.length(0);
      expect(alice.ended).to.equal(false);
    });
  });

  describe('8. bad input', () => {
    it('answers a malformed frame with BAD_REQUEST and keeps the session', async () => {
      const alice = track(await login(gw, '161'));
      alice.sendBytes(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]));
      expect((await nextError(alice)).body.code).to.equal(ErrorCode.BAD_REQUEST);
      const seq = alice.send(Cmd.PING, { clientTimeMs: '1' });
      await alice.next(Cmd.PONG, (f) => f.seq === seq);
    });

    it('answers a malformed body with BAD_REQUEST echoing the seq', async () => {
      const alice = track(await login(gw, '162'));
      alice.sendBytes(FrameMessage.encode({ version: 1, cmd: Cmd.C2C_SEND_REQ, seq: 77, body: Buffer.from([0x0a, 0xff]) }).finish());
      const err = await nextError(alice, 77);
      expect(err.body.code).to.equal(ErrorCode.BAD_REQUEST);
    });

    it('answers UNKNOWN_CMD and UNSUPPORTED_VERSION', async () => {
      const alice = track(await login(gw, '163'));
      alice.sendBytes(FrameMessage.encode({ version: 1, cmd: 77 as Cmd, seq: 5, body: new Uint8Array() }).finish());
      expect((await nextError(alice, 5)).body.code).to.equal(ErrorCode.UNKNOWN_CMD);
      alice.sendBytes(FrameMessage.encode({ version: 1, cmd: Cmd.C2C_PUSH, seq: 6, body: new Uint8Array() }).finish());
      expect((await nextError(alice, 6)).body.code).to.equal(ErrorCode.UNKNOWN_CMD);
      alice.sendBytes(FrameMessage.encode({ version: 2, cmd: Cmd.PING, seq: 7, body: new Uint8Array() }).finish());
      expect((await nextError(alice, 7)).body.code).to.equal(ErrorCode.UNSUPPORTED_VERSION);
    });

    it('kicks a session that keeps sending malformed frames with ABUSE', async () => {
      await restart({ limits: { maxBadFrames: 3 } });
      const alice = track(await login(gw, '164'));
      for (let i = 0; i < 4; i++) alice.sendBytes(Buffer.from([0xff, 0xff]));
      expect((await alice.next(Cmd.KICK)).body.reason).to.equal(KickReason.ABUSE);
      await alice.closed();
    });

    if (transport === 'WebSocket') it('refuses a text message with an ERROR, then close 1003', async () => {
      const alice = track(await login(gw, '165')) as RawClient;
      alice.sendBytes('hello');
      expect((await nextError(alice)).body.code).to.equal(ErrorCode.BAD_REQUEST);
      expect(await alice.closed()).to.equal(1003);
    });

    it(`answers an oversized frame with TOO_LARGE, then close${tooLargeCodeText}`, async () => {
      await restart({ server: { maxFrameBytes: 1024 } });
      const alice = track(await login(gw, '166'));
      alice.sendBytes(encodeFrame(Cmd.C2C_SEND_REQ, 9, { clientMsgId: 'big', toUserId: '2', content: 'x'.repeat(2000), format: MsgFormat.TEXT }));
      expect((await nextError(alice)).body.code).to.equal(ErrorCode.TOO_LARGE);
      expect(await alice.closed()).to.equal(tooLargeCode);
    });

    it(`closes${tooLargeCodeText} even for a frame far above the limit`, async () => {
      await restart({ server: { maxFrameBytes: 1024 } });
      const alice = track(await login(gw, '167'));
      alice.sendBytes(Buffer.alloc(100_000));
      expect(await alice.closed()).to.equal(tooLargeCode);
      // the gateway is still alive
      track(await login(gw, '168'));
    });

    it('answers content over the limit with TOO_LARGE and keeps the session', async () => {
      await restart({ limits: { maxContentChars: 10 } });
      const alice = track(await login(gw, '169'));
      const seq = alice.send(Cmd.C2C_SEND_REQ, { clientMsgId: 'long', toUserId: '2', content: 'x'.repeat(11), format: MsgFormat.TEXT });
      expect((await nextError(alice, seq)).body.code).to.equal(ErrorCode.TOO_LARGE);
      const ok = await sendText(alice, '2', '😀'.repeat(10));
      expect(ok.body.msgId).to.not.equal('0');
    });

    for (const [name, body] of [
      ['to_user_id 0', { clientMsgId: 'a', toUserId: '0', content: 'x', format: MsgFormat.TEXT }],
      ['empty content', { clientMsgId: 'a', toUserId: '2', content: '', format: MsgFormat.TEXT }],
      ['unspecified format', { clientMsgId: 'a', toUserId: '2', content: 'x', format: MsgFormat.MSG_FORMAT_UNSPECIFIED }],
      ['unknown format', { clientMsgId: 'a', toUserId: '2', content: 'x', format: 42 as MsgFormat }],
      ['empty client_msg_id', { clientMsgId: '', toUserId: '2', content: 'x', format: MsgFormat.TEXT }],
      ['65-char client_msg_id', { clientMsgId: 'c'.repeat(65), toUserId: '2', content: 'x', format: MsgFormat.TEXT }],
      ['client_msg_id ending in a space', { clientMsgId: 'x ', toUserId: '2', content: 'x', format: MsgFormat.TEXT }],
    ] as const) {
      it(`answers BAD_REQUEST for ${name} and stores nothing`, async () => {
        const alice = track(await login(gw, '170'));
        const seq = alice.send(Cmd.C2C_SEND_REQ, body);
        expect((await nextError(alice, seq)).body.code).to.equal(ErrorCode.BAD_REQUEST);
        expect(await gw.backends.store.listPending('2', '0', 10)).to.have.length(0);
      });
    }

    it('rate-limits requests beyond the bucket and does not accept them', async () => {
      await restart({ limits: { ratePerSec: 1, rateBurst: 3 } });
      const alice = track(await login(gw, '171'));
      const seqs = [0, 1, 2, 3, 4].map((i) => alice.send(Cmd.C2C_SEND_REQ, { clientMsgId: `r${i}`, toUserId: '172', content: 'x', format: MsgFormat.TEXT }));
      const limited = await nextError(alice, seqs[3]);
      expect(limited.body.code).to.equal(ErrorCode.RATE_LIMITED);
      expect((await nextError(alice, seqs[4])).body.code).to.equal(ErrorCode.RATE_LIMITED);
      for (const seq of seqs.slice(0, 3)) await alice.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq);
      expect(await gw.backends.store.listPending('172', '0', 10)).to.have.length(3);
      // heartbeats are never limited
      const ping = alice.send(Cmd.PING, { clientTimeMs: '0' });
      await alice.next(Cmd.PONG, (f) => f.seq === ping);
    });

    it('survives a client that vanishes mid-request', async () => {
      const alice = track(await login(gw, '173'));
      alice.send(Cmd.C2C_SEND_REQ, { clientMsgId: 'v', toUserId: '174', content: 'x', format: MsgFormat.TEXT });
      alice.terminate();
      await sleep(100);
      const bob = track(await login(gw, '174'));
      expect((await bob.next(Cmd.C2C_PUSH)).body.message.content).to.equal('x');
    });
  });

  describe('sessions', () => {
    it('kicks the older session on the same device with DUPLICATE_LOGIN', async () => {
      const first = track(await login(gw, '181', 'phone'));
      const second = track(await login(gw, '181', 'phone'));
      expect((await first.next(Cmd.KICK)).body.reason).to.equal(KickReason.DUPLICATE_LOGIN);
      await first.closed();
      const alice = track(await login(gw, '182'));
      await sendText(alice, '181', 'to the new one');
      expect((await second.next(Cmd.C2C_PUSH)).body.message.content).to.equal('to the new one');
    });

    it('stops pushing to a slow consumer, kicks it, and keeps its messages undelivered', async () => {
      await restart({
        server: { slowConsumerBytes: 1024, slowConsumerGraceMs: 300, maxFrameBytes: 262_144 },
        limits: { maxContentChars: 16_000, ratePerSec: 10_000, rateBurst: 10_000 },
        retry: { initialBackoffMs: 60_000 },
      });
      const alice = track(await login(gw, '191'));
      const bob = track(await login(gw, '192'));
      bob.pauseReading();
      // 48 KB a message: 1000 of them overflow whatever the kernel's loopback socket buffers absorb.
      const big = '€'.repeat(16_000);
      const acks = [];
      for (let i = 0; i < 1000; i++) acks.push(sendText(alice, '192', big, `slow-${i}`));
      const sent = await Promise.all(acks);
      await sleep(800);
      bob.resumeReading();
      const kick = await bob.next(Cmd.KICK, undefined, 10_000);
      expect(kick.body.reason).to.equal(KickReason.SLOW_CONSUMER);
      const got = new Set(bob.all(Cmd.C2C_PUSH).map((f) => f.body.message.msgId));
      expect(got.size).to.be.lessThan(sent.length);
      // whatever it did not get is still undelivered (pending in the store), and the next login
      // starts with the oldest
      const missing = sent.map((a) => a.body.msgId).filter((id) => !got.has(id));
      expect(missing).to.not.be.empty;
      expect((await gw.backends.store.findPending(missing)).map((m) => m.msgId).sort()).to.deep.equal([...missing].sort());
      const again = track(await login(gw, '192', 'phone'));
      expect((await again.next(Cmd.C2C_PUSH)).body.message.msgId).to.equal(sent[0]!.body.msgId);
    });
  });

  describe('ops', () => {
    it('serves /healthz, /readyz and /metrics on the ops port', async () => {
      expect((await fetch(`${gw.opsUrl}/healthz`)).status).to.equal(200);
      const ready = await fetch(`${gw.opsUrl}/readyz`);
      expect(ready.status).to.equal(200);
      const metrics = await (await fetch(`${gw.opsUrl}/metrics`)).text();
      expect(metrics).to.contain('im_connections');
    });

    it('lists a user\'s sessions and kicks one device through the admin API', async () => {
      await restart({ ops: { adminToken: 'admin-secret' } });
      const phone = track(await login(gw, BIG_B, 'phone'));
      const laptop = track(await login(gw, BIG_B, 'laptop'));
      const auth = { authorization: 'Bearer admin-secret' };
      expect((await fetch(`${gw.opsUrl}/admin/users/${BIG_B}/sessions`)).status).to.equal(401);
      const sessions = await (await fetch(`${gw.opsUrl}/admin/users/${BIG_B}/sessions`, { headers: auth })).json() as Array<{ deviceId: string }>;
      expect(sessions.map((s) => s.deviceId).sort()).to.deep.equal(['laptop', 'phone']);
      const kicked = await fetch(`${gw.opsUrl}/admin/users/${BIG_B}/kick?device=laptop`, { method: 'POST', headers: auth });
      expect(await kicked.json()).to.deep.equal({ kicked: 1 });
      expect((await laptop.next(Cmd.KICK)).body.reason).to.equal(KickReason.ADMIN);
      expect(phone.all(Cmd.KICK)).to.have.length(0);
      const node = await (await fetch(`${gw.opsUrl}/admin/node`, { headers: auth })).json() as Record<string, unknown>;
      expect(node).to.include({ mode });
      const metrics = await (await fetch(`${gw.opsUrl}/metrics`)).text();
      expect(metrics).to.match(/im_outbox_backlog \d+/);
      expect(metrics).to.match(/im_retry_queue_depth \d+/);
    });
  });
});
