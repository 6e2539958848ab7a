// groups/: group chat: membership rules (behaviour 14), sends, fan-out to every node's members.
import { compareIds, type Id } from '../ids/id.js';
import { GroupEventKind, GroupRole } from '../protocol/messages.js';

/** Why a change was refused; the gateway answers with the ErrorCode of the same name. */
export class GroupRuleError extends Error {
  constructor(readonly code: 'FORBIDDEN' | 'NOT_FOUND' | 'LIMIT_EXCEEDED' | 'BAD_REQUEST', message: string) {
    super(message);
    this.name = 'GroupRuleError';
  }
}

export interface MembersRequest {
  add: Id[];
  remove: Id[];
  promote: Id[];
  demote: Id[];
}

/** One GROUP_EVENT entry a change makes. */
export interface PlannedEvent {
  kind: GroupEventKind;
  userIds: Id[];
}

/** What a change does, in entry order; empty when it changes nothing. */
export interface MembershipPlan {
  events: PlannedEvent[];
  /** Role of every user whose role is set (added members, promoted, demoted). */
  roles: Map<Id, GroupRole>;
  removed: Id[];
}

/**
 * Behaviour 14 over the current members (user → role): the owner and admins add and remove
 * members; only the owner promotes and demotes admins; the owner cannot be removed; any member
 * may remove itself (leave), the owner only as the last member; a full group is LIMIT_EXCEEDED.
 * `actor` null is an operator (the admin API), who may do what the owner may. Users already in
 * the state asked for are left out; what remains becomes at most one entry per kind, in the order
 * added, removed, roles changed, left (a leaving actor gets every entry of its own change).
 */
export function planMembers(members: ReadonlyMap<Id, GroupRole>, actor: Id | null, req: MembersRequest, maxMembers: number): MembershipPlan {
  const actorRole = actor === null ? GroupRole.GROUP_ROLE_OWNER : members.get(actor);
  if (actorRole === undefined) throw new GroupRuleError('FORBIDDEN', 'not a member of this group');
  const owner = [...members].find(([, role]) => role === GroupRole.GROUP_ROLE_OWNER)?.[0];
  const managing = actorRole === GroupRole.GROUP_ROLE_OWNER || actorRole === GroupRole.GROUP_ROLE_ADMIN;
  const sorted = (ids: Iterable<Id>) => [...new Set(ids)].sort(compareIds);

  const add = sorted(req.add.filter((id) => !members.has(id)));
  const leaving = actor !== null && req.remove.includes(actor) && members.has(actor);
  const remove = sorted(req.remove.filter((id) => id !== actor && members.has(id)));
  const promote = sorted(req.promote.filter((id) => members.get(id) === GroupRole.GROUP_ROLE_MEMBER));
  const demote = sorted(req.demote.filter((id) => members.get(id) === GroupRole.GROUP_ROLE_ADMIN));

  if ((add.length > 0 || remove.length > 0) && !managing) throw new GroupRuleError('FORBIDDEN', 'only the owner and admins add and remove members');
  if (remove.includes(owner ?? '')) throw new GroupRuleError('FORBIDDEN', 'the owner cannot be removed');
  if (req.promote.includes(owner ?? '') || req.demote.includes(owner ?? '')) throw new GroupRuleError('FORBIDDEN', 'the owner\'s role cannot change');
  if ((promote.length > 0 || demote.length > 0) && actorRole !== GroupRole.GROUP_ROLE_OWNER) {
    throw new GroupRuleError('FORBIDDEN', 'only the owner promotes and demotes admins');
  }
  const remaining = members.size + add.length - remove.length - (leaving ? 1 : 0);
  if (leaving && actor === owner && remaining > 0) throw new GroupRuleError('FORBIDDEN', 'the owner cannot leave while others remain');
  if (add.length > 0 && remaining > maxMembers) {
    throw new GroupRuleError('LIMIT_EXCEEDED', `a group has at most ${maxMembers} members`);
  }

  const events: PlannedEvent[] = [];
  const roles = new Map<Id, GroupRole>();
  if (add.length > 0) events.push({ kind: GroupEventKind.MEMBERS_ADDED, userIds: add });
  for (const id of add) roles.set(id, GroupRole.GROUP_ROLE_MEMBER);
  if (remove.length > 0) events.push({ kind: GroupEventKind.MEMBERS_REMOVED, userIds: remove });
  const changed = sorted([...promote, ...demote]);
  if (changed.length > 0) events.push({ kind: GroupEventKind.ROLES_CHANGED, userIds: changed });
  for (const id of promote) roles.set(id, GroupRole.GROUP_ROLE_ADMIN);
  for (const id of demote) roles.set(id, GroupRole.GROUP_ROLE_MEMBER);
  if (leaving) events.push({ kind: GroupEventKind.MEMBER_LEFT, userIds: [actor] });
  return { events, roles, removed: leaving ? [...remove, actor] : remove };
}
