import type { Id } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import type { MessageRows } from '../storage/message-store.js';
import type { RetryQueue } from '../storage/retry-queue.js';
import type { LivePush } from './live-push.js';

export interface RetryOptions {
  /** Delay before the first re-push; doubles with every attempt. */
  initialBackoffMs: number;
  maxAttempts: number;
  /** How long a claimed entry is leased to this node's scanner. */
  leaseMs: number;
  /** Entries claimed per round. */
  batchSize: number;
  tickMs: number;
}

/**
 * Re-pushes messages whose receiver has not acked them, with exponential backoff, from the
 * retry queue shared by all nodes; after the last attempt, or once a push reaches nobody, the
 * message waits in the offline inbox instead.
 */
export class RetryScanner {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly store: Pick<MessageRows, 'findPending'>,
    private readonly queue: RetryQueue,
    private readonly live: LivePush,
    private readonly options: RetryOptions,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.scan(), this.options.tickMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** The pushes are out: re-push unless acked within the initial backoff. */
  schedule(userId: Id, msgIds: Id[]): Promise<void> {
    return this.scheduleAll(msgIds.map((msgId) => ({ toUserId: userId, msgId })));
  }

  /** `schedule` for many receivers, in one round trip. */
  scheduleAll(entries: ReadonlyArray<{ toUserId: Id; msgId: Id }>): Promise<void> {
    return this.queue.scheduleMany(entries, this.now() + this.options.initialBackoffMs);
  }

  removeAll(removals: ReadonlyArray<{ toUserId: Id; msgIds: Id[] }>): Promise<void> {
    return this.queue.removeMany(removals);
  }

  /** Rounds until the queue has no full batch due; one scan at a time per node. */
  async scan(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while ((await this.round()) >= this.options.batchSize);
    } catch (err) {
      this.logger.warn('retry scan failed; next tick retries', { err: (err as Error).message });
    } finally {
      this.running = false;
    }
  }

  /**
   * One round: claims due entries (atomically, so no other node gets them) and re-pushes the
   * ones still pending, or stops once attempts run out or the receiver is gone. Returns the
   * number of entries handled.
   */
  async round(): Promise<number> {
    const now = this.now();
    const entries = await this.queue.claimDue(now, this.options.batchSize, this.options.leaseMs);
    if (entries.length === 0) return 0;
    const pending = new Map((await this.store.findPending(entries.map((e) => e.msgId))).map((m) => [m.msgId, m]));
    await Promise.all(entries.map(async (entry) => {
      const message = pending.get(entry.msgId);
      // Acked, recalled or dropped; or out of attempts, or the receiver left: either way the
      // message, if still pending, waits in the offline list for the next login or pull.
      if (message === undefined || message.toUserId !== entry.toUserId
        || entry.attempt > this.options.maxAttempts || (await this.live.push(message, 'retry')) === 0) {
        await this.queue.remove(entry.toUserId, [entry.msgId]);
      } else {
        await this.queue.reschedule(entry.toUserId, entry.msgId, now + this.options.initialBackoffMs * 2 ** entry.attempt);
      }
    }));
    return entries.length;
  }
}
