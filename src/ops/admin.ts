import type { Bodies, Cmd, GroupInfo, Id } from '../protocol/messages.js';
import type { Route } from '../storage/presence.js';

/** One live session of a user, on whichever node holds it. */
export type SessionInfo = Route;

/**
 * Groups as an operator sees them: the client commands' service with an actor that may do what the
 * owner may, so that business services get the same rules, entries, pushes and MQ events as
 * members do. Ids arrive as canonical decimal strings; a request the rules refuse rejects with a
 * RequestError, whose code the ops server turns into an HTTP status.
 */
export interface AdminGroups {
  create(ownerUserId: Id, req: Bodies[typeof Cmd.GROUP_CREATE_REQ]): Promise<GroupInfo>;
  changeMembers(req: Bodies[typeof Cmd.GROUP_MEMBERS_REQ]): Promise<GroupInfo>;
  rename(groupId: Id, name: string): Promise<GroupInfo>;
  info(req: Bodies[typeof Cmd.GROUP_INFO_REQ]): Promise<Bodies[typeof Cmd.GROUP_INFO_RESP]>;
}

/**
 * What operators may do to a running deployment, served by the ops server under /admin/...
 * (bearer token). User ids arrive validated: canonical decimal uint64 above 0.
 */
export interface AdminApi {
  /** The user's live sessions across all nodes. */
  sessions(userId: Id): Promise<SessionInfo[]>;
  /** Kicks the user's sessions (only the one on `deviceId` when given); returns how many. */
  kick(userId: Id, deviceId?: string): Promise<number>;
  /** This node's figures (sessions, backlogs, ids): a JSON object. */
  nodeStats(): Promise<Record<string, unknown>>;
  groups: AdminGroups;
}
