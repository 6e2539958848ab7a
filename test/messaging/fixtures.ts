// Shared fakes for the delivery-part tests (offline inbox, retry scanner, delivery, login
// replay): message rows over Maps, a counting metric, and the inbox + retry scanner pair that
// arms messages without pushing them.
import { expect } from 'chai';
import { compareIds } from '../../src/ids/id.js';
import { MsgFormat, type Id } from '../../src/protocol/messages.js';
import { silentLogger } from '../../src/log/logger.js';
import type { LivePush } from '../../src/messaging/live-push.js';
import { OfflineInbox, type InboxStore } from '../../src/messaging/offline-inbox.js';
import { RetryScanner } from '../../src/messaging/retry-scanner.js';
import type { Metrics } from '../../src/ops/metrics.js';
import { MsgStatus, type RecallNotice, type RecallNotices, type StoredMessage } from '../../src/storage/message-store.js';
import type { OfflineQueue } from '../../src/storage/offline-queue.js';
import type { RetryQueue } from '../../src/storage/retry-queue.js';
import { fake } from '../support/fakes.js';

export const T0 = 1_700_000_000_000;
export const TTL = 3_600_000;
export const BACKOFF = 1000;

/**
 * A PENDING text message row; `over` must name the sender, the receiver and the create time,
 * and wins over every default (chat and conversation ids follow from sender and receiver).
 */
export function pendingRow(
  msgId: Id, over: Partial<StoredMessage> & Pick<StoredMessage, 'fromUserId' | 'toUserId' | 'createTime'>,
): StoredMessage {
  const { fromUserId, toUserId } = over;
  return {
    msgId, clientMsgId: `c-${msgId}`, content: `m ${msgId}`, format: MsgFormat.TEXT,
    chatId: `${fromUserId}_${toUserId}`, status: MsgStatus.PENDING, convId: `c_${fromUserId}_${toUserId}`,
    seq: '1', recalledMsgId: '0', ...over,
  };
}

/** The MessageRows subset the inbox and the retry scanner use, plus the recall notices, over Maps. */
export class FakeRows implements InboxStore, RecallNotices {
  readonly rows = new Map<Id, StoredMessage>();
  readonly notices = new Map<Id, RecallNotice[]>();
  readonly deleted: Array<{ userId: Id; msgIds: Id[] }> = [];
  readonly findPendingCalls: Id[][] = [];
  readonly listPendingAfters: Id[] = [];
  /** markDropped calls: each is a write transaction in the SQL store. */
  markDroppedCalls = 0;

  add(...messages: StoredMessage[]): void {
    for (const m of messages) this.rows.set(m.msgId, { ...m });
  }

  status(msgId: Id): MsgStatus | undefined {
    return this.rows.get(msgId)?.status;
  }

  /** How many times a message was read (findPending or listPending). */
  get storeReads(): number {
    return this.findPendingCalls.length + this.listPendingAfters.length;
  }

  async findPending(msgIds: Id[]): Promise<StoredMessage[]> {
    this.findPendingCalls.push([...msgIds]);
    // "Any order": reversed, so a caller relying on the store's order is caught.
    return msgIds.flatMap((msgId) => {
      const m = this.rows.get(msgId);
      return m?.status === MsgStatus.PENDING ? [{ ...m }] : [];
    }).reverse();
  }

  async listPending(toUserId: Id, afterMsgId: Id, limit: number): Promise<StoredMessage[]> {
    this.listPendingAfters.push(afterMsgId);
    return [...this.rows.values()]
      .filter((m) => m.status === MsgStatus.PENDING && m.toUserId === toUserId
        && BigInt(m.msgId) > BigInt(afterMsgId))
      .sort((x, y) => compareIds(x.msgId, y.msgId))
      .slice(0, limit)
      .map((m) => ({ ...m }));
  }

  async markDropped(toUserId: Id, msgIds: Id[]): Promise<Id[]> {
    this.markDroppedCalls++;
    return msgIds.filter((msgId) => {
      const m = this.rows.get(msgId);
      if (m?.status !== MsgStatus.PENDING || m.toUserId !== toUserId) return false;
      m.status = MsgStatus.DROPPED;
      return true;
    });
  }

  async listRecallNotices(userId: Id): Promise<RecallNotice[]> {
    return (this.notices.get(userId) ?? []).map((n) => ({ ...n }));
  }

  async deleteRecallNotices(userId: Id, msgIds: Id[]): Promise<void> {
    this.deleted.push({ userId, msgIds: [...msgIds] });
    this.notices.set(userId, (this.notices.get(userId) ?? []).filter((n) => !msgIds.includes(n.msgId)));
  }
}

type CounterName = 'pushes' | 'offlineDropped';

/**
 * Metrics with only the counter `name` (any other metric used fails loudly), recording each
 * inc as `{ [label]: the label's value, n }`.
 */
export function countingMetrics<L extends string>(name: CounterName, label: L) {
  const counted: Array<Record<L, string> & { n: number }> = [];
  const metrics = fake<Metrics>({
    [name]: fake<Metrics[CounterName]>({
      inc: (labels?: unknown, n?: number) => {
        counted.push({ [label]: (labels as Record<L, string>)[label], n: n ?? 1 } as Record<L, string> & { n: number });
      },
    }),
  });
  /** The sum of n over the incs labelled `value`. */
  const sum = (value: string) => counted.filter((c) => c[label] === value).reduce((total, c) => total + c.n, 0);
  return { metrics, counted, sum };
}

/**
 * The inbox and retry scanner that arm messages, with the clock stopped at T0, logging
 * nothing and pushing nothing; `scheduled()` returns the retry entries (sorted
 * [toUserId, msgId]), due exactly BACKOFF after T0 and not before, and consumes them.
 */
export function armingParts(rows: FakeRows, list: OfflineQueue, queue: RetryQueue) {
  const inbox = new OfflineInbox(rows, list, { capPerUser: 100, ttlMs: TTL }, silentLogger(), fake<Metrics>({}), () => T0);
  const retry = new RetryScanner(rows, queue, fake<LivePush>({}), {
    initialBackoffMs: BACKOFF, maxAttempts: 3, leaseMs: 30_000, batchSize: 100, tickMs: 1000,
  }, silentLogger(), () => T0);
  const scheduled = async () => {
    expect(await queue.claimDue(T0 + BACKOFF - 1, 1000, 0), 'nothing due before initialBackoffMs').to.deep.equal([]);
    return (await queue.claimDue(T0 + BACKOFF, 1000, 0)).map((e) => [e.toUserId, e.msgId]).sort();
  };
  return { inbox, retry, scheduled };
}
