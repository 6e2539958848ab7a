import type { Id } from '../protocol/messages.js';

/** More ids than a session is ever owed at once (login batch, pull pages, retries). */
export const MAX_AWAITED = 1024;

/**
 * The msg_ids a session was given (C2C_PUSH, PULL_OFFLINE_RESP) and has not acked: a C2C_ACK is
 * checked here before it costs any I/O, so ids the session never saw, the flood of a hostile
 * client, are dropped in memory. An id that fell out (oldest first, past MAX_AWAITED) or was
 * given to an earlier session stays pending in the store and is pushed again, and its ack then
 * counts: at-least-once is kept, at the price of a duplicate the client drops by msg_id.
 */
export class AwaitedAcks {
  private ids: Set<Id> | null = null;

  add(msgId: Id): void {
    // Allocated on the first push: idle sessions are most sessions.
    const ids = (this.ids ??= new Set());
    ids.delete(msgId);
    ids.add(msgId);
    if (ids.size > MAX_AWAITED) ids.delete(ids.values().next().value!);
  }

  /** The ids of `msgIds` this session is owed an ack for; they are forgotten. */
  take(msgIds: readonly Id[]): Id[] {
    const ids = this.ids;
    if (ids === null) return [];
    const owed = msgIds.filter((id) => ids.delete(id));
    if (ids.size === 0) this.ids = null;
    return owed;
  }
}
