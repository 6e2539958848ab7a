import type { Id } from '../protocol/messages.js';
import type { Route } from '../storage/presence.js';

/** One live session of a user, on whichever node holds it. */
export type SessionInfo = Route;

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
}
