import type { Id } from '../protocol/messages.js';

/**
 * Per-user list of the msg_ids of undelivered messages: a fast, capped index of the store's
 * PENDING rows (Redis list `im:offline:msg:{uid}` in production). It holds ids only; the
 * message bodies stay in the MessageStore.
 *
 * A user's list is either *complete* (holds the id of every pending message of the user that was
 * appended or filled since it became complete) or *absent* (never filled, expired, or the backend
 * lost it). `read` returns null when absent; the caller then rebuilds it from the MessageStore
 * with `fill`. An append always appends (creating the list but not making it complete), so an id
 * committed while a rebuild is running is kept: `fill` merges with what is there.
 *
 * Ids are canonical decimal strings of uint64 values and are ordered as 64-bit integers, never
 * through a JS number (which would merge ids above 2^53).
 */
export interface OfflineQueue {
  /**
   * Appends each entry's msgId to its user's list, in order, in one round trip (a group-commit
   * batch is armed at once): not twice (an id already listed is not appended again nor trimmed
   * for); then trims the list to the newest `cap` entries and refreshes the TTL of the list and
   * of its completeness. Returns each entry's ids trimmed away, oldest first (so the caller can
   * drop them visibly), in the order of `entries`. Each append is atomic; the batch is not: when
   * it rejects, some of its appends may have been made (appending is idempotent).
   */
  appendMany(entries: ReadonlyArray<{ userId: Id; msgId: Id }>, cap: number, ttlMs: number): Promise<Id[][]>;

  /**
   * Makes the list complete: the union of msgIds and the current entries, one entry per id,
   * with the TTL set to `ttlMs`. Atomic. Returns the list as `read` would right after (a rebuild
   * at login needs it, and reading it again would cost a round trip).
   */
  fill(userId: Id, msgIds: Id[], ttlMs: number): Promise<Id[]>;

  /**
   * The user's ids ascending as 64-bit integers (never through a JS number), without duplicates,
   * or null when not complete.
   */
  read(userId: Id): Promise<Id[] | null>;

  /**
   * Removes these ids (acked, recalled or dropped); unknown ids are ignored. The TTL and the
   * completeness are left as they are: a complete list emptied this way reads as [], not null.
   * Atomic.
   */
  remove(userId: Id, msgIds: Id[]): Promise<void>;

  /** `remove` for several users in one round trip; the same caveat as appendMany's. */
  removeMany(removals: ReadonlyArray<{ userId: Id; msgIds: Id[] }>): Promise<void>;
}
