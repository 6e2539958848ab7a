// Test helpers for a real RocketMQ 5 (gRPC proxy), e.g. the one from scripts/rocketmq-local.sh.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { SimpleConsumer, type MessageView } from 'rocketmq-client-nodejs';

/** gRPC proxy endpoint: env IM_TEST_ROCKETMQ_ENDPOINT, default 127.0.0.1:8081. */
/** The topic test suites publish to (created by scripts/rocketmq-local.sh), never the gateway's default. */
export const TEST_TOPIC = process.env.IM_TEST_ROCKETMQ_TOPIC || 'im-c2c-test-topic';

export function rocketmqEndpoint(): string {
  return process.env.IM_TEST_ROCKETMQ_ENDPOINT || '127.0.0.1:8081';
}

function hostPort(endpoint: string): { host: string; port: number } {
  const first = endpoint.split(';')[0]!.trim();
  const i = first.lastIndexOf(':');
  if (i < 0) return { host: first, port: 8081 };
  return { host: first.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(first.slice(i + 1)) };
}

/** True if a TCP connection to the endpoint succeeds within timeoutMs. Never rejects. */
export function rocketmqAvailable(endpoint = rocketmqEndpoint(), timeoutMs = 1000): Promise<boolean> {
  const { host, port } = hostPort(endpoint);
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/**
 * Mocha guard for a `before`/`it`: if RocketMQ is not reachable, fail when IM_REQUIRE_SERVICES=1,
 * otherwise skip the suite/test with a message.
 */
export async function requireRocketMqOrSkip(ctx: Mocha.Context): Promise<void> {
  const endpoint = rocketmqEndpoint();
  if (await rocketmqAvailable(endpoint)) return;
  const msg =
    `RocketMQ gRPC proxy not reachable at ${endpoint} ` +
    `(start it with scripts/rocketmq-local.sh start, or set IM_TEST_ROCKETMQ_ENDPOINT)`;
  if (process.env.IM_REQUIRE_SERVICES === '1') throw new Error(`IM_REQUIRE_SERVICES=1 but ${msg}`);
  console.warn(`  [skip] ${msg}`);
  ctx.skip();
}

/** Logger for the client library: silent unless IM_TEST_ROCKETMQ_DEBUG=1 (its default writes to ~/logs). */
export function testClientLogger(prefix = 'rocketmq') {
  const on = process.env.IM_TEST_ROCKETMQ_DEBUG === '1';
  const out =
    (level: string) =>
    (...args: unknown[]): void => {
      if (on) console.error(`[${prefix}:${level}] ${format(...args)}`);
    };
  return { info: out('info'), warn: out('warn'), error: out('error'), debug: out('debug') };
}

/**
 * Consumer groups for collectors. RocketMQ 5.5's gRPC proxy refuses consumers of groups that do not
 * exist, so collectors take one from the pool scripts/rocketmq-local.sh creates at start
 * (`${GROUP_PREFIX}0` .. `${GROUP_PREFIX}${size - 1}`, its TEST_GROUPS, default 32; a different
 * size here: env IM_TEST_ROCKETMQ_GROUPS).
 *
 * Consumers of one group share its messages, so a group must never serve two collectors at once,
 * neither in one process nor across processes (the chaos harness's collector runs in the chaos
 * script's process while a test process may collect too). A slot is therefore taken with a lock
 * file created exclusively (O_EXCL) in the OS temp folder, holding the taker's pid; the lowest free
 * slot is taken, a lock whose pid is dead is stale and taken over, and the lock is removed on close
 * (and at process exit). Lowest-free-first keeps reusing the same few groups: a reused group starts
 * where its last collector stopped, so it first reads (and acks, unfiltered by key) what was published
 * to the topic since; for slot 0 that is the few messages between two collectors, not days of
 * backlog, and a drained backlog of thousands takes about a second.
 */
const GROUP_PREFIX = 'im-test-collector-';
function groupPoolSize(): number {
  const n = Number(process.env.IM_TEST_ROCKETMQ_GROUPS || 32);
  return Number.isInteger(n) && n > 0 ? n : 32;
}
const heldLocks = new Set<string>();
process.once('exit', () => {
  for (const f of heldLocks) {
    try {
      fs.unlinkSync(f);
    } catch {
      /* already gone */
    }
  }
});

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lowest free pool slot for this endpoint; returns the group and the lock file to release. */
function takeGroup(endpoint: string): { group: string; lock: string } {
  const dir = path.join(os.tmpdir(), 'im-connect-rocketmq-groups', endpoint.replace(/[^A-Za-z0-9.-]/g, '_'));
  fs.mkdirSync(dir, { recursive: true });
  const size = groupPoolSize();
  for (let i = 0; i < size; i++) {
    const lock = path.join(dir, `${GROUP_PREFIX}${i}.lock`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
        heldLocks.add(lock);
        return { group: `${GROUP_PREFIX}${i}`, lock };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(lock, 'utf8').trim());
      } catch {
        continue; // released meanwhile: try again
      }
      if (owner > 0 && owner !== process.pid && pidAlive(owner)) break; // held by a live process
      if (owner === process.pid && heldLocks.has(lock)) break; // held by this process
      // Stale (its process died without releasing it, or a half-written file): take it over.
      // (Two processes doing so at once: both unlink, only one wins the exclusive create.)
      try {
        const again = fs.readFileSync(lock, 'utf8').trim();
        if (again === String(owner) || Number.isNaN(owner)) fs.unlinkSync(lock);
      } catch {
        /* gone already */
      }
    }
  }
  throw new Error(
    `all ${size} RocketMQ consumer groups ${GROUP_PREFIX}0..${size - 1} are in use (locks in ${dir}); ` +
      `start RocketMQ with a larger pool (TEST_GROUPS=N scripts/rocketmq-local.sh start) and set IM_TEST_ROCKETMQ_GROUPS=N`,
  );
}

function releaseGroup(lock: string): void {
  if (!heldLocks.delete(lock)) return;
  try {
    fs.unlinkSync(lock);
  } catch {
    /* gone already */
  }
}

export interface CollectedMessage {
  tag: string;
  body: Buffer;
  messageId: string;
  keys: string[];
}

/**
 * A consumer that starts receiving before the test publishes and keeps receiving in the
 * background, so it sees everything published from its start. (A POP consumer group created
 * only after the publishing may start some queues at their end once the broker's commit log is
 * large or was reloaded by a restart.)
 */
const RECEIVERS = Number(process.env.IM_TEST_COLLECTOR_RECEIVERS || 4);

export class TopicCollector {
  readonly found = new Map<string, CollectedMessage>();
  private running = true;
  private loop: Promise<void> = Promise.resolve();

  private closed = false;

  private constructor(
    private readonly consumer: SimpleConsumer,
    /** The pool group this collector holds (see takeGroup). */
    readonly group: string,
    private readonly lock: string,
  ) {}

  /** Resolves once the consumer's first receive came back, i.e. its starting offsets are taken. */
  static async start(topic: string, tag = '*'): Promise<TopicCollector> {
    const endpoint = rocketmqEndpoint();
    const { group, lock } = takeGroup(endpoint);
    const consumer = new SimpleConsumer({
      endpoints: endpoint,
      namespace: '',
      consumerGroup: group,
      subscriptions: new Map([[topic, tag]]),
      awaitDuration: 5000,
      requestTimeout: 5000,
      logger: testClientLogger('rocketmq-collector'),
    });
    try {
      // A group unknown to the broker makes startup() hang rather than fail (RocketMQ 5.5).
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(
          `RocketMQ consumer ${group} did not start within 30 s at ${endpoint}; does the group exist? ` +
            `(scripts/rocketmq-local.sh start creates ${GROUP_PREFIX}0..${groupPoolSize() - 1})`,
        )), 30_000);
      });
      await Promise.race([consumer.startup(), timeout]).finally(() => clearTimeout(timer));
    } catch (err) {
      await consumer.shutdown().catch(() => undefined);
      releaseGroup(lock);
      throw err;
    }
    const collector = new TopicCollector(consumer, group, lock);
    await collector.receiveOnce();
    collector.loop = collector.run();
    return collector;
  }

  /** Waits until every key was seen or `timeoutMs` passed; returns the keys still missing. */
  async waitFor(keys: string[], timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    const missing = () => keys.filter((k) => !this.found.has(k));
    while (missing().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return missing();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.running = false;
    await this.loop;
    await this.consumer.shutdown().catch(() => undefined);
    releaseGroup(this.lock);
  }

  /**
   * Several receives in flight, so that a backlog (see takeGroup) drains several times faster than
   * by one receive-ack-receive loop (~1000 messages/s locally).
   */
  private async run(): Promise<void> {
    const loop = async () => {
      while (this.running) await this.receiveOnce();
    };
    await Promise.all(Array.from({ length: RECEIVERS }, loop));
  }

  private async receiveOnce(): Promise<void> {
    let batch: MessageView[];
    try {
      batch = await this.consumer.receive(32, 30_000);
    } catch {
      await new Promise((r) => setTimeout(r, 200));
      return;
    }
    await Promise.all(batch.map(async (m) => {
      for (const k of m.keys) {
        if (!this.found.has(k)) this.found.set(k, { tag: m.tag ?? '', body: Buffer.from(m.body), messageId: m.messageId, keys: [...m.keys] });
      }
      await this.consumer.ack(m).catch(() => undefined);
    }));
  }
}
