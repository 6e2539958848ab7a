// The GroupStore contract: every implementation runs this same suite (see group-store.test.ts).
// Observed through the interfaces only: GroupStore, and the outbox through MessageStore.claimOutbox.
// PROTOCOL.md, Additions A, behaviours 14-16.
import { expect } from 'chai';
import { GroupRuleError } from '../../src/groups/membership.js';
import type { MqTag } from '../../src/mq/publisher.js';
import { GroupEventKind, GroupRole } from '../../src/protocol/messages.js';
import type { ConversationStore } from '../../src/storage/conversation-store.js';
import type {
  CreateGroup, GroupChange, GroupEventOutbox, GroupInsertResult, GroupMessageWrite, GroupRecord, GroupStore, MembersChange,
  NewGroupMessage, Rename,
} from '../../src/storage/group-store.js';
import { MsgStatus, type EntryEvent, type MessageStore, type OutboxEntry, type StoredMessage } from '../../src/storage/message-store.js';

/** The stores over one database; closing `messages` closes it. */
export interface GroupStores {
  messages: MessageStore;
  groups: GroupStore;
  conversations: ConversationStore;
}

// Ids a JS number cannot hold; user ids either side of 2^63, where signed storage flips the order.
export const OWNER = '9007199254740993';
export const SIGNED_MAX = '9223372036854775807';
export const TWO_TO_63 = '9223372036854775808';
export const MAX_UNSIGNED = '18446744073709551615';
export const NINE = '9';
export const TEN = '10';
export const OUTSIDER = '4611686018427387905';

export const T0 = 1_700_000_000_000;
/** Later than every outbox row's due time; claimed rows are leased past it, so each claim sees only new rows. */
const CLAIM_AT = T0 + 1e9;
const LEASE_MS = 1e10;

export const GROUP_EVENT = 17;
export const RECALL = 16;
const GROUP_BASE = 2n ** 62n;
/** Msg ids apart from every group id, all above 2^62. */
const MSG_BASE = 2n ** 62n + 2n ** 40n;

const { CREATED, MEMBERS_ADDED, MEMBERS_REMOVED, MEMBER_LEFT, ROLES_CHANGED, RENAMED } = GroupEventKind;
const { GROUP_ROLE_OWNER: OWNER_ROLE, GROUP_ROLE_ADMIN: ADMIN_ROLE, GROUP_ROLE_MEMBER: MEMBER_ROLE } = GroupRole;

/** The tags are only strings to the store, whatever the publisher knows. */
export const tag = (name: string) => name as MqTag;
export const convOf = (groupId: string) => `g_${groupId}`;
export const byUnsigned = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** Makes ids, requests and writes for one test; numbers never repeat within a process. */
export class GroupFixture {
  private static n = 0;
  /** Every event the outbox callback was asked for, in call order. */
  readonly outboxCalls: StoredMessage[] = [];

  constructor(private readonly stores: () => GroupStores) {}

  private get groups(): GroupStore {
    return this.stores().groups;
  }

  next(): bigint {
    GroupFixture.n += 1;
    return BigInt(GroupFixture.n);
  }

  /** Later at every call, after the creation time T0: entries are made in time order. */
  now(): number {
    return T0 + 10_000 + Number(this.next()) * 10;
  }

  msgId(): string {
    return (MSG_BASE + this.next()).toString();
  }

  groupId(): string {
    return (GROUP_BASE + this.next()).toString();
  }

  readonly outbox: GroupEventOutbox = (entry) => {
    this.outboxCalls.push(entry);
    return { tag: tag('GROUP_MEMBER'), key: entry.msgId, body: { groupId: entry.groupId, kind: entry.groupEvent?.kind, made: 'by the caller' } };
  };

  createReq(fields: Partial<CreateGroup> = {}): CreateGroup {
    return {
      groupId: this.groupId(), ownerUserId: OWNER, name: 'the group', memberUserIds: [], clientReqId: '', eventMsgId: this.msgId(),
      time: T0, maxMembers: 100, ...fields,
    };
  }

  async create(fields: Partial<CreateGroup> = {}): Promise<{ req: CreateGroup; group: GroupRecord; entry: StoredMessage }> {
    const req = this.createReq(fields);
    const result = await this.groups.createGroup(req, this.outbox);
    expect(result.created).to.equal(true);
    return { req, group: result.group, entry: result.entry! };
  }

  changeReq(groupId: string, actorUserId: string | null, fields: Partial<MembersChange> = {}): MembersChange {
    return {
      groupId, actorUserId, add: [], remove: [], promote: [], demote: [],
      eventMsgIds: [this.msgId(), this.msgId(), this.msgId(), this.msgId()], time: this.now(), maxMembers: 100, ...fields,
    };
  }

  change(groupId: string, actorUserId: string | null, fields: Partial<MembersChange> = {}): Promise<GroupChange> {
    return this.groups.changeMembers(this.changeReq(groupId, actorUserId, fields), this.outbox);
  }

  renameReq(groupId: string, actorUserId: string | null, name: string): Rename {
    return { groupId, actorUserId, name, eventMsgId: this.msgId(), time: this.now() };
  }

  message(groupId: string, fromUserId: string, fields: Partial<NewGroupMessage> = {}): NewGroupMessage {
    const n = this.next();
    return {
      msgId: (MSG_BASE + n).toString(), clientMsgId: `client-${n}`, fromUserId, groupId, content: `hello ${n}`, format: 1,
      mentionUserIds: [], createTime: T0 + 10_000 + Number(n) * 10, ...fields,
    };
  }

  static write(m: NewGroupMessage): GroupMessageWrite {
    return { message: m, event: { tag: tag('GROUP_MSG'), key: m.msgId, body: { msgId: m.msgId, groupId: m.groupId, made: 'by the caller' } } };
  }

  send(...messages: NewGroupMessage[]): Promise<GroupInsertResult[]> {
    return this.groups.insertGroupBatch(messages.map(GroupFixture.write));
  }

  /** One message; its entry, which must have been inserted. */
  async sendOne(groupId: string, fromUserId: string, fields: Partial<NewGroupMessage> = {}): Promise<StoredMessage> {
    const [result] = await this.send(this.message(groupId, fromUserId, fields));
    expect(result!.kind).to.equal('inserted');
    return (result as { message: StoredMessage }).message;
  }

  /** The group's next seq, observed by the owner sending one more message. */
  async nextSeq(groupId: string, from = OWNER): Promise<string> {
    return (await this.sendOne(groupId, from)).seq;
  }

  async claim(): Promise<OutboxEntry[]> {
    return this.stores().messages.claimOutbox(CLAIM_AT, 100_000, LEASE_MS);
  }
}

/** `m` as the store keeps it with position `seq`. */
export const storedOf = (m: NewGroupMessage, seq: number | string): StoredMessage => ({
  ...m, toUserId: '0', chatId: '', status: MsgStatus.PENDING, convId: convOf(m.groupId), seq: String(seq), recalledMsgId: '0',
});

/** Where one database can serve several gateway processes. */
export interface SharedDatabase {
  /** More stores over the database the last `open` returned: another process; the suite closes them. */
  openAnother(): Promise<GroupStores>;
  /** Stores in all. */
  processes: number;
  /** Whether they write at the same time, or take turns call by call. */
  concurrent: boolean;
}

const body = (e: OutboxEntry) => JSON.parse(e.body) as Record<string, unknown>;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => expect.fail('expected a rejection'), (err: unknown) => err);
}

async function ruleError(promise: Promise<unknown>, code: GroupRuleError['code']): Promise<void> {
  const err = await rejection(promise);
  expect(err).to.be.instanceOf(GroupRuleError);
  expect((err as GroupRuleError).code).to.equal(code);
}

const userIds = (list: Array<{ userId: string }>) => list.map((m) => m.userId);
const seqs = (list: Array<{ seq: string }>) => list.map((m) => m.seq);

/**
 * Defines the suite `name`. `open` returns the stores over an empty database, once per test; the
 * suite closes them after the test and then calls `cleanup`. `shared`: where several processes
 * can use one database.
 */
export function groupStoreContract(
  name: string, open: () => Promise<GroupStores>, cleanup?: () => Promise<void>, shared?: SharedDatabase,
): void {
  describe(name, function () {
    let stores: GroupStores;
    let extra: GroupStores[] = [];
    let f: GroupFixture;
    const groups = () => stores.groups;

    beforeEach(async () => {
      stores = await open();
      f = new GroupFixture(() => stores);
    });

    afterEach(async () => {
      await Promise.all(extra.map((s) => s.messages.close()));
      extra = [];
      await stores.messages.close();
      await cleanup?.();
    });

    describe('createGroup', () => {
      it('makes one CREATED entry, seq 1, with the owner first and the others ascending as unsigned, duplicates and the owner ignored', async () => {
        const { req, entry, group } = await f.create({
          groupId: SIGNED_MAX, name: '群 👋🏽 \'q\'', memberUserIds: [MAX_UNSIGNED, TEN, TWO_TO_63, NINE, OWNER, TEN, SIGNED_MAX],
        });
        expect(entry).to.deep.include({
          msgId: req.eventMsgId, fromUserId: OWNER, toUserId: '0', content: '', format: GROUP_EVENT, createTime: T0,
          convId: `g_${SIGNED_MAX}`, seq: '1', recalledMsgId: '0', groupId: SIGNED_MAX,
        });
        expect(entry.groupEvent).to.deep.equal({
          kind: CREATED, actorUserId: OWNER, userIds: [OWNER, NINE, TEN, SIGNED_MAX, TWO_TO_63, MAX_UNSIGNED], name: req.name,
        });
        expect(await groups().findGroupEntry(req.eventMsgId)).to.deep.equal(entry);
        const record = { groupId: SIGNED_MAX, name: req.name, ownerUserId: OWNER, memberCount: 6, createTime: T0 };
        expect(group).to.deep.equal(record);
        expect(await groups().group(SIGNED_MAX)).to.deep.equal(record);
      });

      it('makes the owner OWNER and the others MEMBER, all from seq 1', async () => {
        const { group } = await f.create({ memberUserIds: [MAX_UNSIGNED, NINE, TWO_TO_63] });
        expect(await groups().member(group.groupId, OWNER)).to.deep.equal({ userId: OWNER, role: OWNER_ROLE, joinTime: T0, joinSeq: '1', leaveSeq: '0' });
        for (const id of [NINE, TWO_TO_63, MAX_UNSIGNED]) {
          expect(await groups().member(group.groupId, id)).to.deep.equal({ userId: id, role: MEMBER_ROLE, joinTime: T0, joinSeq: '1', leaveSeq: '0' });
        }
        expect(await groups().member(group.groupId, OUTSIDER)).to.equal(null);
        expect(userIds(await groups().members(group.groupId, '0', 100))).to.deep.equal([NINE, OWNER, TWO_TO_63, MAX_UNSIGNED]);
      });

      it('lists the group among the groups of each member', async () => {
        const one = (await f.create({ memberUserIds: [NINE, MAX_UNSIGNED] })).group.groupId;
        const two = (await f.create({ ownerUserId: MAX_UNSIGNED, memberUserIds: [TEN] })).group.groupId;
        expect([...await groups().groupsOf(OWNER)]).to.deep.equal([one]);
        expect([...await groups().groupsOf(NINE)]).to.deep.equal([one]);
        expect([...await groups().groupsOf(MAX_UNSIGNED)].sort(byUnsigned)).to.deep.equal([one, two].sort(byUnsigned));
        expect([...await groups().groupsOf(TEN)]).to.deep.equal([two]);
        expect(await groups().groupsOf(OUTSIDER)).to.deep.equal([]);
      });

      it('answers the groups asked for several users at the same time each with their own', async () => {
        const one = (await f.create({ memberUserIds: [NINE, MAX_UNSIGNED] })).group.groupId;
        const two = (await f.create({ ownerUserId: MAX_UNSIGNED, memberUserIds: [TEN] })).group.groupId;
        const asked = [OWNER, NINE, MAX_UNSIGNED, TEN, OUTSIDER, NINE];
        const answers = await Promise.all(asked.map((u) => groups().groupsOf(u)));
        expect(answers.map((a) => [...a].sort(byUnsigned))).to.deep.equal([[one], [one], [one, two].sort(byUnsigned), [two], [], [one]]);
      });

      it('writes the outbox event with seq 1, made from the entry', async () => {
        const { entry } = await f.create({ memberUserIds: [NINE] });
        expect(f.outboxCalls).to.deep.equal([entry]);
        const rows = await f.claim();
        expect(rows.map((r) => [r.tag, r.key])).to.deep.equal([['GROUP_MEMBER', entry.msgId]]);
        expect(body(rows[0]!)).to.deep.equal({ groupId: entry.groupId, kind: CREATED, made: 'by the caller', seq: '1' });
      });

      it('returns the same group for a client_req_id seen before from the same owner, and creates nothing', async () => {
        const first = await f.create({ clientReqId: 'req-1', memberUserIds: [NINE] });
        await f.claim();
        const again = f.createReq({ clientReqId: 'req-1', memberUserIds: [TEN, MAX_UNSIGNED], name: 'another name' });
        const result = await groups().createGroup(again, f.outbox);
        expect(result).to.deep.equal({ created: false, group: first.group, entry: null });
        expect(await groups().group(again.groupId)).to.equal(null);
        expect(await groups().findGroupEntry(again.eventMsgId)).to.equal(null);
        expect(await groups().member(first.group.groupId, TEN)).to.equal(null);
        expect(await groups().groupsOf(MAX_UNSIGNED)).to.deep.equal([]);
        expect(await f.claim()).to.deep.equal([]);
        expect(await f.nextSeq(first.group.groupId)).to.equal('2');
      });

      it('keeps client_req_ids apart per owner', async () => {
        const mine = await f.create({ clientReqId: 'req-1' });
        const theirs = await f.create({ clientReqId: 'req-1', ownerUserId: TWO_TO_63 });
        expect(theirs.group.groupId).to.not.equal(mine.group.groupId);
        expect(theirs.group.ownerUserId).to.equal(TWO_TO_63);
        expect(await groups().group(theirs.group.groupId)).to.deep.equal(theirs.group);
      });

      it('never dedups an empty client_req_id', async () => {
        const one = await f.create({ clientReqId: '' });
        const two = await f.create({ clientReqId: '' });
        expect(two.group.groupId).to.not.equal(one.group.groupId);
        expect([...await groups().groupsOf(OWNER)].sort(byUnsigned)).to.deep.equal([one.group.groupId, two.group.groupId].sort(byUnsigned));
      });

      it('creates one group for concurrent requests with the same client_req_id', async () => {
        const reqs = Array.from({ length: 6 }, () => f.createReq({ clientReqId: 'req-race', memberUserIds: [NINE] }));
        const results = await Promise.all(reqs.map((req) => groups().createGroup(req, f.outbox)));
        expect(results.filter((r) => r.created)).to.have.length(1);
        const [winner] = results.filter((r) => r.created);
        for (const r of results) expect(r.group).to.deep.equal(winner!.group);
        expect(await groups().groupsOf(NINE)).to.deep.equal([winner!.group.groupId]);
        expect(await f.claim()).to.have.length(1);
      });

      it('refuses a group id above 2^63-1 (group ids are signed 63-bit)', async () => {
        const err = await rejection(groups().createGroup(f.createReq({ groupId: TWO_TO_63 }), f.outbox));
        expect(err).to.be.instanceOf(RangeError);
        expect(await groups().groupsOf(OWNER)).to.deep.equal([]);
      });

      it('refuses more initial members than maxMembers (LIMIT_EXCEEDED) and stores nothing', async () => {
        const req = f.createReq({ memberUserIds: [NINE, TEN], maxMembers: 2, clientReqId: 'req-big' });
        await ruleError(groups().createGroup(req, f.outbox), 'LIMIT_EXCEEDED');
        expect(await groups().group(req.groupId)).to.equal(null);
        expect(await groups().member(req.groupId, OWNER)).to.equal(null);
        expect(await groups().groupsOf(OWNER)).to.deep.equal([]);
        expect(await groups().findGroupEntry(req.eventMsgId)).to.equal(null);
        expect(await f.claim()).to.deep.equal([]);
        // Nothing of the refused request remains, its client_req_id included.
        const retry = await groups().createGroup({ ...req, maxMembers: 3 }, f.outbox);
        expect(retry.created).to.equal(true);
        expect(retry.group.memberCount).to.equal(3);
      });
    });

    describe('changeMembers', () => {
      it('numbers the entries of a request consecutively after the current max, in the order added, removed, roles changed', async () => {
        const { group } = await f.create({ memberUserIds: [TEN, TWO_TO_63] });
        await f.sendOne(group.groupId, OWNER);
        await f.sendOne(group.groupId, TEN);
        await f.claim();
        const req = f.changeReq(group.groupId, OWNER, { add: [MAX_UNSIGNED, NINE], remove: [TEN], promote: [TWO_TO_63] });
        const change = await groups().changeMembers(req, f.outbox);
        expect(seqs(change.entries)).to.deep.equal(['4', '5', '6']);
        expect(change.entries.map((e) => e.msgId)).to.deep.equal(req.eventMsgIds.slice(0, 3));
        expect(change.entries.map((e) => e.groupEvent)).to.deep.equal([
          { kind: MEMBERS_ADDED, actorUserId: OWNER, userIds: [NINE, MAX_UNSIGNED], name: '' },
          { kind: MEMBERS_REMOVED, actorUserId: OWNER, userIds: [TEN], name: '' },
          { kind: ROLES_CHANGED, actorUserId: OWNER, userIds: [TWO_TO_63], name: '' },
        ]);
        for (const e of change.entries) {
          expect(e).to.deep.include({ fromUserId: OWNER, toUserId: '0', content: '', format: GROUP_EVENT, convId: convOf(group.groupId), groupId: group.groupId, createTime: req.time });
          expect(await groups().findGroupEntry(e.msgId)).to.deep.equal(e);
        }
        expect(change.added).to.deep.equal([NINE, MAX_UNSIGNED]);
        expect(change.removed).to.deep.equal([TEN]);
        expect(change.group).to.deep.equal({ ...group, memberCount: 4 });
        const rows = await f.claim();
        expect(rows.map((r) => r.key)).to.deep.equal(req.eventMsgIds.slice(0, 3));
        expect(rows.map((r) => body(r).seq)).to.deep.equal(['4', '5', '6']);
        expect(rows.map((r) => body(r).kind)).to.deep.equal([MEMBERS_ADDED, MEMBERS_REMOVED, ROLES_CHANGED]);
        expect(f.outboxCalls.slice(1)).to.deep.equal(change.entries);

        const demoted = await f.change(group.groupId, OWNER, { demote: [TWO_TO_63] });
        expect(seqs(demoted.entries)).to.deep.equal(['7']);
        expect(await groups().member(group.groupId, TWO_TO_63)).to.deep.include({ role: MEMBER_ROLE });
        expect(await f.nextSeq(group.groupId)).to.equal('8');
      });

      it('sets roles: added members MEMBER, promoted ADMIN, demoted MEMBER', async () => {
        const { group } = await f.create({ memberUserIds: [TEN] });
        await f.change(group.groupId, OWNER, { add: [NINE], promote: [TEN] });
        expect((await groups().member(group.groupId, NINE))!.role).to.equal(MEMBER_ROLE);
        expect((await groups().member(group.groupId, TEN))!.role).to.equal(ADMIN_ROLE);
        // Promotion is what lets TEN add; demotion takes it back.
        await f.change(group.groupId, TEN, { add: [MAX_UNSIGNED] });
        expect(userIds(await groups().members(group.groupId, '0', 10))).to.deep.equal([NINE, TEN, OWNER, MAX_UNSIGNED]);
        await f.change(group.groupId, OWNER, { demote: [TEN] });
        expect((await groups().member(group.groupId, TEN))!.role).to.equal(MEMBER_ROLE);
        await ruleError(f.change(group.groupId, TEN, { remove: [NINE] }), 'FORBIDDEN');
      });

      it('starts an added member at the MEMBERS_ADDED entry', async () => {
        const { group } = await f.create();
        await f.sendOne(group.groupId, OWNER);
        const change = await f.change(group.groupId, OWNER, { add: [TWO_TO_63], time: T0 + 5 });
        expect(await groups().member(group.groupId, TWO_TO_63)).to.deep.equal({ userId: TWO_TO_63, role: MEMBER_ROLE, joinTime: T0 + 5, joinSeq: '3', leaveSeq: '0' });
        expect(change.entries[0]!.seq).to.equal('3');
        expect(await groups().groupsOf(TWO_TO_63)).to.deep.equal([group.groupId]);
      });

      it('ends a removed member at the MEMBERS_REMOVED entry, and still knows it', async () => {
        const { group } = await f.create({ memberUserIds: [MAX_UNSIGNED, NINE] });
        const change = await f.change(group.groupId, OWNER, { remove: [MAX_UNSIGNED] });
        expect(change.entries.map((e) => [e.seq, e.groupEvent!.kind])).to.deep.equal([['2', MEMBERS_REMOVED]]);
        expect(await groups().member(group.groupId, MAX_UNSIGNED)).to.deep.equal({ userId: MAX_UNSIGNED, role: MEMBER_ROLE, joinTime: T0, joinSeq: '1', leaveSeq: '2' });
        expect(userIds(await groups().members(group.groupId, '0', 10))).to.deep.equal([NINE, OWNER]);
        expect(await groups().groupsOf(MAX_UNSIGNED)).to.deep.equal([]);
        expect((await groups().group(group.groupId))!.memberCount).to.equal(2);
      });

      it('treats a member removing itself as leaving: MEMBER_LEFT by that member, its last entry', async () => {
        const { group } = await f.create({ memberUserIds: [TWO_TO_63, NINE] });
        const change = await f.change(group.groupId, TWO_TO_63, { remove: [TWO_TO_63] });
        expect(change.entries.map((e) => [e.seq, e.fromUserId, e.groupEvent])).to.deep.equal([
          ['2', TWO_TO_63, { kind: MEMBER_LEFT, actorUserId: TWO_TO_63, userIds: [TWO_TO_63], name: '' }],
        ]);
        expect(change.removed).to.deep.equal([TWO_TO_63]);
        expect((await groups().member(group.groupId, TWO_TO_63))!.leaveSeq).to.equal('2');
        expect(await groups().groupsOf(TWO_TO_63)).to.deep.equal([]);
        expect(change.group.memberCount).to.equal(2);
      });

      it('ends each at its own entry when an admin removes others and leaves in one request', async () => {
        const { group } = await f.create({ memberUserIds: [NINE, TEN, MAX_UNSIGNED] });
        await f.change(group.groupId, OWNER, { promote: [TEN] });
        const change = await f.change(group.groupId, TEN, { remove: [TEN, MAX_UNSIGNED] });
        expect(change.entries.map((e) => [e.seq, e.groupEvent!.kind, e.groupEvent!.userIds])).to.deep.equal([
          ['3', MEMBERS_REMOVED, [MAX_UNSIGNED]], ['4', MEMBER_LEFT, [TEN]],
        ]);
        expect([...change.removed].sort(byUnsigned)).to.deep.equal([TEN, MAX_UNSIGNED]);
        expect((await groups().member(group.groupId, MAX_UNSIGNED))!.leaveSeq).to.equal('3');
        expect((await groups().member(group.groupId, TEN))!.leaveSeq).to.equal('4');
        expect(change.group.memberCount).to.equal(2);
      });

      it('lets the owner leave as the last member', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        await f.change(group.groupId, OWNER, { remove: [NINE] });
        const change = await f.change(group.groupId, OWNER, { remove: [OWNER] });
        expect(change.entries.map((e) => e.groupEvent!.kind)).to.deep.equal([MEMBER_LEFT]);
        expect(await groups().members(group.groupId, '0', 10)).to.deep.equal([]);
        expect((await groups().group(group.groupId))!.memberCount).to.equal(0);
        expect(await groups().groupsOf(OWNER)).to.deep.equal([]);
      });

      it('gives a member added again a fresh join seq and no leave seq', async () => {
        const { group } = await f.create({ memberUserIds: [TWO_TO_63] });
        await f.change(group.groupId, OWNER, { promote: [TWO_TO_63] });
        await f.change(group.groupId, OWNER, { remove: [TWO_TO_63] });
        await f.sendOne(group.groupId, OWNER);
        const change = await f.change(group.groupId, OWNER, { add: [TWO_TO_63], time: T0 + 7 });
        expect(change.entries[0]!.seq).to.equal('5');
        expect(change.added).to.deep.equal([TWO_TO_63]);
        expect(await groups().member(group.groupId, TWO_TO_63)).to.deep.equal({ userId: TWO_TO_63, role: MEMBER_ROLE, joinTime: T0 + 7, joinSeq: '5', leaveSeq: '0' });
        expect(await groups().groupsOf(TWO_TO_63)).to.deep.equal([group.groupId]);
        expect(userIds(await groups().members(group.groupId, '0', 10))).to.deep.equal([OWNER, TWO_TO_63]);
        expect((await groups().group(group.groupId))!.memberCount).to.equal(2);
      });

      it('keeps memberCount equal to the current members', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const counts: number[] = [];
        const track = async (change: Promise<GroupChange>) => {
          const c = await change;
          const stored = (await groups().group(group.groupId))!.memberCount;
          expect(c.group.memberCount).to.equal(stored);
          expect((await groups().members(group.groupId, '0', 100)).length).to.equal(stored);
          counts.push(stored);
        };
        await track(f.change(group.groupId, OWNER, { add: [TEN, TWO_TO_63, MAX_UNSIGNED] }));
        await track(f.change(group.groupId, OWNER, { add: [SIGNED_MAX], remove: [TEN, NINE] }));
        await track(f.change(group.groupId, MAX_UNSIGNED, { remove: [MAX_UNSIGNED] }));
        await track(f.change(group.groupId, null, { add: [NINE, TWO_TO_63] }));
        expect(counts).to.deep.equal([5, 4, 3, 4]);
      });

      it('lets an operator (actor null) do what the owner may', async () => {
        const { group } = await f.create({ memberUserIds: [NINE, TEN] });
        const change = await f.change(group.groupId, null, { add: [MAX_UNSIGNED], remove: [NINE], promote: [TEN] });
        expect(change.entries.map((e) => [e.seq, e.groupEvent!.kind])).to.deep.equal([['2', MEMBERS_ADDED], ['3', MEMBERS_REMOVED], ['4', ROLES_CHANGED]]);
        expect((await groups().member(group.groupId, TEN))!.role).to.equal(ADMIN_ROLE);
        expect((await groups().member(group.groupId, NINE))!.leaveSeq).to.equal('3');
        expect((await groups().member(group.groupId, MAX_UNSIGNED))!.joinSeq).to.equal('2');
      });

      describe('refusals write nothing', () => {
        const refusals: Array<[string, GroupRuleError['code'], (groupId: string) => [string | null, Partial<MembersChange>]]> = [
          ['a member adding', 'FORBIDDEN', () => [NINE, { add: [OUTSIDER] }]],
          ['a member removing another', 'FORBIDDEN', () => [NINE, { remove: [TEN] }]],
          ['an admin promoting', 'FORBIDDEN', () => [TWO_TO_63, { promote: [NINE] }]],
          ['an admin demoting', 'FORBIDDEN', () => [TWO_TO_63, { demote: [TWO_TO_63] }]],
          ['an admin adding and promoting in one request', 'FORBIDDEN', () => [TWO_TO_63, { add: [OUTSIDER], promote: [NINE] }]],
          ['an admin removing the owner', 'FORBIDDEN', () => [TWO_TO_63, { remove: [OWNER, TEN] }]],
          ['the owner changing its own role', 'FORBIDDEN', () => [OWNER, { demote: [OWNER] }]],
          ['the owner leaving while others remain', 'FORBIDDEN', () => [OWNER, { remove: [OWNER] }]],
          ['a non-member', 'FORBIDDEN', () => [OUTSIDER, { remove: [OUTSIDER] }]],
          ['adding beyond maxMembers', 'LIMIT_EXCEEDED', () => [OWNER, { add: [OUTSIDER, MAX_UNSIGNED], remove: [TEN], maxMembers: 4 }]],
        ];
        for (const [what, code, request] of refusals) {
          it(`${what}: ${code}`, async () => {
            const { group } = await f.create({ memberUserIds: [NINE, TEN, TWO_TO_63] });
            await f.change(group.groupId, OWNER, { promote: [TWO_TO_63] });
            const before = await groups().members(group.groupId, '0', 100);
            await f.claim();
            const [actor, fields] = request(group.groupId);
            const req = f.changeReq(group.groupId, actor, fields);
            await ruleError(groups().changeMembers(req, f.outbox), code);
            for (const id of req.eventMsgIds) expect(await groups().findGroupEntry(id)).to.equal(null);
            expect(await f.claim()).to.deep.equal([]);
            expect(await groups().members(group.groupId, '0', 100)).to.deep.equal(before);
            expect(await groups().member(group.groupId, OUTSIDER)).to.equal(null);
            expect((await groups().group(group.groupId))!.memberCount).to.equal(4);
            expect(await f.nextSeq(group.groupId)).to.equal('3');
          });
        }
      });

      it('allows adding up to exactly maxMembers, counting removals of the same request', async () => {
        const { group } = await f.create({ memberUserIds: [NINE, TEN] });
        const change = await f.change(group.groupId, OWNER, { add: [OUTSIDER, MAX_UNSIGNED], remove: [TEN], maxMembers: 4 });
        expect(change.group.memberCount).to.equal(4);
      });

      it('applies concurrent requests to the members as locked: the size limit holds', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const candidates = ['1001', '1002', '1003', '1004', '1005', '1006'];
        const outcomes = await Promise.all(candidates.map((id) =>
          f.change(group.groupId, OWNER, { add: [id], maxMembers: 5 }).then(() => 'added', (err: unknown) => (err as GroupRuleError).code)));
        expect(outcomes.filter((o) => o === 'added')).to.have.length(3);
        expect(outcomes.filter((o) => o === 'LIMIT_EXCEEDED')).to.have.length(3);
        expect((await groups().group(group.groupId))!.memberCount).to.equal(5);
        expect(await groups().members(group.groupId, '0', 100)).to.have.length(5);
        expect(await f.nextSeq(group.groupId)).to.equal('5');
      });

      it('answers NOT_FOUND for an unknown group, and writes nothing', async () => {
        const missing = f.groupId();
        await ruleError(f.change(missing, null, { add: [NINE] }), 'NOT_FOUND');
        await ruleError(f.change(missing, OWNER, { add: [NINE] }), 'NOT_FOUND');
        expect(await groups().group(missing)).to.equal(null);
        expect(await groups().member(missing, NINE)).to.equal(null);
        expect(await f.claim()).to.deep.equal([]);
        expect(await f.send(f.message(missing, OWNER))).to.deep.equal([{ kind: 'no-group' }]);
      });

      it('makes no entry for a request that changes nothing', async () => {
        const { group } = await f.create({ memberUserIds: [NINE, TEN] });
        await f.change(group.groupId, OWNER, { promote: [TEN] });
        await f.claim();
        const req = f.changeReq(group.groupId, OWNER, { add: [NINE, OWNER], remove: [OUTSIDER], promote: [TEN], demote: [NINE] });
        const change = await groups().changeMembers(req, f.outbox);
        expect(change).to.deep.equal({ group: (await groups().group(group.groupId))!, entries: [], added: [], removed: [] });
        expect(await f.claim()).to.deep.equal([]);
        for (const id of req.eventMsgIds) expect(await groups().findGroupEntry(id)).to.equal(null);
        expect(await f.nextSeq(group.groupId)).to.equal('3');
      });
    });

    describe('rename', () => {
      for (const [who, actor] of [['the owner', OWNER], ['an admin', TEN], ['an operator', null]] as const) {
        it(`lets ${who} rename: a RENAMED entry with the name`, async () => {
          const { group } = await f.create({ memberUserIds: [NINE, TEN] });
          await f.change(group.groupId, OWNER, { promote: [TEN] });
          await f.claim();
          const req = f.renameReq(group.groupId, actor, '新しい名前 👋🏽');
          const change = await groups().rename(req, f.outbox);
          expect(change.entries).to.have.length(1);
          const [entry] = change.entries;
          expect(entry).to.deep.include({ msgId: req.eventMsgId, seq: '3', format: GROUP_EVENT, content: '', convId: convOf(group.groupId), createTime: req.time });
          expect(entry!.groupEvent).to.deep.include({ kind: RENAMED, userIds: [], name: req.name });
          if (actor !== null) expect(entry!.groupEvent!.actorUserId).to.equal(actor);
          expect(change.group).to.deep.equal({ ...group, name: req.name });
          expect(await groups().group(group.groupId)).to.deep.equal({ ...group, name: req.name });
          expect(await groups().findGroupEntry(req.eventMsgId)).to.deep.equal(entry);
          const rows = await f.claim();
          expect(rows.map((r) => [r.key, body(r).seq, body(r).kind])).to.deep.equal([[req.eventMsgId, '3', RENAMED]]);
        });
      }

      for (const [who, actor] of [['a member', NINE], ['a non-member', OUTSIDER]] as const) {
        it(`refuses ${who} (FORBIDDEN) and writes nothing`, async () => {
          const { group } = await f.create({ memberUserIds: [NINE] });
          await f.claim();
          const req = f.renameReq(group.groupId, actor, 'mine now');
          await ruleError(groups().rename(req, f.outbox), 'FORBIDDEN');
          expect(await groups().group(group.groupId)).to.deep.equal(group);
          expect(await groups().findGroupEntry(req.eventMsgId)).to.equal(null);
          expect(await f.claim()).to.deep.equal([]);
          expect(await f.nextSeq(group.groupId)).to.equal('2');
        });
      }

      it('makes no entry for the same name', async () => {
        const { group } = await f.create({ name: 'same' });
        await f.claim();
        const req = f.renameReq(group.groupId, OWNER, 'same');
        const change = await groups().rename(req, f.outbox);
        expect(change.entries).to.deep.equal([]);
        expect(change.group).to.deep.equal(group);
        expect(await f.claim()).to.deep.equal([]);
        expect(await f.nextSeq(group.groupId)).to.equal('2');
      });

      it('answers NOT_FOUND for an unknown group', async () => {
        await ruleError(groups().rename(f.renameReq(f.groupId(), null, 'x'), f.outbox), 'NOT_FOUND');
      });
    });

    describe('members', () => {
      it('pages current members ascending as unsigned integers after afterUserId', async () => {
        const { group } = await f.create({ memberUserIds: [MAX_UNSIGNED, TWO_TO_63, SIGNED_MAX, TEN, NINE, '1'] });
        const page = (after: string, limit: number) => groups().members(group.groupId, after, limit).then(userIds);
        expect(await page('0', 2)).to.deep.equal(['1', NINE]);
        expect(await page(NINE, 2)).to.deep.equal([TEN, OWNER]);
        expect(await page(OWNER, 2)).to.deep.equal([SIGNED_MAX, TWO_TO_63]);
        expect(await page(TWO_TO_63, 2)).to.deep.equal([MAX_UNSIGNED]);
        expect(await page(MAX_UNSIGNED, 2)).to.deep.equal([]);
        expect(await page(SIGNED_MAX, 100)).to.deep.equal([TWO_TO_63, MAX_UNSIGNED]);
        expect(await page('0', 100)).to.deep.equal(['1', NINE, TEN, OWNER, SIGNED_MAX, TWO_TO_63, MAX_UNSIGNED]);
      });

      it('lists only current members, with their roles and join seqs', async () => {
        const { group } = await f.create({ memberUserIds: [TWO_TO_63, SIGNED_MAX, NINE] });
        await f.change(group.groupId, OWNER, { remove: [SIGNED_MAX], promote: [TWO_TO_63] });
        await f.change(group.groupId, NINE, { remove: [NINE] });
        const added = await f.change(group.groupId, OWNER, { add: [MAX_UNSIGNED] });
        expect(await groups().members(group.groupId, '0', 100)).to.deep.equal([
          { userId: OWNER, role: OWNER_ROLE, joinTime: T0, joinSeq: '1', leaveSeq: '0' },
          { userId: TWO_TO_63, role: ADMIN_ROLE, joinTime: T0, joinSeq: '1', leaveSeq: '0' },
          { userId: MAX_UNSIGNED, role: MEMBER_ROLE, joinTime: added.entries[0]!.createTime, joinSeq: '5', leaveSeq: '0' },
        ]);
        // A former member is a valid place to continue from.
        expect(userIds(await groups().members(group.groupId, SIGNED_MAX, 100))).to.deep.equal([TWO_TO_63, MAX_UNSIGNED]);
        expect(await groups().members(f.groupId(), '0', 100)).to.deep.equal([]);
      });
    });

    describe('insertGroupBatch', () => {
      it('numbers a batch over two groups consecutively per group and answers in input order', async () => {
        const one = (await f.create({ memberUserIds: [TWO_TO_63, MAX_UNSIGNED] })).group.groupId;
        const two = (await f.create({ ownerUserId: MAX_UNSIGNED, memberUserIds: [NINE] })).group.groupId;
        const batch = [
          f.message(one, OWNER), f.message(two, NINE), f.message(one, TWO_TO_63), f.message(two, MAX_UNSIGNED), f.message(one, MAX_UNSIGNED),
        ];
        const positions = [2, 2, 3, 3, 4];
        const results = await f.send(...batch);
        expect(results).to.deep.equal(batch.map((m, i) => ({ kind: 'inserted', message: storedOf(m, positions[i]!) })));
        for (const [i, m] of batch.entries()) expect(await groups().findGroupEntry(m.msgId)).to.deep.equal(storedOf(m, positions[i]!));
        expect(await f.nextSeq(one)).to.equal('5');
      });

      it('inserts nothing and takes no seq for a sender that is not a member or a group that does not exist', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        await f.claim();
        const batch = [f.message(group.groupId, OWNER), f.message(group.groupId, OUTSIDER), f.message(f.groupId(), OWNER), f.message(group.groupId, NINE)];
        const results = await f.send(...batch);
        expect(results).to.deep.equal([
          { kind: 'inserted', message: storedOf(batch[0]!, 2) }, { kind: 'not-member' }, { kind: 'no-group' },
          { kind: 'inserted', message: storedOf(batch[3]!, 3) },
        ]);
        expect(await groups().findGroupEntry(batch[1]!.msgId)).to.equal(null);
        expect(await groups().findGroupEntry(batch[2]!.msgId)).to.equal(null);
        expect((await f.claim()).map((r) => r.key)).to.deep.equal([batch[0]!.msgId, batch[3]!.msgId]);
      });

      it('writes each inserted entry\'s outbox event with its seq', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        await f.claim();
        const batch = [f.message(group.groupId, OWNER), f.message(group.groupId, NINE)];
        await f.send(...batch);
        const rows = await f.claim();
        expect(rows.map((r) => [r.tag, r.key])).to.deep.equal(batch.map((m) => ['GROUP_MSG', m.msgId]));
        expect(rows.map(body)).to.deep.equal(batch.map((m, i) => ({ msgId: m.msgId, groupId: group.groupId, made: 'by the caller', seq: String(i + 2) })));
      });

      it('returns the original entry for a (sender, client_msg_id) stored before, and inserts the rest', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const first = await f.sendOne(group.groupId, NINE, { mentionUserIds: [OWNER] });
        await f.claim();
        const resend = f.message(group.groupId, NINE, { clientMsgId: first.clientMsgId, content: 'resent' });
        const [before, after] = [f.message(group.groupId, OWNER), f.message(group.groupId, NINE)];
        expect(await f.send(before, resend, after)).to.deep.equal([
          { kind: 'inserted', message: storedOf(before, 3) }, { kind: 'duplicate', message: first }, { kind: 'inserted', message: storedOf(after, 4) },
        ]);
        expect(await groups().findGroupEntry(resend.msgId)).to.equal(null);
        expect((await f.claim()).map((r) => r.key)).to.deep.equal([before.msgId, after.msgId]);
      });

      it('returns the first entry for a client_msg_id repeated within one batch', async () => {
        const { group } = await f.create();
        const a = f.message(group.groupId, OWNER);
        const b = f.message(group.groupId, OWNER);
        const c = f.message(group.groupId, OWNER, { clientMsgId: a.clientMsgId, content: 'same client id' });
        expect(await f.send(a, b, c)).to.deep.equal([
          { kind: 'inserted', message: storedOf(a, 2) }, { kind: 'inserted', message: storedOf(b, 3) }, { kind: 'duplicate', message: storedOf(a, 2) },
        ]);
        expect(await groups().findGroupEntry(c.msgId)).to.equal(null);
        expect(await f.nextSeq(group.groupId)).to.equal('4');
      });

      it('keeps client_msg_ids apart per sender', async () => {
        const { group } = await f.create({ memberUserIds: [TWO_TO_63] });
        const results = await f.send(f.message(group.groupId, OWNER, { clientMsgId: 'same' }), f.message(group.groupId, TWO_TO_63, { clientMsgId: 'same' }));
        expect(results.map((r) => r.kind)).to.deep.equal(['inserted', 'inserted']);
      });

      it('returns a recalled original without its content', async () => {
        const { group } = await f.create();
        const first = await f.sendOne(group.groupId, OWNER);
        await groups().recallGroupMessage(first.msgId, T0 + 50_000, f.msgId(), { tag: tag('GROUP_RECALL'), key: first.msgId, body: {} });
        const [again] = await f.send(f.message(group.groupId, OWNER, { clientMsgId: first.clientMsgId }));
        expect(again).to.deep.equal({ kind: 'duplicate', message: { ...first, status: MsgStatus.RECALLED, content: '' } });
      });

      it('keeps mentions, ids above 2^63 included', async () => {
        const { group } = await f.create({ memberUserIds: [TWO_TO_63] });
        const m = f.message(group.groupId, TWO_TO_63, { mentionUserIds: [MAX_UNSIGNED, TWO_TO_63, NINE], content: '@all 👋🏽 \'q\' \\ "d"' });
        await f.send(m);
        const stored = (await groups().findGroupEntry(m.msgId))!;
        expect(stored.mentionUserIds).to.have.members([MAX_UNSIGNED, TWO_TO_63, NINE]);
        expect(stored.mentionUserIds).to.have.length(3);
        expect(stored.content).to.equal(m.content);
        expect(stored.fromUserId).to.equal(TWO_TO_63);
        expect((await groups().findGroupEntry((await f.sendOne(group.groupId, OWNER)).msgId))!.mentionUserIds).to.deep.equal([]);
      });

      // The same sender and client_msg_id sent to two groups at once: one is stored, the other is
      // its duplicate; neither may fail the other senders' messages batched with it.
      it('answers a concurrent (sender, client_msg_id) in another group as a duplicate, without failing the batch', async () => {
        const one = (await f.create({ memberUserIds: [NINE, TEN] })).group.groupId;
        const two = (await f.create({ memberUserIds: [NINE, TEN] })).group.groupId;
        for (let round = 0; round < 10; round++) {
          const key = `race-${round}`;
          const batches = [one, two].map((g) => [f.message(g, NINE, { clientMsgId: key }), f.message(g, TEN)]);
          const results = await Promise.all(batches.map((b) => f.send(...b).catch((err: unknown) => err as Error)));
          for (const r of results) expect(r, String(r)).to.be.an('array');
          const [a, b] = results as GroupInsertResult[][];
          expect([a![0]!.kind, b![0]!.kind].sort()).to.deep.equal(['duplicate', 'inserted']);
          expect([a![1]!.kind, b![1]!.kind]).to.deep.equal(['inserted', 'inserted']);
        }
      });

      it('rejects a batch whose msg_id is taken by another entry, storing nothing', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const [first] = await f.send(f.message(group.groupId, OWNER));
        const fresh = f.message(group.groupId, NINE);
        const taken = f.message(group.groupId, NINE, { msgId: (first as { message: StoredMessage }).message.msgId });
        const err = await f.send(fresh, taken).then(() => null, (e: unknown) => e as Error);
        expect(err?.message).to.match(/msg_id already in use/);
        expect(await groups().findGroupEntry(fresh.msgId)).to.equal(null);
        expect(await f.nextSeq(group.groupId)).to.equal('3');
      });

      it('answers an empty batch with nothing', async () => {
        expect(await groups().insertGroupBatch([])).to.deep.equal([]);
      });

      it('refuses a sender removed before the send, and takes it back once added again', async () => {
        const { group } = await f.create({ memberUserIds: [MAX_UNSIGNED] });
        const removal = await f.change(group.groupId, OWNER, { remove: [MAX_UNSIGNED] });
        expect(removal.entries[0]!.seq).to.equal('2');
        expect(await f.send(f.message(group.groupId, MAX_UNSIGNED))).to.deep.equal([{ kind: 'not-member' }]);
        expect(await f.nextSeq(group.groupId)).to.equal('3');
        await f.change(group.groupId, OWNER, { add: [MAX_UNSIGNED] });
        expect((await f.sendOne(group.groupId, MAX_UNSIGNED)).seq).to.equal('5');
      });

      it('orders every send of a member removed meanwhile before the removal entry, or refuses it', async () => {
        const { group } = await f.create({ memberUserIds: [NINE] });
        const sendBoth = () => f.send(f.message(group.groupId, NINE), f.message(group.groupId, OWNER));
        const early = Array.from({ length: 15 }, sendBoth);
        const removing = f.change(group.groupId, OWNER, { remove: [NINE] });
        const late = Array.from({ length: 15 }, sendBoth);
        const [removal, ...results] = await Promise.all([removing, ...early, ...late]);
        const removedAt = BigInt(removal.entries[0]!.seq);
        for (const [mine, owners] of results) {
          expect(owners!.kind).to.equal('inserted');
          if (mine!.kind === 'inserted') expect(BigInt(mine!.message.seq) < removedAt).to.equal(true);
          else expect(mine!.kind).to.equal('not-member');
        }
        const all = [removedAt, ...results.flat().flatMap((r) => (r.kind === 'inserted' ? [BigInt(r.message.seq)] : []))];
        expect(all.sort((a, b) => (a < b ? -1 : 1)).map(String)).to.deep.equal(range(2, all.length + 1));
      });

      it('numbers concurrent batches into one group 2..N+1 without gaps or repeats', async () => {
        const senders = [OWNER, NINE, TEN, TWO_TO_63, MAX_UNSIGNED];
        const { group } = await f.create({ memberUserIds: senders });
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
          f.send(...Array.from({ length: 1 + (i % 4) }, (_, j) => f.message(group.groupId, senders[(i + j) % senders.length]!)))));
        const numbered = results.flat().map((r) => BigInt((r as { message: StoredMessage }).message.seq));
        expect(numbered.sort((a, b) => (a < b ? -1 : 1)).map(String)).to.deep.equal(range(2, numbered.length + 1));
      });

      if (shared !== undefined) {
        const how = shared.concurrent ? 'at once' : 'in turn';
        it(`numbers one group exactly 1..N when ${shared.processes} gateway processes write into it ${how}`, async function () {
          this.timeout(60_000);
          extra = await Promise.all(Array.from({ length: shared.processes - 1 }, () => shared.openAnother()));
          const senders = [OWNER, NINE, TEN, TWO_TO_63, MAX_UNSIGNED];
          const { group, entry } = await f.create({ memberUserIds: senders });
          const fixtures = [stores, ...extra].map((s) => new GroupFixture(() => s));
          const writers = fixtures.flatMap((fx, p) => Array.from({ length: 4 }, (_, w) => ({ fx, p, w, got: [] as Array<{ seq: string; msgId: string }> })));
          // Membership changes take seqs from the same counter as sends, so both race here.
          const step = async ({ fx, p, w, got }: (typeof writers)[number], b: number) => {
            const batch = Array.from({ length: 1 + ((p + w + b) % 5) }, (_, j) => fx.message(group.groupId, senders[(p + w + b + j) % senders.length]!));
            const results = await fx.send(...batch);
            for (const [i, r] of results.entries()) {
              expect(r.kind).to.equal('inserted');
              got.push({ seq: (r as { message: StoredMessage }).message.seq, msgId: batch[i]!.msgId });
            }
            if (b % 3 === 2) {
              const outsider = (1_000n + BigInt(p * 10 + w)).toString();
              const change = await fx.change(group.groupId, p === 0 ? OWNER : null, b === 2 ? { add: [outsider] } : { remove: [outsider] });
              got.push(...change.entries.map((e) => ({ seq: e.seq, msgId: e.msgId })));
            }
          };
          const BATCHES = 6;
          if (shared.concurrent) {
            await Promise.all(writers.map(async (writer) => {
              for (let b = 0; b < BATCHES; b++) await step(writer, b);
            }));
          } else {
            for (let b = 0; b < BATCHES; b++) for (const writer of writers) await step(writer, b);
          }
          for (const { got } of writers) {
            // Within one writer, later commits have higher seqs.
            const mine = got.map((g) => BigInt(g.seq));
            expect(mine).to.deep.equal([...mine].sort((a, c) => (a < c ? -1 : 1)));
          }
          const written = [{ seq: entry.seq, msgId: entry.msgId }, ...writers.flatMap((w) => w.got)];
          const numbered = written.map((w) => BigInt(w.seq)).sort((a, b) => (a < b ? -1 : 1)).map(String);
          expect(numbered).to.deep.equal(range(1, written.length));
          // The relay orders a group's events by this seq: each entry's must match it.
          const rows = await f.claim();
          const seqOf = new Map(written.map((w) => [w.msgId, w.seq]));
          expect(rows).to.have.length(written.length);
          for (const row of rows) expect(body(row).seq).to.equal(seqOf.get(row.key));
          // The owner is among the senders.
          expect((await groups().group(group.groupId))!.memberCount).to.equal(senders.length);
          // A client resending after reconnecting to another node must get the original back.
          const firstSent = writers[0]!.got[0]!;
          const original = (await groups().findGroupEntry(firstSent.msgId))!;
          const [resent] = await fixtures[fixtures.length - 1]!.send(fixtures[0]!.message(group.groupId, original.fromUserId, { clientMsgId: original.clientMsgId }));
          expect(resent).to.deep.equal({ kind: 'duplicate', message: original });
        });
      }
    });

    describe('findGroupEntry and recallGroupMessage', () => {
      const recallEvent = (msgId: string, at: number): EntryEvent => ({ tag: tag('GROUP_RECALL'), key: msgId, body: { msgId, at } });

      it('finds nothing for an unknown msg id', async () => {
        expect(await groups().findGroupEntry(f.msgId())).to.equal(null);
      });

      it('recalls: RECALLED without content, a tombstone with the next seq naming it, and the event with that seq', async () => {
        const { group } = await f.create({ memberUserIds: [TWO_TO_63] });
        const original = await f.sendOne(group.groupId, TWO_TO_63, { mentionUserIds: [OWNER] });
        await f.sendOne(group.groupId, OWNER);
        await f.claim();
        const tombstoneId = f.msgId();
        const at = T0 + 60_000;
        const result = await groups().recallGroupMessage(original.msgId, at, tombstoneId, recallEvent(original.msgId, at));
        expect(result).to.have.property('kind', 'recalled');
        const { message, tombstone, recallTime } = result as Extract<typeof result, { kind: 'recalled' }>;
        expect(recallTime).to.equal(at);
        expect(message).to.deep.equal({ ...original, status: MsgStatus.RECALLED, content: '' });
        expect(tombstone).to.deep.include({
          msgId: tombstoneId, fromUserId: TWO_TO_63, toUserId: '0', content: '', format: RECALL, createTime: at,
          convId: convOf(group.groupId), seq: '4', recalledMsgId: original.msgId, groupId: group.groupId,
        });
        expect(await groups().findGroupEntry(original.msgId)).to.deep.equal({ ...original, status: MsgStatus.RECALLED, content: '' });
        expect(await groups().findGroupEntry(tombstoneId)).to.deep.equal(tombstone);
        const rows = await f.claim();
        expect(rows.map((r) => [r.tag, r.key])).to.deep.equal([['GROUP_RECALL', original.msgId]]);
        expect(body(rows[0]!)).to.deep.equal({ msgId: original.msgId, at, seq: '4' });
        expect(await f.nextSeq(group.groupId)).to.equal('5');
      });

      it('recalls once under concurrent recalls: one tombstone', async () => {
        const { group } = await f.create();
        const original = await f.sendOne(group.groupId, OWNER);
        await f.claim();
        const results = await Promise.all([0, 1, 2, 3].map((i) =>
          groups().recallGroupMessage(original.msgId, T0 + 60_000 + i, f.msgId(), recallEvent(original.msgId, T0 + 60_000 + i))));
        expect(results.map((r) => r!.kind).sort()).to.deep.equal(['already', 'already', 'already', 'recalled']);
        const first = results.find((r) => r!.kind === 'recalled')!;
        for (const r of results) expect(r!.recallTime).to.equal(first.recallTime);
        expect(await f.claim()).to.have.length(1);
        expect(await f.nextSeq(group.groupId)).to.equal('4');
      });

      it('answers a second recall with `already` and the first recall time, writing nothing', async () => {
        const { group } = await f.create();
        const original = await f.sendOne(group.groupId, OWNER);
        const at = T0 + 60_000;
        await groups().recallGroupMessage(original.msgId, at, f.msgId(), recallEvent(original.msgId, at));
        await f.claim();
        const secondTombstone = f.msgId();
        const again = await groups().recallGroupMessage(original.msgId, at + 5, secondTombstone, recallEvent(original.msgId, at + 5));
        expect(again).to.deep.equal({ kind: 'already', message: { ...original, status: MsgStatus.RECALLED, content: '' }, recallTime: at });
        expect(await groups().findGroupEntry(secondTombstone)).to.equal(null);
        expect(await f.claim()).to.deep.equal([]);
        expect(await f.nextSeq(group.groupId)).to.equal('4');
      });

      it('answers null for unknown ids and server-made entries (CREATED, other group events, tombstones), writing nothing', async () => {
        const { group, entry } = await f.create({ memberUserIds: [NINE] });
        const added = (await f.change(group.groupId, OWNER, { add: [TEN] })).entries[0]!;
        const original = await f.sendOne(group.groupId, OWNER);
        const recalled = await groups().recallGroupMessage(original.msgId, T0 + 60_000, f.msgId(), recallEvent(original.msgId, T0 + 60_000));
        const tombstone = (recalled as Extract<typeof recalled, { kind: 'recalled' }>).tombstone;
        await f.claim();
        for (const id of [f.msgId(), entry.msgId, added.msgId, tombstone.msgId]) {
          const tombstoneId = f.msgId();
          expect(await groups().recallGroupMessage(id, T0 + 70_000, tombstoneId, recallEvent(id, T0 + 70_000))).to.equal(null);
          expect(await groups().findGroupEntry(tombstoneId)).to.equal(null);
        }
        expect(await groups().findGroupEntry(entry.msgId)).to.deep.equal(entry);
        expect(await groups().findGroupEntry(added.msgId)).to.deep.equal(added);
        expect(await f.claim()).to.deep.equal([]);
        expect(await f.nextSeq(group.groupId)).to.equal('5');
      });
    });
  });
}
