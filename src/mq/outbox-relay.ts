import { FailureLog } from '../log/failure-log.js';
import type { Logger } from '../log/logger.js';
import type { Outbox, OutboxEntry } from '../storage/message-store.js';
import type { MqPublisher } from './publisher.js';

export interface OutboxRelayOptions {
  /** Rows claimed per round (one transaction to claim them, one statement to delete them). */
  batchSize: number;
  /** Publish calls in flight at once. */
  concurrency: number;
  /** Events per publish call (one SendMessage); 1 for brokers that cannot take more. */
  publishBatch: number;
  idleIntervalMs: number;
  /**
   * Polls that find nothing double the wait up to this (default: no backoff); a wake() or a
   * round with rows goes back to idleIntervalMs. For a relay that commits wake: its polls only
   * look for what no wake announces (another relay's lapsed claims, retries coming due).
   */
  maxIdleIntervalMs?: number;
  /** A claimed entry whose relay died is due again after this. */
  leaseMs: number;
  maxBackoffMs: number;
}

export interface OutboxRelayObserver {
  published(n: number): void;
  failed(): void;
}

/**
 * Drains the transactional outbox into the MQ: every message that got a C2C_SEND_ACK has an
 * outbox row committed with it, and the row is deleted only after the broker accepted the event.
 * So the topic gets each event at least once, whether the broker was down or this process died.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** A wake() that came while a round was running: skip the next idle wait. */
  private woken = false;
  /**
   * An outage fails every publish (or every round) until it ends: logged when it begins, once a
   * minute while it lasts and when it ends; the observer counts every failure.
   */
  private readonly publishFailures: FailureLog;
  private readonly storeFailures: FailureLog;

  /** Rows published whose removal failed (the store was down). */
  private unremoved: string[] = [];
  /** Rows whose publish failed and whose claim could not be given back (the store was down). */
  private unreleased: string[] = [];

  constructor(
    private readonly store: Outbox,
    private readonly publisher: MqPublisher,
    private readonly options: OutboxRelayOptions,
    logger: Logger,
    private readonly observer?: OutboxRelayObserver,
  ) {
    this.publishFailures = new FailureLog(logger, 'mq publish');
    this.storeFailures = new FailureLog(logger, 'outbox store');
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** New rows were committed: look now instead of at the next idle poll. */
  wake(): void {
    if (this.wakeUp !== null) this.wakeUp();
    else this.woken = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Publishes until the outbox is empty or `deadline` passes (used by graceful shutdown). */
  async drain(deadline: number): Promise<void> {
    while (Date.now() < deadline && (await this.step()) > 0);
  }

  private async run(): Promise<void> {
    const base = this.options.idleIntervalMs;
    const max = Math.max(base, this.options.maxIdleIntervalMs ?? base);
    let idle = base;
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.step();
        this.storeFailures.succeeded();
      } catch (err) {
        this.storeFailures.failed(err);
      }
      if (handled > 0) idle = base;
      else if (this.running) idle = (await this.sleep(idle)) ? base : Math.min(max, idle * 2);
    }
  }

  /**
   * One round: settle what an earlier round could not, claim a batch, publish it in calls of
   * publishBatch events, concurrently, then settle it: the published rows deleted in one statement, the failed ones given back.
   * Returns rows claimed.
   */
  private async step(): Promise<number> {
    await this.settleLeftovers();
    const entries = await this.store.claimOutbox(Date.now(), this.options.batchSize, this.options.leaseMs);
    if (entries.length === 0) return 0;
    const done: string[] = [];
    const failed: OutboxEntry[] = [];
    const calls: OutboxEntry[][] = [];
    for (let i = 0; i < entries.length; i += this.options.publishBatch) calls.push(entries.slice(i, i + this.options.publishBatch));
    let next = 0;
    const worker = async () => {
      while (next < calls.length) {
        const call = calls[next++]!;
        try {
          await this.publisher.publish(call.map((entry) => ({ tag: entry.tag, keys: [entry.key], body: Buffer.from(entry.body, 'utf8') })));
          this.publishFailures.succeeded();
          done.push(...call.map((entry) => entry.id));
        } catch (err) {
          this.observer?.failed();
          this.publishFailures.failed(err, { keys: call.length === 1 ? call[0]!.key : `${call[0]!.key} and ${call.length - 1} more` });
          failed.push(...call);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, calls.length) }, worker));
    await this.retryLater(failed);
    if (done.length > 0) {
      this.observer?.published(done.length);
      try {
        await this.store.completeOutbox(done);
      } catch (err) {
        // Published, not yet removed: removed first thing when the store answers again.
        this.unremoved.push(...done);
        throw err;
      }
    }
    return entries.length;
  }

  /** One statement per backoff step: rows failing in one round (an outage) mostly share their attempts. */
  private async retryLater(entries: OutboxEntry[]): Promise<void> {
    const byAttempts = new Map<number, string[]>();
    for (const entry of entries) {
      const ids = byAttempts.get(entry.attempts);
      if (ids === undefined) byAttempts.set(entry.attempts, [entry.id]);
      else ids.push(entry.id);
    }
    for (const [attempts, ids] of byAttempts) {
      const backoff = Math.min(this.options.maxBackoffMs, 500 * 2 ** Math.min(attempts, 16));
      await this.store.failOutbox(ids, Date.now() + backoff).catch(() => {
        // The store is down: the claims are given back (due at once) when it answers again,
        // rather than leaving the rows to wait out their lease.
        this.unreleased.push(...ids);
      });
    }
  }

  private async settleLeftovers(): Promise<void> {
    if (this.unremoved.length > 0) {
      await this.store.completeOutbox(this.unremoved);
      this.unremoved = [];
    }
    if (this.unreleased.length > 0) {
      await this.store.failOutbox(this.unreleased, Date.now());
      this.unreleased = [];
    }
  }

  /** Resolves true when woken, false when `ms` passed. */
  private sleep(ms: number): Promise<boolean> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve(woken);
      };
      const timer = setTimeout(finish, ms, false);
      this.wakeUp = () => finish(true);
    });
  }
}
