import type { Id } from '../protocol/messages.js';
import type { RetryEntry, RetryQueue } from './retry-queue.js';

interface Scheduled extends RetryEntry {
  dueAt: number;
}

/**
 * Unacked pushes in process memory (embedded mode). One process, so every method is atomic by
 * running to completion; a claim scans all entries, which is fine at embedded scale.
 */
export class MemoryRetryQueue implements RetryQueue {
  /** By member '<toUserId>:<msgId>', as in the Redis set. */
  private readonly entries = new Map<string, Scheduled>();

  async scheduleMany(entries: ReadonlyArray<{ toUserId: Id; msgId: Id }>, dueAt: number): Promise<void> {
    for (const { toUserId, msgId } of entries) {
      const member = `${toUserId}:${msgId}`;
      const entry = this.entries.get(member);
      if (entry !== undefined) entry.dueAt = dueAt;
      else this.entries.set(member, { toUserId, msgId, attempt: 0, dueAt });
    }
  }

  async reschedule(toUserId: Id, msgId: Id, dueAt: number): Promise<void> {
    const entry = this.entries.get(`${toUserId}:${msgId}`);
    if (entry !== undefined) entry.dueAt = dueAt;
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<RetryEntry[]> {
    const due = [...this.entries].filter(([, e]) => e.dueAt <= now);
    // Earliest first, ties by member: the order ZRANGEBYSCORE gives.
    due.sort(([ma, a], [mb, b]) => a.dueAt - b.dueAt || (ma < mb ? -1 : ma > mb ? 1 : 0));
    return due.slice(0, limit).map(([, e]) => {
      e.attempt += 1;
      e.dueAt = now + leaseMs;
      return { toUserId: e.toUserId, msgId: e.msgId, attempt: e.attempt };
    });
  }

  async remove(toUserId: Id, msgIds: Id[]): Promise<void> {
    for (const msgId of msgIds) this.entries.delete(`${toUserId}:${msgId}`);
  }

  async removeMany(removals: ReadonlyArray<{ toUserId: Id; msgIds: Id[] }>): Promise<void> {
    for (const { toUserId, msgIds } of removals) await this.remove(toUserId, msgIds);
  }

  async size(): Promise<number> {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
