// Test helpers for a real RocketMQ 5 (gRPC proxy), e.g. the one from scripts/rocketmq-local.sh.
import net from 'node:net';
import { randomUUID } from 'node:crypto';
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
export class TopicCollector {
  readonly found = new Map<string, CollectedMessage>();
  private running = true;
  private loop: Promise<void> = Promise.resolve();

  private constructor(private readonly consumer: SimpleConsumer) {}

  /** Resolves once the consumer's first receive came back, i.e. its starting offsets are taken. */
  static async start(topic: string, tag = '*'): Promise<TopicCollector> {
    const consumer = new SimpleConsumer({
      endpoints: rocketmqEndpoint(),
      namespace: '',
      consumerGroup: `im-test-collector-${randomUUID()}`,
      subscriptions: new Map([[topic, tag]]),
      awaitDuration: 5000,
      requestTimeout: 5000,
      logger: testClientLogger('rocketmq-collector'),
    });
    await consumer.startup();
    const collector = new TopicCollector(consumer);
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
    this.running = false;
    await this.loop;
    await this.consumer.shutdown().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.running) await this.receiveOnce();
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
