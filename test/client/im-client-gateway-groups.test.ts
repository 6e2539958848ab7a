// The SDK's group chat against a real embedded gateway: create, members, send, recall, typing,
// and every online member seeing every entry once, in seq order, across lost pushes and
// reconnects (PROTOCOL.md behaviours 14-16).
import { expect } from 'chai';
import { groupConvId, type GroupEventMessage, type ImClient, type ImClientOptions, type TypingNotify } from '../../src/client/im-client.js';
import { ErrorCode, GroupEventKind, GroupRole, MsgFormat, type ChatMessage } from '../../src/protocol/messages.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { dropSocket, expectRejection, gatewayClients, sleep, waitForGateway as waitFor } from './support.js';

const ALICE = '9007199254740993'; // 2^53 + 1
const BOB = '9223372036854775809'; // 2^63 + 1
const CAROL = '18446744073709551615'; // 2^64 - 1
const DAVE = '9007199254740994'; // 2^53 + 2

interface Device {
  client: ImClient;
  group: ChatMessage[];
  events: GroupEventMessage[];
  oneToOne: ChatMessage[];
  typings: TypingNotify[];
  errors: Error[];
}

/** [seq, what] of the group entries the application saw, in order. */
function seen(d: Device): Array<[string | undefined, string]> {
  return d.group.map((m) => [m.seq, m.format === MsgFormat.GROUP_EVENT ? GroupEventKind[m.groupEvent!.kind] : m.format === MsgFormat.RECALL ? 'RECALL' : m.content]);
}

describe('client/ImClient groups against a gateway', () => {
  let gw: TestGateway;
  const clients = gatewayClients();

  async function device(userId: string, options: Partial<ImClientOptions> = {}): Promise<Device> {
    const got: Omit<Device, 'client'> = { group: [], events: [], oneToOne: [], typings: [], errors: [] };
    const client = await clients.open(gw, userId, options, (c) => {
      c.on('groupMessage', (m) => got.group.push(m));
      c.on('groupEvent', (m) => got.events.push(m));
      c.on('message', (m) => got.oneToOne.push(m));
      c.on('typing', (t) => got.typings.push(t));
      c.on('error', (e) => got.errors.push(e));
    });
    await sleep(20); // the login's catch-up SYNC
    return { client, ...got };
  }

  async function start(overrides: Parameters<typeof startGateway>[0] = {}): Promise<void> {
    gw = await startGateway(overrides);
  }

  /** Alice's group with bob, where bob sent 'oops' (seq 2) and alice has seen it. */
  async function bobsOops() {
    await start();
    const alice = await device(ALICE);
    const bob = await device(BOB);
    const { groupId } = await alice.client.createGroup('g', [BOB]);
    const { msgId } = await bob.client.sendGroup(groupId, 'oops');
    await waitFor(() => alice.group.length === 2, 'oops at alice');
    return { alice, bob, groupId, msgId };
  }

  afterEach(async () => {
    await clients.closeAll();
    await gw.stop();
  });

  it('create, send and receive: every member sees every entry once in seq order, own sends excepted', async () => {
    await start();
    const alice = await device(ALICE);
    const bob = await device(BOB);
    const carol = await device(CAROL);
    const group = await alice.client.createGroup('team', [BOB, CAROL]);
    expect(group).to.include({ name: 'team', ownerUserId: ALICE, memberCount: 3 });
    expect(BigInt(group.groupId) > 0n).to.equal(true);
    const conv = groupConvId(group.groupId);

    const a1 = await alice.client.sendGroup(group.groupId, 'hello', { mentionUserIds: [CAROL] });
    expect(a1).to.include({ convId: conv, seq: '2' });
    const b1 = await bob.client.sendGroup(group.groupId, 'hi alice');
    await alice.client.sendGroup(group.groupId, 'how are you');
    expect(b1.seq).to.equal('3');

    await waitFor(() => carol.group.length === 4 && bob.group.length === 3 && alice.group.length === 2, 'every entry everywhere');
    await sleep(100);
    expect(seen(carol)).to.deep.equal([['1', 'CREATED'], ['2', 'hello'], ['3', 'hi alice'], ['4', 'how are you']]);
    expect(seen(bob)).to.deep.equal([['1', 'CREATED'], ['2', 'hello'], ['4', 'how are you']]);
    // The creating session gets no push of CREATED: the client fetched it.
    expect(seen(alice)).to.deep.equal([['1', 'CREATED'], ['3', 'hi alice']]);
    expect(carol.group[1]).to.deep.include({ groupId: group.groupId, toUserId: '0', fromUserId: ALICE, mentionUserIds: [CAROL] });
    expect(carol.events.map((m) => m.groupEvent)).to.deep.equal([{ kind: GroupEventKind.CREATED, actorUserId: ALICE, userIds: [ALICE, BOB, CAROL], name: 'team' }]);
    for (const d of [alice, bob, carol]) {
      expect(d.oneToOne).to.deep.equal([]);
      expect(d.errors).to.deep.equal([]);
    }
    expect([bob.client.stats.historyFetches, carol.client.stats.historyFetches]).to.deep.equal([0, 0]);
    // CREATED; and, when the ack of her seq 2 overtook that page, seq 2 (fetched, not emitted).
    expect(alice.client.stats.historyFetches).to.be.within(1, 2);

    // HISTORY and SYNC read the group too.
    const history = await bob.client.history(conv, { afterSeq: '0' });
    expect(history.messages.map((m) => m.seq)).to.deep.equal(['1', '2', '3', '4']);
    const { convs } = await carol.client.syncAll();
    expect(convs.find((c) => c.convId === conv)).to.include({ groupId: group.groupId, maxSeq: '4', minSeq: '1' });
  });

  it('a retried create with the same client_req_id returns the same group', async () => {
    await start();
    const alice = await device(ALICE);
    const first = await alice.client.createGroup('once', [BOB], { clientReqId: 'create-1' });
    const again = await alice.client.createGroup('once', [BOB], { clientReqId: 'create-1' });
    expect(again).to.deep.equal(first);
    await sleep(100);
    expect(seen(alice)).to.deep.equal([['1', 'CREATED']]);
  });

  it('members: add, promote, remove and leave, each a GROUP_EVENT entry; the rules surface as ImError codes', async () => {
    await start({ groups: { maxMembers: 4 } });
    const alice = await device(ALICE);
    const bob = await device(BOB);
    const carol = await device(CAROL);
    const dave = await device(DAVE);
    const { groupId } = await alice.client.createGroup('club', [BOB]);

    expect(await expectRejection(bob.client.updateMembers(groupId, { add: [CAROL] }))).to.include({ code: ErrorCode.FORBIDDEN, kind: 'server' });
    expect(await expectRejection(carol.client.sendGroup(groupId, 'let me in'))).to.include({ code: ErrorCode.FORBIDDEN });
    expect(await expectRejection(alice.client.sendGroup('12345', 'nobody'))).to.include({ code: ErrorCode.NOT_FOUND });
    expect(await expectRejection(alice.client.groupInfo('12345'))).to.include({ code: ErrorCode.NOT_FOUND });
    expect(await expectRejection(alice.client.updateMembers(groupId, { add: [CAROL, DAVE, '5'] }))).to.include({ code: ErrorCode.LIMIT_EXCEEDED });

    const added = await alice.client.updateMembers(groupId, { add: [CAROL, DAVE], promote: [BOB] });
    expect(added.memberCount).to.equal(4);
    const members = await alice.client.groupMembers(groupId);
    // Ascending as unsigned integers: 2^53 + 1, 2^53 + 2, 2^63 + 1, 2^64 - 1.
    expect(members.map((m) => [m.userId, m.role])).to.deep.equal([
      [ALICE, GroupRole.GROUP_ROLE_OWNER], [DAVE, GroupRole.GROUP_ROLE_MEMBER], [BOB, GroupRole.GROUP_ROLE_ADMIN], [CAROL, GroupRole.GROUP_ROLE_MEMBER],
    ]);
    const page = await bob.client.groupInfo(groupId, { limit: 1, afterUserId: ALICE });
    expect([page.members.map((m) => m.userId), page.hasMore]).to.deep.equal([[DAVE], true]);

    // An admin removes carol; dave leaves.
    expect((await bob.client.updateMembers(groupId, { remove: [CAROL] })).memberCount).to.equal(3);
    expect((await dave.client.leaveGroup(groupId)).memberCount).to.equal(2);
    expect(await expectRejection(alice.client.leaveGroup(groupId))).to.include({ code: ErrorCode.FORBIDDEN }); // the owner, with bob left
    await alice.client.sendGroup(groupId, 'just us');

    const kinds = ['CREATED', 'MEMBERS_ADDED', 'ROLES_CHANGED', 'MEMBERS_REMOVED', 'MEMBER_LEFT'];
    await waitFor(() => alice.group.length === 5 && bob.group.length === 6, 'the changes at alice and bob');
    await sleep(100);
    // The acting sessions fetched their own changes right after the reply.
    expect(seen(alice).map(([, what]) => what)).to.deep.equal(kinds);
    expect(seen(bob).map(([, what]) => what)).to.deep.equal([...kinds, 'just us']);
    expect(seen(bob).map(([seq]) => seq)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    // Carol and dave start at the entry that added them; each gets the entry that took it out, then nothing.
    expect(seen(carol)).to.deep.equal([['2', 'MEMBERS_ADDED'], ['3', 'ROLES_CHANGED'], ['4', 'MEMBERS_REMOVED']]);
    expect(seen(dave)).to.deep.equal([['2', 'MEMBERS_ADDED'], ['3', 'ROLES_CHANGED'], ['4', 'MEMBERS_REMOVED'], ['5', 'MEMBER_LEFT']]);
    expect(dave.events.at(-1)!.groupEvent).to.deep.include({ kind: GroupEventKind.MEMBER_LEFT, actorUserId: DAVE, userIds: [DAVE] });
    for (const d of [alice, bob, carol, dave]) expect(d.errors).to.deep.equal([]);
  });

  it('fills a gap with HISTORY when an entry was not pushed here: a send from a device without echo', async () => {
    await start();
    const phone = await device(ALICE, { deviceId: 'phone' });
    const laptop = await device(ALICE, { deviceId: 'laptop' });
    const bob = await device(BOB);
    const { groupId } = await laptop.client.createGroup('g', [BOB]);
    await bob.client.sendGroup(groupId, 'b2');
    await waitFor(() => phone.group.length === 2, 'CREATED and b2 at the phone');
    expect(seen(phone)).to.deep.equal([['1', 'CREATED'], ['2', 'b2']]);
    await laptop.client.sendGroup(groupId, 'l3'); // never pushed to the phone
    await bob.client.sendGroup(groupId, 'b4');
    await waitFor(() => phone.group.length === 4, 'the gap filled');
    expect(seen(phone)).to.deep.equal([['1', 'CREATED'], ['2', 'b2'], ['3', 'l3'], ['4', 'b4']]);
    // CREATED (made on the laptop, not pushed here without echo) and then l3.
    expect(phone.client.stats.historyFetches).to.equal(2);
    await sleep(200);
    expect(phone.group).to.have.length(4);
    expect(phone.errors).to.deep.equal([]);
  });

  it('echoes own group messages to a device that asked for it', async () => {
    await start();
    const phone = await device(ALICE, { deviceId: 'phone', echoOwnMessages: true });
    const laptop = await device(ALICE, { deviceId: 'laptop' });
    await device(BOB);
    const { groupId } = await laptop.client.createGroup('g', [BOB]);
    await laptop.client.sendGroup(groupId, 'from my laptop');
    await waitFor(() => phone.group.length === 2, 'CREATED and the echo');
    expect(phone.group.map((m) => [m.seq, m.fromUserId])).to.deep.equal([['1', ALICE], ['2', ALICE]]);
    expect(phone.client.stats.historyFetches).to.equal(0);
  });

  it('catches up after a reconnect: SYNC + HISTORY, every entry once, in order, then live again', async () => {
    await start();
    let gate: Promise<void> = Promise.resolve();
    let open = () => {};
    const bobToken = await gw.token(BOB);
    const alice = await device(ALICE);
    const bob = await device(BOB, { token: async () => { await gate; return bobToken; } });
    const { groupId } = await alice.client.createGroup('g', [BOB]);
    await alice.client.sendGroup(groupId, 'm2');
    await waitFor(() => bob.group.length === 2, 'CREATED, m2 at bob');

    gate = new Promise((resolve) => (open = resolve));
    dropSocket(bob.client);
    await waitFor(() => gw.gateway.registry.sessionsOf(BOB).length === 0, 'bob gone');
    for (const text of ['m3', 'm4', 'm5']) await alice.client.sendGroup(groupId, text);
    open();
    await waitFor(() => bob.group.length === 5, 'catch-up at bob');
    expect(seen(bob)).to.deep.equal([['1', 'CREATED'], ['2', 'm2'], ['3', 'm3'], ['4', 'm4'], ['5', 'm5']]);
    expect(bob.client.stats).to.include({ reconnects: 1 });
    expect(bob.client.stats.historyFetches).to.be.at.least(1);
    await alice.client.sendGroup(groupId, 'm6');
    await waitFor(() => bob.group.length === 6, 'm6 at bob');
    await sleep(200);
    expect(seen(bob).map(([seq]) => seq)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
    expect(bob.errors).to.deep.equal([]);
  });

  it('a new client starts each group after the read position: what is unread comes as groupMessage', async () => {
    await start();
    const alice = await device(ALICE);
    const { groupId } = await alice.client.createGroup('g', [BOB, CAROL]);
    for (const text of ['m2', 'm3', 'm4']) await alice.client.sendGroup(groupId, text);
    const reader = await device(BOB, { deviceId: 'tablet' });
    await waitFor(() => reader.group.length === 4, 'everything at a reader that never read');
    await reader.client.markRead(groupConvId(groupId), '3');
    const bob = await device(BOB, { deviceId: 'phone' });
    const carol = await device(CAROL);
    await waitFor(() => bob.group.length === 1 && carol.group.length === 4, 'catch-up of bob and carol');
    expect(seen(bob)).to.deep.equal([['4', 'm4']]);
    expect(seen(carol).map(([seq]) => seq)).to.deep.equal(['1', '2', '3', '4']);
  });

  it('recall in a group: a tombstone for every member, the recalling session included', async () => {
    const { alice, bob, groupId, msgId } = await bobsOops();
    await bob.client.recall(msgId);
    await waitFor(() => alice.group.length === 3 && bob.group.length === 2, 'the tombstone');
    expect(alice.group[2]).to.deep.include({ seq: '3', format: MsgFormat.RECALL, recalledMsgId: msgId, content: '' });
    // The recalling session gets no push of its tombstone: the client fetched it.
    expect(seen(bob)).to.deep.equal([['1', 'CREATED'], ['3', 'RECALL']]);
    const history = await bob.client.history(groupConvId(groupId), { afterSeq: '1' });
    expect(history.messages[0]).to.deep.include({ msgId, recalled: true, content: '' });
    const mine = await alice.client.sendGroup(groupId, 'mine');
    expect(await expectRejection(bob.client.recall(mine.msgId))).to.include({ code: ErrorCode.FORBIDDEN });
    await sleep(100);
    expect([alice.errors, bob.errors]).to.deep.equal([[], []]);
  });

  it('the owner recalls a member\'s message: the member sees the tombstone in order', async () => {
    const { alice, bob, groupId, msgId } = await bobsOops();
    await alice.client.recall(msgId);
    await waitFor(() => alice.group.length === 3, 'the tombstone at alice');
    // Live, or at the latest through the gap the next entry shows.
    await alice.client.sendGroup(groupId, 'next');
    await waitFor(() => bob.group.length === 3, 'the tombstone and the next entry at bob');
    expect(seen(bob)).to.deep.equal([['1', 'CREATED'], ['3', 'RECALL'], ['4', 'next']]);
    expect([alice.errors, bob.errors]).to.deep.equal([[], []]);
  });

  it('typing in a group reaches the other members', async () => {
    await start();
    const alice = await device(ALICE);
    const bob = await device(BOB);
    const carol = await device(CAROL);
    const { groupId } = await alice.client.createGroup('g', [BOB, CAROL]);
    await waitFor(() => bob.group.length === 1, 'bob is a member');
    bob.client.typing(groupConvId(groupId), true);
    await waitFor(() => alice.typings.length === 1 && carol.typings.length === 1, 'typing at alice and carol');
    expect(alice.typings[0]).to.deep.equal({ convId: groupConvId(groupId), userId: BOB, typing: true });
    await sleep(50);
    expect(bob.typings).to.deep.equal([]);
  });
});
