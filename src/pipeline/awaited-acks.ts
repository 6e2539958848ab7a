import type { Id } from '../protocol/messages.js';

/** More ids than a session is ever given at once (login batch, pull pages, retries). */
export const MAX_AWAITED = 1024;

/**
 * The msg_ids a session may ack: those it was given (C2C_PUSH, PULL_OFFLINE_RESP) and those the
 * user was owed when it logged in (the offline list, read at login before AUTH_RESP, so a client
 * that acks after reconnecting what an earlier session got is counted, PROTOCOL.md behaviour 4).
 * A C2C_ACK is checked here before it costs any I/O: ids of neither kind, a hostile client's
 * flood, are dropped in memory. An id that fell out of the given ones (oldest first, past
 * MAX_AWAITED) stays pending in the store and is pushed again, and its ack then counts.
 */
export class AwaitedAcks {
  private given: Set<Id> | null = null;
  /** Bounded by the offline list's cap; shrinks as they are acked. */
  private owedAtLogin: Set<Id> | null = null;

  add(msgId: Id): void {
    // Allocated on the first push: idle sessions are most sessions.
    const ids = (this.given ??= new Set());
    ids.delete(msgId);
    ids.add(msgId);
    if (ids.size > MAX_AWAITED) ids.delete(ids.values().next().value!);
  }

  /** What the user was owed at login: every id of its offline list. */
  owed(msgIds: readonly Id[]): void {
    this.owedAtLogin = msgIds.length === 0 ? null : new Set(msgIds);
  }

  /** The ids of `msgIds` this session may ack; they are forgotten. */
  take(msgIds: readonly Id[]): Id[] {
    const { given, owedAtLogin } = this;
    if (given === null && owedAtLogin === null) return [];
    const taken = msgIds.filter((id) => {
      // Both deletes run: an id given again after login is in both sets.
      const wasGiven = given?.delete(id) === true;
      const wasOwed = owedAtLogin?.delete(id) === true;
      return wasGiven || wasOwed;
    });
    if (given?.size === 0) this.given = null;
    if (owedAtLogin?.size === 0) this.owedAtLogin = null;
    return taken;
  }
}
