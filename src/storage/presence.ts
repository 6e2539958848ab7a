import type { Id } from '../protocol/messages.js';

/** Where one device of a user is connected. */
export interface Route {
  deviceId: string;
  nodeId: string;
  sessionId: string;
}

/**
 * Which node holds each device session of a user (Redis hash `im:presence:{uid}` in production).
 * Entries are refreshed by their node while the session lives and expire when it stops doing so.
 */
export interface Presence {
  /** Records the route and returns the one it replaced for the same device, if any. */
  register(userId: Id, route: Route, ttlMs: number): Promise<Route | null>;
  /** Removes the device's route only if it still belongs to `sessionId`. */
  unregister(userId: Id, deviceId: string, sessionId: string): Promise<void>;
  /**
   * Re-asserts these routes of sessions this node holds: extends them, or records them again
   * where they are missing (lost, expired, dropped as stale); a device routed to another session
   * since is left alone.
   */
  refresh(userId: Id, routes: Route[], ttlMs: number): Promise<void>;
  routes(userId: Id): Promise<Route[]>;
  close(): Promise<void>;
}
