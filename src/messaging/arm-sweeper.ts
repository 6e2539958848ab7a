import type { Logger } from '../log/logger.js';
import { snowflakeAt } from '../ids/snowflake.js';
import type { Id } from '../protocol/messages.js';
import type { MessageRows, StoredMessage } from '../storage/message-store.js';
import type { Delivery } from './delivery.js';
import type { OfflineInbox } from './offline-inbox.js';

export interface ArmSweepOptions {
  /** A pending message is checked once it is this old, ms: by then its send has armed it or failed. */
  delayMs: number;
  /** How often, and so how large a slice of time each round looks at, ms. */
  intervalMs: number;
}

const PAGE = 500;
const STARTUP_SLICES = 10;

/**
 * Finds committed messages whose delivery was never armed (the send's Redis step failed after the
 * commit, and the client never resent) and arms them, so they reach their receiver without
 * waiting for the offline list to be rebuilt. Each round looks at the pending messages minted in
 * the slice of time just older than `delayMs` (snowflake ids are time-ordered, so that is a range
 * of msg_id), and arms those their receiver's offline list lacks. Arming is idempotent (the list
 * holds an id once, the retry queue an entry once), so every node may sweep: a message is armed
 * at most `delayMs + intervalMs` after its commit, once.
 */
export class ArmSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Everything up to this msg id has been looked at. */
  private sweptThrough: string | null = null;

  constructor(
    private readonly store: Pick<MessageRows, 'listPendingBetween'>,
    private readonly inbox: Pick<OfflineInbox, 'unlisted'>,
    private readonly delivery: Pick<Delivery, 'arm'>,
    private readonly options: ArmSweepOptions,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round; returns how many messages it armed. Never rejects. */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const through = snowflakeAt(this.now() - this.options.delayMs);
      // After a start, a few slices back: what was committed while this node was down.
      let after = this.sweptThrough ?? snowflakeAt(this.now() - this.options.delayMs - STARTUP_SLICES * this.options.intervalMs);
      let armed = 0;
      for (;;) {
        const page = await this.store.listPendingBetween(after, through, PAGE);
        armed += await this.armUnlisted(page);
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.msgId;
      }
      this.sweptThrough = through;
      if (armed > 0) this.logger.warn('armed committed messages whose delivery had not been armed', { armed });
      return armed;
    } catch (err) {
      // The same slice is looked at again next round.
      this.logger.warn('arm sweep failed; next round retries', { err: (err as Error).message });
      return 0;
    } finally {
      this.running = false;
    }
  }

  private async armUnlisted(page: StoredMessage[]): Promise<number> {
    const byUser = new Map<Id, StoredMessage[]>();
    for (const m of page) byUser.set(m.toUserId, [...(byUser.get(m.toUserId) ?? []), m]);
    let armed = 0;
    for (const [userId, messages] of byUser) {
      const missing = new Set(await this.inbox.unlisted(userId, messages.map((m) => m.msgId)));
      for (const m of messages) {
        if (!missing.has(m.msgId)) continue;
        await this.delivery.arm(m);
        armed += 1;
      }
    }
    return armed;
  }
}
