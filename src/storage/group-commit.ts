export interface GroupCommitOptions {
  maxBatch: number;
  /** Longest an arrival waits while other batches commit; with none in flight it goes next turn. */
  maxWaitMs: number;
  /** Transactions in flight at once; more arrivals accumulate into the next batch meanwhile. */
  maxInFlight: number;
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
export class GroupCommit<In, Out> {
  private queue: Array<Pending<In, Out>> = [];
  private timer: NodeJS.Timeout | null = null;
  private nextTurn: NodeJS.Immediate | null = null;
  private inFlight = 0;
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
      else if (this.inFlight === 0) this.nextTurn ??= setImmediate(() => this.flush());
      else if (this.timer === null) this.timer = setTimeout(() => this.flush(), this.options.maxWaitMs);
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
