// The GroupStore on SQLite (embedded) or MySQL/MariaDB (production), one class for both.
import type { QueryRunner } from 'typeorm';
import { compareIds, MAX_UINT64, parseId, type Id } from '../../ids/id.js';
import { groupConvId } from '../../conversations/conv-id.js';
import { GroupRuleError, planMembers, type PlannedEvent } from '../../groups/membership.js';
import { GroupEventKind, GroupRole, type GroupEvent } from '../../protocol/messages.js';
import { FIRST_SERVER_FORMAT, MsgStatus, RECALL_FORMAT, type EntryEvent, type StoredMessage } from '../message-store.js';
import {
  GROUP_CONV, GROUP_EVENT_FORMAT,
  type CreateGroup, type GroupChange, type GroupEventOutbox, type GroupInsertResult, type GroupMessageWrite,
  type GroupRecord, type GroupStore, type MemberRecord, type MembersChange, type Rename,
} from '../group-store.js';
import { KeyTaken, advanceCounters, inRounds, lockCounters, outboxEvent, writeOutbox } from './sql-entries.js';
import { CHUNK, UNION_CHUNK, chunks, count, execute, marks, rowsByKey, select, seqParam, signedId, unsignedText, type SqlDb } from './sql-db.js';

const MAX_CLIENT_MSG_ID = 64;
const MAX_CONTENT_BYTES = 65_535;
export const MAX_GROUP_NAME = 128;

/** Server-made entries' client_msg_ids hold a control character, which no client can send. */
const eventClientId = (msgId: Id) => `\u0001g:${msgId}`;
const tombstoneClientId = (msgId: Id) => `\u0001r:${msgId}`;
/** Without a client_req_id a group gets a request id no client can send and no other group has. */
const noRequestId = (groupId: Id) => `\u0001${groupId}`;

/** Beware, as with MESSAGE_COLUMNS: qualify ORDER BY columns with the table name. */
export const GROUP_ENTRY_COLUMNS =
  'CAST(msg_id AS CHAR) AS msg_id, client_msg_id, CAST(from_user_id AS CHAR) AS from_user_id, CAST(group_id AS CHAR) AS group_id, ' +
  'msg_content, msg_format, msg_status, create_time, update_time, conv_id, CAST(seq AS CHAR) AS seq, ' +
  'CAST(recalled_msg_id AS CHAR) AS recalled_msg_id, mention_user_ids, group_event';

export interface GroupEntryRecord {
  msg_id: string;
  client_msg_id: string;
  from_user_id: string;
  group_id: string;
  msg_content: string;
  msg_format: number | string;
  msg_status: number | string;
  create_time: number | string;
  update_time: number | string;
  conv_id: string;
  seq: string;
  recalled_msg_id: string;
  mention_user_ids: string;
  group_event: string;
}

const GROUP_COLUMNS =
  'CAST(group_id AS CHAR) AS group_id, group_name, CAST(owner_user_id AS CHAR) AS owner_user_id, member_count, create_time';

interface GroupRow {
  group_id: string;
  group_name: string;
  owner_user_id: string;
  member_count: number | string;
  create_time: number | string;
}

const MEMBER_COLUMNS =
  'CAST(user_id AS CHAR) AS user_id, member_role, join_time, CAST(join_seq AS CHAR) AS join_seq, CAST(leave_seq AS CHAR) AS leave_seq';

interface MemberRow {
  user_id: string;
  member_role: number | string;
  join_time: number | string;
  join_seq: string;
  leave_seq: string;
}

export function decodeGroupEntry(row: GroupEntryRecord): StoredMessage {
  const entry: StoredMessage = {
    msgId: row.msg_id, clientMsgId: row.client_msg_id, fromUserId: unsignedText(row.from_user_id), toUserId: '0',
    content: row.msg_content, format: Number(row.msg_format), createTime: Number(row.create_time),
    chatId: '', status: Number(row.msg_status) as MsgStatus, convId: row.conv_id, seq: row.seq, recalledMsgId: row.recalled_msg_id,
    groupId: row.group_id, mentionUserIds: row.mention_user_ids === '' ? [] : row.mention_user_ids.split(','),
  };
  if (row.group_event !== '') entry.groupEvent = JSON.parse(row.group_event) as GroupEvent;
  return entry;
}

function decodeGroup(row: GroupRow): GroupRecord {
  return {
    groupId: row.group_id, name: row.group_name, ownerUserId: unsignedText(row.owner_user_id),
    memberCount: Number(row.member_count), createTime: Number(row.create_time),
  };
}

function decodeMember(row: MemberRow): MemberRecord {
  return {
    userId: unsignedText(row.user_id), role: Number(row.member_role) as GroupRole, joinTime: Number(row.join_time),
    joinSeq: row.join_seq, leaveSeq: row.leave_seq,
  };
}

export class SqlGroupStore implements GroupStore {
  /** Every login asks it: one statement for the logins of a turn. */
  private readonly memberships: (user: bigint) => Promise<Id[]>;

  constructor(private readonly db: SqlDb) {
    this.memberships = db.batched(membershipsOf);
  }

  async createGroup(req: CreateGroup, outbox: GroupEventOutbox): Promise<{ created: boolean; group: GroupRecord; entry: StoredMessage | null }> {
    const groupId = signedId(req.groupId, 'groupId');
    const owner = this.db.userId(req.ownerUserId, 'ownerUserId');
    checkName(req.name);
    if ([...req.clientReqId].length > MAX_CLIENT_MSG_ID) throw new RangeError(`clientReqId must be at most ${MAX_CLIENT_MSG_ID} characters`);
    const others = [...new Set(req.memberUserIds)].filter((id) => id !== req.ownerUserId).sort(compareIds);
    for (const id of others) parseId(id, MAX_UINT64, 'memberUserIds');
    const memberIds = [req.ownerUserId, ...others];
    const requestId = req.clientReqId === '' ? noRequestId(req.groupId) : req.clientReqId;
    return this.db.tx(async (q) => {
      const inserted = await execute(q,
        `${this.db.dialect.insertIgnore} INTO im_group (group_id, group_name, owner_user_id, member_count, create_req_id, create_time, update_time) ` +
        'VALUES (?, ?, ?, ?, ?, ?, ?)', [groupId, req.name, owner, memberIds.length, requestId, req.time, req.time]);
      if (inserted === 0) {
        const [existing] = await select<GroupRow>(q,
          `SELECT ${GROUP_COLUMNS} FROM im_group WHERE owner_user_id = ? AND create_req_id = ?`, [owner, requestId]);
        if (existing === undefined) throw new Error(`group id ${req.groupId} is already in use`);
        return { created: false, group: decodeGroup(existing), entry: null };
      }
      if (memberIds.length > req.maxMembers) throw new GroupRuleError('LIMIT_EXCEEDED', `a group has at most ${req.maxMembers} members`);
      const convId = groupConvId(req.groupId);
      await lockCounters(q, this.db, [convId], GROUP_CONV);
      const event: GroupEvent = { kind: GroupEventKind.CREATED, actorUserId: req.ownerUserId, userIds: memberIds, name: req.name };
      const [entry] = await this.appendEvents(q, req.groupId, 0n, [{ msgId: req.eventMsgId, actor: req.ownerUserId, event }], req.time, outbox);
      const roles = new Map(memberIds.map((id): [Id, GroupRole] => [id, id === req.ownerUserId ? GroupRole.GROUP_ROLE_OWNER : GroupRole.GROUP_ROLE_MEMBER]));
      await this.join(q, req.groupId, roles, entry!.seq, req.time);
      return { created: true, group: { groupId: req.groupId, name: req.name, ownerUserId: req.ownerUserId, memberCount: memberIds.length, createTime: req.time }, entry: entry! };
    });
  }

  async changeMembers(req: MembersChange, outbox: GroupEventOutbox): Promise<GroupChange> {
    for (const [what, ids] of Object.entries({ add: req.add, remove: req.remove, promote: req.promote, demote: req.demote })) {
      for (const id of ids) parseId(id, MAX_UINT64, what);
    }
    return this.db.tx(async (q) => {
      const { group, counter } = await this.lockGroup(q, req.groupId);
      const members = await this.currentRoles(q, req.groupId);
      const plan = planMembers(members, req.actorUserId, req, req.maxMembers);
      if (plan.events.length === 0) return { group, entries: [], added: [], removed: [] };
      if (req.eventMsgIds.length < plan.events.length) throw new RangeError(`${plan.events.length} event msg ids needed`);
      const actor = req.actorUserId ?? group.ownerUserId;
      const entries = await this.appendEvents(q, req.groupId, counter,
        plan.events.map((e: PlannedEvent, i) => ({ msgId: req.eventMsgIds[i]!, actor, event: { kind: e.kind, actorUserId: actor, userIds: e.userIds, name: '' } })),
        req.time, outbox);
      const seqOf = (kind: GroupEventKind) => entries.find((e) => e.groupEvent!.kind === kind)?.seq;
      const added = plan.events.find((e) => e.kind === GroupEventKind.MEMBERS_ADDED)?.userIds ?? [];
      if (added.length > 0) await this.join(q, req.groupId, new Map(added.map((id): [Id, GroupRole] => [id, GroupRole.GROUP_ROLE_MEMBER])), seqOf(GroupEventKind.MEMBERS_ADDED)!, req.time);
      for (const [kind, ids] of [
        [GroupEventKind.MEMBERS_REMOVED, plan.removed.filter((id) => id !== req.actorUserId)],
        [GroupEventKind.MEMBER_LEFT, plan.removed.filter((id) => id === req.actorUserId)],
      ] as const) {
        if (ids.length > 0) await this.leave(q, req.groupId, ids, seqOf(kind)!, req.time);
      }
      for (const [id, role] of plan.roles) {
        if (!added.includes(id)) await execute(q, 'UPDATE im_group_member SET member_role = ? WHERE group_id = ? AND user_id = ?', [role, signedId(req.groupId, 'groupId'), this.db.userId(id, 'userId')]);
      }
      const memberCount = members.size + added.length - plan.removed.length;
      await execute(q, 'UPDATE im_group SET member_count = ?, update_time = ? WHERE group_id = ?', [memberCount, req.time, signedId(req.groupId, 'groupId')]);
      return { group: { ...group, memberCount }, entries, added, removed: plan.removed };
    });
  }

  async rename(req: Rename, outbox: GroupEventOutbox): Promise<GroupChange> {
    checkName(req.name);
    return this.db.tx(async (q) => {
      const { group, counter } = await this.lockGroup(q, req.groupId);
      if (req.actorUserId !== null) {
        const role = (await this.currentRoles(q, req.groupId)).get(req.actorUserId);
        if (role === undefined) throw new GroupRuleError('FORBIDDEN', 'not a member of this group');
        if (role === GroupRole.GROUP_ROLE_MEMBER) throw new GroupRuleError('FORBIDDEN', 'only the owner and admins rename a group');
      }
      if (req.name === group.name) return { group, entries: [], added: [], removed: [] };
      const actor = req.actorUserId ?? group.ownerUserId;
      const entries = await this.appendEvents(q, req.groupId, counter,
        [{ msgId: req.eventMsgId, actor, event: { kind: GroupEventKind.RENAMED, actorUserId: actor, userIds: [], name: req.name } }], req.time, outbox);
      await execute(q, 'UPDATE im_group SET group_name = ?, update_time = ? WHERE group_id = ?', [req.name, req.time, signedId(req.groupId, 'groupId')]);
      return { group: { ...group, name: req.name }, entries, added: [], removed: [] };
    });
  }

  async group(groupId: Id): Promise<GroupRecord | null> {
    const id = signedId(groupId, 'groupId');
    return this.db.read(async (q) => {
      const [row] = await select<GroupRow>(q, `SELECT ${GROUP_COLUMNS} FROM im_group WHERE group_id = ?`, [id]);
      return row === undefined ? null : decodeGroup(row);
    });
  }

  async members(groupId: Id, afterUserId: Id, limit: number): Promise<MemberRecord[]> {
    const id = signedId(groupId, 'groupId');
    const after = parseId(afterUserId, MAX_UINT64, 'afterUserId');
    const above = this.db.dialect.unsignedAbove('user_id');
    return this.db.read(async (q) => (await select<MemberRow>(q,
      `SELECT ${MEMBER_COLUMNS} FROM im_group_member WHERE group_id = ? AND leave_seq = 0 AND ${above.sql} ` +
      `ORDER BY ${this.db.dialect.unsignedOrder('im_group_member.user_id')} LIMIT ?`, [id, ...above.params(after), count(limit)])).map(decodeMember));
  }

  async member(groupId: Id, userId: Id): Promise<MemberRecord | null> {
    const id = signedId(groupId, 'groupId');
    const user = this.db.userId(userId, 'userId');
    return this.db.read(async (q) => {
      const [row] = await select<MemberRow>(q, `SELECT ${MEMBER_COLUMNS} FROM im_group_member WHERE group_id = ? AND user_id = ?`, [id, user]);
      return row === undefined ? null : decodeMember(row);
    });
  }

  async groupsOf(userId: Id): Promise<Id[]> {
    return this.memberships(this.db.userId(userId, 'userId'));
  }

  async insertGroupBatch(writes: GroupMessageWrite[]): Promise<GroupInsertResult[]> {
    if (writes.length === 0) return [];
    const keys = writes.map(({ message: m }) => {
      if (m.clientMsgId.length === 0 || [...m.clientMsgId].length > MAX_CLIENT_MSG_ID) throw new RangeError(`clientMsgId must be 1-${MAX_CLIENT_MSG_ID} characters`);
      if (Buffer.byteLength(m.content, 'utf8') > MAX_CONTENT_BYTES) throw new RangeError(`content of message ${m.msgId} exceeds ${MAX_CONTENT_BYTES} UTF-8 bytes`);
      signedId(m.msgId, 'msgId');
      signedId(m.groupId, 'groupId');
      for (const id of m.mentionUserIds) parseId(id, MAX_UINT64, 'mentionUserIds');
      return { from: this.db.userId(m.fromUserId, 'fromUserId'), clientMsgId: m.clientMsgId };
    });
    // The same (sender, client_msg_id) may be committing in another group right now (no lock is
    // shared then): insert optimistically, and when a row was ignored roll back and run the
    // transaction again, which finds what is stored now as the original and numbers the rest.
    let storedBefore = -1;
    return inRounds('group batch', () => this.db.tx(async (q) => {
      const groupIds = [...new Set(writes.map((w) => w.message.groupId))];
      const existing = new Set<string>();
      for (const chunk of chunks(groupIds, CHUNK)) {
        const rows = await select<{ group_id: string }>(q,
          `SELECT CAST(group_id AS CHAR) AS group_id FROM im_group WHERE group_id IN (${marks(chunk.length)})`, chunk.map((id) => BigInt(id)));
        for (const row of rows) existing.add(row.group_id);
      }
      const counters = await lockCounters(q, this.db, [...existing].map(groupConvId), GROUP_CONV);
      const members = await this.membersAmong(q, [...existing], [...new Set(writes.map((w) => w.message.fromUserId))]);
      const stored = await this.findByKeys(q, keys);
      // A row was ignored, yet no more of the keys are taken than before: its msg_id was.
      if (stored.size <= storedBefore) throw new Error(`a group message of this batch was not stored: msg_id already in use (${writes.length} rows)`);
      const plan = this.number(writes, keys, stored, existing, members, counters);
      if (await this.insertEntries(q, plan.fresh.map((f) => f.entry)) !== plan.fresh.length) {
        storedBefore = stored.size;
        throw new KeyTaken();
      }
      await advanceCounters(q, this.db, GROUP_CONV, plan.fresh.map((f) => f.entry));
      await writeOutbox(q, this.db, plan.fresh, (f) => outboxEvent(f.event, f.entry.seq, BigInt(f.entry.msgId), f.entry.createTime));
      return plan.results;
    }));
  }

  /** Every write's outcome, with seqs for the fresh ones after the groups' counters. */
  private number(
    writes: GroupMessageWrite[], keys: Array<{ from: bigint; clientMsgId: string }>, stored: Map<number, StoredMessage>,
    existing: Set<string>, members: Set<string>, counters: Map<string, bigint>,
  ): { results: GroupInsertResult[]; fresh: Array<{ index: number; entry: StoredMessage; event: EntryEvent }> } {
    const firstByKey = new Map<string, number>();
    const fresh: Array<{ index: number; entry: StoredMessage; event: EntryEvent }> = [];
    const results: Array<GroupInsertResult | null> = writes.map(({ message: m, event }, i) => {
      const earlier = stored.get(i);
      if (earlier !== undefined) return { kind: 'duplicate', message: earlier };
      const key = `${keys[i]!.from}|${m.clientMsgId}`;
      if (firstByKey.has(key)) return null;
      if (!existing.has(m.groupId)) return { kind: 'no-group' };
      if (!members.has(`${m.groupId}|${m.fromUserId}`)) return { kind: 'not-member' };
      firstByKey.set(key, i);
      const convId = groupConvId(m.groupId);
      const seq = counters.get(convId)! + 1n;
      counters.set(convId, seq);
      const entry: StoredMessage = {
        msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, toUserId: '0', content: m.content, format: m.format,
        createTime: m.createTime, chatId: '', status: MsgStatus.PENDING, convId, seq: seq.toString(), recalledMsgId: '0',
        groupId: m.groupId, mentionUserIds: [...new Set(m.mentionUserIds)],
      };
      fresh.push({ index: i, event, entry });
      return { kind: 'inserted', message: entry };
    });
    // A repeat of a key earlier in the batch is answered like a resend of it.
    return {
      fresh,
      results: results.map((r, i) => r ?? {
        kind: 'duplicate', message: (results[firstByKey.get(`${keys[i]!.from}|${writes[i]!.message.clientMsgId}`)!] as { message: StoredMessage }).message,
      }),
    };
  }

  async findGroupEntry(msgId: Id): Promise<StoredMessage | null> {
    const id = signedId(msgId, 'msgId');
    return this.db.read(async (q) => {
      const [row] = await select<GroupEntryRecord>(q, `SELECT ${GROUP_ENTRY_COLUMNS} FROM im_group_message WHERE msg_id = ?`, [id]);
      return row === undefined ? null : decodeGroupEntry(row);
    });
  }

  async entriesBetween(groupId: Id, afterSeq: string, throughSeq: string): Promise<StoredMessage[]> {
    const id = signedId(groupId, 'groupId');
    return this.db.read(async (q) => (await select<GroupEntryRecord>(q,
      `SELECT ${GROUP_ENTRY_COLUMNS} FROM im_group_message WHERE group_id = ? AND seq > ? AND seq <= ? ORDER BY im_group_message.seq`,
      [id, seqParam(afterSeq, 'afterSeq'), seqParam(throughSeq, 'throughSeq')])).map((row) => readable(decodeGroupEntry(row))));
  }

  async recallGroupMessage(msgId: Id, recallTime: number, tombstoneMsgId: Id, event: EntryEvent):
    Promise<{ kind: 'recalled'; message: StoredMessage; tombstone: StoredMessage; recallTime: number } | { kind: 'already'; message: StoredMessage; recallTime: number } | null> {
    const id = signedId(msgId, 'msgId');
    signedId(tombstoneMsgId, 'tombstoneMsgId');
    return this.db.tx(async (q) => {
      const [peek] = await select<{ conv_id: string }>(q, 'SELECT conv_id FROM im_group_message WHERE msg_id = ?', [id]);
      if (peek === undefined) return null;
      // The group's counter first, then the row: the lock order of every group write.
      const counters = await lockCounters(q, this.db, [peek.conv_id], GROUP_CONV);
      const [row] = await select<GroupEntryRecord>(q,
        `SELECT ${GROUP_ENTRY_COLUMNS} FROM im_group_message WHERE msg_id = ?${this.db.dialect.forUpdate}`, [id]);
      const message = decodeGroupEntry(row!);
      if (message.format >= FIRST_SERVER_FORMAT) return null;
      // RECALLED is final, so update_time is still the time of the first recall.
      if (message.status === MsgStatus.RECALLED) return { kind: 'already', message: { ...message, content: '' }, recallTime: Number(row!.update_time) };
      await execute(q, 'UPDATE im_group_message SET msg_status = ?, msg_content = ?, update_time = ? WHERE msg_id = ?',
        [MsgStatus.RECALLED, '', recallTime, id]);
      const seq = counters.get(peek.conv_id)! + 1n;
      const tombstone: StoredMessage = {
        msgId: tombstoneMsgId, clientMsgId: tombstoneClientId(msgId), fromUserId: message.fromUserId, toUserId: '0', content: '',
        format: RECALL_FORMAT, createTime: recallTime, chatId: '', status: MsgStatus.PENDING, convId: peek.conv_id, seq: seq.toString(),
        recalledMsgId: msgId, groupId: message.groupId!, mentionUserIds: [],
      };
      if (await this.insertEntries(q, [tombstone]) !== 1) throw new Error(`tombstone ${tombstoneMsgId} was not stored: msg_id in use`);
      await advanceCounters(q, this.db, GROUP_CONV, [tombstone]);
      await writeOutbox(q, this.db, [tombstone], (t) => outboxEvent(event, t.seq, id, recallTime));
      return { kind: 'recalled', message: { ...message, status: MsgStatus.RECALLED, content: '' }, tombstone, recallTime };
    });
  }

  /** The group (NOT_FOUND when there is none) and its counter, locked. */
  private async lockGroup(q: QueryRunner, groupId: Id): Promise<{ group: GroupRecord; counter: bigint }> {
    const id = signedId(groupId, 'groupId');
    const [exists] = await select<{ n: number }>(q, 'SELECT 1 AS n FROM im_group WHERE group_id = ?', [id]);
    if (exists === undefined) throw new GroupRuleError('NOT_FOUND', `no group ${groupId}`);
    const counters = await lockCounters(q, this.db, [groupConvId(groupId)], GROUP_CONV);
    const [row] = await select<GroupRow>(q, `SELECT ${GROUP_COLUMNS} FROM im_group WHERE group_id = ?`, [id]);
    return { group: decodeGroup(row!), counter: counters.get(groupConvId(groupId))! };
  }

  private async currentRoles(q: QueryRunner, groupId: Id): Promise<Map<Id, GroupRole>> {
    const rows = await select<{ user_id: string; member_role: number | string }>(q,
      'SELECT CAST(user_id AS CHAR) AS user_id, member_role FROM im_group_member WHERE group_id = ? AND leave_seq = 0', [signedId(groupId, 'groupId')]);
    return new Map(rows.map((r) => [unsignedText(r.user_id), Number(r.member_role) as GroupRole]));
  }

  /** `group|user` for every current membership among these groups and users. */
  private async membersAmong(q: QueryRunner, groupIds: Id[], userIds: Id[]): Promise<Set<string>> {
    const found = new Set<string>();
    if (groupIds.length === 0) return found;
    for (const users of chunks(userIds, CHUNK)) {
      const rows = await select<{ group_id: string; user_id: string }>(q,
        'SELECT CAST(group_id AS CHAR) AS group_id, CAST(user_id AS CHAR) AS user_id FROM im_group_member ' +
        `WHERE leave_seq = 0 AND group_id IN (${marks(groupIds.length)}) AND user_id IN (${marks(users.length)})`,
        [...groupIds.map((id) => BigInt(id)), ...users.map((u) => this.db.userId(u, 'userId'))]);
      for (const row of rows) found.add(`${row.group_id}|${unsignedText(row.user_id)}`);
    }
    return found;
  }

  /** Stored entries holding these (from_user_id, client_msg_id) keys, by index. */
  private async findByKeys(q: QueryRunner, keys: Array<{ from: bigint; clientMsgId: string }>): Promise<Map<number, StoredMessage>> {
    const found = new Map<number, StoredMessage>();
    for (const chunk of chunks(keys.map((_, i) => i), UNION_CHUNK)) {
      const sql = chunk.map(() => `SELECT ? AS k, ${GROUP_ENTRY_COLUMNS} FROM im_group_message WHERE from_user_id = ? AND client_msg_id = ?`).join(' UNION ALL ');
      const rows = await select<GroupEntryRecord & { k: number | string }>(q, sql, chunk.flatMap((i) => [i, keys[i]!.from, keys[i]!.clientMsgId]));
      for (const row of rows) found.set(Number(row.k), readable(decodeGroupEntry(row)));
    }
    return found;
  }

  /** GROUP_EVENT entries after `counter`, numbered in order, with their outbox events. */
  private async appendEvents(
    q: QueryRunner, groupId: Id, counter: bigint, events: Array<{ msgId: Id; actor: Id; event: GroupEvent }>, time: number, outbox: GroupEventOutbox,
  ): Promise<StoredMessage[]> {
    const entries = events.map(({ msgId, actor, event }, i): StoredMessage => ({
      msgId, clientMsgId: eventClientId(msgId), fromUserId: actor, toUserId: '0', content: '', format: GROUP_EVENT_FORMAT, createTime: time,
      chatId: '', status: MsgStatus.PENDING, convId: groupConvId(groupId), seq: (counter + 1n + BigInt(i)).toString(), recalledMsgId: '0',
      groupId, mentionUserIds: [], groupEvent: event,
    }));
    if (await this.insertEntries(q, entries) !== entries.length) throw new Error('a group event was not stored: msg_id already in use');
    await advanceCounters(q, this.db, GROUP_CONV, entries);
    await writeOutbox(q, this.db, entries, (e) => outboxEvent(outbox(e), e.seq, BigInt(e.msgId), time));
    return entries;
  }

  /** INSERT IGNORE of numbered entries; returns how many were inserted. */
  private async insertEntries(q: QueryRunner, entries: StoredMessage[]): Promise<number> {
    let inserted = 0;
    for (const chunk of chunks(entries, CHUNK)) {
      inserted += await execute(q,
        `${this.db.dialect.insertIgnore} INTO im_group_message (msg_id, client_msg_id, from_user_id, group_id, msg_content, msg_format, msg_status, create_time, ` +
        `update_time, conv_id, seq, recalled_msg_id, mention_user_ids, group_event) VALUES ${
          chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        chunk.flatMap((m) => [BigInt(m.msgId), m.clientMsgId, this.db.userId(m.fromUserId, 'fromUserId'), BigInt(m.groupId!), m.content,
          m.format, m.status, m.createTime, m.createTime, m.convId, BigInt(m.seq), BigInt(m.recalledMsgId),
          (m.mentionUserIds ?? []).join(','), m.groupEvent === undefined ? '' : JSON.stringify(m.groupEvent)]));
    }
    return inserted;
  }

  /** Memberships from the entry `seq` on (re-joining starts afresh), and the members' conversation rows. */
  private async join(q: QueryRunner, groupId: Id, roles: Map<Id, GroupRole>, seq: string, time: number): Promise<void> {
    const d = this.db.dialect;
    const group = signedId(groupId, 'groupId');
    const convId = groupConvId(groupId);
    const rows = [...roles].sort(([a], [b]) => compareIds(a, b));
    for (const chunk of chunks(rows, CHUNK)) {
      await execute(q,
        `INSERT INTO im_group_member (group_id, user_id, member_role, join_seq, leave_seq, join_time) VALUES ${
          chunk.map(() => '(?, ?, ?, ?, 0, ?)').join(', ')}${d.upsert(['group_id', 'user_id'], (v) =>
          `member_role = ${v('member_role')}, join_seq = ${v('join_seq')}, leave_seq = 0, join_time = ${v('join_time')}`)}`,
        chunk.flatMap(([user, role]) => [group, this.db.userId(user, 'userId'), role, BigInt(seq), time]));
      // Entries before joining are neither readable nor unread.
      await execute(q,
        `INSERT INTO im_user_conversation (user_id, conv_id, peer_user_id, group_id, read_seq, min_seq, update_time) VALUES ${
          chunk.map(() => '(?, ?, 0, ?, ?, ?, ?)').join(', ')}${d.upsert(['user_id', 'conv_id'], (v) =>
          `read_seq = ${d.greatest('read_seq', v('read_seq'))}, min_seq = ${v('min_seq')}, update_time = ${d.greatest('update_time', v('update_time'))}`)}`,
        chunk.flatMap(([user]) => [this.db.userId(user, 'userId'), convId, group, BigInt(seq) - 1n, BigInt(seq), time]));
    }
  }

  /** Memberships end at the entry `seq`; the members' conversations stay listed, frozen there. */
  private async leave(q: QueryRunner, groupId: Id, userIds: Id[], seq: string, time: number): Promise<void> {
    const group = signedId(groupId, 'groupId');
    for (const chunk of chunks(userIds, CHUNK)) {
      const users = chunk.map((u) => this.db.userId(u, 'userId'));
      await execute(q, `UPDATE im_group_member SET leave_seq = ? WHERE group_id = ? AND user_id IN (${marks(users.length)})`, [BigInt(seq), group, ...users]);
      await execute(q, `UPDATE im_user_conversation SET update_time = ? WHERE conv_id = ? AND user_id IN (${marks(users.length)})`,
        [time, groupConvId(groupId), ...users]);
    }
  }
}

/** What a reader may see of an entry: a recalled message keeps no content. */
function readable(entry: StoredMessage): StoredMessage {
  return entry.status === MsgStatus.RECALLED ? { ...entry, content: '' } : entry;
}

function checkName(name: string): void {
  if ([...name].length > MAX_GROUP_NAME) throw new RangeError(`a group name has at most ${MAX_GROUP_NAME} characters`);
}

/** The groups each user is a member of, in input order. */
async function membershipsOf(q: QueryRunner, users: bigint[]): Promise<Id[][]> {
  const rows = await select<{ user_id: string; group_id: string }>(q,
    'SELECT CAST(user_id AS CHAR) AS user_id, CAST(group_id AS CHAR) AS group_id FROM im_group_member ' +
    `WHERE user_id IN (${marks(users.length)}) AND leave_seq = 0`, users);
  return rowsByKey(users, rows, (row) => row.user_id, (row) => row.group_id);
}
