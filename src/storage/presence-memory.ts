import type { Id } from '../protocol/messages.js';
import type { Beat, Presence, Route } from './presence.js';

/** Users whose sessions vanished without an unregister are swept at most this often, ms. */
const SWEEP_EVERY_MS = 60_000;

/** A route and its expiry in one object: the store holds one per idle connection. */
interface Held extends Route {
  expiresAt: number;
}

function held({ deviceId, nodeId, sessionId }: Route, expiresAt: number): Held {
  return { deviceId, nodeId, sessionId, expiresAt };
}

function routeOf({ deviceId, nodeId, sessionId }: Held): Route {
  return { deviceId, nodeId, sessionId };
}

/**
 * A user's routes: most users have one device, held directly (a Map per idle connection would be
 * most of this store's memory); a Map by device from the second one.
 */
type Devices = Held | Map<string, Held>;

/** Device routes in process memory (embedded mode); behaves as the Redis one does. */
export class MemoryPresence implements Presence {
  private readonly users = new Map<Id, Devices>();
  /** Node lease expiry by nodeId. */
  private readonly leases = new Map<string, number>();
  private nextSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    this.nextSweep = now() + SWEEP_EVERY_MS;
  }

  async register(userId: Id, route: Route, ttlMs: number): Promise<Route | null> {
    this.sweep();
    const previous = this.live(userId).find((h) => h.deviceId === route.deviceId);
    this.put(userId, held(route, this.now() + ttlMs));
    return previous === undefined ? null : routeOf(previous);
  }

  async unregister(userId: Id, deviceId: string, sessionId: string): Promise<void> {
    const devices = this.users.get(userId);
    if (devices === undefined) return;
    if (!(devices instanceof Map)) {
      if (devices.deviceId === deviceId && devices.sessionId === sessionId) this.users.delete(userId);
      return;
    }
    if (devices.get(deviceId)?.sessionId !== sessionId) return;
    devices.delete(deviceId);
    this.settle(userId, devices);
  }

  async refresh(userId: Id, routes: Route[], ttlMs: number): Promise<void> {
    const live = this.live(userId);
    for (const route of routes) {
      const current = live.find((h) => h.deviceId === route.deviceId);
      // A device now routed to a newer session is left alone; a missing route is recorded again.
      if (current === undefined || (current.nodeId === route.nodeId && current.sessionId === route.sessionId)) {
        this.put(userId, held(route, this.now() + ttlMs));
      }
    }
  }

  async routes(userId: Id): Promise<Route[]> {
    return this.live(userId).map(routeOf);
  }

  async beat(nodeId: string, ttlMs: number, forgetAfterMs: number): Promise<Beat> {
    const now = this.now();
    const wasLive = (this.leases.get(nodeId) ?? 0) > now;
    this.leases.set(nodeId, now + ttlMs);
    const lapsed: string[] = [];
    for (const [id, expiresAt] of this.leases) {
      if (expiresAt < now - forgetAfterMs) this.leases.delete(id);
      else if (expiresAt <= now) lapsed.push(id);
    }
    return { wasLive, lapsed };
  }

  async close(): Promise<void> {
    this.users.clear();
    this.leases.clear();
  }

  /** Records `route` for its device, replacing what the device had. */
  private put(userId: Id, route: Held): void {
    const devices = this.users.get(userId);
    if (devices === undefined || (!(devices instanceof Map) && devices.deviceId === route.deviceId)) {
      this.users.set(userId, route);
    } else if (devices instanceof Map) {
      devices.set(route.deviceId, route);
    } else {
      this.users.set(userId, new Map([[devices.deviceId, devices], [route.deviceId, route]]));
    }
  }

  /** The user's unexpired routes; expired ones are pruned. */
  private live(userId: Id): Held[] {
    const devices = this.users.get(userId);
    if (devices === undefined) return [];
    const now = this.now();
    if (!(devices instanceof Map)) {
      if (devices.expiresAt > now) return [devices];
      this.users.delete(userId);
      return [];
    }
    for (const [deviceId, held] of devices) if (held.expiresAt <= now) devices.delete(deviceId);
    return this.settle(userId, devices);
  }

  /** Back to one held route, or none, once a Map has shrunk; returns what is left. */
  private settle(userId: Id, devices: Map<string, Held>): Held[] {
    const left = [...devices.values()];
    if (left.length === 0) this.users.delete(userId);
    else if (left.length === 1) this.users.set(userId, left[0]!);
    return left;
  }

  private sweep(): void {
    const now = this.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const userId of this.users.keys()) this.live(userId);
  }
}
