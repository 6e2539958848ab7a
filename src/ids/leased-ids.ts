import type { Snowflake } from './snowflake.js';

/** A worker id held for a while (cluster/worker-lease.ts). */
export interface WorkerIdHold {
  /** ms until which no other node can hold the id. */
  vouchedUntil(): number;
}

/** The lease could not vouch for the worker id: minting now could duplicate another node's ids. */
export class WorkerIdUnvouchedError extends Error {
  override readonly name = 'WorkerIdUnvouchedError';
}

/**
 * Snowflake ids minted only while the worker-id lease vouches for the id: after an event-loop
 * stall or a Redis outage longer than the lease's ttl, another node may have claimed the id, so
 * sends fail (UNAVAILABLE) until a renewal is confirmed again, or the lease is lost and the node
 * exits.
 */
export class LeasedIds {
  constructor(private readonly snowflake: Snowflake, private readonly hold: WorkerIdHold, private readonly now: () => number = Date.now) {}

  next(): string {
    const until = this.hold.vouchedUntil();
    if (this.now() >= until) throw new WorkerIdUnvouchedError('the snowflake worker id lease has not been confirmed in time; not minting ids');
    return this.snowflake.next();
  }
}
