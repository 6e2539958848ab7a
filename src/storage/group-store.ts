import type { GroupRole, Id, Seq } from '../protocol/messages.js';
import type { EntryEvent, StoredMessage } from './message-store.js';
import type { MembersRequest } from '../groups/membership.js';

/** ConvType of group conversations in im_conversation. */
export const GROUP_CONV = 2;
/** MsgFormat GROUP_EVENT: a membership, role or name change, server-made. */
export const GROUP_EVENT_FORMAT = 17;

export interface GroupRecord {
  groupId: Id;
  name: string;
  ownerUserId: Id;
  /** Current members, owner included. */
  memberCount: number;
  createTime: number;
}

export interface MemberRecord {
  userId: Id;
  role: GroupRole;
  joinTime: number;
  /** The entry that added the user: the first it may read. */
  joinSeq: Seq;
  /** The entry that removed it, the last it may read; '0' while a member. */
  leaveSeq: Seq;
}

export interface NewGroupMessage {
  msgId: Id;
  clientMsgId: string;
  fromUserId: Id;
  groupId: Id;
  content: string;
  format: number;
  mentionUserIds: Id[];
  /** ms since the Unix epoch. */
  createTime: number;
}

/** A group message to insert, and the event announcing it once committed. */
export interface GroupMessageWrite {
  message: NewGroupMessage;
  event: EntryEvent;
}

export type GroupInsertResult =
  | { kind: 'inserted'; message: StoredMessage }
  /** (from_user_id, client_msg_id) existed already: the original entry. */
  | { kind: 'duplicate'; message: StoredMessage }
  | { kind: 'not-member' }
  | { kind: 'no-group' };

/** The outbox event of a GROUP_EVENT entry; made in the transaction, where the rules decide the entries. */
export type GroupEventOutbox = (entry: StoredMessage) => EntryEvent;

export interface CreateGroup {
  groupId: Id;
  ownerUserId: Id;
  name: string;
  /** Initial members besides the owner (duplicates and the owner are ignored). */
  memberUserIds: Id[];
  /** '' for none. */
  clientReqId: string;
  /** The CREATED entry's msg id. */
  eventMsgId: Id;
  time: number;
  maxMembers: number;
}

export interface MembersChange extends MembersRequest {
  groupId: Id;
  /** null: an operator (the admin API). */
  actorUserId: Id | null;
  /** Msg ids for the entries the change makes: at least four. */
  eventMsgIds: Id[];
  time: number;
  maxMembers: number;
}

export interface Rename {
  groupId: Id;
  actorUserId: Id | null;
  name: string;
  eventMsgId: Id;
  time: number;
}

export interface GroupChange {
  group: GroupRecord;
  /** The GROUP_EVENT entries made, ascending by seq (none when nothing changed). */
  entries: StoredMessage[];
  /** Members added by this change. */
  added: Id[];
  /** Members no more after this change (removed or left). */
  removed: Id[];
}

/**
 * Groups, memberships and group entries (`im_group`, `im_group_member`, `im_group_message`; the
 * group conversation's counter in `im_conversation`, each member's read state in
 * `im_user_conversation`). Every write that makes an entry locks the group's counter first, so
 * membership changes and sends of one group are serialized and numbered gap-free, and checks
 * membership under that lock. Membership rules (groups/membership.ts) are applied inside the
 * transaction, to the members as locked.
 */
export interface GroupStore {
  /**
   * Creates the group with its CREATED entry (seq 1, user_ids = every initial member, owner
   * included) and its outbox event. A clientReqId seen before from the same owner returns that
   * group and creates nothing (`created` false, `entry` null).
   */
  createGroup(req: CreateGroup, outbox: GroupEventOutbox): Promise<{ created: boolean; group: GroupRecord; entry: StoredMessage | null }>;

  /** Applies a membership request by the rules; throws GroupRuleError (NOT_FOUND for no such group). */
  changeMembers(req: MembersChange, outbox: GroupEventOutbox): Promise<GroupChange>;

  /** Renames (owner, admins or an operator); a RENAMED entry. */
  rename(req: Rename, outbox: GroupEventOutbox): Promise<GroupChange>;

  group(groupId: Id): Promise<GroupRecord | null>;

  /** Current members with user_id above `afterUserId`, ascending as unsigned integers. */
  members(groupId: Id, afterUserId: Id, limit: number): Promise<MemberRecord[]>;

  /** The user's membership, current or past; null if it never joined. */
  member(groupId: Id, userId: Id): Promise<MemberRecord | null>;

  /** The groups the user is a member of now. */
  groupsOf(userId: Id): Promise<Id[]>;

  /**
   * Inserts group messages in ONE transaction, each with the next seq of its group and its
   * outbox event. A sender that is not a member (under the group's lock) or a group that does
   * not exist inserts nothing; a (sender, client_msg_id) stored before returns the original.
   */
  insertGroupBatch(writes: GroupMessageWrite[]): Promise<GroupInsertResult[]>;

  findGroupEntry(msgId: Id): Promise<StoredMessage | null>;

  /** The group's entries with afterSeq < seq <= throughSeq, ascending (recalled ones without content). */
  entriesBetween(groupId: Id, afterSeq: Seq, throughSeq: Seq): Promise<StoredMessage[]>;

  /**
   * Marks the message RECALLED, empties its content, appends a RECALL tombstone (next seq) and
   * writes `event` (seq: the tombstone's); idempotent (`already`). Null for no such message or a
   * server-made entry. The caller checks who may recall and the window.
   */
  recallGroupMessage(msgId: Id, recallTime: number, tombstoneMsgId: Id, event: EntryEvent):
    Promise<{ kind: 'recalled'; message: StoredMessage; tombstone: StoredMessage; recallTime: number } | { kind: 'already'; message: StoredMessage; recallTime: number } | null>;
}

