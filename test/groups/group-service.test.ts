// GroupService with fakes: how refusals reach the wire (ErrorCode), what it validates before the
// store sees a request, what it hands to the fan-out and when, recall's rules, typing's limit.
import { expect } from 'chai';
import { LocalNodeBus } from '../../src/cluster/node-bus.js';
import { SessionRegistry } from '../../src/cluster/session-registry.js';
import { GroupFanout, type GroupDelivery } from '../../src/groups/group-fanout.js';
import { GroupService, type Actor, type GroupOptions } from '../../src/groups/group-service.js';
import { GroupRuleError } from '../../src/groups/membership.js';
import { silentLogger } from '../../src/log/logger.js';
import type { GroupCommit } from '../../src/storage/group-commit.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import { Cmd, ErrorCode, GroupEventKind, GroupRole, MsgFormat, type Bodies, type Id } from '../../src/protocol/messages.js';
import type {
  GroupChange, GroupInsertResult, GroupMessageWrite, GroupRecord, GroupStore, MemberRecord,
} from '../../src/storage/group-store.js';
import { GROUP_EVENT_FORMAT } from '../../src/storage/group-store.js';
import { MsgStatus, RECALL_FORMAT, type StoredMessage } from '../../src/storage/message-store.js';
import { caught, fake, FakeSession } from '../support/fakes.js';

// Ids a JS number cannot hold, either side of 2^63.
const OWNER = '9223372036854775808';
const ADMIN = '9007199254740993';
const AUTHOR = '18446744073709551615';
const MEMBER = '9223372036854775807';
const FORMER = '12345678901234567890';
const OUTSIDER = '9007199254740995';
const G = '4611686018427387905';
const TWO_63 = '9223372036854775808';

const NOW = 1_700_000_000_000;
const OPTIONS: GroupOptions = { maxMembers: 50, typingMaxMembers: 3, maxMentions: 3, maxContentChars: 100, recallWindowMs: 120_000 };

const GROUP: GroupRecord = { groupId: G, name: 'team', ownerUserId: OWNER, memberCount: 3, createTime: NOW - 10_000 };

function memberRecord(userId: Id, role: GroupRole, leaveSeq = '0'): MemberRecord {
  return { userId, role, joinTime: NOW - 10_000, joinSeq: '1', leaveSeq };
}

const MEMBERS = new Map<Id, MemberRecord>([
  [OWNER, memberRecord(OWNER, GroupRole.GROUP_ROLE_OWNER)],
  [ADMIN, memberRecord(ADMIN, GroupRole.GROUP_ROLE_ADMIN)],
  [AUTHOR, memberRecord(AUTHOR, GroupRole.GROUP_ROLE_MEMBER)],
  [MEMBER, memberRecord(MEMBER, GroupRole.GROUP_ROLE_MEMBER)],
  // A former admin: its role does not outlive its membership.
  [FORMER, memberRecord(FORMER, GroupRole.GROUP_ROLE_ADMIN, '6')],
]);

function entry(fields: Partial<StoredMessage> = {}): StoredMessage {
  return {
    msgId: '5000', clientMsgId: 'c-1', fromUserId: AUTHOR, toUserId: '0', content: 'hello', format: MsgFormat.TEXT,
    createTime: NOW - 1000, chatId: '', status: MsgStatus.PENDING, convId: `g_${G}`, seq: '7', recalledMsgId: '0',
    groupId: G, mentionUserIds: [], ...fields,
  };
}

function eventEntry(seq: string, kind: GroupEventKind, actor: Id, userIds: Id[]): StoredMessage {
  return entry({
    msgId: `60${seq}`, clientMsgId: `\u0001g:60${seq}`, fromUserId: actor, content: '', format: GROUP_EVENT_FORMAT, seq,
    groupEvent: { kind, actorUserId: actor, userIds, name: '' },
  });
}

const tombstoneOf = (m: StoredMessage): StoredMessage =>
  entry({ msgId: '7000', clientMsgId: `\u0001r:${m.msgId}`, fromUserId: m.fromUserId, content: '', format: RECALL_FORMAT, seq: '8', recalledMsgId: m.msgId });

class Ids {
  private n = 100_000n;
  next(): string {
    return String(++this.n);
  }
}

interface HarnessOptions {
  store?: Partial<GroupStore>;
  insert?: (write: GroupMessageWrite) => Promise<GroupInsertResult>;
  /** The fan-out's view of who is a member here. */
  isMember?: (userId: Id, groupId: Id) => boolean;
  publish?: (delivery: GroupDelivery) => Promise<void>;
  fanout?: GroupFanout;
  now?: () => number;
}

function harness(options: HarnessOptions = {}) {
  const published: GroupDelivery[] = [];
  const submitted: GroupMessageWrite[] = [];
  const counts = { committed: 0 };
  const fanout = options.fanout ?? fake<GroupFanout>({
    publish: async (delivery) => {
      published.push(delivery);
      await options.publish?.(delivery);
    },
    isMember: options.isMember ?? (() => true),
  });
  const commits = fake<GroupCommit<GroupMessageWrite, GroupInsertResult>>({
    submit: async (write: GroupMessageWrite) => {
      submitted.push(write);
      return (options.insert ?? (async (w) => ({ kind: 'inserted', message: stored(w) })))(write);
    },
  });
  const store = fake<GroupStore>({
    member: async (_groupId, userId) => MEMBERS.get(userId) ?? null,
    group: async () => GROUP,
    ...options.store,
  });
  const service = new GroupService(store, commits, fanout, new Ids(), { take: async () => true }, OPTIONS, silentLogger(), () => { counts.committed += 1; }, options.now ?? (() => NOW));
  return { service, published, submitted, counts };
}

/** What the store would make of a write: the next seq of the group. */
function stored({ message: m }: GroupMessageWrite): StoredMessage {
  return entry({ ...m, toUserId: '0', chatId: '', status: MsgStatus.PENDING, convId: `g_${m.groupId}`, seq: '9', recalledMsgId: '0' });
}

const session = (userId: Id, deviceId = 'phone') => FakeSession.as(userId, deviceId);
const asSession = (s: FakeSession): Actor => ({ session: s });
const OPERATOR: Actor = { operator: true };

async function refusal(fn: () => Promise<unknown>): Promise<string> {
  const err = await caught(fn);
  expect(err, String(err)).to.be.instanceOf(RequestError);
  return ErrorCode[(err as RequestError).code]!;
}

const sendReq = (fields: Partial<Bodies[typeof Cmd.GROUP_SEND_REQ]> = {}): Bodies[typeof Cmd.GROUP_SEND_REQ] =>
  ({ clientMsgId: 'c-1', groupId: G, content: 'hello', format: MsgFormat.TEXT, mentionUserIds: [], ...fields });
const membersReq = (fields: Partial<Bodies[typeof Cmd.GROUP_MEMBERS_REQ]> = {}): Bodies[typeof Cmd.GROUP_MEMBERS_REQ] =>
  ({ groupId: G, addUserIds: [], removeUserIds: [], promoteUserIds: [], demoteUserIds: [], ...fields });
const createReq = (fields: Partial<Bodies[typeof Cmd.GROUP_CREATE_REQ]> = {}): Bodies[typeof Cmd.GROUP_CREATE_REQ] =>
  ({ name: 'team', memberUserIds: [MEMBER], clientReqId: '', ...fields });

describe('groups/group-service', () => {
  describe('refusals', () => {
    for (const code of ['FORBIDDEN', 'NOT_FOUND', 'LIMIT_EXCEEDED', 'BAD_REQUEST'] as const) {
      it(`turns the store's GroupRuleError ${code} into ErrorCode ${code} on create, change and rename`, async () => {
        const rule = () => Promise.reject(new GroupRuleError(code, `because ${code}`));
        const { service, published, counts } = harness({ store: { createGroup: rule, changeMembers: rule, rename: rule } });
        const owner = session(OWNER);
        for (const call of [
          () => service.create(asSession(owner), OWNER, createReq()),
          () => service.changeMembers(asSession(owner), membersReq({ addUserIds: [OUTSIDER] })),
          () => service.rename(asSession(owner), G, 'renamed'),
        ]) {
          const err = await caught(call) as RequestError;
          expect(err).to.be.instanceOf(RequestError);
          expect([err.code, err.message]).to.deep.equal([ErrorCode[code], `because ${code}`]);
        }
        expect([published, counts.committed]).to.deep.equal([[], 0]);
      });
    }

    it('lets any other store failure through as it is (the pipeline answers UNAVAILABLE)', async () => {
      const down = new Error('connection lost');
      const { service } = harness({ store: { changeMembers: () => Promise.reject(down) } });
      expect(await caught(() => service.changeMembers(asSession(session(OWNER)), membersReq({ addUserIds: [OUTSIDER] })))).to.equal(down);
    });
  });

  describe('validation before the store', () => {
    const untouchable = () => {
      throw new Error('the store must not be asked');
    };
    const { service, submitted } = harness({
      store: { createGroup: untouchable, changeMembers: untouchable, rename: untouchable, group: untouchable, members: untouchable, member: untouchable },
    });
    const owner = session(OWNER);

    it('refuses group id 0 with BAD_REQUEST and ids of 2^63 and above (no snowflake is) with NOT_FOUND', async () => {
      for (const [groupId, code] of [['0', 'BAD_REQUEST'], ['007', 'BAD_REQUEST'], ['-1', 'BAD_REQUEST'], [TWO_63, 'NOT_FOUND'], [AUTHOR, 'NOT_FOUND']] as const) {
        expect(await refusal(() => service.changeMembers(asSession(owner), membersReq({ groupId, addUserIds: [OUTSIDER] }))), `change ${groupId}`).to.equal(code);
        expect(await refusal(() => service.rename(asSession(owner), groupId, 'x')), `rename ${groupId}`).to.equal(code);
        expect(await refusal(() => service.info(asSession(owner), { groupId, afterUserId: '0', limit: 0 })), `info ${groupId}`).to.equal(code);
        expect(await refusal(() => service.send(owner, sendReq({ groupId }))), `send ${groupId}`).to.equal(code);
      }
      expect(submitted).to.deep.equal([]);
    });

    it('refuses user ids that are 0 or not canonical in every list with BAD_REQUEST', async () => {
      for (const field of ['addUserIds', 'removeUserIds', 'promoteUserIds', 'demoteUserIds'] as const) {
        for (const id of ['0', '01', 'x', '18446744073709551616']) {
          expect(await refusal(() => service.changeMembers(asSession(owner), membersReq({ [field]: [id] }))), `${field} ${id}`).to.equal('BAD_REQUEST');
        }
      }
      expect(await refusal(() => service.create(asSession(owner), OWNER, createReq({ memberUserIds: [MEMBER, '0'] })))).to.equal('BAD_REQUEST');
      expect(await refusal(() => service.send(owner, sendReq({ mentionUserIds: ['0'] })))).to.equal('BAD_REQUEST');
    });

    it('refuses control characters and more than 64 characters in client_req_id, and names over 128 characters', async () => {
      for (const clientReqId of ['a\u0000b', 'tab\there', 'line\n', '\u0001g:1', 'del\u007f', 'x'.repeat(65)]) {
        expect(await refusal(() => service.create(asSession(owner), OWNER, createReq({ clientReqId }))), JSON.stringify(clientReqId)).to.equal('BAD_REQUEST');
      }
      expect(await refusal(() => service.create(asSession(owner), OWNER, createReq({ name: 'n'.repeat(129) })))).to.equal('BAD_REQUEST');
      expect(await refusal(() => service.rename(asSession(owner), G, '名'.repeat(129)))).to.equal('BAD_REQUEST');
    });

    it('refuses more than groups.maxMentions mention ids, and messages the way one-to-one sends are refused', async () => {
      expect(await refusal(() => service.send(owner, sendReq({ mentionUserIds: [ADMIN, AUTHOR, MEMBER, FORMER] })))).to.equal('BAD_REQUEST');
      for (const [what, req, code] of [
        ['empty content', sendReq({ content: '' }), 'BAD_REQUEST'],
        ['no client_msg_id', sendReq({ clientMsgId: '' }), 'BAD_REQUEST'],
        ['a control character in client_msg_id', sendReq({ clientMsgId: '\u0001g:5' }), 'BAD_REQUEST'],
        ['format RECALL', sendReq({ format: MsgFormat.RECALL }), 'BAD_REQUEST'],
        ['format GROUP_EVENT', sendReq({ format: MsgFormat.GROUP_EVENT }), 'BAD_REQUEST'],
        ['content over the limit', sendReq({ content: 'x'.repeat(OPTIONS.maxContentChars + 1) }), 'TOO_LARGE'],
      ] as const) {
        expect(await refusal(() => service.send(owner, req)), what).to.equal(code);
      }
      expect(submitted).to.deep.equal([]);
    });

    it('accepts exactly groups.maxMentions mentions and a 64-character client_req_id', async () => {
      const accepting = harness({
        store: { createGroup: async (req) => ({ created: false, group: { ...GROUP, groupId: req.groupId }, entry: null }) },
      });
      await accepting.service.send(owner, sendReq({ mentionUserIds: [ADMIN, AUTHOR, MEMBER] }));
      expect(accepting.submitted[0]!.message.mentionUserIds).to.deep.equal([ADMIN, AUTHOR, MEMBER]);
      await accepting.service.create(asSession(owner), OWNER, createReq({ clientReqId: 'é'.repeat(64) }));
    });
  });

  describe('create', () => {
    it('asks the store for a group owned by the creator, and hands its CREATED entry to the fan-out with every member added', async () => {
      const created = eventEntry('1', GroupEventKind.CREATED, OWNER, [OWNER, MEMBER]);
      const seen: { req?: Parameters<GroupStore['createGroup']>[0] } = {};
      const { service, published, counts } = harness({
        store: {
          createGroup: async (req) => {
            seen.req = req;
            return { created: true, group: { ...GROUP, groupId: req.groupId, memberCount: 2, createTime: req.time }, entry: created };
          },
        },
      });
      const phone = session(OWNER);
      const info = await service.create(asSession(phone), OWNER, createReq({ clientReqId: 'r-1' }));
      expect(seen.req).to.include({ ownerUserId: OWNER, name: 'team', clientReqId: 'r-1', time: NOW, maxMembers: OPTIONS.maxMembers });
      expect(seen.req!.memberUserIds).to.deep.equal([MEMBER]);
      expect(info).to.deep.equal({ groupId: seen.req!.groupId, name: 'team', ownerUserId: OWNER, memberCount: 2, createTimeMs: NOW });
      expect(counts.committed).to.equal(1);
      expect(published).to.have.length(1);
      expect(published[0]).to.include({ groupId: G, seq: '1', senderUserId: OWNER, senderSessionId: phone.id });
      expect(published[0]!.added).to.deep.equal([OWNER, MEMBER]);
      expect(published[0]!.frame.cmd).to.equal(Cmd.GROUP_PUSH);
      expect((published[0]!.frame.body as Bodies[typeof Cmd.GROUP_PUSH]).message).to.include({ msgId: created.msgId, clientMsgId: '', seq: '1' });
    });

    it('makes no entry and no push for a client_req_id seen before', async () => {
      const { service, published, counts } = harness({
        store: { createGroup: async () => ({ created: false, group: GROUP, entry: null }) },
      });
      expect(await service.create(asSession(session(OWNER)), OWNER, createReq({ clientReqId: 'r-1' }))).to.deep.equal({
        groupId: G, name: 'team', ownerUserId: OWNER, memberCount: 3, createTimeMs: GROUP.createTime,
      });
      expect([published, counts.committed]).to.deep.equal([[], 0]);
    });
  });

  describe('changeMembers', () => {
    it('hands every entry of a change to the fan-out in seq order, with who joins and who leaves at which entry', async () => {
      const entries = [
        eventEntry('4', GroupEventKind.MEMBERS_ADDED, ADMIN, [OUTSIDER]),
        eventEntry('5', GroupEventKind.MEMBERS_REMOVED, ADMIN, [MEMBER]),
        eventEntry('6', GroupEventKind.MEMBER_LEFT, ADMIN, [ADMIN]),
      ];
      const seen: { req?: Parameters<GroupStore['changeMembers']>[0] } = {};
      const change = async (req: Parameters<GroupStore['changeMembers']>[0]): Promise<GroupChange> => {
        seen.req = req;
        return { group: GROUP, entries, added: [OUTSIDER], removed: [MEMBER, ADMIN] };
      };
      const { service, published, counts } = harness({ store: { changeMembers: change } });
      const admin = session(ADMIN);
      const req = membersReq({ addUserIds: [OUTSIDER], removeUserIds: [MEMBER, ADMIN] });
      expect(await service.changeMembers(asSession(admin), req)).to.include({ groupId: G, memberCount: 3 });
      expect(seen.req).to.include({ groupId: G, actorUserId: ADMIN, time: NOW, maxMembers: OPTIONS.maxMembers });
      // Enough msg ids for every kind of entry one change can make.
      expect(new Set(seen.req!.eventMsgIds).size).to.be.at.least(4);
      expect(published.map((d) => [d.seq, d.added ?? null, d.removed ?? null, d.senderSessionId])).to.deep.equal([
        ['4', [OUTSIDER], null, admin.id],
        ['5', null, [MEMBER], admin.id],
        ['6', null, [ADMIN], admin.id],
      ]);
      expect(counts.committed).to.equal(1);
    });

    it('pushes nothing for a change that changes nothing, and passes an operator as no user and no session', async () => {
      let actor: Id | null | undefined;
      const { service, published, counts } = harness({
        store: { changeMembers: async (req) => { actor = req.actorUserId; return { group: GROUP, entries: [], added: [], removed: [] }; } },
      });
      await service.changeMembers(OPERATOR, membersReq({ addUserIds: [OWNER] }));
      expect(actor).to.equal(null);
      expect([published, counts.committed]).to.deep.equal([[], 0]);
    });
  });

  describe('info', () => {
    const page = Array.from({ length: 5 }, (_, i) => memberRecord(String(TWO_63 + i), GroupRole.GROUP_ROLE_MEMBER));
    const pages: Array<[Id, number]> = [];
    const { service } = harness({
      store: {
        group: async (groupId) => (groupId === G ? GROUP : null),
        members: async (_g, after, limit) => {
          pages.push([after, limit]);
          return page.slice(0, limit);
        },
      },
    });

    it('is NOT_FOUND for no such group, FORBIDDEN for someone who never joined, open to former members and operators', async () => {
      expect(await refusal(() => service.info(asSession(session(OWNER)), { groupId: '77', afterUserId: '0', limit: 0 }))).to.equal('NOT_FOUND');
      expect(await refusal(() => service.info(asSession(session(OUTSIDER)), { groupId: G, afterUserId: '0', limit: 0 }))).to.equal('FORBIDDEN');
      expect((await service.info(asSession(session(FORMER)), { groupId: G, afterUserId: '0', limit: 0 })).group.groupId).to.equal(G);
      expect((await service.info(OPERATOR, { groupId: G, afterUserId: '0', limit: 0 })).group.groupId).to.equal(G);
    });

    it('asks for one member more than the page to tell has_more; limit 0 is 100 and the cap is 500', async () => {
      pages.length = 0;
      const small = await service.info(OPERATOR, { groupId: G, afterUserId: TWO_63, limit: 3 });
      expect([small.members.map((m) => m.userId), small.hasMore]).to.deep.equal([page.slice(0, 3).map((m) => m.userId), true]);
      expect(small.members[0]).to.deep.equal({ userId: page[0]!.userId, role: GroupRole.GROUP_ROLE_MEMBER, joinTimeMs: NOW - 10_000 });
      const exact = await service.info(OPERATOR, { groupId: G, afterUserId: '0', limit: 5 });
      expect([exact.members.length, exact.hasMore]).to.deep.equal([5, false]);
      await service.info(OPERATOR, { groupId: G, afterUserId: '0', limit: 0 });
      await service.info(OPERATOR, { groupId: G, afterUserId: '0', limit: 100_000 });
      expect(pages).to.deep.equal([[TWO_63, 4], ['0', 6], ['0', 101], ['0', 501]]);
    });
  });

  describe('send and push', () => {
    it('commits the message as the session\'s user and does not publish it: push() does, after the ack', async () => {
      const { service, published, submitted, counts } = harness();
      const phone = session(AUTHOR);
      const { message, fresh } = await service.send(phone, sendReq({ mentionUserIds: [MEMBER] }));
      expect(fresh).to.equal(true);
      expect(submitted).to.have.length(1);
      expect(submitted[0]!.message).to.include({ fromUserId: AUTHOR, groupId: G, clientMsgId: 'c-1', content: 'hello', createTime: NOW });
      expect(submitted[0]!.event.tag).to.equal('GROUP_MSG');
      expect(counts.committed).to.equal(1);
      expect(published).to.deep.equal([]);

      await service.push(message, phone);
      expect(published).to.have.length(1);
      expect(published[0]).to.include({ groupId: G, seq: message.seq, senderUserId: AUTHOR, senderSessionId: phone.id });
      expect(published[0]!.added).to.equal(undefined);
      expect((published[0]!.frame.body as Bodies[typeof Cmd.GROUP_PUSH]).message).to.include({
        msgId: message.msgId, fromUserId: AUTHOR, toUserId: '0', groupId: G, convId: `g_${G}`, seq: message.seq, content: 'hello',
      });
    });

    it('answers a resend with the original and fresh = false, without an outbox wake-up', async () => {
      const original = entry({ seq: '3', msgId: '4444' });
      const { service, counts } = harness({ insert: async () => ({ kind: 'duplicate', message: original }) });
      expect(await service.send(session(AUTHOR), sendReq())).to.deep.equal({ message: original, fresh: false });
      expect(counts.committed).to.equal(0);
    });

    it('maps the store\'s answers: no group NOT_FOUND, not a member FORBIDDEN, a failed commit UNAVAILABLE', async () => {
      for (const [insert, code] of [
        [async () => ({ kind: 'no-group' }) as GroupInsertResult, 'NOT_FOUND'],
        [async () => ({ kind: 'not-member' }) as GroupInsertResult, 'FORBIDDEN'],
        [() => Promise.reject(new Error('deadlock')), 'UNAVAILABLE'],
      ] as const) {
        const { service, counts } = harness({ insert });
        expect(await refusal(() => service.send(session(AUTHOR), sendReq()))).to.equal(code);
        expect(counts.committed).to.equal(0);
      }
    });

    it('never rejects from push(): the entry is committed, members catch up with HISTORY', async () => {
      const { service, published } = harness({ publish: () => Promise.reject(new Error('bus down')) });
      await service.push(entry(), session(AUTHOR));
      expect(published).to.have.length(1);
    });
  });

  describe('recall (behaviour 16)', () => {
    function recalling(message: StoredMessage, now = NOW) {
      const recalls: Array<[Id, number, Id]> = [];
      const h = harness({
        now: () => now,
        store: {
          findGroupEntry: async (msgId) => (msgId === message.msgId ? message : null),
          recallGroupMessage: async (msgId, recallTime, tombstoneMsgId) => {
            recalls.push([msgId, recallTime, tombstoneMsgId]);
            if (message.status === MsgStatus.RECALLED) return { kind: 'already', message, recallTime: NOW - 500 };
            return { kind: 'recalled', message: { ...message, status: MsgStatus.RECALLED, content: '' }, tombstone: tombstoneOf(message), recallTime };
          },
        },
      });
      return { ...h, recalls };
    }

    const matrix: Array<[string, Id, 'ok' | 'FORBIDDEN']> = [
      ['the sender', AUTHOR, 'ok'],
      ['the owner', OWNER, 'ok'],
      ['an admin', ADMIN, 'ok'],
      ['another member', MEMBER, 'FORBIDDEN'],
      ['a former admin', FORMER, 'FORBIDDEN'],
      ['someone who never joined', OUTSIDER, 'FORBIDDEN'],
    ];
    for (const [who, userId, outcome] of matrix) {
      it(`${outcome === 'ok' ? 'lets' : 'refuses'} ${who} within the window${outcome === 'ok' ? ', with a tombstone for the fan-out' : ' with FORBIDDEN'}`, async () => {
        const message = entry();
        const { service, published, recalls, counts } = recalling(message);
        const s = session(userId);
        if (outcome === 'ok') {
          expect(await service.recall(s, message.msgId)).to.equal(NOW);
          expect(recalls).to.have.length(1);
          expect(counts.committed).to.equal(1);
          expect(published.map((d) => [d.seq, d.senderSessionId, d.frame.cmd])).to.deep.equal([['8', s.id, Cmd.GROUP_PUSH]]);
          expect((published[0]!.frame.body as Bodies[typeof Cmd.GROUP_PUSH]).message).to.include({ format: RECALL_FORMAT, recalledMsgId: message.msgId, content: '' });
        } else {
          expect(await refusal(() => service.recall(s, message.msgId))).to.equal(outcome);
          expect([recalls, published]).to.deep.equal([[], []]);
        }
      });
    }

    it('refuses a sender whose membership ended', async () => {
      const message = entry({ fromUserId: FORMER });
      const { service } = recalling(message);
      expect(await refusal(() => service.recall(session(FORMER), message.msgId))).to.equal('FORBIDDEN');
    });

    it('allows a recall at exactly the window and refuses one a millisecond later with RECALL_WINDOW_EXPIRED, for the owner too', async () => {
      const message = entry({ createTime: NOW - OPTIONS.recallWindowMs });
      expect(await recalling(message).service.recall(session(AUTHOR), message.msgId)).to.equal(NOW);
      for (const userId of [AUTHOR, OWNER, ADMIN]) {
        const late = recalling(message, NOW + 1);
        expect(await refusal(() => late.service.recall(session(userId), message.msgId))).to.equal('RECALL_WINDOW_EXPIRED');
        expect(late.recalls).to.deep.equal([]);
      }
    });

    it('answers a repeated recall with the first recall time, even after the window, and pushes nothing again', async () => {
      const message = entry({ status: MsgStatus.RECALLED, content: '', createTime: NOW - 10 * OPTIONS.recallWindowMs });
      const { service, published, counts } = recalling(message);
      expect(await service.recall(session(AUTHOR), message.msgId)).to.equal(NOW - 500);
      expect([published, counts.committed]).to.deep.equal([[], 0]);
    });

    it('is null (not a group message) for unknown ids, tombstones and group events', async () => {
      for (const message of [entry({ format: RECALL_FORMAT }), entry({ format: GROUP_EVENT_FORMAT })]) {
        const { service, recalls } = recalling(message);
        expect(await service.recall(session(OWNER), message.msgId)).to.equal(null);
        expect(recalls).to.deep.equal([]);
      }
      expect(await recalling(entry()).service.recall(session(OWNER), '999')).to.equal(null);
    });
  });

  describe('typing', () => {
    it('is FORBIDDEN to a user the fan-out does not know as a member here', async () => {
      const { service, published } = harness({ isMember: (userId) => userId !== OUTSIDER });
      expect(await refusal(() => service.typing(session(OUTSIDER), G, true))).to.equal('FORBIDDEN');
      expect(published).to.deep.equal([]);
    });

    it('goes to the fan-out at once (seq 0) while the group has at most groups.typingMaxMembers, and nowhere above it', async () => {
      let memberCount = OPTIONS.typingMaxMembers;
      const { service, published } = harness({ store: { group: async () => ({ ...GROUP, memberCount }) } });
      const phone = session(AUTHOR);
      await service.typing(phone, G, true);
      expect(published).to.have.length(1);
      expect(published[0]).to.include({ groupId: G, seq: '0', senderUserId: AUTHOR, senderSessionId: phone.id });
      expect(published[0]!.frame.cmd).to.equal(Cmd.TYPING_NOTIFY);
      expect(published[0]!.frame.body).to.deep.equal({ convId: `g_${G}`, userId: AUTHOR, typing: true });
      memberCount = OPTIONS.typingMaxMembers + 1;
      await service.typing(phone, G, false);
      expect(published).to.have.length(1);
    });

    it('sends nothing for a group that is gone', async () => {
      const { service, published } = harness({ store: { group: async () => null } });
      await service.typing(session(AUTHOR), G, true);
      expect(published).to.deep.equal([]);
    });
  });

  describe('with a real fan-out on one node', () => {
    async function node(membersOf: Record<Id, Id[]>, store: Partial<GroupStore>) {
      const registry = new SessionRegistry();
      const fanout = new GroupFanout('node-1', registry, { groupsOf: async (userId) => membersOf[userId] ?? [], entriesBetween: async () => [] }, new LocalNodeBus(), silentLogger());
      await fanout.start();
      const login = async (userId: Id, deviceId = 'phone', echoOwnMessages = false) => {
        const s = new FakeSession({ userId, deviceId, platform: 'test', echoOwnMessages });
        registry.bind(s);
        await fanout.online(userId);
        return s;
      };
      return { ...harness({ fanout, store }), fanout, login };
    }
    const groupPushSeqs = (s: FakeSession) => s.framesOf(Cmd.GROUP_PUSH).map((f) => f.body.message.seq);

    it('pushes the tombstone of an owner\'s or admin\'s recall to the author\'s sessions', async () => {
      // publish() passes the entry's from_user_id as the sender; a tombstone keeps the author's
      // id there, so the fan-out treats the author as the one who recalled and skips its sessions.
      const message = entry();
      const { service, login, fanout } = await node({ [OWNER]: [G], [AUTHOR]: [G] }, {
        findGroupEntry: async () => message,
        recallGroupMessage: async (_m, recallTime) => ({ kind: 'recalled', message, tombstone: tombstoneOf(message), recallTime }),
      });
      const owner = await login(OWNER);
      const author = await login(AUTHOR);
      await service.recall(owner, message.msgId);
      fanout.stop();
      expect(groupPushSeqs(owner)).to.deep.equal([]);
      expect(groupPushSeqs(author)).to.deep.equal(['8']);
    });

    it('pushes an operator\'s change to the owner\'s sessions, which did not make it', async () => {
      // The store names the owner as the actor of an operator's change, and publish() makes it the
      // sender: the owner's sessions without echo_own_messages never hear of it live.
      const added = eventEntry('4', GroupEventKind.MEMBERS_ADDED, OWNER, [OUTSIDER]);
      const { service, login, fanout } = await node({ [OWNER]: [G], [MEMBER]: [G] }, {
        changeMembers: async () => ({ group: GROUP, entries: [added], added: [OUTSIDER], removed: [] }),
      });
      const owner = await login(OWNER);
      const member = await login(MEMBER);
      await service.changeMembers(OPERATOR, membersReq({ addUserIds: [OUTSIDER] }));
      fanout.stop();
      expect(groupPushSeqs(member)).to.deep.equal(['4']);
      expect(groupPushSeqs(owner)).to.deep.equal(['4']);
    });

    it('sends typing to no session of the typist, even one that asked for echo_own_messages', async () => {
      // Behaviour 13: typing goes to the other participants; one-to-one typing never reaches the
      // typist's own sessions, but group typing goes through the echo rule for messages.
      const { service, login, fanout } = await node({ [AUTHOR]: [G], [MEMBER]: [G] }, {});
      const phone = await login(AUTHOR, 'phone');
      const laptop = await login(AUTHOR, 'laptop', true);
      const member = await login(MEMBER);
      await service.typing(phone, G, true);
      fanout.stop();
      expect(member.framesOf(Cmd.TYPING_NOTIFY)).to.have.length(1);
      expect(laptop.framesOf(Cmd.TYPING_NOTIFY)).to.deep.equal([]);
    });
  });
});
