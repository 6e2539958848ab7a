// app/: the composition root: builds the gateway from config and runs its lifecycle.
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { InsertResult, MessageWrite } from '../storage/message-store.js';
import type { GroupInsertResult, GroupMessageWrite } from '../storage/group-store.js';
import { GroupFanout } from '../groups/group-fanout.js';
import { GroupService } from '../groups/group-service.js';
import { Delivery } from '../messaging/delivery.js';
import { LivePush } from '../messaging/live-push.js';
import { LoginReplay } from '../messaging/login-replay.js';
import { OfflineInbox } from '../messaging/offline-inbox.js';
import { RetryScanner } from '../messaging/retry-scanner.js';
import { ArmSweeper } from '../messaging/arm-sweeper.js';
import { GroupCommit, KeyedGroupCommit } from '../storage/group-commit.js';
import { c2cConvId } from '../conversations/conv-id.js';
import { RecallService } from '../messaging/recall-service.js';
import { SendService, type IdSource } from '../messaging/send-service.js';
import { SessionRegistry } from '../cluster/session-registry.js';
import { OutboxRelay } from '../mq/outbox-relay.js';
import { Metrics } from '../ops/metrics.js';
import type { AdminApi } from '../ops/admin.js';
import { OpsServer } from '../ops/ops-server.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { KickReason, type Id } from '../protocol/messages.js';
import { Router } from '../cluster/router.js';
import type { VerifyToken } from '../strategies/auth.js';
import { LoginLimiter } from '../auth/login-limiter.js';
import { clientStrategies } from '../strategies/index.js';
import { ConversationService } from '../conversations/conversation-service.js';
import { ReadEvents } from '../conversations/read-events.js';
import { BestEffortFanout } from '../messaging/fanout.js';
import { TypingService } from '../conversations/typing-service.js';
import { TcpServer, tcpServerOptions, type TcpServerHooks } from '../transport/tcp-server.js';
import { ClientServer } from '../transport/ws-server.js';
import { Admission, connectionCap, descriptorLimit } from '../transport/admission.js';
import { publishes, relayOptions, type Backends } from './backends.js';

export interface GatewayDeps {
  /** This node's id for routing between nodes. */
  nodeId: string;
  /** The snowflake worker id `ids` mints with (for admin views). */
  workerId: number;
  config: Config;
  logger: Logger;
  backends: Backends;
  ids: IdSource;
  verifyToken: VerifyToken;
}

/** One gateway node: client port, ops port, retry scanner and outbox relay over the backends. */
export class Gateway {
  readonly metrics = new Metrics();
  readonly registry = new SessionRegistry();
  private readonly client: ClientServer;
  /** The raw TCP client port; null while `server.tcpPort` is 0. */
  private readonly tcp: TcpServer | null;
  private readonly admission: Admission;
  private readonly ops: OpsServer;
  /** Sends and acks are group-committed: one transaction per batch, however many sessions. */
  private readonly messageCommits: KeyedGroupCommit<MessageWrite, InsertResult>;
  private readonly ackCommits: GroupCommit<{ toUserId: Id; msgIds: Id[] }, void>;
  private readonly groupCommits: KeyedGroupCommit<GroupMessageWrite, GroupInsertResult>;
  private readonly groupFanout: GroupFanout;
  private readonly groups: GroupService;
  private readonly relay: OutboxRelay;
  private readonly readEvents: ReadEvents;
  private readonly retry: RetryScanner;
  private readonly armSweep: ArmSweeper;
  private readonly inbox: OfflineInbox;
  readonly router: Router;
  private draining = false;
  clientPort = 0;
  tcpPort = 0;
  opsPort = 0;

  constructor(private readonly deps: GatewayDeps) {
    const { config, logger, backends, ids, verifyToken } = deps;
    const metrics = this.metrics;
    this.router = new Router(deps.nodeId, this.registry, backends.presence, backends.bus, config.node.presenceTtlMs, logger, {
      forwarded: (kind) => metrics.forwarded.inc({ kind }),
    });
    const commitOptions = {
      maxBatch: config.messaging.batchMaxSize,
      maxWaitMs: config.messaging.batchMaxWaitMs,
      maxInFlight: backends.maxConcurrentCommits,
    };
    // Sends and group sends lock their conversation's counter: batches in flight share no conversation.
    this.messageCommits = new KeyedGroupCommit((writes: MessageWrite[]) => backends.store.insertBatch(writes), commitOptions,
      ({ message }) => c2cConvId(message.fromUserId, message.toUserId), (n) => metrics.batchSize.observe(n));
    this.ackCommits = new GroupCommit(async (acks: Array<{ toUserId: Id; msgIds: Id[] }>) => {
      await backends.store.markDeliveredMany(acks);
      return acks.map((): void => undefined);
    }, commitOptions);
    const markDelivered = (toUserId: Id, msgIds: Id[]) => this.ackCommits.submit({ toUserId, msgIds });
    const live = new LivePush(this.router, logger, metrics);
    const inbox = this.inbox = new OfflineInbox(backends.store, backends.offline, config.offline, logger, metrics);
    this.retry = new RetryScanner(backends.store, backends.retry, live, config.retry, logger);
    const delivery = new Delivery(inbox, this.retry, markDelivered);
    this.armSweep = new ArmSweeper(backends.store, inbox, delivery,
      { delayMs: config.offline.armSweepDelayMs, intervalMs: config.offline.armSweepIntervalMs }, logger);
    const replay = new LoginReplay(backends.store, inbox, this.retry, config.offline.loginBatch, metrics);
    this.relay = new OutboxRelay(backends.store, backends.publisher, relayOptions(config, true), logger, {
      published: (n) => metrics.published.inc(n), failed: () => metrics.publishFailures.inc(),
    });
    /** An event was committed to the outbox: the relay publishes now rather than at its next poll. */
    const outboxWritten = () => this.relay.wake();
    const sends = new SendService(this.messageCommits, delivery, ids, backends.userRate, config.limits.maxContentChars, logger, outboxWritten);
    const notices = new BestEffortFanout(this.router, logger);
    const recalls = new RecallService(backends.store, delivery, notices, ids, config.messaging.recallWindowMs, outboxWritten);
    this.readEvents = new ReadEvents(backends.store, config.conversations.readEventIntervalMs, logger, outboxWritten);
    const conversations = new ConversationService(backends.conversations, notices, this.readEvents, config.conversations);
    this.groupCommits = new KeyedGroupCommit((writes: GroupMessageWrite[]) => backends.groups.insertGroupBatch(writes), commitOptions,
      ({ message }) => message.groupId, (n) => metrics.batchSize.observe(n));
    this.groupFanout = new GroupFanout(deps.nodeId, this.registry, backends.groups, backends.bus, logger);
    const groups = this.groups = new GroupService(backends.groups, this.groupCommits, this.groupFanout, ids, backends.userRate, {
      ...config.groups, maxContentChars: config.limits.maxContentChars, recallWindowMs: config.messaging.recallWindowMs,
    }, logger, outboxWritten);
    const typing = new TypingService(conversations, notices, groups);

    const pipeline = new Pipeline(clientStrategies({
      verifyToken, loginLimiter: new LoginLimiter(config.auth.loginAttemptsPerMinute), router: this.router, replay, sends, live, delivery, recalls, inbox, conversations, typing, groups, groupFanout: this.groupFanout,
      metrics, logger,
      heartbeatIntervalMs: config.heartbeat.intervalMs, maxPullLimit: config.offline.maxPullLimit,
    }), {
      maxFrameBytes: config.server.maxFrameBytes,
      ratePerSec: config.limits.ratePerSec,
      rateBurst: config.limits.rateBurst,
      maxBadFrames: config.limits.maxBadFrames,
    }, logger, metrics);

    const hooks: TcpServerHooks = {
      onOpen: () => metrics.connections.inc(),
      onClose: (session) => {
        metrics.connections.dec();
        this.router.logout(session)
          .catch((err: Error) => logger.warn('presence not removed; the next push to the user removes it', { err: err.message }))
          .finally(() => { if (session.user !== null) this.groupFanout.offline(session.user.userId); });
      },
      onFrameOut: (cmd) => metrics.frameOut(cmd),
      onKick: (reason) => metrics.kick(reason),
    };
    const { cap, warning } = connectionCap(config.server.maxConnections, descriptorLimit());
    if (warning !== null) logger.warn(warning);
    this.admission = new Admission({ maxConnections: cap, overloadLagMs: config.server.overloadLagMs }, {
      refused: (why) => metrics.refused.inc({ why }),
      overloaded: (on) => {
        metrics.overloaded.set(on ? 1 : 0);
        logger.warn(on ? 'overloaded: refusing new connections' : 'no longer overloaded: accepting connections', { overloadLagMs: config.server.overloadLagMs });
      },
    });
    this.client = new ClientServer({
      host: config.server.host,
      port: config.server.port,
      maxFrameBytes: config.server.maxFrameBytes,
      slowConsumerBytes: config.server.slowConsumerBytes,
      slowConsumerGraceMs: config.server.slowConsumerGraceMs,
      handshakeTimeoutMs: config.server.handshakeTimeoutMs,
      authTimeoutMs: config.auth.timeoutMs,
      heartbeatIntervalMs: config.heartbeat.intervalMs,
    }, pipeline, hooks, this.admission, logger);
    this.tcp = config.server.tcpPort > 0 ? new TcpServer(tcpServerOptions(config), pipeline, hooks, this.admission, logger) : null;

    metrics.observeBacklogs({
      retryDepth: () => backends.retry.size(),
      outboxBacklog: () => backends.store.outboxBacklog(),
      offlineBacklog: () => backends.store.pendingCount(),
    });
    const admin = config.ops.adminToken === '' ? undefined : { token: config.ops.adminToken, api: this.adminApi() };
    this.ops = new OpsServer(config.ops.host, config.ops.port, metrics, () => this.readiness(), logger, admin);
  }

  /** Whether this process publishes the outbox (not a separate relay, and there is an outbox: `mq.kind` is not off). */
  private get relaysOutbox(): boolean {
    return this.deps.config.mq.relay === 'in-process' && publishes(this.deps.config);
  }

  async start(): Promise<void> {
    await this.router.start();
    await this.groupFanout.start();
    this.clientPort = await this.client.listen();
    if (this.tcp !== null) this.tcpPort = await this.tcp.listen();
    this.opsPort = await this.ops.listen();
    if (this.relaysOutbox) this.relay.start();
    this.retry.start();
    this.armSweep.start();
    this.deps.logger.info('im-connect listening', {
      node: this.deps.nodeId, mode: this.deps.config.mode, clients: `ws://${this.deps.config.server.host}:${this.clientPort}/ws`,
      tcp: this.tcp === null ? 'off' : `${this.deps.config.server.host}:${this.tcpPort}`,
      ops: `http://${this.deps.config.ops.host}:${this.opsPort}`,
    });
  }

  /**
   * Graceful stop: not ready, no new connections, sessions kicked (SERVER_SHUTDOWN), in-flight
   * commits finished, outbox drained until the deadline (what is left stays durable), backends
   * closed.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const deadline = Date.now() + graceMs;
    this.retry.stop();
    this.armSweep.stop();
    this.admission.stop();
    // Half the budget for clients to leave; the rest for commits and the outbox.
    await Promise.all([
      this.client.close(KickReason.SERVER_SHUTDOWN, 'server shutting down; reconnect', graceMs / 2),
      this.tcp?.close(KickReason.SERVER_SHUTDOWN, 'server shutting down; reconnect', graceMs / 2),
    ]);
    await this.router.stop();
    this.groupFanout.stop();
    await Promise.all([this.messageCommits.drain(), this.ackCommits.drain(), this.groupCommits.drain(), this.readEvents.stop()]);
    await this.relay.stop();
    if (this.relaysOutbox) await this.relay.drain(deadline).catch((err: Error) => this.deps.logger.warn('outbox not drained; it stays durable', { err: err.message }));
    this.inbox.stop();
    await this.ops.close();
    await this.deps.backends.close();
  }

  private adminApi(): AdminApi {
    const started = Date.now();
    // Business services act on groups with the owner's powers and no session of their own.
    const operator = { operator: true } as const;
    return {
      sessions: (userId) => this.router.sessions(userId),
      kick: (userId, deviceId) => this.router.kick(userId, deviceId ?? null, KickReason.ADMIN, 'kicked by an operator'),
      nodeStats: async () => ({
        nodeId: this.deps.nodeId,
        workerId: this.deps.workerId,
        mode: this.deps.config.mode,
        sessions: this.registry.size,
        connections: this.admission.connections,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        draining: this.draining,
        retryQueueDepth: await this.deps.backends.retry.size(),
        outboxBacklog: await this.deps.backends.store.outboxBacklog(),
      }),
      groups: {
        create: (ownerUserId, req) => this.groups.create(operator, ownerUserId, req),
        changeMembers: (req) => this.groups.changeMembers(operator, req),
        rename: (groupId, name) => this.groups.rename(operator, groupId, name),
        info: (req) => this.groups.info(operator, req),
      },
    };
  }

  private async readiness(): Promise<{ ok: boolean; detail: Record<string, string> }> {
    if (this.draining) return { ok: false, detail: { reason: 'draining' } };
    try {
      await this.deps.backends.ping();
      return { ok: true, detail: {} };
    } catch (err) {
      return { ok: false, detail: { reason: (err as Error).message } };
    }
  }
}
