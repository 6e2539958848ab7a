import type { Id } from '../protocol/messages.js';

/** A pushed message waiting for the receiver's C2C_ACK. */
export interface RetryEntry {
  toUserId: Id;
  msgId: Id;
  /** How many times this entry has been claimed for a re-push so far (0 before the first). */
  attempt: number;
}

/**
 * Unacked pushes ordered by due time (Redis ZSET `im:retry` scored by due ms in production).
 * Claiming is atomic, so concurrent scanners (several nodes) never get the same entry in the
 * same round; a claimed entry is leased, so one whose claimer died is claimed again later.
 */
export interface RetryQueue {
  /**
   * Adds each entry due at `dueAt` with attempt 0, or reschedules it if present (attempt kept),
   * in one round trip. Each entry is scheduled atomically; the batch is not: when it rejects,
   * some may have been (scheduling is idempotent).
   */
  scheduleMany(entries: ReadonlyArray<{ toUserId: Id; msgId: Id }>, dueAt: number): Promise<void>;

  /**
   * Moves an existing entry's due time (attempt kept); does nothing when the entry is gone, so a
   * scanner that claimed an entry cannot bring it back after an ack or recall removed it.
   */
  reschedule(toUserId: Id, msgId: Id, dueAt: number): Promise<void>;

  /**
   * Atomically takes up to `limit` entries due at `now`: each one's attempt is incremented and
   * its due time moved to now + leaseMs. Returns them with the incremented attempt.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<RetryEntry[]>;

  /** Removes entries (acked, recalled, or given up). Missing ones are ignored. */
  remove(toUserId: Id, msgIds: Id[]): Promise<void>;

  /** `remove` for several receivers in one round trip; the same caveat as scheduleMany's. */
  removeMany(removals: ReadonlyArray<{ toUserId: Id; msgIds: Id[] }>): Promise<void>;

  size(): Promise<number>;
  close(): Promise<void>;
}
