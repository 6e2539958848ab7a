// cluster/: what the nodes of one deployment agree on through Redis.
import { randomInt } from 'node:crypto';
import type { RedisClient } from '../storage/redis/connect.js';
import { workerKey } from '../storage/redis/keys.js';
import { scriptsOf, type Scripts } from '../storage/redis/scripts.js';

/** Snowflake ids have 10 worker bits. */
const WORKER_IDS = 1024;

export interface WorkerLeaseOptions {
  /** The lease lapses this long after its last renewal; it is renewed every third of it, ms. */
  ttlMs: number;
  /**
   * The id can no longer be vouched for: another node holds it, or Redis did not confirm a
   * renewal for a whole ttl. Called at most once, after which the lease stops renewing; ids must
   * no longer be issued with it.
   */
  onLost(err: Error): void;
  /**
   * The key had expired (no renewal reached Redis for a whole ttl, e.g. the event loop stalled)
   * and nobody had taken it, so it was claimed again. Another node may have used the id meanwhile.
   */
  onReclaimed?(): void;
  /** Ids are 0 .. maxWorkers - 1. Default 1024, all a snowflake has; smaller only in tests. */
  maxWorkers?: number;
}

export class NoFreeWorkerIdError extends Error {
  override readonly name = 'NoFreeWorkerIdError';

  constructor(count: number, keys: string, ttlMs: number) {
    super(`all ${count} snowflake worker ids are leased (keys ${keys}); ` +
      `stop a node, or wait up to ${ttlMs} ms for the lease of a dead one to lapse`);
  }
}

/**
 * A snowflake worker id leased from Redis: key `{prefix}worker:<id>` holds the node id with a
 * TTL. A node that dies frees its id after ttlMs; a live one keeps it by renewing, and learns
 * through `onLost` when it can no longer be sure that no other node has it. Each id is a key of
 * its own, so on a Redis Cluster the leases spread over the slots.
 */
export class WorkerIdLease {
  private readonly timer: NodeJS.Timeout;
  private state: 'held' | 'lost' | 'released' = 'held';
  private renewing = false;
  /** Why the last renewal failed; null after a confirmed one. */
  private renewError: string | null = null;

  static async acquire(redis: RedisClient, keyPrefix: string, nodeId: string, options: WorkerLeaseOptions): Promise<WorkerIdLease> {
    const count = options.maxWorkers ?? WORKER_IDS;
    if (!Number.isInteger(count) || count < 1 || count > WORKER_IDS) {
      throw new RangeError(`maxWorkers must be an integer in [1, ${WORKER_IDS}], got ${count}`);
    }
    // Each SET NX is atomic, so two nodes never take the same id. A random start keeps an id
    // that was just released (perhaps by a host whose clock runs ahead of ours) from being
    // handed straight out again, and spreads nodes starting at once over the range.
    const first = randomInt(count);
    for (let i = 0; i < count; i += 1) {
      const workerId = (first + i) % count;
      const key = workerKey(keyPrefix, workerId);
      const sentAt = Date.now();
      if (await redis.set(key, nodeId, 'PX', options.ttlMs, 'NX') !== null) {
        return new WorkerIdLease(scriptsOf(redis), key, workerId, nodeId, options, sentAt);
      }
    }
    throw new NoFreeWorkerIdError(count, `${workerKey(keyPrefix, 0)}..${count - 1}`, options.ttlMs);
  }

  private constructor(
    private readonly scripts: Scripts,
    private readonly key: string,
    readonly workerId: number,
    private readonly nodeId: string,
    private readonly options: WorkerLeaseOptions,
    /** When the last renewal Redis confirmed was sent: the lease holds until then + ttlMs at least. */
    private confirmedAt: number,
  ) {
    this.timer = setInterval(() => this.renew(), Math.max(1, Math.floor(options.ttlMs / 3)));
    // The node's servers keep the process alive, not its lease.
    this.timer.unref();
  }

  /**
   * Until when no other node can hold the id: the last renewal Redis confirmed, plus the ttl
   * (counted from when that renewal was sent). -Infinity once lost or released.
   */
  vouchedUntil(): number {
    return this.state === 'held' ? this.confirmedAt + this.options.ttlMs : -Infinity;
  }

  /** Stops renewing and deletes the key if it still names this node. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    if (this.state !== 'held') return;
    this.state = 'released';
    await this.scripts.workerRelease(this.key, this.nodeId);
  }

  private renew(): void {
    if (this.state !== 'held') return;
    // Redis is not answering: once the key may have lapsed, another node may have claimed it. A
    // stall of our own (no renewal sent) is settled by the next renewal's answer instead.
    if (Date.now() - this.confirmedAt >= this.options.ttlMs && (this.renewing || this.renewError !== null)) {
      this.lose(`was not renewed for ${this.options.ttlMs} ms (${this.renewError ?? 'Redis did not answer'}); another node may hold it now`);
      return;
    }
    if (this.renewing) return;
    this.renewing = true;
    const sentAt = Date.now();
    this.scripts.workerRenew(this.key, this.nodeId, this.options.ttlMs).then(
      (outcome) => {
        if (this.state !== 'held') return;
        if (outcome === 'taken') return this.lose(`is held by another node (key ${this.key})`);
        this.confirmedAt = sentAt;
        this.renewError = null;
        if (outcome === 'reclaimed') this.options.onReclaimed?.();
      },
      (err: Error) => {
        this.renewError = err.message;
      },
    ).finally(() => {
      this.renewing = false;
    });
  }

  private lose(why: string): void {
    this.state = 'lost';
    clearInterval(this.timer);
    this.options.onLost(new Error(`snowflake worker id ${this.workerId} ${why}`));
  }
}
