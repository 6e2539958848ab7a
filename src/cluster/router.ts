import { crc32 } from 'node:zlib';
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

/** A route lives this many node TTLs unless its node re-asserts it (1 h at the default 60 s). */
const ROUTE_TTL_FACTOR = 60;

/**
 * Where a user's sessions are, across nodes: local sessions are pushed to directly, sessions on
 * other nodes through the node bus. Presence (user → device → node) is written at login and
 * removed at logout. A node renews one lease every third of `presenceTtlMs`; the routes of a
 * node whose lease lapsed count for nothing until it renews it again. Routes themselves live
 * `routeTtlMs`, so each is re-asserted only every third of that, a slice of users per beat, and
 * all of them at once when the beat says its lease was not live (Redis lost it or changed
 * servers, or this node stalled past its TTL).
 */
export class Router implements Fanout {
  private beatTimer: NodeJS.Timeout | null = null;
  private beats = 0;
  private lapsed = new Set<string>();
  private readonly beatMs: number;
  /** Each user is re-asserted on one beat of every `reassertEvery`. */
  private readonly reassertEvery: number;

  constructor(
    readonly nodeId: string,
    private readonly registry: SessionRegistry,
    private readonly presence: Presence,
    private readonly bus: NodeBus,
    private readonly presenceTtlMs: number,
    private readonly logger: Logger,
    private readonly observer?: RouterObserver,
    private readonly routeTtlMs = presenceTtlMs * ROUTE_TTL_FACTOR,
  ) {
    this.beatMs = Math.max(100, presenceTtlMs / 3);
    this.reassertEvery = Math.max(1, Math.floor(routeTtlMs / 3 / this.beatMs));
  }

  async start(): Promise<void> {
    await this.bus.subscribe(this.nodeId, (envelope) => this.receive(envelope));
    await this.beat();
    this.beatTimer = setInterval(() => void this.beat(), this.beatMs);
  }

  /** Removes this node's presence (sessions still bound) and stops listening. */
  async stop(): Promise<void> {
    if (this.beatTimer !== null) clearInterval(this.beatTimer);
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
    const previous = await this.presence.register(userId, this.routeOf(session), this.routeTtlMs);
    if (previous !== null && previous.nodeId !== this.nodeId && !this.lapsed.has(previous.nodeId)) {
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
    const remote = await this.remoteRoutes(userId, await this.presence.routes(userId));
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
    for (const [nodeId, onNode] of await this.remoteRoutes(userId, routes)) {
      if (await this.forward(nodeId, { kind: 'kick', userId, deviceId, sessionId: null, reason, detail })) kicked += onNode.length;
    }
    return kicked;
  }

  async sessions(userId: Id): Promise<Route[]> {
    return (await this.presence.routes(userId)).filter((r) => !this.lapsed.has(r.nodeId));
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
      // The sender saw a route to this node for a user with no session here: a route left over.
      if (sessions.length === 0) {
        this.removeLeftovers(envelope.userId).catch((err: Error) =>
          this.logger.warn('left-over route not removed; the next push retries', { err: err.message }));
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

  /**
   * The routes on other live nodes, by node. Routes of lapsed nodes are passed over but left in
   * place: this node's view of the leases is up to a beat old, and a node that hung and came
   * back re-asserts its routes only once. This node's own routes of sessions it no longer holds
   * (an unregister that failed, or a predecessor with the same configured node id) are removed.
   */
  private async remoteRoutes(userId: Id, routes: Route[]): Promise<Map<string, Route[]>> {
    const byNode = new Map<string, Route[]>();
    const dead: Route[] = [];
    for (const route of routes) {
      if (route.nodeId === this.nodeId) {
        if (!this.holds(userId, route.sessionId)) dead.push(route);
      } else if (!this.lapsed.has(route.nodeId)) {
        byNode.set(route.nodeId, [...(byNode.get(route.nodeId) ?? []), route]);
      }
    }
    if (dead.length > 0) await this.dropStale(userId, dead);
    return byNode;
  }

  private holds(userId: Id, sessionId: string): boolean {
    return this.registry.sessionsOf(userId).some((s) => s.id === sessionId);
  }

  private async removeLeftovers(userId: Id): Promise<void> {
    const ours = (await this.presence.routes(userId)).filter((r) => r.nodeId === this.nodeId && !this.holds(userId, r.sessionId));
    await this.dropStale(userId, ours);
  }

  /** Nobody holds these sessions any more: their node is gone, or they ended without an unregister. */
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

  /** Renews this node's lease, learns which nodes lapsed, and re-asserts this beat's slice of routes. */
  private async beat(): Promise<void> {
    try {
      const { wasLive, lapsed } = await this.presence.beat(this.nodeId, this.presenceTtlMs, this.routeTtlMs);
      this.lapsed = new Set(lapsed);
      const slice = this.beats % this.reassertEvery;
      this.beats += 1;
      await this.reassert(wasLive ? (userId) => crc32(userId) % this.reassertEvery === slice : () => true);
    } catch (err) {
      this.logger.warn('presence beat failed; the next one retries', { err: (err as Error).message });
    }
  }

  private async reassert(due: (userId: Id) => boolean): Promise<void> {
    const byUser = new Map<Id, Route[]>();
    for (const session of this.registry.all()) {
      const userId = session.user!.userId;
      if (due(userId)) byUser.set(userId, [...(byUser.get(userId) ?? []), this.routeOf(session)]);
    }
    await Promise.all([...byUser].map(([userId, routes]) => this.presence.refresh(userId, routes, this.routeTtlMs)));
  }
}
