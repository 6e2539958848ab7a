// PROTOCOL.md "Additions A", behaviours 14-16 (groups, group pushes, group recall) and the group
// side of 10-13 (SYNC, HISTORY, READ, TYPING), on the wire, against a started gateway in both modes.
import { expect } from 'chai';
import {
  Cmd, ErrorCode, GroupEventKind, GroupRole, MsgFormat,
  type Bodies, type ChatMessage, type Frame, type GroupInfo, type KnownCmd,
} from '../../src/protocol/messages.js';
import type { RawClient } from '../support/raw-client.js';
import { startGatewayIn, type Mode, type TestGateway } from '../support/gateway.js';
import { needServicesOf, rawLogins } from '../support/e2e.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Small limits, so that reaching them takes a handful of members and a short wait. */
const MAX_MEMBERS = 6;
const TYPING_MAX_MEMBERS = 3;
const RECALL_WINDOW_MS = 2000;
/** How long "nothing arrives" is watched for: well past a local or Redis round trip. */
const QUIET_MS = 300;

const TWO_53 = 2n ** 53n;
const TWO_63 = 2n ** 63n;
const MAX_U64 = 2n ** 64n - 1n;
// Ids no JS number holds, either side of 2^63 (where signed storage would flip their order), and
// fresh per run: the production database is shared with other suites and runs.
let nextOffset = BigInt(Math.floor(Math.random() * 2 ** 30)) * 1024n;

/** `n` fresh user ids, alternating above 2^63 and between 2^53 and 2^63. */
function users(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String((i % 2 === 0 ? TWO_63 : TWO_53) + ++nextOffset));
}

let clientIds = 0;
const uniqueId = (what: string) => `${what}-${Date.now().toString(36)}-${++clientIds}-${Math.random().toString(36).slice(2, 8)}`;

for (const mode of ['embedded', 'production'] as Mode[]) describe(`groups (${mode} gateway, real WebSocket clients)`, function () {
  let gw: TestGateway;
  const { login, closeAll } = rawLogins(() => gw);

  /** The reply to request `seq` (a reply or an ERROR), whatever pushes came around it. */
  async function answer(client: RawClient, seq: number, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Pushes carry seq 0 and requests count from 1: a frame with this seq is its reply.
      const i = client.frames.findIndex((f) => f.seq === seq);
      if (i >= 0) return client.frames.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no reply to request ${seq} within ${timeoutMs} ms`);
      await sleep(5);
    }
  }

  async function call<Req extends KnownCmd, Resp extends KnownCmd>(client: RawClient, cmd: Req, body: Bodies[Req], reply: Resp): Promise<Bodies[Resp]> {
    const frame = await answer(client, client.send(cmd, body));
    if (frame.cmd === Cmd.ERROR) throw new Error(`${Cmd[cmd]} refused: ${ErrorCode[frame.body.code]} ${frame.body.message}`);
    expect(Cmd[frame.cmd]).to.equal(Cmd[reply]);
    return frame.body as Bodies[Resp];
  }

  /** The ErrorCode name a request is refused with; fails when it is answered. */
  async function refused<Req extends KnownCmd>(client: RawClient, cmd: Req, body: Bodies[Req]): Promise<string> {
    const frame = await answer(client, client.send(cmd, body));
    if (frame.cmd !== Cmd.ERROR) throw new Error(`${Cmd[cmd]} was answered with ${Cmd[frame.cmd]}, not refused`);
    return ErrorCode[frame.body.code]!;
  }

  const create = async (client: RawClient, memberUserIds: string[], clientReqId = '', name = 'team') =>
    (await call(client, Cmd.GROUP_CREATE_REQ, { name, memberUserIds, clientReqId }, Cmd.GROUP_CREATE_RESP)).group;

  const membersReq = (groupId: string, change: Partial<Omit<Bodies[typeof Cmd.GROUP_MEMBERS_REQ], 'groupId'>>) =>
    ({ groupId, addUserIds: [], removeUserIds: [], promoteUserIds: [], demoteUserIds: [], ...change });
  const changeMembers = async (client: RawClient, groupId: string, change: Parameters<typeof membersReq>[1]): Promise<GroupInfo> =>
    (await call(client, Cmd.GROUP_MEMBERS_REQ, membersReq(groupId, change), Cmd.GROUP_MEMBERS_RESP)).group;

  const sendReq = (groupId: string, content: string, extra: Partial<Bodies[typeof Cmd.GROUP_SEND_REQ]> = {}) =>
    ({ clientMsgId: uniqueId('g'), groupId, content, format: MsgFormat.TEXT, mentionUserIds: [], ...extra });
  const groupSend = (client: RawClient, groupId: string, content: string, extra: Partial<Bodies[typeof Cmd.GROUP_SEND_REQ]> = {}) =>
    call(client, Cmd.GROUP_SEND_REQ, sendReq(groupId, content, extra), Cmd.GROUP_SEND_ACK);

  const info = (client: RawClient, groupId: string, afterUserId = '0', limit = 0) =>
    call(client, Cmd.GROUP_INFO_REQ, { groupId, afterUserId, limit }, Cmd.GROUP_INFO_RESP);
  const sync = (client: RawClient) => call(client, Cmd.SYNC_REQ, { limit: 0, pageToken: '', updatedAfterMs: 0 }, Cmd.SYNC_RESP);
  const history = (client: RawClient, convId: string, body: Partial<Bodies[typeof Cmd.HISTORY_REQ]> = {}) =>
    call(client, Cmd.HISTORY_REQ, { convId, afterSeq: '0', beforeSeq: '0', limit: 0, ...body }, Cmd.HISTORY_RESP);
  const recall = (client: RawClient, msgId: string) => call(client, Cmd.RECALL_REQ, { msgId }, Cmd.RECALL_RESP);

  /** The next GROUP_PUSH `client` gets that matches, removed from its frames. */
  const pushed = async (client: RawClient, pred: (m: ChatMessage) => boolean = () => true, timeoutMs = 5000) =>
    (await client.next(Cmd.GROUP_PUSH, (f) => pred(f.body.message), timeoutMs)).body.message;
  const pushedSeq = (client: RawClient, seq: string) => pushed(client, (m) => m.seq === seq);

  /** The GROUP_PUSH messages `client` holds after watching for QUIET_MS more. */
  async function pushesAfterQuiet(client: RawClient): Promise<ChatMessage[]> {
    await sleep(QUIET_MS);
    return client.all(Cmd.GROUP_PUSH).map((f) => f.body.message);
  }

  /** Watches all of them at once for QUIET_MS: none gets a GROUP_PUSH it has not consumed. */
  async function expectNoMorePushes(sessions: Record<string, RawClient>): Promise<void> {
    await sleep(QUIET_MS);
    for (const [name, session] of Object.entries(sessions)) {
      expect(session.all(Cmd.GROUP_PUSH).map((f) => `seq ${f.body.message.seq}`), name).to.deep.equal([]);
    }
  }

  async function waitFor(what: string, probe: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  const seqsOf = (messages: ChatMessage[]) => messages.map((m) => Number(m.seq));
  const event = (m: ChatMessage) => ({ kind: m.groupEvent?.kind, actor: m.groupEvent?.actorUserId, userIds: m.groupEvent?.userIds });

  before(async function () {
    await needServicesOf(this, mode);
  });
  beforeEach(async () => {
    gw = await startGatewayIn(mode, {
      groups: { maxMembers: MAX_MEMBERS, typingMaxMembers: TYPING_MAX_MEMBERS },
      messaging: { recallWindowMs: RECALL_WINDOW_MS },
      limits: { ratePerSec: 1000, rateBurst: 1000 },
    });
  });
  afterEach(async () => {
    closeAll();
    await gw?.stop();
  });

  describe('14. creating a group', () => {
    it('makes the creator OWNER and one entry, seq 1 CREATED naming every initial member owner first, pushed to the members online but not to the creating session', async () => {
      const [owner, a, b, offline] = users(4) as [string, string, string, string];
      const creating = await login(owner, 'phone');
      const echoing = await login(owner, 'laptop', true);
      const quiet = await login(owner, 'watch', false);
      const alice = await login(a);
      const bob = await login(b);
      // Unsorted, with a repeat and the owner itself: the event names each member once.
      const group = await create(creating, [offline, b, a, owner, b], '', 'launch');
      expect(group).to.include({ ownerUserId: owner, memberCount: 4, name: 'launch' });
      expect(BigInt(group.groupId) > 0n && BigInt(group.groupId) < TWO_63).to.equal(true);
      expect(Math.abs(group.createTimeMs - Date.now())).to.be.lessThan(10_000);

      const expectedIds = [owner, ...[a, b, offline].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1))];
      for (const member of [alice, bob, echoing]) {
        const m = await pushedSeq(member, '1');
        expect(m).to.include({
          convId: `g_${group.groupId}`, groupId: group.groupId, fromUserId: owner, toUserId: '0', format: MsgFormat.GROUP_EVENT,
          content: '', clientMsgId: '', recalled: false,
        });
        expect(m.groupEvent).to.deep.equal({ kind: GroupEventKind.CREATED, actorUserId: owner, userIds: expectedIds, name: 'launch' });
      }
      await expectNoMorePushes({ creating, quiet, alice, bob, echoing });

      const members = await info(alice, group.groupId);
      expect(members.members.map((m) => [m.userId, GroupRole[m.role]])).to.have.deep.members(
        expectedIds.map((id) => [id, id === owner ? 'GROUP_ROLE_OWNER' : 'GROUP_ROLE_MEMBER']));
      const page = await history(creating, `g_${group.groupId}`);
      expect(seqsOf(page.messages)).to.deep.equal([1]);
      expect(page.minSeq).to.equal('1');
    });

    it('returns the same group for a client_req_id the same user sent before, without a second entry', async () => {
      const [owner, a, other] = users(3) as [string, string, string];
      const creator = await login(owner);
      const alice = await login(a);
      const stranger = await login(other);
      const reqId = uniqueId('req');
      const first = await create(creator, [a], reqId);
      const again = await create(creator, [a], reqId, 'another name');
      expect(again).to.deep.equal(first);
      await pushedSeq(alice, '1');
      await expectNoMorePushes({ alice });
      expect(seqsOf((await history(creator, `g_${first.groupId}`)).messages)).to.deep.equal([1]);
      // The key is the user's own: someone else's request with it is another group.
      const theirs = await create(stranger, [a], reqId);
      expect(theirs.groupId).to.not.equal(first.groupId);
      expect(theirs.ownerUserId).to.equal(other);

      // A retry racing the original (a reconnecting client) gets the same group too.
      const raced = uniqueId('race');
      const both = await Promise.all([create(creator, [a], raced), create(creator, [a], raced)]);
      expect(both[1]).to.deep.equal(both[0]);
    });

    it('refuses a group above groups.maxMembers, created or grown, with LIMIT_EXCEEDED', async () => {
      const [owner, ...rest] = users(MAX_MEMBERS + 1) as [string, ...string[]];
      const creator = await login(owner);
      expect(await refused(creator, Cmd.GROUP_CREATE_REQ, { name: 'big', memberUserIds: rest, clientReqId: uniqueId('req') })).to.equal('LIMIT_EXCEEDED');
      const full = await create(creator, rest.slice(0, MAX_MEMBERS - 1));
      expect(full.memberCount).to.equal(MAX_MEMBERS);
      expect(await refused(creator, Cmd.GROUP_MEMBERS_REQ, membersReq(full.groupId, { addUserIds: [rest[MAX_MEMBERS - 1]!] }))).to.equal('LIMIT_EXCEEDED');
      expect((await info(creator, full.groupId)).group.memberCount).to.equal(MAX_MEMBERS);
      expect(seqsOf((await history(creator, `g_${full.groupId}`)).messages)).to.deep.equal([1]);
    });
  });

  describe('14. members', () => {
    it('lets the owner and admins add and remove members, each change one GROUP_EVENT entry pushed to every member, the removed one included, who then gets nothing more', async () => {
      const [o, a, b, c, d] = users(5) as [string, string, string, string, string];
      const owner = await login(o);
      const admin = await login(a);
      const bob = await login(b);
      const carol = await login(c);
      const dave = await login(d);
      const group = await create(owner, [a, b, c]);
      for (const s of [admin, bob, carol]) await pushedSeq(s, '1');

      expect(await changeMembers(owner, group.groupId, { promoteUserIds: [a] })).to.include({ memberCount: 4 });
      for (const s of [admin, bob, carol]) {
        expect(event(await pushedSeq(s, '2'))).to.deep.equal({ kind: GroupEventKind.ROLES_CHANGED, actor: o, userIds: [a] });
      }
      expect((await info(owner, group.groupId)).members.find((m) => m.userId === a)?.role).to.equal(GroupRole.GROUP_ROLE_ADMIN);

      expect(await changeMembers(admin, group.groupId, { addUserIds: [d] })).to.include({ memberCount: 5 });
      // The added member gets the entry that added it.
      for (const s of [owner, bob, carol, dave]) {
        expect(event(await pushedSeq(s, '3'))).to.deep.equal({ kind: GroupEventKind.MEMBERS_ADDED, actor: a, userIds: [d] });
      }

      expect(await changeMembers(admin, group.groupId, { removeUserIds: [c] })).to.include({ memberCount: 4 });
      for (const s of [owner, bob, carol, dave]) {
        expect(event(await pushedSeq(s, '4'))).to.deep.equal({ kind: GroupEventKind.MEMBERS_REMOVED, actor: a, userIds: [c] });
      }
      expect(await changeMembers(owner, group.groupId, { removeUserIds: [d] })).to.include({ memberCount: 3 });
      for (const s of [admin, bob, dave]) expect(event(await pushedSeq(s, '5')).kind).to.equal(GroupEventKind.MEMBERS_REMOVED);

      const ack = await groupSend(bob, group.groupId, 'after the removals');
      expect(ack.seq).to.equal('6');
      for (const s of [owner, admin]) await pushedSeq(s, '6');
      // The acting sessions never get their own entries back.
      await expectNoMorePushes({ owner, admin, bob, carol, dave });
      expect((await info(owner, group.groupId)).members.map((m) => m.userId)).to.have.members([o, a, b]);
    });

    it('refuses with FORBIDDEN a member adding or removing, an admin promoting or demoting, removing or re-roling the owner; NOT_FOUND for an unknown group', async () => {
      const [o, a, b, c, x] = users(5) as [string, string, string, string, string];
      const owner = await login(o);
      const admin = await login(a);
      const bob = await login(b);
      const outsider = await login(x);
      const group = await create(owner, [a, b, c]);
      await changeMembers(owner, group.groupId, { promoteUserIds: [a] });
      const g = group.groupId;
      const cases: Array<[string, RawClient, Parameters<typeof membersReq>[1]]> = [
        ['a member adds', bob, { addUserIds: [x] }],
        ['a member removes another', bob, { removeUserIds: [c] }],
        ['a member promotes', bob, { promoteUserIds: [c] }],
        ['an admin promotes', admin, { promoteUserIds: [b] }],
        ['an admin demotes itself', admin, { demoteUserIds: [a] }],
        ['an admin removes the owner', admin, { removeUserIds: [o] }],
        ['the owner demotes itself', owner, { demoteUserIds: [o] }],
        ['the owner leaves while others remain', owner, { removeUserIds: [o] }],
        ['a non-member adds itself', outsider, { addUserIds: [x] }],
      ];
      for (const [what, client, change] of cases) {
        expect(await refused(client, Cmd.GROUP_MEMBERS_REQ, membersReq(g, change)), what).to.equal('FORBIDDEN');
      }
      const unknown = String(TWO_63 - 1n - nextOffset);
      expect(await refused(owner, Cmd.GROUP_MEMBERS_REQ, membersReq(unknown, { addUserIds: [x] }))).to.equal('NOT_FOUND');
      expect(await refused(owner, Cmd.GROUP_MEMBERS_REQ, membersReq(String(MAX_U64), { addUserIds: [x] }))).to.equal('NOT_FOUND');
      expect(await refused(owner, Cmd.GROUP_MEMBERS_REQ, membersReq('0', { addUserIds: [x] }))).to.equal('BAD_REQUEST');
      expect(await refused(owner, Cmd.GROUP_MEMBERS_REQ, membersReq(g, { addUserIds: ['0'] }))).to.equal('BAD_REQUEST');
      // A refused change makes no entry.
      expect(seqsOf((await history(owner, `g_${g}`)).messages)).to.deep.equal([1, 2]);
      expect((await info(owner, g)).group.memberCount).to.equal(4);
    });

    it('lets any member leave (MEMBER_LEFT), and the owner only as the last member', async () => {
      const [o, b, c] = users(3) as [string, string, string];
      const owner = await login(o);
      const bob = await login(b);
      const carol = await login(c);
      const group = await create(owner, [b, c]);
      for (const s of [bob, carol]) await pushedSeq(s, '1');

      expect(await changeMembers(bob, group.groupId, { removeUserIds: [b] })).to.include({ memberCount: 2 });
      for (const s of [owner, carol]) {
        expect(event(await pushedSeq(s, '2'))).to.deep.equal({ kind: GroupEventKind.MEMBER_LEFT, actor: b, userIds: [b] });
      }
      await groupSend(carol, group.groupId, 'bye bob');
      await pushedSeq(owner, '3');
      await expectNoMorePushes({ bob });
      expect(await refused(bob, Cmd.GROUP_SEND_REQ, sendReq(group.groupId, 'let me back'))).to.equal('FORBIDDEN');

      expect(await refused(owner, Cmd.GROUP_MEMBERS_REQ, membersReq(group.groupId, { removeUserIds: [o] }))).to.equal('FORBIDDEN');
      await changeMembers(owner, group.groupId, { removeUserIds: [c] });
      expect(event(await pushedSeq(carol, '4')).kind).to.equal(GroupEventKind.MEMBERS_REMOVED);
      expect(await changeMembers(owner, group.groupId, { removeUserIds: [o] })).to.include({ memberCount: 0 });
      const page = await history(owner, `g_${group.groupId}`);
      const { GROUP_EVENT, TEXT } = MsgFormat;
      expect(page.messages.map((m) => [Number(m.seq), m.format, m.groupEvent?.kind ?? null])).to.deep.equal([
        [1, GROUP_EVENT, GroupEventKind.CREATED], [2, GROUP_EVENT, GroupEventKind.MEMBER_LEFT], [3, TEXT, null],
        [4, GROUP_EVENT, GroupEventKind.MEMBERS_REMOVED], [5, GROUP_EVENT, GroupEventKind.MEMBER_LEFT],
      ]);
    });

    it('keeps a removed member\'s conversation frozen at the entry that removed it: SYNC max_seq, HISTORY, READ; its sends and recalls are FORBIDDEN', async () => {
      const [o, b, c] = users(3) as [string, string, string];
      const owner = await login(o);
      const bob = await login(b);
      const carol = await login(c);
      const group = await create(owner, [b, c]);
      const convId = `g_${group.groupId}`;
      const before = await groupSend(owner, group.groupId, 'carol can read this');
      const carols = await groupSend(carol, group.groupId, 'carol wrote this');
      await changeMembers(owner, group.groupId, { removeUserIds: [c] });
      await groupSend(owner, group.groupId, 'carol cannot read this');
      await groupSend(bob, group.groupId, 'nor this');
      await pushedSeq(owner, '6');

      const conv = (await sync(carol)).convs.find((cv) => cv.convId === convId);
      expect(conv).to.include({ groupId: group.groupId, peerUserId: '0', maxSeq: '4', minSeq: '1', readSeq: '0', unread: 1 });
      expect(event(conv!.last!)).to.deep.equal({ kind: GroupEventKind.MEMBERS_REMOVED, actor: o, userIds: [c] });
      const page = await history(carol, convId);
      expect(seqsOf(page.messages)).to.deep.equal([1, 2, 3, 4]);
      expect(page.messages[1]!.msgId).to.equal(before.msgId);
      expect((await history(carol, convId, { afterSeq: '4' })).messages).to.deep.equal([]);
      expect(seqsOf((await history(carol, convId, { beforeSeq: '100' })).messages)).to.deep.equal([1, 2, 3, 4]);
      expect(await call(carol, Cmd.READ_REQ, { convId, readSeq: '6' }, Cmd.READ_RESP)).to.deep.equal({ convId, readSeq: '4', unread: 0 });

      expect(await refused(carol, Cmd.GROUP_SEND_REQ, sendReq(group.groupId, 'hello?'))).to.equal('FORBIDDEN');
      expect(await refused(carol, Cmd.RECALL_REQ, { msgId: carols.msgId })).to.equal('FORBIDDEN');
      expect(await refused(carol, Cmd.TYPING_REQ, { convId, typing: true })).to.equal('FORBIDDEN');
      // Members still see the group as it goes on.
      expect((await sync(bob)).convs.find((cv) => cv.convId === convId)).to.include({ maxSeq: '6' });
    });
  });

  describe('15. sending', () => {
    it('acks with conv_id g_<id> and the next seq, pushes once to every other member\'s sessions, to own other sessions only with echo_own_messages, never to the sending session', async () => {
      const [o, b, offline] = users(3) as [string, string, string];
      const phone = await login(o, 'phone');
      const laptop = await login(o, 'laptop', true);
      const watch = await login(o, 'watch', false);
      const bobPhone = await login(b, 'phone');
      const bobTablet = await login(b, 'tablet');
      const group = await create(phone, [b, offline]);
      for (const s of [laptop, bobPhone, bobTablet]) await pushedSeq(s, '1');

      const clientMsgId = uniqueId('send');
      const ack = await groupSend(phone, group.groupId, 'hello group', { clientMsgId });
      expect(ack).to.include({ clientMsgId, convId: `g_${group.groupId}`, seq: '2' });
      expect(BigInt(ack.msgId) > 0n).to.equal(true);
      for (const s of [bobPhone, bobTablet, laptop]) {
        expect(await pushedSeq(s, '2')).to.include({
          msgId: ack.msgId, clientMsgId, fromUserId: o, toUserId: '0', groupId: group.groupId, convId: `g_${group.groupId}`,
          content: 'hello group', format: MsgFormat.TEXT, recalled: false, createTimeMs: ack.serverTimeMs,
        });
      }
      await expectNoMorePushes({ phone, laptop, watch, bobPhone, bobTablet });
      // Live and at most once: an unacked GROUP_PUSH is not pushed again.
      await sleep(500);
      expect(bobPhone.all(Cmd.GROUP_PUSH)).to.deep.equal([]);
    });

    it('dedups by (sender, client_msg_id): a resend gets the same msg_id and seq and no second push; another sender\'s same id is its own message', async () => {
      const [o, b] = users(2) as [string, string];
      const owner = await login(o);
      const bob = await login(b);
      const group = await create(owner, [b]);
      await pushedSeq(bob, '1');
      const clientMsgId = uniqueId('dup');
      const first = await groupSend(owner, group.groupId, 'once', { clientMsgId });
      const again = await groupSend(owner, group.groupId, 'twice?', { clientMsgId });
      expect(again).to.include({ msgId: first.msgId, seq: first.seq, convId: first.convId, clientMsgId });
      expect(await pushedSeq(bob, first.seq)).to.include({ content: 'once' });
      await expectNoMorePushes({ bob });
      const bobs = await groupSend(bob, group.groupId, 'mine', { clientMsgId });
      expect(bobs.msgId).to.not.equal(first.msgId);
      expect(bobs.seq).to.equal('3');
      expect(await pushedSeq(owner, '3')).to.include({ msgId: bobs.msgId });

      // Two copies in flight at once (likely one commit batch) are still one message.
      const racing = uniqueId('race');
      const copies = await Promise.all([1, 2].map(() => groupSend(owner, group.groupId, 'raced', { clientMsgId: racing })));
      expect(copies[1]).to.deep.equal(copies[0]);
      expect(copies[0]!.seq).to.equal('4');
      await pushedSeq(bob, '4');
      await expectNoMorePushes({ owner, bob });
      expect((await history(bob, first.convId)).messages.map((m) => m.content)).to.deep.equal(['', 'once', 'mine', 'raced']);
    });

    it('gives every receiving session each entry once and in seq order when two members send 20 each at once', async () => {
      const [o, b, c, d] = users(4) as [string, string, string, string];
      const owner = await login(o);
      const bob = await login(b);
      const carolPhone = await login(c, 'phone');
      const carolLaptop = await login(c, 'laptop');
      const dave = await login(d);
      const group = await create(owner, [b, c, d]);
      const N = 20;
      const sends = [owner, bob].flatMap((sender, k) => Array.from({ length: N }, (_, i) => {
        const seq = sender.send(Cmd.GROUP_SEND_REQ, sendReq(group.groupId, `${k}:${i}`));
        return answer(sender, seq).then((f) => {
          if (f.cmd !== Cmd.GROUP_SEND_ACK) throw new Error(`send refused: ${JSON.stringify(f.body)}`);
          return f.body;
        });
      }));
      const acks = await Promise.all(sends);
      const all = acks.map((a) => Number(a.seq)).sort((x, y) => x - y);
      expect(all).to.deep.equal(Array.from({ length: 2 * N }, (_, i) => i + 2));
      const ownSeqs = (sender: number) => new Set(acks.slice(sender * N, (sender + 1) * N).map((a) => Number(a.seq)));
      const expected: Array<[string, RawClient, number[]]> = [
        ['owner', owner, [...ownSeqs(1)]],
        ['bob', bob, [1, ...ownSeqs(0)]],
        ...[['carol phone', carolPhone], ['carol laptop', carolLaptop], ['dave', dave]].map(([n, s]) => [n, s, [1, ...all]] as [string, RawClient, number[]]),
      ];
      for (const [name, session, seqs] of expected) {
        // The creating session gets no CREATED; everyone else starts with it.
        await waitFor(`${name}: ${seqs.length} pushes`, () => session.all(Cmd.GROUP_PUSH).length >= seqs.length);
        const got = seqsOf(await pushesAfterQuiet(session));
        expect(got, `${name} in order`).to.deep.equal([...got].sort((x, y) => x - y));
        expect(new Set(got).size, `${name} each once`).to.equal(got.length);
        expect(got, name).to.have.members(seqs);
      }
    });

    it('reaches a member who logs in after it was added, from its next entry on, once it has synced', async () => {
      const [o, late] = users(2) as [string, string];
      const owner = await login(o);
      const group = await create(owner, [late]);
      await groupSend(owner, group.groupId, 'while you were away'); // 2
      const phone = await login(late);
      // What a reconnecting client does: catch up first, then rely on live pushes.
      const conv = (await sync(phone)).convs.find((c) => c.convId === `g_${group.groupId}`);
      expect(conv).to.include({ maxSeq: '2', unread: 1 });
      const ack = await groupSend(owner, group.groupId, 'welcome back');
      expect(await pushedSeq(phone, ack.seq)).to.include({ content: 'welcome back' });
      // A second device of a user already known here is a member at once.
      const tablet = await login(late, 'tablet');
      const next = await groupSend(owner, group.groupId, 'to both');
      for (const s of [phone, tablet]) await pushedSeq(s, next.seq);
    });

    it('refuses a non-member with FORBIDDEN, an unknown group with NOT_FOUND, server-only formats and group id 0 with BAD_REQUEST', async () => {
      const [o, x] = users(2) as [string, string];
      const owner = await login(o);
      const outsider = await login(x);
      const group = await create(owner, []);
      expect(await refused(outsider, Cmd.GROUP_SEND_REQ, sendReq(group.groupId, 'let me in'))).to.equal('FORBIDDEN');
      expect(await refused(owner, Cmd.GROUP_SEND_REQ, sendReq(String(TWO_63 - 2n - nextOffset), 'nowhere'))).to.equal('NOT_FOUND');
      expect(await refused(owner, Cmd.GROUP_SEND_REQ, sendReq(String(MAX_U64), 'nowhere'))).to.equal('NOT_FOUND');
      expect(await refused(owner, Cmd.GROUP_SEND_REQ, sendReq('0', 'nowhere'))).to.equal('BAD_REQUEST');
      for (const format of [MsgFormat.RECALL, MsgFormat.GROUP_EVENT]) {
        expect(await refused(owner, Cmd.GROUP_SEND_REQ, sendReq(group.groupId, 'x', { format })), MsgFormat[format]).to.equal('BAD_REQUEST');
      }
      expect(seqsOf((await history(owner, `g_${group.groupId}`)).messages)).to.deep.equal([1]);
    });

    it('carries mention_user_ids in the push and in HISTORY', async () => {
      const [o, b, c] = users(3) as [string, string, string];
      const owner = await login(o);
      const bob = await login(b);
      const group = await create(owner, [b, c]);
      const mentions = [c, b, String(MAX_U64)];
      const ack = await groupSend(owner, group.groupId, '@carol @bob', { mentionUserIds: mentions });
      expect((await pushedSeq(bob, ack.seq)).mentionUserIds).to.deep.equal(mentions);
      const page = await history(bob, ack.convId);
      expect(page.messages.find((m) => m.msgId === ack.msgId)?.mentionUserIds).to.deep.equal(mentions);
      expect(page.messages[0]!.mentionUserIds).to.deep.equal([]);
      expect(await refused(owner, Cmd.GROUP_SEND_REQ, sendReq(group.groupId, 'x', { mentionUserIds: ['0'] }))).to.equal('BAD_REQUEST');
    });
  });

  describe('10-12. SYNC, HISTORY and READ of groups', () => {
    it('counts unread messages not sent by the user and not recalled (events and tombstones do not count); a later member reads from the seq that added it', async () => {
      const [o, b, d] = users(3) as [string, string, string];
      const owner = await login(o);
      const bob = await login(b);
      const dave = await login(d);
      const group = await create(owner, [b]); // 1
      const convId = `g_${group.groupId}`;
      await groupSend(owner, group.groupId, 'm1'); // 2
      await groupSend(bob, group.groupId, 'b1'); // 3
      await groupSend(owner, group.groupId, 'm2'); // 4
      await changeMembers(owner, group.groupId, { addUserIds: [d] }); // 5
      await groupSend(owner, group.groupId, 'm3'); // 6
      const doomed = await groupSend(owner, group.groupId, 'm4'); // 7
      await recall(owner, doomed.msgId); // 8: tombstone

      const mine = (resp: Bodies[typeof Cmd.SYNC_RESP]) => resp.convs.find((c) => c.convId === convId);
      const bobs = mine(await sync(bob));
      expect(bobs).to.include({ groupId: group.groupId, peerUserId: '0', maxSeq: '8', readSeq: '0', minSeq: '1', unread: 3 });
      expect(bobs!.last).to.include({ seq: '8', format: MsgFormat.RECALL, recalledMsgId: doomed.msgId, content: '' });
      expect(mine(await sync(owner))).to.include({ maxSeq: '8', readSeq: '0', unread: 1 });
      const daves = mine(await sync(dave));
      expect(daves).to.include({ maxSeq: '8', minSeq: '5', readSeq: '4', unread: 1 });

      const page = await history(dave, convId);
      expect([seqsOf(page.messages), page.hasMore, page.minSeq]).to.deep.equal([[5, 6, 7, 8], false, '5']);
      expect(seqsOf((await history(dave, convId, { afterSeq: '1' })).messages)).to.deep.equal([5, 6, 7, 8]);
      expect(await history(dave, convId, { beforeSeq: '5' })).to.deep.equal({ messages: [], hasMore: false, minSeq: '5' });
      expect(seqsOf((await history(dave, convId, { limit: 2 })).messages)).to.deep.equal([7, 8]);
      const scroll = await history(dave, convId, { beforeSeq: '7', limit: 5 });
      expect([seqsOf(scroll.messages), scroll.hasMore]).to.deep.equal([[5, 6], false]);
    });

    it('answers READ with READ_RESP and tells only the user\'s own other sessions, never the other members', async () => {
      const [o, b, c, x] = users(4) as [string, string, string, string];
      const owner = await login(o);
      const bobPhone = await login(b, 'phone');
      const bobLaptop = await login(b, 'laptop');
      const carol = await login(c);
      const outsider = await login(x);
      const group = await create(owner, [b, c]);
      const convId = `g_${group.groupId}`;
      for (let i = 0; i < 3; i++) await groupSend(owner, group.groupId, `r${i}`); // 2, 3, 4
      expect(await call(bobPhone, Cmd.READ_REQ, { convId, readSeq: '3' }, Cmd.READ_RESP)).to.deep.equal({ convId, readSeq: '3', unread: 1 });
      expect((await bobLaptop.next(Cmd.READ_NOTIFY)).body).to.deep.equal({ convId, userId: b, readSeq: '3' });
      expect(await call(bobLaptop, Cmd.READ_REQ, { convId, readSeq: '2' }, Cmd.READ_RESP)).to.deep.equal({ convId, readSeq: '3', unread: 1 });
      await sleep(QUIET_MS);
      for (const s of [owner, carol, bobPhone, bobLaptop]) expect(s.all(Cmd.READ_NOTIFY)).to.deep.equal([]);
      expect((await sync(bobLaptop)).convs.find((cv) => cv.convId === convId)).to.include({ readSeq: '3', unread: 1 });
      expect(await refused(outsider, Cmd.READ_REQ, { convId, readSeq: '1' })).to.equal('FORBIDDEN');
      expect(await refused(outsider, Cmd.HISTORY_REQ, { convId, afterSeq: '0', beforeSeq: '0', limit: 0 })).to.equal('FORBIDDEN');
    });
  });

  describe('16. recall in a group', () => {
    it('lets the sender recall within the window: the tombstone is pushed live, HISTORY shows the original recalled and empty', async () => {
      const [o, b, c] = users(3) as [string, string, string];
      const owner = await login(o);
      const bob = await login(b);
      const carol = await login(c);
      const group = await create(owner, [b, c]);
      const kept = await groupSend(bob, group.groupId, 'stays');
      const gone = await groupSend(bob, group.groupId, 'oops');
      for (const s of [bob, carol]) await pushedSeq(s, '1');
      for (const s of [owner, carol]) for (const seq of ['2', '3']) await pushedSeq(s, seq);

      const resp = await recall(bob, gone.msgId);
      expect(resp.msgId).to.equal(gone.msgId);
      expect(Math.abs(resp.recallTimeMs - Date.now())).to.be.lessThan(10_000);
      for (const s of [owner, carol]) {
        const tomb = await pushedSeq(s, '4');
        expect(tomb).to.include({ format: MsgFormat.RECALL, recalledMsgId: gone.msgId, content: '', groupId: group.groupId, convId: gone.convId, fromUserId: b });
      }
      await expectNoMorePushes({ owner, bob, carol });
      expect(carol.all(Cmd.RECALL_NOTIFY)).to.deep.equal([]);

      const page = await history(carol, gone.convId);
      expect(page.messages.map((m) => [m.seq, m.msgId, m.format, m.content, m.recalled, m.recalledMsgId])).to.deep.equal([
        ['1', page.messages[0]!.msgId, MsgFormat.GROUP_EVENT, '', false, '0'],
        ['2', kept.msgId, MsgFormat.TEXT, 'stays', false, '0'],
        ['3', gone.msgId, MsgFormat.TEXT, '', true, '0'],
        ['4', page.messages[3]!.msgId, MsgFormat.RECALL, '', false, gone.msgId],
      ]);
      // Neither a tombstone nor a group event is a message to recall.
      expect(await refused(bob, Cmd.RECALL_REQ, { msgId: page.messages[3]!.msgId })).to.equal('NOT_FOUND');
      expect(await refused(owner, Cmd.RECALL_REQ, { msgId: page.messages[0]!.msgId })).to.equal('NOT_FOUND');
    });

    it('lets the owner and an admin recall another member\'s message; a plain member or an outsider gets FORBIDDEN', async () => {
      const [o, a, b, c, x] = users(5) as [string, string, string, string, string];
      const owner = await login(o);
      const admin = await login(a);
      const bob = await login(b);
      const carol = await login(c);
      const outsider = await login(x);
      const group = await create(owner, [a, b, c]);
      await changeMembers(owner, group.groupId, { promoteUserIds: [a] }); // 2
      const m1 = await groupSend(bob, group.groupId, 'one'); // 3
      const m2 = await groupSend(bob, group.groupId, 'two'); // 4
      expect(await refused(carol, Cmd.RECALL_REQ, { msgId: m1.msgId })).to.equal('FORBIDDEN');
      expect(await refused(outsider, Cmd.RECALL_REQ, { msgId: m1.msgId })).to.equal('FORBIDDEN');
      await recall(admin, m1.msgId); // 5
      await recall(owner, m2.msgId); // 6
      expect((await pushedSeq(carol, '5')).recalledMsgId).to.equal(m1.msgId);
      expect((await pushedSeq(carol, '6')).recalledMsgId).to.equal(m2.msgId);
      expect((await pushedSeq(owner, '5')).recalledMsgId).to.equal(m1.msgId);
      expect((await pushedSeq(admin, '6')).recalledMsgId).to.equal(m2.msgId);
      const page = await history(carol, m1.convId, { afterSeq: '2' });
      expect(page.messages.map((m) => [m.seq, m.recalled, m.content])).to.deep.equal([['3', true, ''], ['4', true, ''], ['5', false, ''], ['6', false, '']]);
    });

    it('pushes the tombstone of an owner\'s or admin\'s recall to the author\'s sessions too', async () => {
      // group-service.ts publish() names the entry's from_user_id (the author) as the sender, so
      // group-fanout.ts skips every author session without echo_own_messages.
      const [o, b] = users(2) as [string, string];
      const owner = await login(o);
      const bob = await login(b);
      const group = await create(owner, [b]);
      await pushedSeq(bob, '1');
      const m = await groupSend(bob, group.groupId, 'moderated');
      await recall(owner, m.msgId);
      const tomb = await pushed(bob, (msg) => msg.seq === '3', 2000);
      expect(tomb).to.include({ format: MsgFormat.RECALL, recalledMsgId: m.msgId });
    });

    it('refuses a recall after messaging.recallWindowMs with RECALL_WINDOW_EXPIRED, for the sender and the owner alike', async () => {
      const [o, b] = users(2) as [string, string];
      const owner = await login(o);
      const bob = await login(b);
      const group = await create(owner, [b]);
      const old = await groupSend(bob, group.groupId, 'too late to take back');
      await sleep(RECALL_WINDOW_MS + 200);
      expect(await refused(bob, Cmd.RECALL_REQ, { msgId: old.msgId })).to.equal('RECALL_WINDOW_EXPIRED');
      expect(await refused(owner, Cmd.RECALL_REQ, { msgId: old.msgId })).to.equal('RECALL_WINDOW_EXPIRED');
      expect((await history(owner, old.convId)).messages.map((m) => [m.seq, m.content, m.recalled])).to.deep.equal([
        ['1', '', false], ['2', 'too late to take back', false],
      ]);
    });
  });

  describe('13. typing in a group', () => {
    it('reaches the other members while the group has at most groups.typingMaxMembers, nobody above it; FORBIDDEN to non-members', async () => {
      const [o, b, c, d, x] = users(5) as [string, string, string, string, string];
      const owner = await login(o);
      const bob = await login(b);
      const carol = await login(c);
      const dave = await login(d);
      const outsider = await login(x);
      const group = await create(owner, [b, c]);
      expect(group.memberCount).to.equal(TYPING_MAX_MEMBERS);
      const convId = `g_${group.groupId}`;
      owner.send(Cmd.TYPING_REQ, { convId, typing: true });
      for (const s of [bob, carol]) expect((await s.next(Cmd.TYPING_NOTIFY)).body).to.deep.equal({ convId, userId: o, typing: true });
      await sleep(QUIET_MS);
      for (const s of [owner, bob, carol, dave]) expect(s.all(Cmd.TYPING_NOTIFY)).to.deep.equal([]);
      // Typing has no reply, and it is no entry.
      expect(owner.frames.filter((f) => f.cmd !== Cmd.GROUP_PUSH)).to.deep.equal([]);
      expect(seqsOf((await history(owner, convId)).messages)).to.deep.equal([1]);

      await changeMembers(owner, group.groupId, { addUserIds: [d] });
      bob.send(Cmd.TYPING_REQ, { convId, typing: true });
      await sleep(QUIET_MS);
      for (const s of [owner, bob, carol, dave]) expect(s.all(Cmd.TYPING_NOTIFY)).to.deep.equal([]);
      expect(bob.all(Cmd.ERROR)).to.deep.equal([]);

      expect(await refused(outsider, Cmd.TYPING_REQ, { convId, typing: true })).to.equal('FORBIDDEN');
    });
  });

  describe('GROUP_INFO', () => {
    it('returns the group and pages of members ascending by user id as unsigned integers, with has_more; FORBIDDEN to non-members', async () => {
      const r = ++nextOffset;
      // Either side of 2^63, so that signed order (large ids first) would show.
      const ids = [TWO_53 + r, 2n ** 62n + r, TWO_63 - 1n - r, TWO_63 + r, TWO_63 + 2n ** 62n + r, MAX_U64 - r].map(String);
      const owner = ids[4]!;
      const creator = await login(owner);
      const member = await login(ids[0]!);
      const outsider = await login(users(1)[0]!);
      const group = await create(creator, [ids[5]!, ids[1]!, ids[3]!, ids[0]!, ids[2]!], '', 'ordered');
      const full = await info(member, group.groupId);
      expect(full.group).to.deep.equal(group);
      expect(full.members.map((m) => m.userId)).to.deep.equal(ids);
      expect(full.hasMore).to.equal(false);
      expect(full.members.map((m) => m.role)).to.deep.equal(ids.map((id) => (id === owner ? GroupRole.GROUP_ROLE_OWNER : GroupRole.GROUP_ROLE_MEMBER)));
      expect(full.members.every((m) => Math.abs(m.joinTimeMs - group.createTimeMs) < 1000)).to.equal(true);

      const pages: Array<[string[], boolean]> = [];
      let after = '0';
      for (let i = 0; i < 5; i++) {
        const page = await info(member, group.groupId, after, 2);
        pages.push([page.members.map((m) => m.userId), page.hasMore]);
        if (!page.hasMore) break;
        after = page.members[page.members.length - 1]!.userId;
      }
      expect(pages).to.deep.equal([[ids.slice(0, 2), true], [ids.slice(2, 4), true], [ids.slice(4, 6), false]]);
      expect((await info(member, group.groupId, ids[3]!, 0)).members.map((m) => m.userId)).to.deep.equal(ids.slice(4));

      expect(await refused(outsider, Cmd.GROUP_INFO_REQ, { groupId: group.groupId, afterUserId: '0', limit: 0 })).to.equal('FORBIDDEN');
      expect(await refused(outsider, Cmd.GROUP_INFO_REQ, { groupId: String(TWO_63 - 3n - nextOffset), afterUserId: '0', limit: 0 })).to.equal('NOT_FOUND');
      expect(await refused(outsider, Cmd.GROUP_INFO_REQ, { groupId: '0', afterUserId: '0', limit: 0 })).to.equal('BAD_REQUEST');
    });
  });

  describe('version-1 clients', () => {
    it('still send and receive one-to-one messages as before, beside a busy group', async () => {
      const [a, b, o] = users(3) as [string, string, string];
      const owner = await login(o);
      const alice = await login(a);
      const bob = await login(b);
      const group = await create(owner, [a]);
      await groupSend(owner, group.groupId, 'group traffic');
      // A version-1 client sets none of the Additions' fields and ignores what it does not know.
      const seq = alice.send(Cmd.C2C_SEND_REQ, { clientMsgId: uniqueId('v1'), toUserId: b, content: 'plain one-to-one', format: MsgFormat.TEXT });
      const ack = (await alice.next(Cmd.C2C_SEND_ACK, (f) => f.seq === seq)).body;
      const push = (await bob.next(Cmd.C2C_PUSH)).body.message;
      expect(push).to.include({ msgId: ack.msgId, fromUserId: a, toUserId: b, content: 'plain one-to-one', groupId: '0' });
      bob.send(Cmd.C2C_ACK, { msgIds: [push.msgId] });
      await sleep(QUIET_MS);
      expect(bob.all(Cmd.GROUP_PUSH)).to.deep.equal([]);
      expect(bob.all(Cmd.C2C_PUSH)).to.deep.equal([]);
      expect(await pushedSeq(alice, '2')).to.include({ content: 'group traffic' });
    });
  });
});
