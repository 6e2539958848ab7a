// The SDK's group commands and group seq tracking against the scripted fake server: the bytes
// each method writes, how replies map, and the delivery rules of PROTOCOL.md behaviours 14-16.
import { expect } from 'chai';
import { groupConvId, ImClient, type ImClientOptions, type GroupEventMessage } from '../../src/client/im-client.js';
import type { ImError } from '../../src/client/im-error.js';
import {
  Cmd, ErrorCode, GroupEventKind, GroupRole, MsgFormat,
  type ChatMessage, type ConvState, type GroupInfo, type GroupMember,
} from '../../src/protocol/messages.js';
import { BIG_USER, FakeServer, type FakeConn } from './fake-server.js';
import { expectRejection, sleep, waitFor } from './support.js';

const ME = BIG_USER; // 2^53 + 1
const PEER = '18446744073709551615'; // 2^64 - 1: as a signed int64 it would be -1
const OTHER = '9223372036854775808'; // 2^63: sorts after PEER as signed, before it as unsigned
// Real gateways make group ids below 2^63 (snowflakes); the SDK carries any uint64 as it is.
const GROUP = '9223372036854775809'; // 2^63 + 1
const CONV = groupConvId(GROUP);
const INFO: GroupInfo = { groupId: GROUP, name: 'team', ownerUserId: ME, memberCount: 3, createTimeMs: 1_700_000_000_000 };

/** Entry `seq` of a group's log; its msg id lies above 2^63 as well. */
function gEntry(seq: number | bigint, patch: Partial<ChatMessage> = {}, groupId = GROUP): ChatMessage & { convId: string; seq: string } {
  const s = BigInt(seq);
  const message = {
    msgId: (9_223_372_036_854_775_900n + s * 1000n + BigInt(groupId.length)).toString(),
    clientMsgId: `c${s}`, fromUserId: PEER, toUserId: '0', content: `g${s}`, format: MsgFormat.TEXT, createTimeMs: 1,
    groupId, mentionUserIds: [], ...patch, convId: groupConvId(groupId), seq: s.toString(),
  };
  return message;
}

function created(members: string[]): ChatMessage & { convId: string; seq: string } {
  return gEntry(1, {
    fromUserId: ME, content: '', format: MsgFormat.GROUP_EVENT,
    groupEvent: { kind: GroupEventKind.CREATED, actorUserId: ME, userIds: members, name: 'team' },
  });
}

function convState(convId: string, patch: Partial<ConvState>): ConvState {
  return { convId, peerUserId: '0', groupId: convId.slice(2), maxSeq: '0', readSeq: '0', peerReadSeq: '0', unread: 0, last: null, updateTimeMs: 1, minSeq: '1', ...patch };
}

/**
 * A gateway with group logs: SYNC answers `convs`, HISTORY reads `logs`, and `reply` may answer
 * any other frame (return true when it did). `syncGate` holds SYNC answers back while set.
 */
class GroupScript {
  readonly logs = new Map<string, ChatMessage[]>();
  convs: ConvState[] = [];
  syncTime = 1_000_000;
  syncGate: Promise<void> | null = null;
  reply: (conn: FakeConn, frame: Parameters<FakeServer['handler']>[1]) => boolean = () => false;

  constructor(server: FakeServer) {
    server.handler = (conn, frame) => {
      if (this.reply(conn, frame)) return;
      if (frame.cmd === Cmd.SYNC_REQ) {
        const answer = () => conn.reply(Cmd.SYNC_RESP, frame.seq, { convs: this.convs, nextPageToken: '', serverTimeMs: this.syncTime });
        if (this.syncGate) void this.syncGate.then(answer);
        else answer();
      } else if (frame.cmd === Cmd.HISTORY_REQ) {
        const limit = frame.body.limit || 50;
        const above = (this.logs.get(frame.body.convId) ?? []).filter((m) => BigInt(m.seq!) > BigInt(frame.body.afterSeq));
        conn.reply(Cmd.HISTORY_RESP, frame.seq, { messages: above.slice(0, limit), hasMore: above.length > limit, minSeq: '1' });
      } else {
        server.standard(conn, frame);
      }
    };
  }

  /** Appends entries from..to of `groupId` to its log and returns them. */
  commit(from: number, to: number, groupId = GROUP): Array<ChatMessage & { convId: string; seq: string }> {
    const out = [];
    for (let s = from; s <= to; s++) out.push(gEntry(s, {}, groupId));
    const convId = groupConvId(groupId);
    this.logs.set(convId, [...(this.logs.get(convId) ?? []), ...out]);
    return out;
  }
}

/** [seq, content] of what the application saw, in order. */
const seen = (messages: ChatMessage[]) => messages.map((m) => [m.seq, m.content]);

describe('client/ImClient groups (fake server)', () => {
  let server: FakeServer;
  let script: GroupScript;
  let clients: ImClient[];

  /** A client with every event it emits recorded. */
  function client(options: Partial<ImClientOptions> = {}) {
    const c = new ImClient({ url: server.url, token: 'tok', deviceId: 'dev', backoff: { initialMs: 10, maxMs: 40 }, ...options });
    clients.push(c);
    const got = { group: [] as ChatMessage[], events: [] as GroupEventMessage[], oneToOne: [] as ChatMessage[], errors: [] as Error[] };
    c.on('groupMessage', (m) => got.group.push(m));
    c.on('groupEvent', (m) => got.events.push(m));
    c.on('message', (m) => got.oneToOne.push(m));
    c.on('error', (e) => got.errors.push(e));
    return { c, got };
  }

  /** Connected, with the first login's catch-up SYNC answered. */
  async function ready(options: Partial<ImClientOptions> = {}) {
    const r = client(options);
    await r.c.connect();
    const conn = await server.conn(server.conns.length - 1);
    await conn.next(Cmd.SYNC_REQ);
    await sleep(10);
    return { ...r, conn };
  }

  /** Connected, with the first login's SYNC read but unanswered until `open()`. */
  async function connectHoldingSync() {
    let open = () => {};
    script.syncGate = new Promise((resolve) => (open = resolve));
    const { c, got } = client();
    await c.connect();
    const conn = await server.conn(0);
    await conn.next(Cmd.SYNC_REQ);
    return { c, got, conn, open };
  }

  beforeEach(async () => {
    server = await FakeServer.start();
    script = new GroupScript(server);
    clients = [];
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  });

  describe('createGroup', () => {
    it('sends name, members and a UUID client_req_id, resolves with the GroupInfo and emits its CREATED entry', async () => {
      const members = [PEER, OTHER];
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_CREATE_REQ) return false;
        script.logs.set(CONV, [created([ME, OTHER, PEER])]);
        conn.reply(Cmd.GROUP_CREATE_RESP, frame.seq, { group: INFO });
        return true;
      };
      const { c, got, conn } = await ready();
      const group = await c.createGroup('team', members);
      expect(group).to.deep.equal(INFO);
      const req = conn.all(Cmd.GROUP_CREATE_REQ)[0]!;
      expect(req.body).to.deep.include({ name: 'team', memberUserIds: [PEER, OTHER] });
      expect(req.body.clientReqId).to.match(/^[0-9a-f-]{36}$/);
      // The creating session gets no push of its own entry: the client fetches it.
      await waitFor(() => got.group.length === 1, 'CREATED');
      // after_seq 0 would mean "the latest": the start is asked as the entries below 101.
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => f.body)).to.deep.equal([{ convId: CONV, afterSeq: '0', beforeSeq: '101', limit: 100 }]);
      expect(got.group[0]).to.deep.include({ seq: '1', format: MsgFormat.GROUP_EVENT, groupId: GROUP });
      expect(got.events).to.have.length(1);
      expect(got.events[0]!.groupEvent).to.deep.equal({ kind: GroupEventKind.CREATED, actorUserId: ME, userIds: [ME, OTHER, PEER], name: 'team' });
      expect(got.oneToOne).to.deep.equal([]);
      expect(conn.all(Cmd.C2C_ACK)).to.deep.equal([]);
      // The next entry follows without another fetch.
      conn.reply(Cmd.GROUP_PUSH, 0, { message: gEntry(2) });
      await waitFor(() => got.group.length === 2, 'seq 2');
      expect(conn.all(Cmd.HISTORY_REQ)).to.have.length(1);
      expect(got.errors).to.deep.equal([]);
    });

    it('is written again with the same client_req_id after the connection drops before the reply', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_CREATE_REQ) return false;
        if (conn === server.conns[0]) conn.ws.close(1001, 'going away'); // created, but the reply is lost
        else conn.reply(Cmd.GROUP_CREATE_RESP, frame.seq, { group: INFO });
        return true;
      };
      const { c } = await ready();
      const group = await c.createGroup('team', [PEER], { clientReqId: 'req-1' });
      expect(group).to.deep.equal(INFO);
      expect(server.conns[0]!.all(Cmd.GROUP_CREATE_REQ).map((f) => f.body.clientReqId)).to.deep.equal(['req-1']);
      expect(server.conns[1]!.all(Cmd.GROUP_CREATE_REQ).map((f) => f.body.clientReqId)).to.deep.equal(['req-1']);
    });

    it('surfaces LIMIT_EXCEEDED as an ImError with its code', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_CREATE_REQ) return false;
        conn.reply(Cmd.ERROR, frame.seq, { code: ErrorCode.LIMIT_EXCEEDED, message: 'a group has at most 2 members' });
        return true;
      };
      const { c } = await ready();
      const err = await expectRejection(c.createGroup('big', [PEER, OTHER]));
      expect(err).to.include({ code: ErrorCode.LIMIT_EXCEEDED, kind: 'server', message: 'a group has at most 2 members' });
    });
  });

  describe('updateMembers and leaveGroup', () => {
    it('sends every list, resolves with the group, then fetches the entries of its own change', async () => {
      script.convs = [convState(CONV, { maxSeq: '1', minSeq: '1', readSeq: '1' })];
      script.commit(1, 1);
      const after: GroupInfo = { ...INFO, memberCount: 4 };
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_MEMBERS_REQ) return false;
        script.logs.get(CONV)!.push(gEntry(2, {
          fromUserId: ME, content: '', format: MsgFormat.GROUP_EVENT,
          groupEvent: { kind: GroupEventKind.MEMBERS_ADDED, actorUserId: ME, userIds: [OTHER], name: '' },
        }));
        conn.reply(Cmd.GROUP_MEMBERS_RESP, frame.seq, { group: after });
        return true;
      };
      const { c, got, conn } = await ready();
      const group = await c.updateMembers(GROUP, { add: [OTHER], remove: ['5'], promote: [PEER], demote: ['6'] });
      expect(group).to.deep.equal(after);
      expect(conn.all(Cmd.GROUP_MEMBERS_REQ)[0]!.body).to.deep.equal({
        groupId: GROUP, addUserIds: [OTHER], removeUserIds: ['5'], promoteUserIds: [PEER], demoteUserIds: ['6'],
      });
      await waitFor(() => got.events.length === 1, 'MEMBERS_ADDED');
      expect(got.events[0]!).to.deep.include({ seq: '2' });
      expect(got.events[0]!.groupEvent).to.deep.include({ kind: GroupEventKind.MEMBERS_ADDED, userIds: [OTHER] });
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => f.body.afterSeq)).to.deep.equal(['1']);

      // A change that made nothing (all already so): the fetch finds nothing, which is no error.
      await c.updateMembers(GROUP, {});
      expect(conn.all(Cmd.GROUP_MEMBERS_REQ)[1]!.body).to.deep.equal({ groupId: GROUP, addUserIds: [], removeUserIds: [], promoteUserIds: [], demoteUserIds: [] });
      await waitFor(() => conn.all(Cmd.HISTORY_REQ).length === 2, 'the second fetch');
      await sleep(20);
      expect(got.errors).to.deep.equal([]);
      expect(got.group.map((m) => m.seq)).to.deep.equal(['2']);
    });

    it('leaveGroup removes this user, as the gateway named it at login', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_MEMBERS_REQ) return false;
        conn.reply(Cmd.GROUP_MEMBERS_RESP, frame.seq, { group: { ...INFO, memberCount: 2 } });
        return true;
      };
      const { c, conn } = await ready();
      expect(await c.leaveGroup(GROUP)).to.include({ memberCount: 2 });
      expect(conn.all(Cmd.GROUP_MEMBERS_REQ)[0]!.body).to.deep.equal({
        groupId: GROUP, addUserIds: [], removeUserIds: [ME], promoteUserIds: [], demoteUserIds: [],
      });
    });

    it('leaveGroup before any login rejects without writing', async () => {
      const { c } = client();
      expect((await expectRejection(c.leaveGroup(GROUP))).kind).to.equal('closed');
    });

    it('surfaces FORBIDDEN and NOT_FOUND with their codes', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_MEMBERS_REQ) return false;
        const forbidden = frame.body.groupId === GROUP;
        conn.reply(Cmd.ERROR, frame.seq, forbidden
          ? { code: ErrorCode.FORBIDDEN, message: 'only the owner and admins add and remove members' }
          : { code: ErrorCode.NOT_FOUND, message: 'no such group' });
        return true;
      };
      const { c } = await ready();
      expect(await expectRejection(c.updateMembers(GROUP, { add: [OTHER] }))).to.include({ code: ErrorCode.FORBIDDEN, kind: 'server' });
      expect(await expectRejection(c.leaveGroup('42'))).to.include({ code: ErrorCode.NOT_FOUND, kind: 'server' });
    });

    it('is not written again after a reconnect: rejects with kind disconnected', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_MEMBERS_REQ) return false;
        conn.ws.close(1001);
        return true;
      };
      const { c } = await ready();
      expect((await expectRejection(c.updateMembers(GROUP, { remove: [PEER] }))).kind).to.equal('disconnected');
      const second = await server.conn(1);
      await second.next(Cmd.SYNC_REQ);
      await sleep(20);
      expect(second.all(Cmd.GROUP_MEMBERS_REQ)).to.deep.equal([]);
    });
  });

  describe('groupInfo and groupMembers', () => {
    const members: GroupMember[] = [
      { userId: '3', role: GroupRole.GROUP_ROLE_MEMBER, joinTimeMs: 10 },
      { userId: ME, role: GroupRole.GROUP_ROLE_OWNER, joinTimeMs: 5 },
      { userId: OTHER, role: GroupRole.GROUP_ROLE_ADMIN, joinTimeMs: 11 },
      { userId: PEER, role: GroupRole.GROUP_ROLE_MEMBER, joinTimeMs: 12 },
    ];

    /** Pages of two, by user id as unsigned integers. */
    function pagedMembers(): void {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_INFO_REQ) return false;
        if (frame.body.groupId !== GROUP) {
          conn.reply(Cmd.ERROR, frame.seq, { code: ErrorCode.NOT_FOUND, message: 'no such group' });
          return true;
        }
        const above = members.filter((m) => BigInt(m.userId) > BigInt(frame.body.afterUserId));
        const limit = frame.body.limit || 2;
        conn.reply(Cmd.GROUP_INFO_RESP, frame.seq, { group: INFO, members: above.slice(0, limit), hasMore: above.length > limit });
        return true;
      };
    }

    it('groupInfo sends the cursor and limit and returns the page as it came', async () => {
      pagedMembers();
      const { c, conn } = await ready();
      const first = await c.groupInfo(GROUP);
      expect(first).to.deep.equal({ group: INFO, members: members.slice(0, 2), hasMore: true });
      const page = await c.groupInfo(GROUP, { afterUserId: ME, limit: 1 });
      expect(page).to.deep.equal({ group: INFO, members: [members[2]], hasMore: true });
      expect(conn.all(Cmd.GROUP_INFO_REQ).map((f) => f.body)).to.deep.equal([
        { groupId: GROUP, afterUserId: '0', limit: 0 },
        { groupId: GROUP, afterUserId: ME, limit: 1 },
      ]);
      expect(await expectRejection(c.groupInfo('7'))).to.include({ code: ErrorCode.NOT_FOUND, kind: 'server' });
    });

    it('groupMembers pages through every member with the last user id as the cursor', async () => {
      pagedMembers();
      const { c, conn } = await ready();
      expect(await c.groupMembers(GROUP)).to.deep.equal(members);
      expect(conn.all(Cmd.GROUP_INFO_REQ).map((f) => f.body.afterUserId)).to.deep.equal(['0', ME]);
    });

    it('groupMembers fails on a page that claims more but is empty, instead of asking forever', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_INFO_REQ) return false;
        conn.reply(Cmd.GROUP_INFO_RESP, frame.seq, { group: INFO, members: [], hasMore: true });
        return true;
      };
      const { c } = await ready();
      const err = await c.groupMembers(GROUP).then(() => null, (e: Error) => e);
      expect(err?.message).to.match(/has_more without members/);
    });
  });

  describe('sendGroup', () => {
    it('sends content, format and mentions, resolves with the ack, and moves past its own entry', async () => {
      script.convs = [convState(CONV, { maxSeq: '1', readSeq: '1' })];
      script.commit(1, 1);
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_SEND_REQ) return false;
        conn.reply(Cmd.GROUP_SEND_ACK, frame.seq, { clientMsgId: frame.body.clientMsgId, msgId: '9223372036854775999', serverTimeMs: 42, convId: CONV, seq: '2' });
        return true;
      };
      const { c, got, conn } = await ready();
      const ack = await c.sendGroup(GROUP, 'hi @all', { format: MsgFormat.TEXT, mentionUserIds: [PEER, OTHER] });
      const req = conn.all(Cmd.GROUP_SEND_REQ)[0]!;
      expect(req.body).to.deep.include({ groupId: GROUP, content: 'hi @all', format: MsgFormat.TEXT, mentionUserIds: [PEER, OTHER] });
      expect(req.body.clientMsgId).to.match(/^[0-9a-f-]{36}$/);
      expect(ack).to.deep.equal({ clientMsgId: req.body.clientMsgId, msgId: '9223372036854775999', serverTimeMs: 42, convId: CONV, seq: '2' });
      expect(c.stats.sent).to.equal(1);
      // Seq 3 is next after the own seq 2: no gap, no fetch.
      conn.reply(Cmd.GROUP_PUSH, 0, { message: gEntry(3) });
      await waitFor(() => got.group.length === 1, 'seq 3');
      await sleep(20);
      expect(seen(got.group)).to.deep.equal([['3', 'g3']]);
      expect(conn.all(Cmd.HISTORY_REQ)).to.deep.equal([]);
    });

    it('is written again with the same client_msg_id after the connection drops before the ack', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_SEND_REQ) return false;
        if (conn === server.conns[0]) conn.ws.close(1001, 'going away'); // stored, but the ack is lost
        else conn.reply(Cmd.GROUP_SEND_ACK, frame.seq, { clientMsgId: frame.body.clientMsgId, msgId: '9223372036854775998', serverTimeMs: 9, convId: CONV, seq: '7' });
        return true;
      };
      const { c } = await ready();
      const ack = await c.sendGroup(GROUP, 'survives', { clientMsgId: 'keep-me' });
      expect(ack).to.include({ clientMsgId: 'keep-me', msgId: '9223372036854775998', seq: '7' });
      const bodies = [0, 1].map((i) => server.conns[i]!.all(Cmd.GROUP_SEND_REQ).map((f) => f.body));
      expect(bodies[0]).to.deep.equal([{ clientMsgId: 'keep-me', groupId: GROUP, content: 'survives', format: MsgFormat.TEXT, mentionUserIds: [] }]);
      expect(bodies[1]).to.deep.equal(bodies[0]);
    });

    it('surfaces FORBIDDEN (not a member) and NOT_FOUND (no group) with their codes', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.GROUP_SEND_REQ) return false;
        conn.reply(Cmd.ERROR, frame.seq, frame.body.groupId === GROUP
          ? { code: ErrorCode.FORBIDDEN, message: 'not a member of this group' }
          : { code: ErrorCode.NOT_FOUND, message: 'no such group' });
        return true;
      };
      const { c } = await ready();
      expect(await expectRejection(c.sendGroup(GROUP, 'x'))).to.include({ code: ErrorCode.FORBIDDEN, kind: 'server' });
      expect(await expectRejection(c.sendGroup('1', 'x'))).to.include({ code: ErrorCode.NOT_FOUND, kind: 'server' });
      expect(c.stats.sent).to.equal(0);
    });
  });

  describe('GROUP_PUSH delivery', () => {
    it('emits pushes in seq order once each as groupMessage only, drops duplicates and sends no C2C_ACK', async () => {
      const { c, got, conn } = await ready();
      const [e1, e2, e3] = script.commit(1, 3);
      for (const e of [e1!, e2!, e2!, e3!, e1!]) conn.reply(Cmd.GROUP_PUSH, 0, { message: e });
      conn.reply(Cmd.GROUP_PUSH, 0, { message: { ...e3!, seq: '2', msgId: '5' } }); // a seq delivered already
      await waitFor(() => got.group.length === 3, 'three entries');
      await sleep(30);
      expect(seen(got.group)).to.deep.equal([['1', 'g1'], ['2', 'g2'], ['3', 'g3']]);
      expect(got.group[0]).to.deep.include({ msgId: e1!.msgId, groupId: GROUP, toUserId: '0', fromUserId: PEER });
      expect(got.oneToOne).to.deep.equal([]);
      expect(conn.all(Cmd.C2C_ACK)).to.deep.equal([]);
      expect(conn.all(Cmd.HISTORY_REQ)).to.deep.equal([]);
      expect(c.stats).to.include({ received: 3, duplicatesDropped: 3 });
    });

    it('fills a seq jump with HISTORY after the last delivered seq; every entry once, in order', async () => {
      const { got, conn } = await ready();
      const all = script.commit(1, 6);
      conn.reply(Cmd.GROUP_PUSH, 0, { message: all[0]! });
      await waitFor(() => got.group.length === 1, 'seq 1');
      conn.reply(Cmd.GROUP_PUSH, 0, { message: all[4]! }); // 2..4 were never pushed here
      conn.reply(Cmd.GROUP_PUSH, 0, { message: all[5]! });
      conn.reply(Cmd.GROUP_PUSH, 0, { message: all[4]! });
      await waitFor(() => got.group.length === 6, 'seq 2..6');
      await sleep(30);
      expect(got.group.map((m) => m.seq)).to.deep.equal(['1', '2', '3', '4', '5', '6']);
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => f.body)).to.deep.equal([{ convId: CONV, afterSeq: '1', beforeSeq: '0', limit: 100 }]);
      expect(got.errors).to.deep.equal([]);
    });

    it('delivers tombstones and group events through the same sequence, events also as groupEvent', async () => {
      const { got, conn } = await ready();
      const tombstone = gEntry(2, { format: MsgFormat.RECALL, content: '', recalledMsgId: gEntry(1).msgId });
      const renamed = gEntry(3, { format: MsgFormat.GROUP_EVENT, content: '', groupEvent: { kind: GroupEventKind.RENAMED, actorUserId: PEER, userIds: [], name: 'new' } });
      for (const m of [gEntry(1), tombstone, renamed]) conn.reply(Cmd.GROUP_PUSH, 0, { message: m });
      await waitFor(() => got.group.length === 3, 'three entries');
      expect(got.group.map((m) => m.format)).to.deep.equal([MsgFormat.TEXT, MsgFormat.RECALL, MsgFormat.GROUP_EVENT]);
      expect(got.group[1]).to.include({ recalledMsgId: gEntry(1).msgId });
      expect(got.events.map((m) => [m.seq, m.groupEvent.name])).to.deep.equal([['3', 'new']]);
    });

    it('recall() of a group entry fetches the tombstone the recalling session is not pushed', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.RECALL_REQ) return false;
        if (frame.body.msgId === gEntry(1).msgId) {
          script.logs.get(CONV)!.push(gEntry(2, { fromUserId: ME, format: MsgFormat.RECALL, content: '', recalledMsgId: frame.body.msgId }));
        }
        conn.reply(Cmd.RECALL_RESP, frame.seq, { msgId: frame.body.msgId, recallTimeMs: 5 });
        return true;
      };
      const { c, got, conn } = await ready();
      const [e1] = script.commit(1, 1);
      conn.reply(Cmd.GROUP_PUSH, 0, { message: e1! });
      await waitFor(() => got.group.length === 1, 'seq 1');
      expect(await c.recall(e1!.msgId)).to.deep.equal({ msgId: e1!.msgId, recallTimeMs: 5 });
      await waitFor(() => got.group.length === 2, 'the tombstone');
      expect(got.group[1]).to.deep.include({ seq: '2', format: MsgFormat.RECALL, recalledMsgId: e1!.msgId });
      // A msg_id this client never saw in a group: nothing to fetch.
      await c.recall('12345');
      await sleep(20);
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => f.body.afterSeq)).to.deep.equal(['1']);
      expect(got.errors).to.deep.equal([]);
    });

    it('keeps each group in its own order and one-to-one pushes on `message`', async () => {
      const { got, conn } = await ready();
      const a = script.commit(1, 3);
      for (const m of [a[0]!, a[2]!, a[1]!]) conn.reply(Cmd.GROUP_PUSH, 0, { message: m });
      const direct: ChatMessage = { msgId: '77', clientMsgId: 'x', fromUserId: PEER, toUserId: ME, content: 'dm', format: MsgFormat.TEXT, createTimeMs: 1, convId: `c_${ME}_${PEER}`, seq: '1' };
      conn.reply(Cmd.C2C_PUSH, 0, { message: direct });
      await waitFor(() => got.group.length === 3 && got.oneToOne.length === 1, 'everything');
      expect(got.group.map((m) => m.seq)).to.deep.equal(['1', '2', '3']);
      expect(got.oneToOne.map((m) => m.msgId)).to.deep.equal(['77']);
      expect(conn.ackedIds()).to.deep.equal(['77']);
    });

    it('a group not in the login SYNC is new since: its first push is held while it is read from the start', async () => {
      const NEW_GROUP = '2';
      const { got, conn } = await ready();
      const [b1, b2] = script.commit(1, 2, NEW_GROUP); // e.g. created on this user's other device: CREATED was not pushed here
      conn.reply(Cmd.GROUP_PUSH, 0, { message: b2! });
      await waitFor(() => got.group.length === 2, 'seq 1, 2');
      conn.reply(Cmd.GROUP_PUSH, 0, { message: b1! }); // delivered already
      conn.reply(Cmd.GROUP_PUSH, 0, { message: script.commit(3, 3, NEW_GROUP)[0]! });
      await waitFor(() => got.group.length === 3, 'seq 3');
      await sleep(20);
      expect(got.group.map((m) => m.seq)).to.deep.equal(['1', '2', '3']);
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => [f.body.afterSeq, f.body.beforeSeq])).to.deep.equal([['0', '101']]);
    });

    it('a group first pushed with the MEMBERS_ADDED naming this user starts there, without a fetch', async () => {
      const { got, conn } = await ready();
      const added = gEntry(5, { format: MsgFormat.GROUP_EVENT, content: '', groupEvent: { kind: GroupEventKind.MEMBERS_ADDED, actorUserId: PEER, userIds: [OTHER, ME], name: '' } });
      conn.reply(Cmd.GROUP_PUSH, 0, { message: added });
      conn.reply(Cmd.GROUP_PUSH, 0, { message: gEntry(6) });
      await waitFor(() => got.group.length === 2, 'seq 5, 6');
      await sleep(20);
      expect(got.group.map((m) => m.seq)).to.deep.equal(['5', '6']);
      expect(conn.all(Cmd.HISTORY_REQ)).to.deep.equal([]);
    });

    it('reads a group from min_seq when this user joined above the first HISTORY page', async () => {
      const JOINED = '3';
      script.reply = (conn, frame) => {
        // The member joined at seq 150: the entries below 101 are not its to read.
        if (frame.cmd !== Cmd.HISTORY_REQ || frame.body.convId !== groupConvId(JOINED)) return false;
        const { afterSeq, beforeSeq } = frame.body;
        if (beforeSeq === '101') conn.reply(Cmd.HISTORY_RESP, frame.seq, { messages: [], hasMore: false, minSeq: '150' });
        else conn.reply(Cmd.HISTORY_RESP, frame.seq, { messages: afterSeq === '149' ? [gEntry(150, {}, JOINED), gEntry(151, {}, JOINED)] : [], hasMore: false, minSeq: '150' });
        return true;
      };
      const { c, got, conn } = await ready();
      conn.reply(Cmd.GROUP_PUSH, 0, { message: gEntry(151, {}, JOINED) });
      await waitFor(() => got.group.length === 2, 'seq 150, 151');
      expect(got.group.map((m) => m.seq)).to.deep.equal(['150', '151']);
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => [f.body.afterSeq, f.body.beforeSeq])).to.deep.equal([['0', '101'], ['149', '0']]);
      expect(c.stats.historyFetches).to.equal(2);
      expect(got.errors).to.deep.equal([]);
    });

    it('emits own messages echoed from another device (echo_own_messages) and acks nothing', async () => {
      const { got, conn } = await ready({ echoOwnMessages: true });
      expect(conn.frames[0]!.body).to.include({ echoOwnMessages: true });
      conn.reply(Cmd.GROUP_PUSH, 0, { message: gEntry(1, { fromUserId: ME, content: 'from my laptop' }) });
      await waitFor(() => got.group.length === 1, 'the echo');
      await sleep(20);
      expect(got.group[0]).to.include({ fromUserId: ME, content: 'from my laptop' });
      expect(conn.all(Cmd.C2C_ACK)).to.deep.equal([]);
    });

    it('with catchUp off emits pushes as they come, deduplicated by msg_id, without SYNC or HISTORY', async () => {
      const { c, got } = client({ catchUp: false });
      await c.connect();
      const conn = await server.conn(0);
      const [e1, , e3] = script.commit(1, 3);
      for (const m of [e3!, e1!, e3!]) conn.reply(Cmd.GROUP_PUSH, 0, { message: m });
      await waitFor(() => got.group.length === 2, 'two entries');
      await sleep(20);
      expect(got.group.map((m) => m.seq)).to.deep.equal(['3', '1']);
      expect(conn.frames.filter((f) => f.cmd === Cmd.SYNC_REQ || f.cmd === Cmd.HISTORY_REQ || f.cmd === Cmd.C2C_ACK)).to.deep.equal([]);
    });

    it('typing() takes group conv ids', async () => {
      const { c, conn } = await ready();
      c.typing(CONV, true);
      expect((await conn.next(Cmd.TYPING_REQ)).body).to.deep.equal({ convId: CONV, typing: true });
    });
  });

  describe('catch-up after a login', () => {
    it('after a reconnect syncs and fetches a tracked group after its last delivered seq', async () => {
      const all = script.commit(1, 5);
      script.convs = [convState(CONV, { maxSeq: '2', readSeq: '2' })];
      const { c, got, conn: first } = await ready();
      // Tracked from the read position 2, where SYNC says the group ends: nothing to fetch.
      expect(first.all(Cmd.HISTORY_REQ)).to.deep.equal([]);
      script.convs = [convState(CONV, { maxSeq: '5', readSeq: '2' })];
      first.reply(Cmd.GROUP_PUSH, 0, { message: all[2]! });
      await waitFor(() => got.group.length === 1, 'seq 3');
      first.ws.terminate(); // 4 and 5 are committed while this client is away
      const second = await server.conn(1);
      expect((await second.next(Cmd.SYNC_REQ)).body).to.include({ updatedAfterMs: 940_000 });
      const history = await second.next(Cmd.HISTORY_REQ);
      expect(history.body).to.deep.equal({ convId: CONV, afterSeq: '3', beforeSeq: '0', limit: 100 });
      await waitFor(() => got.group.length === 3, 'seq 4, 5');
      expect(got.group.map((m) => m.seq)).to.deep.equal(['3', '4', '5']);
      expect(c.stats).to.include({ reconnects: 1, historyFetches: 1 });
      expect(got.errors).to.deep.equal([]);
    });

    it('tracks every group SYNC lists from the read position, never below joining: HISTORY for the rest', async () => {
      const JOINED_LATE = '3';
      const NEVER_READ = '4';
      script.commit(1, 6);
      script.commit(1, 5, JOINED_LATE);
      script.commit(1, 2, NEVER_READ);
      script.convs = [
        convState(CONV, { maxSeq: '6', readSeq: '4', minSeq: '1' }),
        convState(groupConvId(JOINED_LATE), { maxSeq: '5', readSeq: '0', minSeq: '4' }),
        convState(groupConvId(NEVER_READ), { maxSeq: '2', readSeq: '0', minSeq: '1' }),
        convState(`c_${ME}_${PEER}`, { peerUserId: PEER, groupId: '0', maxSeq: '9' }), // one-to-one: left to its pushes
      ];
      const { got, conn } = await ready();
      await waitFor(() => got.group.length === 6, 'six entries');
      await sleep(20);
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => [f.body.convId, f.body.afterSeq])).to.deep.equal([
        [CONV, '4'], [groupConvId(JOINED_LATE), '3'], [groupConvId(NEVER_READ), '0'],
      ]);
      expect(got.group.map((m) => `${m.groupId}:${m.seq}`)).to.deep.equal([`${GROUP}:5`, `${GROUP}:6`, '3:4', '3:5', '4:1', '4:2']);
    });

    it('holds a push of an untracked group that overtakes the SYNC answer, then delivers in order from the read position', async () => {
      const all = script.commit(1, 6);
      script.convs = [convState(CONV, { maxSeq: '5', readSeq: '3' })];
      const { got, conn, open } = await connectHoldingSync();
      conn.reply(Cmd.GROUP_PUSH, 0, { message: all[5]! }); // seq 6, committed after the SYNC was read
      await sleep(20);
      expect(got.group).to.deep.equal([]);
      open();
      await waitFor(() => got.group.length === 3, 'seq 4..6');
      expect(got.group.map((m) => m.seq)).to.deep.equal(['4', '5', '6']);
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => f.body.afterSeq)).to.deep.equal(['3']);
      expect(got.errors).to.deep.equal([]);
    });

    it('a held push of a group the SYNC does not list (joined since) reads that group from its start', async () => {
      const NEW_GROUP = '5';
      const [, n2] = script.commit(1, 2, NEW_GROUP);
      const { got, conn, open } = await connectHoldingSync();
      conn.reply(Cmd.GROUP_PUSH, 0, { message: n2! });
      await sleep(20);
      open();
      await waitFor(() => got.group.length === 2, 'seq 1, 2');
      expect(got.group.map((m) => m.seq)).to.deep.equal(['1', '2']);
      expect(conn.all(Cmd.HISTORY_REQ).map((f) => [f.body.afterSeq, f.body.beforeSeq])).to.deep.equal([['0', '101']]);
    });

    it('a group joined while away is caught up from the entry that added this user', async () => {
      const { got } = await ready(); // the first SYNC lists no group
      script.commit(1, 7);
      script.convs = [convState(CONV, { maxSeq: '7', readSeq: '0', minSeq: '5' })];
      server.conns[0]!.ws.terminate();
      const second = await server.conn(1);
      await waitFor(() => got.group.length === 3, 'seq 5..7');
      expect(got.group.map((m) => m.seq)).to.deep.equal(['5', '6', '7']);
      expect(second.all(Cmd.HISTORY_REQ).map((f) => f.body.afterSeq)).to.deep.equal(['4']);
    });

    it('a SYNC that fails still lets held pushes through, starting at the first one', async () => {
      script.reply = (conn, frame) => {
        if (frame.cmd !== Cmd.SYNC_REQ) return false;
        setTimeout(() => conn.reply(Cmd.ERROR, frame.seq, { code: ErrorCode.INTERNAL, message: 'db down' }), 20);
        return true;
      };
      const { c, got } = client();
      await c.connect();
      const conn = await server.conn(0);
      const all = script.commit(1, 3);
      await conn.next(Cmd.SYNC_REQ);
      conn.reply(Cmd.GROUP_PUSH, 0, { message: all[1]! });
      conn.reply(Cmd.GROUP_PUSH, 0, { message: all[2]! });
      await waitFor(() => got.group.length === 2, 'seq 2, 3');
      expect(got.group.map((m) => m.seq)).to.deep.equal(['2', '3']);
      expect(got.errors.map((e) => (e as ImError).code)).to.deep.equal([ErrorCode.INTERNAL]);
    });
  });
});
