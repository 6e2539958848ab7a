import type { Id } from '../protocol/messages.js';
import type { StoredMessage } from './message-store.js';

/**
 * Per-user list of undelivered messages: a fast, capped copy of the store's PENDING rows
 * (Redis list `im:offline:msg:{uid}` in production).
 *
 * A user's list is either *complete* (holds every pending message of the user that was appended
 * or filled since it became complete) or *absent* (never filled, expired, or the backend lost
 * it). `read` returns null when absent; the caller then rebuilds it from the MessageStore with
 * `fill`. `append` always appends (creating the list but not making it complete), so a message
 * committed while a rebuild is running is kept: `fill` merges with what is there.
 */
export interface OfflineQueue {
  /**
   * Appends `message`; then trims the list to the newest `cap` entries and refreshes its TTL.
   * Returns the msg_ids trimmed away (so the caller can drop them visibly). Atomic.
   */
  append(message: StoredMessage, cap: number, ttlMs: number): Promise<Id[]>;

  /** Makes the user's list complete: the union of `messages` and the current entries. Atomic. */
  fill(userId: Id, messages: StoredMessage[], ttlMs: number): Promise<void>;

  /** The user's entries ascending by msg_id without duplicates, or null when not complete. */
  read(userId: Id): Promise<StoredMessage[] | null>;

  /** Removes these msg_ids from the user's list (acked, recalled or dropped). Atomic. */
  remove(userId: Id, msgIds: Id[]): Promise<void>;

  close(): Promise<void>;
}
