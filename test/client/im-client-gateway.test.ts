// The SDK's Additions A against a real embedded gateway: SYNC, HISTORY, READ, TYPING, echo to
// own devices, and per-conversation seq tracking across lost pushes and reconnects.
import { expect } from 'chai';
import type { ImClient, ImClientOptions, ReadNotify, TypingNotify } from '../../src/client/im-client.js';
import { MsgFormat, type ChatMessage } from '../../src/protocol/messages.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { dropSocket, gatewayClients, sleep, waitForGateway as waitFor } from './support.js';

const ALICE = '9007199254740993'; // 2^53 + 1
const BOB = '9007199254740994'; // 2^53 + 2: as numbers, ALICE would round to 2^53
const CONV = `c_${ALICE}_${BOB}`;

/** An SDK client and everything it emitted. */
interface Device {
  client: ImClient;
  messages: ChatMessage[];
  reads: ReadNotify[];
  typings: TypingNotify[];
  errors: Error[];
}

/** [seq, content] of what the application saw, in the order it saw it. */
const seen = (d: Device) => d.messages.map((m) => [m.seq, m.content]);

describe('client/ImClient against a gateway (Additions A)', () => {
  let gw: TestGateway;
  const clients = gatewayClients();

  async function device(userId: string, options: Partial<ImClientOptions> = {}): Promise<Device> {
    const got: Omit<Device, 'client'> = { messages: [], reads: [], typings: [], errors: [] };
    const client = await clients.open(gw, userId, options, (c) => {
      c.on('message', (m) => got.messages.push(m));
      c.on('read', (r) => got.reads.push(r));
      c.on('typing', (t) => got.typings.push(t));
      c.on('error', (e) => got.errors.push(e));
    });
    return { client, ...got };
  }

  beforeEach(async () => {
    gw = await startGateway();
  });
  afterEach(async () => {
    await clients.closeAll();
    await gw.stop();
  });

  it('sync, syncAll, history and markRead round trips, with `read` at the peer', async () => {
    const alice = await device(ALICE);
    const bob = await device(BOB);
    const sent = [];
    for (const text of ['one', 'two', 'three']) sent.push(await alice.client.send(BOB, text));
    expect(sent.map((r) => [r.convId, r.seq])).to.deep.equal([[CONV, '1'], [CONV, '2'], [CONV, '3']]);

    const page = await bob.client.sync({ limit: 1 });
    expect(page.nextPageToken).to.equal('');
    expect(page.convs[0]).to.include({ convId: CONV, peerUserId: ALICE, maxSeq: '3', unread: 3 });
    const all = await bob.client.syncAll();
    expect(all.convs.map((c) => c.convId)).to.deep.equal([CONV]);
    expect(all.serverTimeMs).to.be.closeTo(Date.now(), 5000);
    expect((await bob.client.syncAll(all.serverTimeMs + 1000)).convs).to.deep.equal([]);

    const latest = await bob.client.history(CONV, { limit: 2 });
    expect([latest.messages.map((m) => m.content), latest.hasMore, latest.minSeq]).to.deep.equal([['two', 'three'], true, '1']);
    const older = await bob.client.history(CONV, { beforeSeq: '2' });
    expect(older.messages.map((m) => m.msgId)).to.deep.equal([sent[0]!.msgId]);
    const after = await bob.client.history(CONV, { afterSeq: '1' });
    expect(after.messages.map((m) => m.seq)).to.deep.equal(['2', '3']);

    expect(await bob.client.markRead(CONV, '2')).to.deep.equal({ convId: CONV, readSeq: '2', unread: 1 });
    await waitFor(() => alice.reads.length === 1, 'READ_NOTIFY at alice');
    expect(alice.reads).to.deep.equal([{ convId: CONV, userId: BOB, readSeq: '2' }]);
    expect(bob.messages.map((m) => m.content)).to.deep.equal(['one', 'two', 'three']);
    // Own sends move alice's tracking without `message`; no HISTORY was needed anywhere.
    expect(alice.messages).to.deep.equal([]);
    expect([alice.client.stats.historyFetches, bob.client.stats.historyFetches]).to.deep.equal([0, 0]);
  });

  it('typing reaches the peer at once and a change within 3 s follows once the interval is over', async () => {
    const alice = await device(ALICE);
    const bob = await device(BOB);
    await alice.client.send(BOB, 'hi');
    const started = Date.now();
    alice.client.typing(CONV, true);
    alice.client.typing(CONV, true); // dropped locally
    alice.client.typing(CONV, false); // held back: the gateway would drop it
    await waitFor(() => bob.typings.length === 1, 'first TYPING_NOTIFY');
    expect(bob.typings[0]).to.deep.equal({ convId: CONV, userId: ALICE, typing: true });
    await waitFor(() => bob.typings.length === 2, 'second TYPING_NOTIFY', 5000);
    expect(Date.now() - started).to.be.at.least(3000);
    expect(bob.typings[1]).to.deep.equal({ convId: CONV, userId: ALICE, typing: false });
    await sleep(100);
    expect(bob.typings).to.have.length(2);
    expect(alice.typings).to.deep.equal([]);
  });

  it('echoes own messages to a second device that asked for it, in seq order with the peer', async () => {
    const phone = await device(ALICE, { deviceId: 'phone', echoOwnMessages: true });
    const laptop = await device(ALICE, { deviceId: 'laptop' });
    const bob = await device(BOB);
    await laptop.client.send(BOB, 'from my laptop');
    await waitFor(() => bob.messages.length === 1, 'push at bob');
    await bob.client.send(ALICE, 'reply');
    await waitFor(() => phone.messages.length === 2, 'echo and reply at the phone');
    expect(phone.messages.map((m) => [m.seq, m.fromUserId, m.content])).to.deep.equal([
      ['1', ALICE, 'from my laptop'], ['2', BOB, 'reply'],
    ]);
    await waitFor(() => laptop.messages.length === 1, 'reply at the laptop');
    expect(seen(laptop)).to.deep.equal([['2', 'reply']]);
    expect([phone.client.stats.historyFetches, laptop.client.stats.historyFetches]).to.deep.equal([0, 0]);
  });

  it('fills a gap with HISTORY: an own message from a device without echo, then the peer', async () => {
    const phone = await device(ALICE, { deviceId: 'phone' });
    const laptop = await device(ALICE, { deviceId: 'laptop' });
    const bob = await device(BOB);
    await bob.client.send(ALICE, 'b1');
    await waitFor(() => phone.messages.length === 1, 'b1 at the phone');
    await laptop.client.send(BOB, 'l2'); // never pushed to the phone
    await bob.client.send(ALICE, 'b3');
    await waitFor(() => phone.messages.length === 3, 'the gap filled');
    expect(seen(phone)).to.deep.equal([['1', 'b1'], ['2', 'l2'], ['3', 'b3']]);
    expect(phone.client.stats.historyFetches).to.equal(1);
    await sleep(300);
    expect(phone.messages).to.have.length(3);
    expect(phone.errors).to.deep.equal([]);
  });

  it('catches up after a reconnect on entries another device took: every entry once, in seq order', async () => {
    let gate: Promise<void> = Promise.resolve();
    let open = () => {};
    const aliceToken = await gw.token(ALICE);
    const phone = await device(ALICE, { deviceId: 'phone', token: async () => { await gate; return aliceToken; } });
    const tablet = await device(ALICE, { deviceId: 'tablet' });
    const bob = await device(BOB);
    for (const text of ['m1', 'm2']) await bob.client.send(ALICE, text);
    await waitFor(() => phone.messages.length === 2, 'm1, m2 at the phone');

    gate = new Promise((resolve) => (open = resolve));
    dropSocket(phone.client);
    await waitFor(() => !gw.gateway.registry.sessionsOf(ALICE).some((s) => s.user!.deviceId === 'phone'), 'phone session gone');
    for (const text of ['m3', 'm4', 'm5']) await bob.client.send(ALICE, text);
    await waitFor(() => tablet.messages.length === 5, 'm1..m5 at the tablet');
    await sleep(150); // the tablet's acks land: nothing is left to push to the phone
    open();

    await waitFor(() => phone.messages.length === 5, 'catch-up at the phone');
    expect(seen(phone)).to.deep.equal([['1', 'm1'], ['2', 'm2'], ['3', 'm3'], ['4', 'm4'], ['5', 'm5']]);
    expect(phone.client.stats).to.include({ reconnects: 1, received: 5 });
    expect(phone.client.stats.historyFetches).to.be.at.least(1);
    // Live traffic after the catch-up continues in order.
    await bob.client.send(ALICE, 'm6');
    await waitFor(() => phone.messages.length === 6, 'm6 at the phone');
    await sleep(300);
    expect(seen(phone).map(([seq]) => seq)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    expect(phone.errors).to.deep.equal([]);
  });

  it('after a reconnect with offline pushes and the catch-up racing, still emits each entry once, in order', async () => {
    const alice = await device(ALICE);
    const bob = await device(BOB);
    await bob.client.send(ALICE, 'm1');
    await waitFor(() => alice.messages.length === 1, 'm1');
    const reconnected = new Promise((resolve) => alice.client.once('connected', resolve));
    dropSocket(alice.client);
    const sends = ['m2', 'm3', 'm4', 'm5'].map((text) => bob.client.send(ALICE, text));
    await Promise.all(sends);
    await reconnected;
    await waitFor(() => alice.messages.length === 5, 'm2..m5 at alice');
    await sleep(500); // past the re-push of anything unacked
    expect(seen(alice).map(([seq]) => seq)).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(alice.messages.map((m) => m.content).sort()).to.deep.equal(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('drops a re-pushed message (autoAck off) but keeps acking', async () => {
    const alice = await device(ALICE, { autoAck: false });
    const bob = await device(BOB);
    const { msgId } = await bob.client.send(ALICE, 'once');
    await waitFor(() => alice.client.stats.duplicatesDropped >= 1, 'a re-push');
    expect(alice.messages.map((m) => m.msgId)).to.deep.equal([msgId]);
    alice.client.ack([msgId]);
    await sleep(100);
    const dropped = alice.client.stats.duplicatesDropped;
    await sleep(600);
    expect(alice.client.stats.duplicatesDropped).to.equal(dropped);
    expect(alice.messages).to.have.length(1);
  });

  it('delivers a recall tombstone as a `message` after the `recall` event', async () => {
    const alice = await device(ALICE);
    const bob = await device(BOB);
    const recalls: string[] = [];
    bob.client.on('recall', (n) => recalls.push(n.msgId));
    const { msgId } = await alice.client.send(BOB, 'oops');
    await waitFor(() => bob.messages.length === 1, 'the message');
    await alice.client.recall(msgId);
    await waitFor(() => bob.messages.length === 2, 'the tombstone');
    expect(recalls).to.deep.equal([msgId]);
    expect(bob.messages[1]).to.include({ seq: '2', format: MsgFormat.RECALL, recalledMsgId: msgId, content: '' });
    // Alice's next message follows the tombstone without a gap.
    await alice.client.send(BOB, 'better');
    await waitFor(() => bob.messages.length === 3, 'the next message');
    expect(seen(bob)).to.deep.equal([['1', 'oops'], ['2', ''], ['3', 'better']]);
  });
});
