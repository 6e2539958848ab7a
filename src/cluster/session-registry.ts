import type { Id } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';

/**
 * A user's sessions on this node: the session itself while there is one (most users, and a Map
 * per user would be the registry's largest cost per connection), a Map by device from the second.
 */
type Devices = Session | Map<string, Session>;

/** The authenticated sessions of this node, by user and device. */
export class SessionRegistry {
  private readonly byUser = new Map<Id, Devices>();

  /** Binds an authenticated session; returns the session it replaced on the same device. */
  bind(session: Session): Session | null {
    const { userId, deviceId } = session.user!;
    const devices = this.byUser.get(userId);
    if (devices === undefined) {
      this.byUser.set(userId, session);
      return null;
    }
    if (devices instanceof Map) {
      const previous = devices.get(deviceId) ?? null;
      devices.set(deviceId, session);
      return previous === session ? null : previous;
    }
    if (devices === session) return null;
    if (devices.user!.deviceId === deviceId) {
      this.byUser.set(userId, session);
      return devices;
    }
    this.byUser.set(userId, new Map([[devices.user!.deviceId, devices], [deviceId, session]]));
    return null;
  }

  unbind(session: Session): void {
    if (session.user === null) return;
    const { userId, deviceId } = session.user;
    const devices = this.byUser.get(userId);
    if (devices === session) {
      this.byUser.delete(userId);
      return;
    }
    if (!(devices instanceof Map) || devices.get(deviceId) !== session) return;
    devices.delete(deviceId);
    if (devices.size === 1) this.byUser.set(userId, devices.values().next().value!);
  }

  sessionsOf(userId: Id): Session[] {
    const devices = this.byUser.get(userId);
    if (devices === undefined) return [];
    return devices instanceof Map ? [...devices.values()] : [devices];
  }

  all(): Session[] {
    return [...this.byUser.values()].flatMap((devices) => (devices instanceof Map ? [...devices.values()] : [devices]));
  }

  get size(): number {
    let n = 0;
    for (const devices of this.byUser.values()) n += devices instanceof Map ? devices.size : 1;
    return n;
  }
}
