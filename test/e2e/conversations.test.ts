// PROTOCOL.md "Additions A", behaviours 10-13 and the multi-device rules, on the wire, against a
// started gateway in both modes.
import { expect } from 'chai';
import { Cmd, ErrorCode, MsgFormat, type Bodies, type ConvState } from '../../src/protocol/messages.js';
import type { RawClient } from '../support/raw-client.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openBackends } from '../../src/app/backends.js';
import { silentLogger } from '../../src/log/logger.js';
import { startGateway, startGatewayIn, type Mode, type TestGateway } from '../support/gateway.js';
import { needServicesOf, rawLogins } from '../support/e2e.js';

const BIG = '18446744073709551615'; // 2^64 - 1
const BIG2 = '9007199254740993'; // 2^53 + 1
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const mode of ['embedded', 'production'] as Mode[]) describe(`conversations (${mode} gateway, real WebSocket clients)`, function () {
  let gw: TestGateway;
  const { login, closeAll } = rawLogins(() => gw);

  async function send(client: RawClient, to: string, content: string, format: MsgFormat = MsgFormat.TEXT) {
    const seq = client.send(Cmd.C2C_SEND_REQ, { clientMsgId: `c-${Math.random()}`, toUserId: to, content, format });
    return (await client.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq)).body;
  }

  async function request<Req extends typeof Cmd.SYNC_REQ | typeof Cmd.HISTORY_REQ | typeof Cmd.READ_REQ, Resp extends typeof Cmd.SYNC_RESP | typeof Cmd.HISTORY_RESP | typeof Cmd.READ_RESP>(
    client: RawClient, cmd: Req, body: Bodies[Req], reply: Resp): Promise<Bodies[Resp]> {
    const seq = client.send(cmd, body);
    return (await client.next(reply, (f) => f.seq === seq)).body;
  }

  const sync = (client: RawClient, body: Partial<Bodies[typeof Cmd.SYNC_REQ]> = {}) =>
    request(client, Cmd.SYNC_REQ, { limit: 0, pageToken: '', updatedAfterMs: 0, ...body }, Cmd.SYNC_RESP);
  const history = (client: RawClient, convId: string, body: Partial<Bodies[typeof Cmd.HISTORY_REQ]> = {}) =>
    request(client, Cmd.HISTORY_REQ, { convId, afterSeq: '0', beforeSeq: '0', limit: 0, ...body }, Cmd.HISTORY_RESP);
  const markRead = (client: RawClient, convId: string, readSeq: string) =>
    request(client, Cmd.READ_REQ, { convId, readSeq }, Cmd.READ_RESP);

  async function errorFor(client: RawClient, cmd: Parameters<RawClient['send']>[0], body: never): Promise<ErrorCode> {
    const seq = client.send(cmd, body);
    return (await client.next(Cmd.ERROR, (f) => f.seq === seq)).body.code;
  }

  before(async function () {
    await needServicesOf(this, mode);
  });
  beforeEach(async () => {
    gw = await startGatewayIn(mode);
  });
  afterEach(async () => {
    closeAll();
    await gw?.stop();
  });

  describe('conversation and seq', () => {
    it('acks and pushes with conv_id c_<lo>_<hi> and seq 1, 2, 3... for both directions', async () => {
      const alice = await login('10');
      const bob = await login('9');
      const a1 = await send(alice, '9', 'one');
      const b2 = await send(bob, '10', 'two');
      const a3 = await send(alice, '9', 'three');
      expect([a1, b2, a3].map((a) => [a.convId, a.seq])).to.deep.equal([['c_9_10', '1'], ['c_9_10', '2'], ['c_9_10', '3']]);
      const push = await bob.next(Cmd.C2C_PUSH, (f) => f.body.message.msgId === a3.msgId);
      expect(push.body.message).to.include({ convId: 'c_9_10', seq: '3', recalled: false, recalledMsgId: '0' });
    });

    it('refuses the server-only formats RECALL and GROUP_EVENT with BAD_REQUEST', async () => {
      const alice = await login('11');
      for (const format of [MsgFormat.RECALL, MsgFormat.GROUP_EVENT]) {
        const code = await errorFor(alice, Cmd.C2C_SEND_REQ, { clientMsgId: `f${format}`, toUserId: '12', content: 'x', format } as never);
        expect(code).to.equal(ErrorCode.BAD_REQUEST);
      }
    });
  });

  describe('10. SYNC', () => {
    it('lists conversations latest first with unread counts, peer read position, last entry and min_seq', async () => {
      const me = await login(BIG);
      const peerA = await login('21');
      const peerB = await login('22');
      await send(peerA, BIG, 'a1');
      await send(peerA, BIG, 'a2');
      await send(me, '21', 'mine');
      await sleep(5);
      const last = await send(peerB, BIG, 'b1');
      const resp = await sync(me);
      expect(resp.nextPageToken).to.equal('');
      expect(Math.abs(resp.serverTimeMs - Date.now())).to.be.lessThan(5000);
      expect(resp.convs.map((c) => c.convId)).to.deep.equal([`c_22_${BIG}`, `c_21_${BIG}`]);
      const [b, a] = resp.convs as [ConvState, ConvState];
      expect(b).to.include({ peerUserId: '22', groupId: '0', maxSeq: '1', readSeq: '0', unread: 1, minSeq: '1' });
      expect(b.last).to.include({ msgId: last.msgId, content: 'b1' });
      // Own messages are not unread, and sending does not move the sender's read position.
      expect(a).to.include({ peerUserId: '21', maxSeq: '3', readSeq: '0', unread: 2, peerReadSeq: '0' });
      await markRead(peerA, `c_21_${BIG}`, '3');
      const again = await sync(me);
      expect(again.convs.find((c) => c.convId === `c_21_${BIG}`)).to.include({ peerReadSeq: '3' });
    });

    it('pages with next_page_token, visits each conversation once, and filters by updated_after_ms', async () => {
      const me = await login('30');
      for (let i = 0; i < 5; i++) await send(await login(String(31 + i)), '30', `from ${31 + i}`);
      const seen: string[] = [];
      let token = '';
      do {
        const page = await sync(me, { limit: 2, pageToken: token });
        expect(page.convs.length).to.be.at.most(2);
        seen.push(...page.convs.map((c) => c.convId));
        token = page.nextPageToken;
      } while (token !== '');
      expect(seen).to.deep.equal(['c_30_35', 'c_30_34', 'c_30_33', 'c_30_32', 'c_30_31']);
      const all = await sync(me);
      const cut = all.convs[2]!.updateTimeMs;
      const newer = await sync(me, { updatedAfterMs: cut });
      expect(newer.convs.every((c) => c.updateTimeMs > cut)).to.equal(true);
      expect(newer.convs.map((c) => c.convId)).to.deep.equal(all.convs.filter((c) => c.updateTimeMs > cut).map((c) => c.convId));
      expect(await errorFor(me, Cmd.SYNC_REQ, { limit: 1, pageToken: 'not-a-token', updatedAfterMs: 0 } as never)).to.equal(ErrorCode.BAD_REQUEST);
    });

    it('counts unread up to 999 and not recalled messages', async () => {
      await gw.stop();
      gw = await startGatewayIn(mode, { limits: { ratePerSec: 5000, rateBurst: 5000 } });
      const me = await login('40');
      const peer = await login('41');
      const acks = await Promise.all(Array.from({ length: 1001 }, (_, i) => send(peer, '40', `m${i}`)));
      expect((await sync(me)).convs[0]!.unread).to.equal(999);
      await markRead(me, 'c_40_41', '998');
      expect((await sync(me)).convs[0]!.unread).to.equal(3);
      const recall = peer.send(Cmd.RECALL_REQ, { msgId: acks.find((a) => a.seq === '1000')!.msgId });
      await peer.next(Cmd.RECALL_RESP, (f) => f.seq === recall);
      const conv = (await sync(me)).convs[0]!;
      // 999 and 1001 are unread; 1000 is recalled, and its tombstone (1002) is no message.
      expect(conv).to.include({ unread: 2, maxSeq: '1002' });
      expect(conv.last).to.include({ format: MsgFormat.RECALL, recalledMsgId: acks.find((a) => a.seq === '1000')!.msgId, content: '' });
    });
  });

  describe('11. HISTORY', () => {
    it('returns the latest page, scrolls back with before_seq and catches up with after_seq, always ascending', async () => {
      const alice = await login(BIG2);
      for (let i = 1; i <= 7; i++) await send(alice, '51', `h${i}`);
      const conv = `c_51_${BIG2}`;
      const seqs = (r: { messages: Array<{ seq?: string }> }) => r.messages.map((m) => Number(m.seq));
      const latest = await history(alice, conv, { limit: 3 });
      expect([seqs(latest), latest.hasMore, latest.minSeq]).to.deep.equal([[5, 6, 7], true, '1']);
      const older = await history(alice, conv, { beforeSeq: '5', limit: 3 });
      expect([seqs(older), older.hasMore]).to.deep.equal([[2, 3, 4], true]);
      const oldest = await history(alice, conv, { beforeSeq: '2', limit: 3 });
      expect([seqs(oldest), oldest.hasMore]).to.deep.equal([[1], false]);
      const after = await history(alice, conv, { afterSeq: '4', limit: 2 });
      expect([seqs(after), after.hasMore]).to.deep.equal([[5, 6], true]);
      const tail = await history(alice, conv, { afterSeq: '6', limit: 2 });
      expect([seqs(tail), tail.hasMore]).to.deep.equal([[7], false]);
      expect((await history(alice, conv, { afterSeq: '18446744073709551615' })).messages).to.deep.equal([]);
      expect(latest.messages.map((m) => m.content)).to.deep.equal(['h5', 'h6', 'h7']);
    });

    it('caps the limit at the configured maximum (at least 100) and defaults to 50', async () => {
      await gw.stop();
      gw = await startGatewayIn(mode, { limits: { ratePerSec: 5000, rateBurst: 5000 } });
      const alice = await login('60');
      await Promise.all(Array.from({ length: 120 }, (_, i) => send(alice, '61', `x${i}`)));
      expect((await history(alice, 'c_60_61')).messages).to.have.length(50);
      expect((await history(alice, 'c_60_61', { limit: 500 })).messages).to.have.length(100);
    });

    it('is FORBIDDEN to non-participants and for groups never joined, BAD_REQUEST for malformed conv ids', async () => {
      const alice = await login('70');
      await send(alice, '71', 'private');
      const eve = await login('72');
      const body = (convId: string) => ({ convId, afterSeq: '0', beforeSeq: '0', limit: 0 }) as never;
      expect(await errorFor(eve, Cmd.HISTORY_REQ, body('c_70_71'))).to.equal(ErrorCode.FORBIDDEN);
      expect(await errorFor(eve, Cmd.HISTORY_REQ, body('g_12345'))).to.equal(ErrorCode.FORBIDDEN);
      for (const bad of ['', 'c_71_70', 'c_070_71', 'x_1_2', 'c_1']) {
        expect(await errorFor(eve, Cmd.HISTORY_REQ, body(bad)), bad).to.equal(ErrorCode.BAD_REQUEST);
      }
      // A participant of a conversation without entries reads an empty page.
      expect(await history(eve, 'c_72_73')).to.deep.equal({ messages: [], hasMore: false, minSeq: '1' });
    });
  });

  describe('recall tombstones', () => {
    it('appends a RECALL entry, names its seq in RECALL_NOTIFY and empties the original everywhere', async () => {
      const alice = await login('80');
      const bob = await login('81');
      const kept = await send(alice, '81', 'stays');
      const gone = await send(alice, '81', 'secret');
      await bob.next(Cmd.C2C_PUSH, (f) => f.body.message.msgId === gone.msgId);
      const seq = alice.send(Cmd.RECALL_REQ, { msgId: gone.msgId });
      await alice.next(Cmd.RECALL_RESP, (f) => f.seq === seq);
      const notice = await bob.next(Cmd.RECALL_NOTIFY);
      expect(notice.body).to.include({ msgId: gone.msgId, convId: 'c_80_81', seq: '3' });
      const page = await history(bob, 'c_80_81');
      expect(page.messages.map((m) => [m.seq, m.format, m.content, m.recalled, m.recalledMsgId])).to.deep.equal([
        ['1', MsgFormat.TEXT, 'stays', false, '0'],
        ['2', MsgFormat.TEXT, '', true, '0'],
        ['3', MsgFormat.RECALL, '', false, gone.msgId],
      ]);
      expect(page.messages[0]!.msgId).to.equal(kept.msgId);
      expect((await gw.backends.store.findById(gone.msgId))!.content).to.equal('');
      // A tombstone cannot be recalled itself.
      const tomb = page.messages[2]!.msgId;
      expect(await errorFor(alice, Cmd.RECALL_REQ, { msgId: tomb } as never)).to.equal(ErrorCode.NOT_FOUND);
    });
  });

  describe('12. READ', () => {
    it('moves only forward, clamps to max_seq, and tells own other sessions and the peer', async () => {
      const phone = await login('90', 'phone');
      const laptop = await login('90', 'laptop');
      const peer = await login('91');
      for (let i = 0; i < 4; i++) await send(peer, '90', `r${i}`);
      const conv = 'c_90_91';
      expect(await markRead(phone, conv, '2')).to.deep.equal({ convId: conv, readSeq: '2', unread: 2 });
      for (const other of [laptop, peer]) {
        expect((await other.next(Cmd.READ_NOTIFY)).body).to.deep.equal({ convId: conv, userId: '90', readSeq: '2' });
      }
      expect(await markRead(laptop, conv, '1')).to.deep.equal({ convId: conv, readSeq: '2', unread: 2 });
      expect(await markRead(laptop, conv, '18446744073709551615')).to.deep.equal({ convId: conv, readSeq: '4', unread: 0 });
      await phone.next(Cmd.READ_NOTIFY, (f) => f.body.readSeq === '4');
      await sleep(200);
      // The lower position moved nothing: no notice for it; the requesting session gets none.
      expect(phone.all(Cmd.READ_NOTIFY)).to.deep.equal([]);
      expect(laptop.all(Cmd.READ_NOTIFY)).to.deep.equal([]);
      const code = await errorFor(phone, Cmd.READ_REQ, { convId: 'c_91_92', readSeq: '1' } as never);
      expect(code).to.equal(ErrorCode.FORBIDDEN);
    });

    it('survives a restart of the gateway', async () => {
      // Embedded mode keeps its SQLite store in a file for this one.
      const dir = await mkdtemp(path.join(os.tmpdir(), 'im-read-'));
      await gw.stop();
      gw = await startGatewayIn(mode, { storage: { sqlite: { path: path.join(dir, 'im.sqlite') } } });
      try {
        const me = await login('95');
        const peer = await login('96');
        await send(peer, '95', 'x');
        await send(peer, '95', 'y');
        await markRead(me, 'c_95_96', '1');
        // Same database and Redis prefix, new process state.
        const { config } = gw;
        await gw.stop();
        gw = await startGateway(config, await openBackends(config, silentLogger()));
        const again = await login('95', 'tablet');
        expect((await sync(again)).convs[0]).to.include({ convId: 'c_95_96', readSeq: '1', unread: 1 });
      } finally {
        await gw.stop();
        gw = await startGatewayIn(mode);
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe('13. TYPING', () => {
    it('reaches the peer live, throttled to one per session and conversation per 3 s, with no reply', async () => {
      const alice = await login('100');
      const bob = await login('101');
      const conv = 'c_100_101';
      alice.send(Cmd.TYPING_REQ, { convId: conv, typing: true });
      expect((await bob.next(Cmd.TYPING_NOTIFY)).body).to.deep.equal({ convId: conv, userId: '100', typing: true });
      alice.send(Cmd.TYPING_REQ, { convId: conv, typing: false });
      await sleep(300);
      expect(bob.all(Cmd.TYPING_NOTIFY)).to.deep.equal([]);
      expect(alice.frames.map((f) => f.cmd)).to.deep.equal([]);
      // Never stored: nothing in the conversation list or its history.
      expect((await sync(bob)).convs).to.deep.equal([]);
      expect(await errorFor(alice, Cmd.TYPING_REQ, { convId: 'c_101_102', typing: true } as never)).to.equal(ErrorCode.FORBIDDEN);
    });
  });

  describe('multi-device', () => {
    it('echoes own messages to sessions that asked for it, never to the sending one, and needs no ack', async () => {
      const phone = await login('110', 'phone', true);
      const laptop = await login('110', 'laptop', true);
      const watch = await login('110', 'watch', false);
      const bob = await login('111');
      const ack = await send(phone, '111', 'hi from my phone');
      const echoed = await laptop.next(Cmd.C2C_PUSH);
      expect(echoed.body.message).to.include({ msgId: ack.msgId, fromUserId: '110', seq: ack.seq });
      await bob.next(Cmd.C2C_PUSH);
      await sleep(800); // past the first re-push of an unacked C2C_PUSH (200 ms in tests)
      expect(laptop.all(Cmd.C2C_PUSH)).to.deep.equal([]);
      expect(phone.all(Cmd.C2C_PUSH)).to.deep.equal([]);
      expect(watch.all(Cmd.C2C_PUSH)).to.deep.equal([]);
    });

    it('lets a device that was offline catch up with SYNC and HISTORY whatever another device acked', async () => {
      const phone = await login('120', 'phone');
      const peer = await login('121');
      const acks = [await send(peer, '120', 'p1'), await send(peer, '120', 'p2')];
      for (const ack of acks) await phone.next(Cmd.C2C_PUSH, (f) => f.body.message.msgId === ack.msgId);
      phone.send(Cmd.C2C_ACK, { msgIds: acks.map((a) => a.msgId) });
      await sleep(200);
      const tablet = await login('120', 'tablet');
      await sleep(200);
      expect(tablet.all(Cmd.C2C_PUSH)).to.deep.equal([]); // delivered already: no offline push
      const conv = (await sync(tablet)).convs[0]!;
      expect(conv).to.include({ convId: 'c_120_121', maxSeq: '2', unread: 2 });
      const page = await history(tablet, conv.convId, { afterSeq: '0' });
      expect(page.messages.map((m) => m.content)).to.deep.equal(['p1', 'p2']);
    });
  });
});
