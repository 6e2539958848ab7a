import type { Id } from '../protocol/messages.js';
import type { Presence, Route } from './presence.js';

/** Users whose sessions vanished without an unregister are swept at most this often, ms. */
const SWEEP_EVERY_MS = 60_000;

interface Held {
  route: Route;
  expiresAt: number;
}

/** Device routes in process memory (embedded mode); behaves as the Redis one does. */
export class MemoryPresence implements Presence {
  /** userId -> deviceId -> route. */
  private readonly users = new Map<Id, Map<string, Held>>();
  private nextSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    this.nextSweep = now() + SWEEP_EVERY_MS;
  }

  async register(userId: Id, route: Route, ttlMs: number): Promise<Route | null> {
    this.sweep();
    const devices = this.liveDevices(userId) ?? new Map<string, Held>();
    this.users.set(userId, devices);
    const previous = devices.get(route.deviceId);
    devices.set(route.deviceId, { route: { ...route }, expiresAt: this.now() + ttlMs });
    return previous === undefined ? null : { ...previous.route };
  }

  async unregister(userId: Id, deviceId: string, sessionId: string): Promise<void> {
    const devices = this.users.get(userId);
    if (devices?.get(deviceId)?.route.sessionId !== sessionId) return;
    devices.delete(deviceId);
    if (devices.size === 0) this.users.delete(userId);
  }

  async refresh(userId: Id, routes: Route[], ttlMs: number): Promise<void> {
    if (routes.length === 0) return;
    let devices = this.liveDevices(userId);
    if (devices === undefined) {
      devices = new Map();
      this.users.set(userId, devices);
    }
    for (const route of routes) {
      const held = devices.get(route.deviceId);
      // A device now routed to a newer session is left alone; a missing route is recorded again.
      if (held === undefined || (held.route.nodeId === route.nodeId && held.route.sessionId === route.sessionId)) {
        devices.set(route.deviceId, { route: { ...route }, expiresAt: this.now() + ttlMs });
      }
    }
  }

  async routes(userId: Id): Promise<Route[]> {
    return [...(this.liveDevices(userId)?.values() ?? [])].map((held) => ({ ...held.route }));
  }

  async close(): Promise<void> {
    this.users.clear();
  }

  /** The user's devices with expired routes pruned; undefined when none is left. */
  private liveDevices(userId: Id): Map<string, Held> | undefined {
    const devices = this.users.get(userId);
    if (devices === undefined) return undefined;
    const now = this.now();
    for (const [deviceId, held] of devices) if (held.expiresAt <= now) devices.delete(deviceId);
    if (devices.size > 0) return devices;
    this.users.delete(userId);
    return undefined;
  }

  private sweep(): void {
    const now = this.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const userId of this.users.keys()) this.liveDevices(userId);
  }
}
