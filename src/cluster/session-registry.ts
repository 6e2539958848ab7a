import type { Id } from '../protocol/messages.js';
import type { Session } from '../pipeline/session.js';

/** The authenticated sessions of this node, by user and device. */
export class SessionRegistry {
  private readonly byUser = new Map<Id, Map<string, Session>>();

  /** Binds an authenticated session; returns the session it replaced on the same device. */
  bind(session: Session): Session | null {
    const { userId, deviceId } = session.user!;
    let devices = this.byUser.get(userId);
    if (devices === undefined) {
      devices = new Map();
      this.byUser.set(userId, devices);
    }
    const previous = devices.get(deviceId) ?? null;
    devices.set(deviceId, session);
    return previous === session ? null : previous;
  }

  unbind(session: Session): void {
    if (session.user === null) return;
    const devices = this.byUser.get(session.user.userId);
    if (devices?.get(session.user.deviceId) !== session) return;
    devices.delete(session.user.deviceId);
    if (devices.size === 0) this.byUser.delete(session.user.userId);
  }

  sessionsOf(userId: Id): Session[] {
    const devices = this.byUser.get(userId);
    return devices === undefined ? [] : [...devices.values()];
  }

  all(): Session[] {
    return [...this.byUser.values()].flatMap((devices) => [...devices.values()]);
  }

  get size(): number {
    let n = 0;
    for (const devices of this.byUser.values()) n += devices.size;
    return n;
  }
}
