import { isKnownCmd } from '../protocol/codec.js';
import { PushFrame } from '../protocol/push-frame.js';
import { KickReason, type Bodies, type Id, type KnownCmd } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import type { Session } from '../pipeline/session.js';
import type { Presence, Route } from '../storage/presence.js';
import type { DeliveryTarget, Fanout } from '../messaging/fanout.js';
import type { SessionRegistry } from './session-registry.js';
import type { NodeBus, NodeEnvelope } from './node-bus.js';

export interface RouterObserver {
  forwarded(kind: NodeEnvelope['kind']): void;
}

/**
 * Where a user's sessions are, across nodes: local sessions are pushed to directly, sessions on
 * other nodes through the node bus. Presence (user → device → node) is written at login, kept
 * fresh while sessions live, and removed at logout; a dead node's entries expire.
 */
export class Router implements Fanout {
  private refreshTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly nodeId: string,
    private readonly registry: SessionRegistry,
    private readonly presence: Presence,
    private readonly bus: NodeBus,
    private readonly presenceTtlMs: number,
    private readonly logger: Logger,
    private readonly observer?: RouterObserver,
  ) {}

  async start(): Promise<void> {
    await this.bus.subscribe(this.nodeId, (envelope) => this.receive(envelope));
    this.refreshTimer = setInterval(() => void this.refresh(), Math.max(100, this.presenceTtlMs / 3));
  }

  /** Removes this node's presence (sessions still bound) and stops listening. */
  async stop(): Promise<void> {
    if (this.refreshTimer !== null) clearInterval(this.refreshTimer);
    await Promise.all(this.registry.all().map((session) => this.unregister(session)));
    await this.bus.close();
  }

  /**
   * A session just authenticated: binds it here, records its route, and kicks the session it
   * replaces on the same device, on this node or another one.
   */
  async login(session: Session): Promise<void> {
    const { userId, deviceId } = session.user!;
    const detail = 'logged in again on the same device';
    this.registry.bind(session)?.kick(KickReason.DUPLICATE_LOGIN, detail);
    const previous = await this.presence.register(userId, this.routeOf(session), this.presenceTtlMs);
    if (previous !== null && previous.nodeId !== this.nodeId) {
      await this.forward(previous.nodeId, {
        kind: 'kick', userId, deviceId, sessionId: previous.sessionId, reason: KickReason.DUPLICATE_LOGIN, detail,
      });
    }
  }

  async logout(session: Session): Promise<void> {
    if (session.user === null || !this.registry.sessionsOf(session.user.userId).includes(session)) return;
    this.registry.unbind(session);
    await this.unregister(session);
  }

  /**
   * Sends a server-initiated frame to every session of the user on every node (but `except`).
   * Returns how many sessions took it: local ones that accepted it, plus the routes on live
   * remote nodes it was forwarded to.
   */
  async deliver<C extends KnownCmd>(userId: Id, cmd: C, body: Bodies[C], target: DeliveryTarget = {}): Promise<number> {
    let taken = 0;
    const except = target.except?.id ?? null;
    const echoOnly = target.echoOnly === true;
    const frame = PushFrame.of(cmd, body);
    for (const session of this.localTargets(userId, except, echoOnly)) {
      if (session.push(frame)) taken += 1;
    }
    const remote = this.remoteRoutes(await this.presence.routes(userId));
    if (remote.size === 0) return taken;
    await Promise.all([...remote].map(async ([nodeId, routes]) => {
      const envelope: NodeEnvelope = {
        kind: 'push', userId, cmd, frame: frame.bytes, ...(except === null ? {} : { except }), ...(echoOnly ? { echoOnly } : {}),
        ...(frame.ackId === null ? {} : { ackId: frame.ackId }),
      };
      if (await this.forward(nodeId, envelope)) taken += routes.length;
      else await this.dropStale(userId, routes);
    }));
    return taken;
  }

  /** The user's sessions on this node that a delivery is for. */
  private localTargets(userId: Id, except: string | null, echoOnly: boolean): Session[] {
    return this.registry.sessionsOf(userId).filter((s) => s.id !== except && (!echoOnly || s.user!.echoOwnMessages));
  }

  /** Kicks the user's sessions everywhere (one device when given); returns how many were asked to go. */
  async kick(userId: Id, deviceId: string | null, reason: KickReason, detail: string): Promise<number> {
    let kicked = 0;
    for (const session of this.registry.sessionsOf(userId)) {
      if (deviceId === null || session.user!.deviceId === deviceId) {
        session.kick(reason, detail);
        kicked += 1;
      }
    }
    const routes = (await this.presence.routes(userId)).filter((r) => deviceId === null || r.deviceId === deviceId);
    for (const [nodeId, onNode] of this.remoteRoutes(routes)) {
      if (await this.forward(nodeId, { kind: 'kick', userId, deviceId, sessionId: null, reason, detail })) kicked += onNode.length;
    }
    return kicked;
  }

  sessions(userId: Id): Promise<Route[]> {
    return this.presence.routes(userId);
  }

  private receive(envelope: NodeEnvelope): void {
    const sessions = this.registry.sessionsOf(envelope.userId);
    if (envelope.kind === 'push') {
      // e.g. a newer node forwarding a cmd this one does not know, during a rolling upgrade
      if (!isKnownCmd(envelope.cmd)) throw new Error(`forwarded push of unknown cmd ${envelope.cmd}`);
      const frame = PushFrame.encoded(envelope.cmd, envelope.frame, envelope.ackId ?? null);
      for (const session of this.localTargets(envelope.userId, envelope.except ?? null, envelope.echoOnly === true)) {
        session.push(frame);
      }
      return;
    }
    for (const session of sessions) {
      const user = session.user!;
      if ((envelope.deviceId === null || user.deviceId === envelope.deviceId)
        && (envelope.sessionId === null || session.id === envelope.sessionId)) {
        session.kick(envelope.reason, envelope.detail);
      }
    }
  }

  private async forward(nodeId: string, envelope: NodeEnvelope): Promise<boolean> {
    const received = await this.bus.publish(nodeId, envelope);
    if (received) this.observer?.forwarded(envelope.kind);
    return received;
  }

  private remoteRoutes(routes: Route[]): Map<string, Route[]> {
    const byNode = new Map<string, Route[]>();
    for (const route of routes) {
      if (route.nodeId === this.nodeId) continue;
      byNode.set(route.nodeId, [...(byNode.get(route.nodeId) ?? []), route]);
    }
    return byNode;
  }

  /** Nobody listens on that node's channel: it died before its entries expired. */
  private async dropStale(userId: Id, routes: Route[]): Promise<void> {
    await Promise.all(routes.map((r) => this.presence.unregister(userId, r.deviceId, r.sessionId)));
  }

  private routeOf(session: Session): Route {
    return { deviceId: session.user!.deviceId, nodeId: this.nodeId, sessionId: session.id };
  }

  private async unregister(session: Session): Promise<void> {
    const { userId, deviceId } = session.user!;
    await this.presence.unregister(userId, deviceId, session.id);
  }

  private async refresh(): Promise<void> {
    const byUser = new Map<Id, Route[]>();
    for (const session of this.registry.all()) {
      const userId = session.user!.userId;
      byUser.set(userId, [...(byUser.get(userId) ?? []), this.routeOf(session)]);
    }
    try {
      await Promise.all([...byUser].map(([userId, routes]) => this.presence.refresh(userId, routes, this.presenceTtlMs)));
    } catch (err) {
      this.logger.warn('presence refresh failed; next round retries', { err: (err as Error).message });
    }
  }
}
