// RetryScanner: re-pushes of unacked messages from the shared retry queue, with exponential
// backoff, until acked, out of attempts, or nobody is reached; the scan loop and its timer.
import { expect } from 'chai';
import { Cmd, type Bodies, type Id, type KnownCmd } from '../../src/protocol/messages.js';
import type { Fanout } from '../../src/messaging/fanout.js';
import { LivePush } from '../../src/messaging/live-push.js';
import { RetryScanner, type RetryOptions } from '../../src/messaging/retry-scanner.js';
import { MsgStatus, type StoredMessage } from '../../src/storage/message-store.js';
import { MemoryRetryQueue } from '../../src/storage/retry-queue-memory.js';
import type { RetryEntry } from '../../src/storage/retry-queue.js';
import { capturingLogger } from '../log/capture.js';
import { deferred, tick } from '../support/fakes.js';
import { countingMetrics, FakeRows, pendingRow, T0 } from './fixtures.js';

const RECEIVER = '18446744073709551615';
const OTHER = '9223372036854775808';
const SENDER = '9223372036854775809';

const M1 = '9007199254740993';
const M2 = '1000000000000000000';
const M3 = '9223372036854775807';
const M4 = '9007199254740992';
const M5 = '4611686018427387905';

const OPTIONS: RetryOptions = { initialBackoffMs: 1000, maxAttempts: 3, leaseMs: 30_000, batchSize: 10, tickMs: 5 };

function row(msgId: Id, over: Partial<StoredMessage> = {}): StoredMessage {
  return pendingRow(msgId, { fromUserId: SENDER, toUserId: RECEIVER, createTime: T0 - 1000, ...over });
}

/** The memory queue (same contract as Redis), recording each claim and able to fail one. */
class RecordingQueue extends MemoryRetryQueue {
  readonly claims: Array<{ now: number; limit: number; leaseMs: number; got: RetryEntry[] }> = [];
  failClaims: Error | null = null;

  override async claimDue(now: number, limit: number, leaseMs: number): Promise<RetryEntry[]> {
    if (this.failClaims !== null) throw this.failClaims;
    const got = await super.claimDue(now, limit, leaseMs);
    this.claims.push({ now, limit, leaseMs, got });
    return got;
  }
}

const scanners: RetryScanner[] = [];

function setup(options: Partial<RetryOptions> = {}, reach: (userId: Id, msgId: Id) => Promise<number> = async () => 1) {
  let now = T0;
  const rows = new FakeRows();
  const queue = new RecordingQueue();
  const delivered: Array<{ userId: Id; cmd: KnownCmd; msgId: Id }> = [];
  const fanout: Fanout = {
    deliver: <C extends KnownCmd>(userId: Id, cmd: C, body: Bodies[C]) => {
      const msgId = (body as Bodies[typeof Cmd.C2C_PUSH]).message.msgId;
      delivered.push({ userId, cmd, msgId });
      return reach(userId, msgId);
    },
  };
  const { metrics, counted } = countingMetrics('pushes', 'kind');
  const { logger, lines } = capturingLogger();
  const scanner = new RetryScanner(rows, queue, new LivePush(fanout, logger, metrics), { ...OPTIONS, ...options }, logger, () => now);
  scanners.push(scanner);
  return { scanner, rows, queue, delivered, counted, lines, at: (t: number) => { now = t; } };
}

describe('messaging/retry-scanner', () => {
  afterEach(() => {
    for (const s of scanners.splice(0)) s.stop();
  });

  it('a scheduled entry is due initialBackoffMs after scheduling, not before', async () => {
    const { scanner, rows, delivered, counted, at } = setup();
    rows.add(row(M1));
    at(T0 + 500);
    await scanner.schedule(RECEIVER, [M1]);
    at(T0 + 1499);
    expect(await scanner.round()).to.equal(0);
    expect(delivered).to.deep.equal([]);
    at(T0 + 1500);
    expect(await scanner.round()).to.equal(1);
    expect(delivered).to.deep.equal([{ userId: RECEIVER, cmd: Cmd.C2C_PUSH, msgId: M1 }]);
    expect(counted).to.deep.equal([{ kind: 'retry', n: 1 }]);
  });

  it('schedule takes every id given', async () => {
    const { scanner, rows, queue, delivered, at } = setup();
    rows.add(row(M1), row(M2), row(M3));
    await scanner.schedule(RECEIVER, [M1, M2, M3]);
    expect(await queue.size()).to.equal(3);
    at(T0 + 1000);
    await scanner.round();
    expect(delivered.map((d) => d.msgId).sort()).to.deep.equal([M1, M2, M3].sort());
  });

  it('re-pushes a pending entry and reschedules it at now + initialBackoffMs * 2^attempt, maxAttempts times', async () => {
    const { scanner, rows, queue, delivered, at } = setup();
    rows.add(row(M1));
    await scanner.schedule(RECEIVER, [M1]);
    at(T0 + 999);
    expect(await scanner.round(), 'attempt 1 not due yet').to.equal(0);
    // Each due time is counted from the claim, not from the previous due time: the 1st claim is late.
    const claims = [T0 + 1500, T0 + 1500 + 2000, T0 + 3500 + 4000];
    for (const [i, t] of claims.entries()) {
      if (i > 0) {
        at(t - 1);
        expect(await scanner.round(), `attempt ${i + 1} not due yet`).to.equal(0);
      }
      at(t);
      expect(await scanner.round(), `attempt ${i + 1} due`).to.equal(1);
      expect(delivered, `attempt ${i + 1} re-pushed`).to.have.length(i + 1);
    }
    // Attempt 3 was rescheduled at + 1000 * 2^3.
    at(T0 + 7500 + 8000 - 1);
    expect(await scanner.round()).to.equal(0);
    at(T0 + 7500 + 8000);
    expect(await scanner.round(), 'attempt 4 is claimed').to.equal(1);
    expect(delivered, 'but not pushed: past maxAttempts').to.have.length(3);
    expect(await queue.size(), 'and removed').to.equal(0);
    expect(queue.claims.filter((c) => c.got.length > 0).map((c) => c.got), 'the claims').to.deep.equal(
      [1, 2, 3, 4].map((attempt) => [{ toUserId: RECEIVER, msgId: M1, attempt }]));
  });

  it('claims with batchSize and leaseMs', async () => {
    const { scanner, queue, at } = setup({ batchSize: 7, leaseMs: 12_345 });
    at(T0 + 42);
    await scanner.round();
    expect(queue.claims.map(({ now, limit, leaseMs }) => ({ now, limit, leaseMs }))).to.deep.equal([{ now: T0 + 42, limit: 7, leaseMs: 12_345 }]);
  });

  for (const [why, over] of [
    ['acked (DELIVERED)', { status: MsgStatus.DELIVERED }],
    ['recalled', { status: MsgStatus.RECALLED }],
    ['dropped from offline delivery', { status: MsgStatus.DROPPED }],
  ] as const) {
    it(`removes without a push an entry whose message was ${why}`, async () => {
      const { scanner, rows, queue, delivered, at } = setup();
      rows.add(row(M1, over), row(M2));
      await scanner.schedule(RECEIVER, [M1, M2]);
      at(T0 + 1000);
      expect(await scanner.round()).to.equal(2);
      expect(delivered.map((d) => d.msgId)).to.deep.equal([M2]);
      expect(await queue.size(), 'only the pending one is left').to.equal(1);
    });
  }

  it('removes without a push an entry whose message is not in the store', async () => {
    const { scanner, queue, delivered, at } = setup();
    await scanner.schedule(RECEIVER, [M1]);
    at(T0 + 1000);
    expect(await scanner.round()).to.equal(1);
    expect(delivered).to.deep.equal([]);
    expect(await queue.size()).to.equal(0);
  });

  it('removes without a push an entry for another user than the message\'s receiver', async () => {
    const { scanner, rows, queue, delivered, at } = setup();
    rows.add(row(M1));
    await scanner.schedule(OTHER, [M1]);
    await scanner.schedule(RECEIVER, [M1]);
    at(T0 + 1000);
    expect(await scanner.round()).to.equal(2);
    expect(delivered).to.deep.equal([{ userId: RECEIVER, cmd: Cmd.C2C_PUSH, msgId: M1 }]);
    expect(await queue.size()).to.equal(1);
    at(T0 + 3000);
    await scanner.round();
    expect(queue.claims.at(-1)!.got, 'the receiver\'s entry is the one kept').to.deep.equal(
      [{ toUserId: RECEIVER, msgId: M1, attempt: 2 }]);
  });

  it('removes an entry whose push reached nobody; one that reached someone stays', async () => {
    const { scanner, rows, queue, delivered, counted, at } = setup({}, async (userId) => (userId === OTHER ? 0 : 1));
    rows.add(row(M1), row(M2, { toUserId: OTHER }));
    await scanner.schedule(RECEIVER, [M1]);
    await scanner.schedule(OTHER, [M2]);
    at(T0 + 1000);
    expect(await scanner.round()).to.equal(2);
    expect(delivered.map((d) => d.msgId).sort()).to.deep.equal([M1, M2].sort());
    expect(await queue.size()).to.equal(1);
    expect(counted, 'nobody reached is not a push').to.deep.equal([{ kind: 'retry', n: 1 }]);
    at(T0 + 3000);
    expect(await scanner.round()).to.equal(1);
    expect(delivered.map((d) => d.msgId).slice(2)).to.deep.equal([M1]);
  });

  it('round returns the number of entries claimed, whatever became of them', async () => {
    const { scanner, rows, delivered, at } = setup({ batchSize: 2 });
    rows.add(row(M1), row(M2, { status: MsgStatus.DELIVERED }), row(M3));
    await scanner.schedule(RECEIVER, [M1, M2, M3]);
    at(T0 + 1000);
    expect([await scanner.round(), await scanner.round(), await scanner.round()]).to.deep.equal([2, 1, 0]);
    expect(delivered.map((d) => d.msgId).sort()).to.deep.equal([M1, M3].sort());
  });

  describe('scan', () => {
    it('rounds while a full batch came back and stops after a short one', async () => {
      const { scanner, rows, queue, delivered, at } = setup({ batchSize: 2 });
      const all = [M1, M2, M3, M4, M5];
      rows.add(...all.map((m) => row(m)));
      await scanner.schedule(RECEIVER, all);
      at(T0 + 1000);
      await scanner.scan();
      expect(queue.claims.map((c) => c.got.length)).to.deep.equal([2, 2, 1]);
      expect(delivered.map((d) => d.msgId).sort()).to.deep.equal([...all].sort());
    });

    it('after a last full batch, stops on the empty round', async () => {
      const { scanner, rows, queue, at } = setup({ batchSize: 2 });
      rows.add(row(M1), row(M2), row(M3), row(M4));
      await scanner.schedule(RECEIVER, [M1, M2, M3, M4]);
      at(T0 + 1000);
      await scanner.scan();
      expect(queue.claims.map((c) => c.got.length)).to.deep.equal([2, 2, 0]);
    });

    it('a scan called while one runs does nothing; once it ended, the next one runs', async () => {
      const gate = deferred<number>();
      const { scanner, rows, queue, at } = setup({}, () => gate.promise);
      rows.add(row(M1), row(M2));
      await scanner.schedule(RECEIVER, [M1]);
      at(T0 + 1000);
      let firstDone = false;
      const first = scanner.scan().then(() => { firstDone = true; });
      await tick();
      await scanner.scan();
      expect(firstDone, 'the first scan is still waiting for its push').to.equal(false);
      expect(queue.claims, 'the second claimed nothing').to.have.length(1);
      gate.resolve(1);
      await first;

      await scanner.schedule(RECEIVER, [M2]);
      at(T0 + 2000);
      await scanner.scan();
      expect(queue.claims.map((c) => c.got.map((e) => e.msgId))).to.deep.equal([[M1], [M2]]);
    });

    it('a failing queue is logged and does not reject; the next scan runs again', async () => {
      const { scanner, rows, queue, delivered, lines, at } = setup();
      rows.add(row(M1));
      await scanner.schedule(RECEIVER, [M1]);
      at(T0 + 1000);
      queue.failClaims = new Error('redis down');
      await scanner.scan();
      expect(lines.filter((l) => l.level === 'warn').map((l) => [l.message, l.meta])).to.deep.equal([
        ['retry scan failed; next tick retries', { err: 'redis down' }],
      ]);
      queue.failClaims = null;
      await scanner.scan();
      expect(delivered.map((d) => d.msgId)).to.deep.equal([M1]);
    });

    it('a failing push is logged; its entry stays leased and is claimed again after leaseMs', async () => {
      let fail = true;
      const { scanner, rows, queue, delivered, lines, at } = setup({}, async () => {
        if (fail) throw new Error('presence down');
        return 1;
      });
      rows.add(row(M1));
      await scanner.schedule(RECEIVER, [M1]);
      at(T0 + 1000);
      await scanner.scan();
      expect(lines.filter((l) => l.level === 'warn').map((l) => l.meta.err)).to.deep.equal(['presence down']);
      expect(await queue.size()).to.equal(1);
      fail = false;
      at(T0 + 1000 + 30_000 - 1);
      expect(await scanner.round()).to.equal(0);
      at(T0 + 1000 + 30_000);
      expect(await scanner.round()).to.equal(1);
      expect(delivered).to.have.length(2);
    });
  });

  describe('start/stop', () => {
    async function until(what: string, condition: () => boolean): Promise<void> {
      for (let i = 0; i < 200 && !condition(); i++) await tick(5);
      if (!condition()) throw new Error(`timed out waiting until ${what}`);
    }

    it('start scans every tickMs; stop clears the timer', async () => {
      const { scanner, rows, queue, delivered, at } = setup({ tickMs: 5 });
      rows.add(row(M1));
      scanner.start();
      await until('two ticks scanned', () => queue.claims.length >= 2);
      await scanner.schedule(RECEIVER, [M1]);
      at(T0 + 1000);
      await until('the due entry is pushed', () => delivered.length === 1);
      scanner.stop();
      await tick(10);
      const claims = queue.claims.length;
      await tick(40);
      expect(queue.claims.length, 'no scan after stop').to.equal(claims);
    });

    it('start twice keeps one timer, which stop ends', async () => {
      const { scanner, queue } = setup({ tickMs: 5 });
      scanner.start();
      scanner.start();
      scanner.stop();
      await tick(40);
      expect(queue.claims).to.deep.equal([]);
    });

    it('stop before start is harmless, and start after stop scans again', async () => {
      const { scanner, queue } = setup({ tickMs: 5 });
      scanner.stop();
      scanner.start();
      scanner.stop();
      scanner.start();
      await until('a tick scanned', () => queue.claims.length >= 1);
      scanner.stop();
    });
  });
});
