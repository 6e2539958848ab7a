import type { Id } from '../protocol/messages.js';

/** Where one device of a user is connected. */
export interface Route {
  deviceId: string;
  nodeId: string;
  sessionId: string;
}

/** What a node learns from its heartbeat. */
export interface Beat {
  /** Whether this node's lease was live when it beat: false on its first beat, after it lapsed, or after the store lost it. */
  wasLive: boolean;
  /** Nodes whose lease ran out: their routes are dead, though they may not have expired yet. */
  lapsed: string[];
}

/**
 * Which node holds each device session of a user (Redis hash `im:presence:{uid}` in production),
 * and which nodes are alive. A route is as good as its node's lease: nodes renew one lease each
 * (`beat`), so that routes can live long and are re-asserted rarely, instead of every route
 * being renewed as often as a dead node must be noticed.
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
  /**
   * Renews `nodeId`'s lease for `ttlMs`; leases that lapsed more than `forgetAfterMs` ago are
   * forgotten (their nodes' routes have expired by then).
   */
  beat(nodeId: string, ttlMs: number, forgetAfterMs: number): Promise<Beat>;
  close(): Promise<void>;
}
