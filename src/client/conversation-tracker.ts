// Per-conversation seq tracking: the application sees every entry of a conversation once and in
// seq order. Live entries (pushes, echoes) that fit are handed over at once; one that jumps ahead
// is held while the missing range is fetched with HISTORY. No sockets here: the client supplies
// the fetch and the delivery, so the rules can be tested with a scripted history.
import { ErrorCode, type Bodies, type ChatMessage, type Cmd, type Seq } from '../protocol/messages.js';
import { ImError } from './im-error.js';
import type { RecentIds } from './recent-ids.js';

export type HistoryResp = Bodies[typeof Cmd.HISTORY_RESP];

export interface TrackerDeps {
  /** HISTORY after `afterSeq`, ascending; rejects with ImError. */
  fetch(convId: string, afterSeq: Seq, limit: number): Promise<HistoryResp>;
  /** Hands one entry to the application. */
  deliver(message: ChatMessage): void;
  /** False without a logged-in connection: gaps then wait for catchUp() after the next login. */
  canFetch(): boolean;
  /** Failures nobody waits for (a gap given up, for one). */
  onError(err: Error): void;
}

export interface TrackerOptions {
  /** HISTORY page size for gap fills; the server caps it at no less than 100. */
  pageLimit?: number;
  /** Live entries held per conversation while a gap is filled; more are dropped and re-fetched. */
  maxHeld?: number;
  /** Wait before filling again after a transient failure (RATE_LIMITED, UNAVAILABLE, timeout), ms. */
  rateLimitedRetryMs?: number;
}

/** What live() did with an entry. */
export type Verdict = 'delivered' | 'held' | 'duplicate';

/**
 * A conversation the client has delivered something of. Every seq in [first, last] was delivered
 * (or was the application's own, see seen()); `known` is the highest seq known to exist.
 */
interface Cursor {
  readonly convId: string;
  first: bigint;
  last: bigint;
  known: bigint;
  /** Live entries above last + 1, by seq, waiting for the gap below them. */
  readonly held: Map<bigint, ChatMessage>;
  filling: boolean;
  /** Something may lie above `last` that no push will announce (see refresh()). */
  probe: boolean;
  /** Started by track(): entries below `first` are not wanted, not merely late. */
  readonly fixedStart: boolean;
}

/** Worth asking again a little later; any other failure gives the gap up. */
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set([ErrorCode.RATE_LIMITED, ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL]);

function isTransient(err: Error): boolean {
  return err instanceof ImError && (err.kind === 'timeout' || (err.kind === 'server' && TRANSIENT_CODES.has(err.code)));
}

/** True for entries that name their conversation and seq (servers without Additions A send neither). */
export function hasSeq(message: ChatMessage): message is ChatMessage & { convId: string; seq: Seq } {
  return typeof message.convId === 'string' && message.convId !== '' && message.seq !== undefined && message.seq !== '0';
}

export class ConversationTracker {
  private readonly cursors = new Map<string, Cursor>();
  private readonly pageLimit: number;
  private readonly maxHeld: number;
  private readonly rateLimitedRetryMs: number;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly recent: RecentIds, private readonly deps: TrackerDeps, options: TrackerOptions = {}) {
    this.pageLimit = options.pageLimit ?? 100;
    this.maxHeld = options.maxHeld ?? 1000;
    this.rateLimitedRetryMs = options.rateLimitedRetryMs ?? 1000;
  }

  /** The highest seq delivered in `convId`, or null for a conversation not tracked (yet). */
  lastSeq(convId: string): Seq | null {
    const cursor = this.cursors.get(convId);
    return cursor === undefined ? null : cursor.last.toString();
  }

  /**
   * A live entry (C2C_PUSH, own echo). A conversation seen for the first time starts at this
   * entry: nothing older is fetched. An entry below that starting point that was never delivered
   * is handed over as it comes (offline pushes go by msg_id, which may differ from seq order),
   * unless the conversation was started with track(): then it is dropped as a duplicate.
   */
  live(message: ChatMessage & { convId: string; seq: Seq }): Verdict {
    if (this.recent.has(message.msgId)) return 'duplicate';
    const seq = BigInt(message.seq);
    let cursor = this.cursors.get(message.convId);
    if (cursor === undefined) {
      cursor = this.open(message.convId, seq - 1n, seq - 1n, false);
    }
    if (seq < cursor.first) {
      if (cursor.fixedStart) return 'duplicate';
      // [first, last] must stay all delivered: it only grows downwards by the entry just below.
      if (seq === cursor.first - 1n) cursor.first = seq;
      this.hand(message);
      return 'delivered';
    }
    if (seq <= cursor.last) return 'duplicate';
    if (seq === cursor.last + 1n) {
      this.advance(cursor, seq, message);
      this.drain(cursor);
      if (cursor.known > cursor.last) void this.fill(cursor);
      return 'delivered';
    }
    if (cursor.held.has(seq)) return 'duplicate';
    if (cursor.held.size < this.maxHeld) cursor.held.set(seq, message);
    this.raise(cursor, seq);
    void this.fill(cursor);
    return 'held';
  }

  /**
   * An entry the application already has (its own send, a pulled message): never delivered, but
   * the conversation moves past it. A jump ahead fills the gap below it.
   */
  seen(convId: string, seq: Seq, msgId: string): void {
    this.recent.add(msgId);
    const cursor = this.cursors.get(convId);
    if (cursor === undefined) return;
    const n = BigInt(seq);
    if (n <= cursor.last) return;
    if (n === cursor.last + 1n) {
      cursor.last = n;
      this.drain(cursor);
    } else {
      this.raise(cursor, n);
    }
    if (cursor.known > cursor.last) void this.fill(cursor);
  }

  /** `convId` has entries up to `maxSeq` (SYNC, RECALL_NOTIFY); with `fill`, fetches what is missing. */
  known(convId: string, maxSeq: Seq, fill = true): void {
    const cursor = this.cursors.get(convId);
    if (cursor === undefined) return;
    this.raise(cursor, BigInt(maxSeq));
    if (fill && cursor.known > cursor.last) void this.fill(cursor);
  }

  /**
   * Starts tracking `convId` after `afterSeq`: every entry above it is to be delivered, and those
   * up to `maxSeq` exist already (the next catchUp() or, with `fill`, this call fetches them),
   * and nothing at or below `afterSeq` is ever delivered. A conversation tracked already is left
   * as it is: what it delivered stays the truth. Returns whether tracking started.
   */
  track(convId: string, afterSeq: Seq, maxSeq: Seq, fill = true): boolean {
    if (this.cursors.has(convId)) return false;
    const after = BigInt(afterSeq);
    const max = BigInt(maxSeq);
    const cursor = this.open(convId, after, max > after ? max : after, true);
    if (fill && cursor.known > cursor.last) void this.fill(cursor);
    return true;
  }

  /**
   * The application itself may have appended to `convId` without learning the seq (a group
   * membership change: its reply names none, and the acting session gets no push of it). One
   * HISTORY after the last delivered seq; unlike a gap, an empty answer is no error.
   */
  refresh(convId: string): void {
    const cursor = this.cursors.get(convId);
    if (cursor === undefined) return;
    cursor.probe = true;
    void this.fill(cursor);
  }

  /** Fills every known gap, one conversation after the other (gentle on the rate limit). */
  async catchUp(): Promise<void> {
    this.cancelRetry();
    for (const cursor of [...this.cursors.values()]) {
      if (!this.deps.canFetch()) return;
      if (cursor.known > cursor.last || cursor.probe) await this.fill(cursor);
    }
  }

  /** Stops a scheduled retry; gaps stay known for the next catchUp(). */
  cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Forgets every conversation (another user logged in). */
  reset(): void {
    this.cancelRetry();
    this.cursors.clear();
  }

  /**
   * HISTORY after `last`, paging while has_more, until everything known is delivered. One loop per
   * conversation at a time; entries arriving meanwhile are held and picked up by the running loop.
   * Live entries may also overtake a page in flight: its entries at or below `last` are dropped.
   */
  private async fill(cursor: Cursor): Promise<void> {
    if (cursor.filling) return;
    cursor.filling = true;
    let probing = false;
    try {
      while ((cursor.known > cursor.last || cursor.probe) && this.cursors.get(cursor.convId) === cursor) {
        if (!this.deps.canFetch()) return;
        probing = cursor.probe;
        cursor.probe = false;
        const after = cursor.last;
        const announced = cursor.known > after;
        const page = await this.deps.fetch(cursor.convId, after.toString(), this.pageLimit);
        let newest = after;
        for (const message of page.messages) {
          if (message.seq !== undefined && BigInt(message.seq) > newest) newest = BigInt(message.seq);
          this.takeFetched(cursor, message);
        }
        this.drain(cursor);
        // Nothing above `after`: wrong only if something was announced before asking. An entry
        // announced while the page was in flight may be newer than the page; the next round asks again.
        if (newest === after && announced && cursor.known > cursor.last) {
          this.giveUp(cursor, new Error(`HISTORY of ${cursor.convId} after ${after} returned nothing up to ${cursor.known}`));
          return;
        }
        // More lies above this page's end, which live entries may have passed already.
        if (page.hasMore) this.raise(cursor, newest + 1n);
      }
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const lostConnection = error instanceof ImError && (error.kind === 'disconnected' || error.kind === 'closed');
      if (!lostConnection && !isTransient(error)) {
        this.giveUp(cursor, error);
        return;
      }
      // A probe that did not get its answer is still owed: the next catchUp() makes it.
      if (probing) cursor.probe = true;
      if (!lostConnection) {
        this.retryTimer ??= setTimeout(() => {
          this.retryTimer = null;
          void this.catchUp();
        }, this.rateLimitedRetryMs);
      }
    } finally {
      cursor.filling = false;
    }
  }

  /** Fetched entries are ascending; anything at or below `last` is already delivered. */
  private takeFetched(cursor: Cursor, message: ChatMessage): void {
    if (message.seq === undefined) return;
    const seq = BigInt(message.seq);
    if (seq <= cursor.last) return;
    this.advance(cursor, seq, message);
  }

  /** Hands over held entries that now fit, and forgets held ones that were fetched meanwhile. */
  private drain(cursor: Cursor): void {
    if (cursor.held.size === 0) return;
    for (let next = cursor.held.get(cursor.last + 1n); next !== undefined; next = cursor.held.get(cursor.last + 1n)) {
      this.advance(cursor, cursor.last + 1n, next);
    }
    for (const seq of cursor.held.keys()) if (seq <= cursor.last) cursor.held.delete(seq);
  }

  /**
   * The gap cannot be filled: reports why, hands over what is held (in seq order) and moves on.
   * The skipped entries stay readable with history().
   */
  private giveUp(cursor: Cursor, err: Error): void {
    this.deps.onError(err);
    for (const seq of [...cursor.held.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      this.advance(cursor, seq, cursor.held.get(seq)!);
    }
    cursor.known = cursor.last;
  }

  private advance(cursor: Cursor, seq: bigint, message: ChatMessage): void {
    cursor.last = seq;
    cursor.held.delete(seq);
    this.hand(message);
  }

  /** Delivers unless the msg_id was seen (a duplicate, or the application's own send). */
  private hand(message: ChatMessage): void {
    if (this.recent.add(message.msgId)) this.deps.deliver(message);
  }

  private open(convId: string, last: bigint, known: bigint, fixedStart: boolean): Cursor {
    const cursor: Cursor = { convId, first: last + 1n, last, known, held: new Map(), filling: false, probe: false, fixedStart };
    this.cursors.set(convId, cursor);
    return cursor;
  }

  private raise(cursor: Cursor, seq: bigint): void {
    if (seq > cursor.known) cursor.known = seq;
  }
}
