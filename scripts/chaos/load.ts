// Steady load through the balancer: senders send at a fixed total rate, each message under its
// own client_msg_id, and resend a message that was not acked (refused, timed out, cut off) with
// the same client_msg_id until it is. The SDK already rewrites sends in flight after a reconnect
// (same client_msg_id); what it gives up on, it reports, and the sender here tries again.
// Receivers log in once and stay, reconnecting through the SDK; they record every message the SDK
// emitted, by msg_id.
import { signToken } from '../../src/auth/jwt.js';
import { ImClient } from '../../src/client/im-client.js';
import { ImError } from '../../src/client/im-error.js';
import { ErrorCode, type ChatMessage } from '../../src/protocol/messages.js';
import { sleep } from '../../test/cluster/support/cluster.js';
import { CHAOS_SECRET } from './nodes.js';

/** User ids above 2^53, as in production. */
const BASE_USER = 1n << 60n;

export interface SendRecord {
  readonly sender: string;
  readonly receiver: string;
  readonly clientMsgId: string;
  readonly firstAt: number;
  ackedAt: number | null;
  /** Every msg_id an ack named for this client_msg_id: exactly one when all is well. */
  readonly msgIds: Set<string>;
  attempts: number;
}

export interface Delivery {
  readonly clientMsgId: string;
  readonly fromUserId: string;
  /** How often the SDK emitted it (it drops pushes of a msg_id it has seen). */
  times: number;
}

export interface LoadOptions {
  url: string;
  /** Senders and receivers together; half of each. */
  users: number;
  /** Messages per second, all senders together. */
  rate: number;
  /** Prefix of every client_msg_id, unique per run. */
  runId: string;
}

/**
 * One user's connection. The SDK gives up for good when a reconnect's login is refused by the
 * server (it takes that for a bad token), which a backend outage also causes (UNAVAILABLE); an
 * application logs in again then, and so does this.
 */
class Device {
  readonly client: ImClient;
  /** Logins after the SDK had given up. */
  revivals = 0;
  private reviving: Promise<void> | null = null;

  constructor(readonly userId: string, url: string, onMessage: ((m: ChatMessage) => void) | null, private readonly deadline: () => number) {
    this.client = new ImClient({
      url,
      token: () => signToken({ userId, secret: CHAOS_SECRET, ttlSeconds: 3600 }),
      deviceId: 'chaos',
      requestTimeoutMs: 5000,
      backoff: { initialMs: 200, maxMs: 2000 },
    });
    this.client.on('error', (err) => {
      if (err instanceof ImError && err.kind === 'server') void this.revive();
    });
    if (onMessage !== null) this.client.on('message', onMessage);
  }

  /** Logs in, retrying until the deadline. */
  async connect(): Promise<void> {
    for (;;) {
      try {
        await this.client.connect();
        return;
      } catch (err) {
        if (Date.now() > this.deadline()) throw new Error(`user ${this.userId} could not log in: ${(err as Error).message}`);
        await sleep(500);
      }
    }
  }

  /** Logs in again if the SDK has given up; a client still connected or reconnecting refuses connect(). */
  revive(): Promise<void> {
    this.reviving ??= (async () => {
      await sleep(500);
      try {
        await this.client.connect();
        this.revivals++;
      } catch (err) {
        if (err instanceof ImError) await this.connect().then(() => this.revivals++, () => undefined);
      } finally {
        this.reviving = null;
      }
    })();
    return this.reviving;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

export class Load {
  readonly records: SendRecord[] = [];
  /** receiver → msg_id → what it got. */
  readonly delivered = new Map<string, Map<string, Delivery>>();
  /** Why sends were refused, with counts ("UNAVAILABLE", "timeout", …): resent each time. */
  readonly refusals = new Map<string, number>();
  private readonly senders: Device[];
  private readonly receivers: Device[];
  private readonly inFlight = new Set<Promise<void>>();
  private resendUntil = Infinity;

  constructor(private readonly options: LoadOptions) {
    const pairs = Math.max(1, Math.floor(options.users / 2));
    const deadline = () => this.resendUntil;
    this.senders = Array.from({ length: pairs }, (_, i) => new Device(String(BASE_USER + BigInt(i)), options.url, null, deadline));
    this.receivers = Array.from({ length: pairs }, (_, i) => {
      const userId = String(BASE_USER + 100_000n + BigInt(i));
      const got = new Map<string, Delivery>();
      this.delivered.set(userId, got);
      return new Device(userId, options.url, (m) => {
        const seen = got.get(m.msgId);
        if (seen) seen.times++;
        else got.set(m.msgId, { clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, times: 1 });
      }, deadline);
    });
  }

  /** Receivers first, so that nothing waits offline that a login would push at once. */
  async connect(): Promise<void> {
    this.resendUntil = Date.now() + 30_000;
    await Promise.all(this.receivers.map((r) => r.connect()));
    await Promise.all(this.senders.map((s) => s.connect()));
    this.resendUntil = Infinity;
  }

  /** Logins after the SDK had given up, all users together. */
  get revivals(): number {
    return [...this.senders, ...this.receivers].reduce((n, d) => n + d.revivals, 0);
  }

  /** Sends for `ms` at the configured rate, round robin over the senders. */
  async run(ms: number): Promise<void> {
    const start = Date.now();
    let issued = 0;
    while (Date.now() < start + ms) {
      const due = Math.floor(((Date.now() - start) / 1000) * this.options.rate);
      for (; issued < due; issued++) this.issue(issued);
      await sleep(20);
    }
  }

  /** Waits until every message was acked, resending until `deadline`; what is left stays unacked. */
  async settle(deadline: number): Promise<void> {
    this.resendUntil = deadline;
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
  }

  /** Pages through PULL_OFFLINE for every receiver still missing an acked message; how many pulled. */
  async sweep(): Promise<number> {
    let pulled = 0;
    await Promise.all(this.receivers.map(async (r) => {
      const got = this.delivered.get(r.userId)!;
      const owed = this.records.filter((rec) => rec.receiver === r.userId && rec.ackedAt !== null);
      if (owed.every((rec) => [...rec.msgIds].some((id) => got.has(id)))) return;
      let after = '0';
      for (;;) {
        const page = await r.client.pullOffline({ limit: 200, afterMsgId: after });
        for (const m of page.messages) {
          if (!got.has(m.msgId)) got.set(m.msgId, { clientMsgId: m.clientMsgId, fromUserId: m.fromUserId, times: 1 });
          pulled++;
        }
        if (!page.hasMore || page.messages.length === 0) return;
        after = page.messages.at(-1)!.msgId;
      }
    }));
    return pulled;
  }

  async close(): Promise<void> {
    await Promise.all([...this.senders, ...this.receivers].map((d) => d.close()));
  }

  private issue(n: number): void {
    const sender = this.senders[n % this.senders.length]!;
    const receiver = this.receivers[n % this.receivers.length]!;
    const record: SendRecord = {
      sender: sender.userId,
      receiver: receiver.userId,
      clientMsgId: `${this.options.runId}-${n}`,
      firstAt: Date.now(),
      ackedAt: null,
      msgIds: new Set(),
      attempts: 0,
    };
    this.records.push(record);
    const done = this.deliver(sender, record).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  private async deliver(sender: Device, record: SendRecord): Promise<void> {
    let backoffMs = 250;
    for (;;) {
      record.attempts++;
      try {
        const ack = await sender.client.send(record.receiver, `chaos ${record.clientMsgId}`, { clientMsgId: record.clientMsgId });
        record.msgIds.add(ack.msgId);
        record.ackedAt = Date.now();
        return;
      } catch (err) {
        const why = reason(err);
        this.refusals.set(why, (this.refusals.get(why) ?? 0) + 1);
        if (Date.now() + backoffMs > this.resendUntil) return;
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 2000);
        if (err instanceof ImError && err.kind === 'closed') await sender.revive();
      }
    }
  }
}

function reason(err: unknown): string {
  if (!(err instanceof ImError)) return (err as Error).message;
  return err.kind === 'server' && err.code !== undefined ? ErrorCode[err.code] ?? `code ${err.code}` : err.kind;
}
