import { c2cConvId, chatIdOf, groupConvId } from '../conversations/conv-id.js';
import { GroupEventKind } from '../protocol/messages.js';
import type { NewGroupMessage } from '../storage/group-store.js';
import type { EntryEvent, NewMessage, StoredMessage } from '../storage/message-store.js';

/**
 * Bodies of the events on the MQ topic (JSON, UTF-8). Versioned by `schema`: a consumer that
 * meets an unknown schema should skip it, and ignore fields it does not know (fields are only
 * ever added within a schema). Ids and seqs are decimal strings (they exceed 2^53). Delivery is at
 * least once: dedup by the message key (msgId; `<userId>:<convId>` for CONV_READ). Within one
 * conversation, order C2C_MSG and C2C_RECALL events by `seq` (the recall's is its tombstone's).
 */
export interface C2CMessageEventV1 {
  schema: 'im.c2c.msg.v1';
  msgId: string;
  clientMsgId: string;
  fromUserId: string;
  toUserId: string;
  chatId: string;
  content: string;
  /** MsgFormat number: 1 TEXT, 2 IMAGE, 3 FILE, 4 VOICE, 5 CUSTOM. */
  format: number;
  /** ms since the Unix epoch. */
  createTime: number;
  /** The conversation, `c_<lo>_<hi>`, and the message's position in it. */
  convId: string;
  seq: string;
}

export interface C2CRecallEventV1 {
  schema: 'im.c2c.recall.v1';
  msgId: string;
  fromUserId: string;
  toUserId: string;
  chatId: string;
  createTime: number;
  /** ms since the Unix epoch. */
  recallTime: number;
  convId: string;
  /** The seq of the RECALL tombstone the recall appended, and the tombstone's own msg_id. */
  seq: string;
  tombstoneMsgId: string;
}

/** A group message (stored once for the group; members read it by seq). */
export interface GroupMessageEventV1 {
  schema: 'im.group.msg.v1';
  msgId: string;
  clientMsgId: string;
  fromUserId: string;
  groupId: string;
  /** `g_<group_id>`, and the entry's position in it: order a group's events by it. */
  convId: string;
  seq: string;
  content: string;
  format: number;
  mentionUserIds: string[];
  createTime: number;
}

export interface GroupRecallEventV1 {
  schema: 'im.group.recall.v1';
  msgId: string;
  fromUserId: string;
  groupId: string;
  convId: string;
  /** The RECALL tombstone's seq and msg_id. */
  seq: string;
  tombstoneMsgId: string;
  /** The sender, the owner or an admin. */
  recalledBy: string;
  createTime: number;
  recallTime: number;
}

/** A membership, role or name change: one GROUP_EVENT entry. */
export interface GroupMemberEventV1 {
  schema: 'im.group.member.v1';
  /** The entry's msg_id. */
  msgId: string;
  groupId: string;
  convId: string;
  seq: string;
  /** GroupEventKind name: CREATED, MEMBERS_ADDED, MEMBERS_REMOVED, MEMBER_LEFT, ROLES_CHANGED, RENAMED. */
  kind: string;
  actorUserId: string;
  userIds: string[];
  /** RENAMED and CREATED: the name. */
  name: string;
  time: number;
}

/** A user's read position moved (coalesced: at most one per user and conversation a second). */
export interface ConvReadEventV1 {
  schema: 'im.conv.read.v1';
  userId: string;
  convId: string;
  readSeq: string;
  /** ms since the Unix epoch: when the position was last moved. */
  readTime: number;
}

/** C2C_MSG, keyed by msg_id; the store adds the seq it assigns. */
export function messageEvent(m: NewMessage): EntryEvent {
  const convId = c2cConvId(m.fromUserId, m.toUserId);
  const body: Omit<C2CMessageEventV1, 'seq'> = {
    schema: 'im.c2c.msg.v1', msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId,
    toUserId: m.toUserId, chatId: chatIdOf(convId), content: m.content, format: m.format, createTime: m.createTime, convId,
  };
  return { tag: 'C2C_MSG', key: m.msgId, body };
}

/** C2C_RECALL of `m`, keyed by its msg_id; the store adds the seq of the tombstone `tombstoneMsgId`. */
export function recallEvent(m: StoredMessage, recallTime: number, tombstoneMsgId: string): EntryEvent {
  const body: Omit<C2CRecallEventV1, 'seq'> = {
    schema: 'im.c2c.recall.v1', msgId: m.msgId, fromUserId: m.fromUserId, toUserId: m.toUserId,
    chatId: m.chatId, createTime: m.createTime, recallTime, convId: m.convId, tombstoneMsgId,
  };
  return { tag: 'C2C_RECALL', key: m.msgId, body };
}

export function readEvent(userId: string, convId: string, readSeq: string, readTime: number): string {
  const event: ConvReadEventV1 = { schema: 'im.conv.read.v1', userId, convId, readSeq, readTime };
  return JSON.stringify(event);
}

/** GROUP_MSG, keyed by msg_id; the store adds the seq it assigns. */
export function groupMessageEvent(m: NewGroupMessage): EntryEvent {
  const body: Omit<GroupMessageEventV1, 'seq'> = {
    schema: 'im.group.msg.v1', msgId: m.msgId, clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, groupId: m.groupId,
    convId: groupConvId(m.groupId), content: m.content, format: m.format, mentionUserIds: m.mentionUserIds, createTime: m.createTime,
  };
  return { tag: 'GROUP_MSG', key: m.msgId, body };
}

/** GROUP_RECALL of `m` by `recalledBy`, keyed by its msg_id; the store adds the tombstone's seq. */
export function groupRecallEvent(m: StoredMessage, recallTime: number, tombstoneMsgId: string, recalledBy: string): EntryEvent {
  const body: Omit<GroupRecallEventV1, 'seq'> = {
    schema: 'im.group.recall.v1', msgId: m.msgId, fromUserId: m.fromUserId, groupId: m.groupId!, convId: m.convId,
    tombstoneMsgId, recalledBy, createTime: m.createTime, recallTime,
  };
  return { tag: 'GROUP_RECALL', key: m.msgId, body };
}

/** GROUP_MEMBER for a GROUP_EVENT entry, keyed by the entry's msg_id. */
export function groupMemberEvent(entry: StoredMessage): EntryEvent {
  const e = entry.groupEvent!;
  const body: Omit<GroupMemberEventV1, 'seq'> = {
    schema: 'im.group.member.v1', msgId: entry.msgId, groupId: entry.groupId!, convId: entry.convId,
    kind: GroupEventKind[e.kind] ?? String(e.kind), actorUserId: e.actorUserId, userIds: e.userIds, name: e.name, time: entry.createTime,
  };
  return { tag: 'GROUP_MEMBER', key: entry.msgId, body };
}
