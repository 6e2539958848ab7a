import { crc32 } from 'node:zlib';

export interface GroupCommitOptions {
  maxBatch: number;
  /** Longest an arrival waits while other batches commit; with none in flight it goes next turn. */
  maxWaitMs: number;
  /** Transactions in flight at once; more arrivals accumulate into the next batch meanwhile. */
  maxInFlight: number;
  /**
   * Batches start at least this far apart, ms (0 by default). Arrivals a few ms apart that would
   * each find nothing in flight and go alone share a batch instead; the first after a quiet
   * spell still goes at once.
   */
  spacingMs?: number;
}

interface Pending<In, Out> {
  item: In;
  resolve: (result: Out) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: writes that arrive together go to the store as one batch (one transaction, one
 * fsync), and each caller's promise settles only when its batch has committed (or failed as a
 * whole). `write` returns one result per item, in order.
 */
export class GroupCommit<In, Out> implements Commits<In, Out> {
  private queue: Array<Pending<In, Out>> = [];
  private timer: NodeJS.Timeout | null = null;
  private nextTurn: NodeJS.Immediate | null = null;
  private inFlight = 0;
  private lastFlushAt = -Infinity;
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly write: (items: In[]) => Promise<Out[]>,
    private readonly options: GroupCommitOptions,
    private readonly onBatch?: (size: number) => void,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      // An idle store has nothing to batch behind: waiting would only add latency at low load.
      // Under load the commits in flight are the wait, and arrivals gather until one ends.
      else if (this.timer === null) {
        if (this.inFlight === 0) this.nextTurn ??= setImmediate(() => this.flush());
        else this.timer = setTimeout(() => this.flush(), this.options.maxWaitMs);
      }
    });
  }

  /** Resolves once nothing is queued or in flight (graceful shutdown). */
  drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    this.flush();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.nextTurn !== null) {
      clearImmediate(this.nextTurn);
      this.nextTurn = null;
    }
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      if (this.options.spacingMs !== undefined) {
        const now = performance.now();
        const early = this.lastFlushAt + this.options.spacingMs - now;
        if (early > 0 && this.queue.length < this.options.maxBatch) {
          this.timer = setTimeout(() => this.flush(), early);
          return;
        }
        this.lastFlushAt = now;
      }
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      this.onBatch?.(batch.length);
      this.write(batch.map((p) => p.item))
        .then(
          (results) => batch.forEach((p, i) => p.resolve(results[i]!)),
          (err: unknown) => batch.forEach((p) => p.reject(err)),
        )
        .finally(() => {
          this.inFlight -= 1;
          if (this.queue.length > 0) this.flush();
          else if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
        });
    }
  }
}

/** What a writer hands its items to: a GroupCommit, or one GroupCommit per shard of keys. */
export interface Commits<In, Out> {
  submit(item: In): Promise<Out>;
  /** Resolves once nothing is queued or in flight (graceful shutdown). */
  drain(): Promise<void>;
}

/**
 * Group commit with one batch in flight per shard of keys (`maxInFlight` shards). A batch locks
 * the rows of its keys (a conversation's counter) until it commits: two batches in flight that
 * share a key wait on each other's locks, in a convoy as long as the batches in flight, and
 * split what would have been one batch into several small ones. With keys sharded, batches in
 * flight at once share none, and one key's items commit in the order they were submitted.
 */
export class KeyedGroupCommit<In, Out> implements Commits<In, Out> {
  private readonly shards: Array<GroupCommit<In, Out>>;

  constructor(
    write: (items: In[]) => Promise<Out[]>,
    options: GroupCommitOptions,
    private readonly keyOf: (item: In) => string,
    onBatch?: (size: number) => void,
  ) {
    this.shards = Array.from({ length: Math.max(1, options.maxInFlight) },
      () => new GroupCommit(write, { ...options, maxInFlight: 1 }, onBatch));
  }

  submit(item: In): Promise<Out> {
    // crc32, as the retry shards and group channels (keys.ts): stable, and spread for ids that differ in a few digits.
    return this.shards[crc32(this.keyOf(item)) % this.shards.length]!.submit(item);
  }

  async drain(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.drain()));
  }
}
