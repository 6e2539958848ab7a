import type { Logger } from '../log/logger.js';
import { readEvent } from '../mq/events.js';
import type { Outbox } from '../storage/message-store.js';

interface PendingRead {
  userId: string;
  convId: string;
  readSeq: string;
  time: number;
}

/**
 * CONV_READ events for the MQ topic, coalesced: read positions recorded within one interval
 * become one outbox event per (user, conversation), the latest position. The read position
 * itself is already durable in the store; what a crash loses is at most one interval of
 * notifications, never read state.
 */
export class ReadEvents {
  private pending = new Map<string, PendingRead>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly outbox: Pick<Outbox, 'appendOutbox'>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    /** Events were written: the relay may publish them. */
    private readonly onWritten: () => void,
  ) {}

  record(userId: string, convId: string, readSeq: string, time: number): void {
    this.keep({ userId, convId, readSeq, time });
    this.schedule();
  }

  /** Writes what is pending now (also on shutdown). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** Writes what is pending, once more; a failure then is logged and not retried. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** The higher of two positions of one (user, conversation) wins, whichever came first. */
  private keep(read: PendingRead): void {
    const key = `${read.userId}:${read.convId}`;
    const previous = this.pending.get(key);
    if (previous === undefined || BigInt(previous.readSeq) < BigInt(read.readSeq)) this.pending.set(key, read);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs);
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.outbox.appendOutbox([...batch].map(([key, r]) => ({
        tag: 'CONV_READ', key, body: readEvent(r.userId, r.convId, r.readSeq, r.time), time: r.time,
      })));
      this.onWritten();
    } catch (err) {
      this.logger.warn(this.stopped ? 'read events not written at shutdown; the read positions are stored' : 'read events not written; retried with the next ones',
        { events: batch.size, err: (err as Error).message });
      for (const read of batch.values()) this.keep(read);
      this.schedule();
    }
  }
}
