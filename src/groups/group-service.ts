import { groupConvId } from '../conversations/conv-id.js';
import { isUserId, type Id } from '../ids/id.js';
import type { Logger } from '../log/logger.js';
import { toChatMessage } from '../messaging/chat-message.js';
import type { Commits } from '../storage/group-commit.js';
import type { IdSource } from '../messaging/send-service.js';
import { takeSend, validateMessage } from '../messaging/validate.js';
import type { UserRate } from '../storage/user-rate.js';
import { groupMemberEvent, groupMessageEvent, groupRecallEvent } from '../mq/events.js';
import { RequestError } from '../pipeline/request-error.js';
import type { Session } from '../pipeline/session.js';
import { Cmd, ErrorCode, GroupRole, type Bodies, type GroupInfo } from '../protocol/messages.js';
import { PushFrame } from '../protocol/push-frame.js';
import { FIRST_SERVER_FORMAT, MsgStatus, type StoredMessage } from '../storage/message-store.js';
import type { GroupChange, GroupInsertResult, GroupMessageWrite, GroupRecord, GroupStore } from '../storage/group-store.js';
import { membershipOf, type GroupFanout } from './group-fanout.js';
import { GroupRuleError } from './membership.js';

export interface GroupOptions {
  maxMembers: number;
  typingMaxMembers: number;
  maxMentions: number;
  maxContentChars: number;
  recallWindowMs: number;
}

/** Who asks: a member's session, or an operator (the admin API) acting as the owner. */
export type Actor = { session: Session } | { operator: true };

const MAX_GROUP_NAME = 128;
const DEFAULT_MEMBER_PAGE = 100;
const MAX_MEMBER_PAGE = 500;
/** A membership change makes at most this many entries (added, removed, roles, left). */
const MAX_CHANGE_ENTRIES = 4;

/**
 * Group chat (behaviours 14-16): creating groups and changing members by the rules, sending and
 * recalling in a group, typing; every entry is committed first, then handed to the fan-out.
 */
export class GroupService {
  constructor(
    private readonly store: GroupStore,
    private readonly commits: Commits<GroupMessageWrite, GroupInsertResult>,
    private readonly fanout: GroupFanout,
    private readonly ids: IdSource,
    private readonly userRate: UserRate,
    private readonly options: GroupOptions,
    private readonly logger: Logger,
    /** An event was committed to the outbox. */
    private readonly onCommitted: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  async create(actor: Actor, ownerUserId: Id, req: Bodies[typeof Cmd.GROUP_CREATE_REQ]): Promise<GroupInfo> {
    checkName(req.name);
    checkIds(req.memberUserIds, 'member_user_ids');
    if ([...req.clientReqId].length > 64) throw bad('client_req_id must be at most 64 characters');
    // Control characters are reserved for the server's own keys.
    if (/[\u0000-\u001f\u007f]/.test(req.clientReqId)) throw bad('client_req_id must not contain control characters');
    const { created, group, entry } = await rules(() => this.store.createGroup({
      groupId: this.ids.next(), ownerUserId, name: req.name, memberUserIds: req.memberUserIds, clientReqId: req.clientReqId,
      eventMsgId: this.ids.next(), time: this.now(), maxMembers: this.options.maxMembers,
    }, groupMemberEvent));
    if (created && entry !== null) {
      this.onCommitted();
      await this.publish(entry, actor);
    }
    return groupInfo(group);
  }

  async changeMembers(actor: Actor, req: Bodies[typeof Cmd.GROUP_MEMBERS_REQ]): Promise<GroupInfo> {
    checkGroupId(req.groupId);
    for (const [what, ids] of [['add_user_ids', req.addUserIds], ['remove_user_ids', req.removeUserIds],
      ['promote_user_ids', req.promoteUserIds], ['demote_user_ids', req.demoteUserIds]] as const) checkIds(ids, what);
    const change = await rules(() => this.store.changeMembers({
      groupId: req.groupId, actorUserId: actorId(actor), add: req.addUserIds, remove: req.removeUserIds,
      promote: req.promoteUserIds, demote: req.demoteUserIds, eventMsgIds: Array.from({ length: MAX_CHANGE_ENTRIES }, () => this.ids.next()),
      time: this.now(), maxMembers: this.options.maxMembers,
    }, groupMemberEvent));
    await this.announce(change, actor);
    return groupInfo(change.group);
  }

  async rename(actor: Actor, groupId: Id, name: string): Promise<GroupInfo> {
    checkGroupId(groupId);
    checkName(name);
    const change = await rules(() => this.store.rename({ groupId, actorUserId: actorId(actor), name, eventMsgId: this.ids.next(), time: this.now() }, groupMemberEvent));
    await this.announce(change, actor);
    return groupInfo(change.group);
  }

  /** The group and a page of its members, for anyone who is or was a member (and operators). */
  async info(actor: Actor, req: Bodies[typeof Cmd.GROUP_INFO_REQ]): Promise<Bodies[typeof Cmd.GROUP_INFO_RESP]> {
    checkGroupId(req.groupId);
    const group = await this.store.group(req.groupId);
    if (group === null) throw new RequestError(ErrorCode.NOT_FOUND, `no group ${req.groupId}`);
    const asker = actorId(actor);
    if (asker !== null && (await this.store.member(req.groupId, asker)) === null) throw forbidden();
    const limit = Math.min(req.limit || DEFAULT_MEMBER_PAGE, MAX_MEMBER_PAGE);
    const page = await this.store.members(req.groupId, req.afterUserId, limit + 1);
    return {
      group: groupInfo(group),
      members: page.slice(0, limit).map((m) => ({ userId: m.userId, role: m.role, joinTimeMs: m.joinTime })),
      hasMore: page.length > limit,
    };
  }

  /** Validates and commits; the caller acks, then calls push() for a fresh entry. */
  async send(session: Session, req: Bodies[typeof Cmd.GROUP_SEND_REQ]): Promise<{ message: StoredMessage; fresh: boolean }> {
    validateMessage(req, this.options.maxContentChars);
    checkGroupId(req.groupId);
    checkIds(req.mentionUserIds, 'mention_user_ids');
    if (req.mentionUserIds.length > this.options.maxMentions) throw bad(`at most ${this.options.maxMentions} mention_user_ids`);
    const message = {
      msgId: this.ids.next(), clientMsgId: req.clientMsgId, fromUserId: session.user!.userId, groupId: req.groupId,
      content: req.content, format: req.format, mentionUserIds: req.mentionUserIds, createTime: this.now(),
    };
    await takeSend(this.userRate, message.fromUserId);
    let result: GroupInsertResult;
    try {
      result = await this.commits.submit({ message, event: groupMessageEvent(message) });
    } catch (err) {
      this.logger.warn('group message store unavailable; send refused', { err: (err as Error).message });
      throw new RequestError(ErrorCode.UNAVAILABLE, 'message store unavailable; resend with the same client_msg_id');
    }
    if (result.kind === 'no-group') throw new RequestError(ErrorCode.NOT_FOUND, `no group ${req.groupId}`);
    if (result.kind === 'not-member') throw forbidden();
    if (result.kind === 'inserted') this.onCommitted();
    return { message: result.message, fresh: result.kind === 'inserted' };
  }

  /** Live and at most once, after the sender's ack; never rejects. */
  async push(entry: StoredMessage, session: Session): Promise<void> {
    await this.publish(entry, { session });
  }

  /**
   * Behaviour 16: the sender, or the owner or an admin, within the window; a tombstone everyone
   * learns of live or through HISTORY. Null when `msgId` is no group message.
   */
  async recall(session: Session, msgId: Id): Promise<number | null> {
    const message = await this.store.findGroupEntry(msgId);
    if (message === null || message.format >= FIRST_SERVER_FORMAT) return null;
    const userId = session.user!.userId;
    const member = await this.store.member(message.groupId!, userId);
    const current = member !== null && member.leaveSeq === '0';
    const allowed = current && (message.fromUserId === userId || member.role === GroupRole.GROUP_ROLE_OWNER || member.role === GroupRole.GROUP_ROLE_ADMIN);
    if (!allowed) throw new RequestError(ErrorCode.FORBIDDEN, 'only the sender, the owner or an admin may recall a group message');
    const now = this.now();
    if (message.status !== MsgStatus.RECALLED && now - message.createTime > this.options.recallWindowMs) {
      throw new RequestError(ErrorCode.RECALL_WINDOW_EXPIRED, `recall is allowed within ${this.options.recallWindowMs} ms`);
    }
    const tombstoneMsgId = this.ids.next();
    const result = await this.store.recallGroupMessage(msgId, now, tombstoneMsgId, groupRecallEvent(message, now, tombstoneMsgId, userId));
    if (result === null) return null;
    if (result.kind === 'recalled') {
      this.onCommitted();
      await this.publish(result.tombstone, { session });
    }
    return result.recallTime;
  }

  /** TYPING_REQ in a group: to the members online, while the group is small enough. */
  async typing(session: Session, groupId: Id, typing: boolean): Promise<void> {
    const userId = session.user!.userId;
    if (!this.fanout.isMember(userId, groupId)) throw forbidden();
    const group = await this.store.group(groupId);
    if (group === null || group.memberCount > this.options.typingMaxMembers) return;
    const frame = PushFrame.of(Cmd.TYPING_NOTIFY, { convId: groupConvId(groupId), userId, typing });
    await this.deliver({ groupId, seq: '0', frame, senderUserId: userId, senderSessionId: session.id });
  }

  private async announce(change: GroupChange, actor: Actor): Promise<void> {
    if (change.entries.length === 0) return;
    this.onCommitted();
    for (const entry of change.entries) await this.publish(entry, actor);
  }

  /** From the actor, who is not always the entry's user (an admin's recall; an operator's change). */
  private publish(entry: StoredMessage, actor: Actor): Promise<void> {
    return this.deliver({
      groupId: entry.groupId!, seq: entry.seq, frame: PushFrame.of(Cmd.GROUP_PUSH, { message: toChatMessage(entry) }),
      senderUserId: actorId(actor) ?? '0', senderSessionId: 'session' in actor ? actor.session.id : null, ...membershipOf(entry),
    });
  }

  /** The entry is committed: a failed fan-out is logged, and members catch up with SYNC and HISTORY. */
  private async deliver(delivery: Parameters<GroupFanout['publish']>[0]): Promise<void> {
    try {
      await this.fanout.publish(delivery);
    } catch (err) {
      this.logger.warn('group fan-out failed; members catch up with SYNC and HISTORY', { groupId: delivery.groupId, err: (err as Error).message });
    }
  }
}

function actorId(actor: Actor): Id | null {
  return 'session' in actor ? actor.session.user!.userId : null;
}

async function rules<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof GroupRuleError) throw new RequestError(ErrorCode[err.code], err.message);
    throw err;
  }
}

function groupInfo(g: GroupRecord): GroupInfo {
  return { groupId: g.groupId, name: g.name, ownerUserId: g.ownerUserId, memberCount: g.memberCount, createTimeMs: g.createTime };
}

function bad(why: string): RequestError {
  return new RequestError(ErrorCode.BAD_REQUEST, why);
}

function forbidden(): RequestError {
  return new RequestError(ErrorCode.FORBIDDEN, 'not a member of this group');
}

function checkGroupId(groupId: Id): void {
  if (!isUserId(groupId)) throw bad('group_id must be above 0');
  // Group ids are snowflakes, signed 63-bit: no group has a larger one.
  if (BigInt(groupId) >= 2n ** 63n) throw new RequestError(ErrorCode.NOT_FOUND, `no group ${groupId}`);
}

function checkIds(ids: Id[], what: string): void {
  if (ids.some((id) => !isUserId(id))) throw bad(`${what} must be user ids above 0`);
}

function checkName(name: string): void {
  if ([...name].length > MAX_GROUP_NAME) throw bad(`a group name has at most ${MAX_GROUP_NAME} characters`);
}
