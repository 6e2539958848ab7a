// Test helpers for a real RocketMQ 5 (gRPC proxy), e.g. the one from scripts/rocketmq-local.sh.
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { SimpleConsumer, type MessageView } from 'rocketmq-client-nodejs';

/** gRPC proxy endpoint: env IM_TEST_ROCKETMQ_ENDPOINT, default 127.0.0.1:8081. */
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

export interface CollectOptions {
  /** Tag filter expression for the subscription, e.g. 'C2C_MSG' or 'C2C_MSG||C2C_RECALL'. Default '*'. */
  tag?: string;
  /** Give up after this long and return what was found so far. */
  timeoutMs: number;
  /** Consumer group; default a fresh `im-test-collector-<uuid>` per call. */
  consumerGroup?: string;
  endpoint?: string;
  namespace?: string;
}

/**
 * Creates a consumer group for `topic` and lets it take its starting offsets now (one empty
 * receive), so a later `collectByKeys` with this group sees everything published from here on.
 * A group created only after the publishing may start some queues at their end once the broker's
 * commit log is large or was reloaded (a restart): then it would miss messages.
 */
export async function warmConsumerGroup(topic: string, tag = '*'): Promise<string> {
  const consumerGroup = `im-test-collector-${randomUUID()}`;
  const consumer = new SimpleConsumer({
    endpoints: rocketmqEndpoint(),
    namespace: '',
    consumerGroup,
    subscriptions: new Map([[topic, tag]]),
    awaitDuration: 5000,
    requestTimeout: 5000,
    logger: testClientLogger('rocketmq-warm-up'),
  });
  await consumer.startup();
  try {
    // Waited for to the end: a receive abandoned in flight could still pop (and hide) messages
    // published right after, for this very group.
    for (const m of await consumer.receive(32, 10_000)) await consumer.ack(m).catch(() => undefined);
  } finally {
    await consumer.shutdown().catch(() => undefined);
  }
  return consumerGroup;
}

/**
 * Receives (and acks) messages of `topic` until every key in `keys` was seen or `timeoutMs` passed.
 * Resolves with key -> first message carrying it (missing keys are simply absent: assert on the size).
 *
 * Pass a group from `warmConsumerGroup`, made before the publishing, to be sure to see every
 * message. Every message it reads is acked for that group only; other groups are unaffected.
 */
export async function collectByKeys(
  topic: string,
  keys: string[],
  opts: CollectOptions,
): Promise<Map<string, CollectedMessage>> {
  const wanted = new Set(keys);
  const found = new Map<string, CollectedMessage>();
  const deadline = Date.now() + opts.timeoutMs;
  const consumer = new SimpleConsumer({
    endpoints: opts.endpoint ?? rocketmqEndpoint(),
    namespace: opts.namespace ?? '',
    consumerGroup: opts.consumerGroup ?? `im-test-collector-${randomUUID()}`,
    subscriptions: new Map([[topic, opts.tag ?? '*']]),
    // The proxy long-polls at least 5s on an empty topic; the RPC deadline (requestTimeout +
    // awaitDuration) must leave room for that or the proxy answers ILLEGAL_POLLING_TIME.
    awaitDuration: 5000,
    requestTimeout: 5000,
    logger: testClientLogger('rocketmq-collector'),
  });

  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, opts.timeoutMs));
  });
  try {
    const started = await Promise.race([consumer.startup().then(() => 'started' as const), expired]);
    if (started === 'expired') return found;
    let lastError: unknown;
    while (found.size < wanted.size && Date.now() < deadline) {
      const pending = consumer.receive(32, 30_000);
      pending.catch(() => undefined); // may still be in flight when we give up
      let batch: MessageView[] | 'expired';
      try {
        batch = await Promise.race([pending, expired]);
      } catch (err) {
        lastError = err;
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (batch === 'expired') break;
      await Promise.all(
        batch.map(async (m) => {
          for (const k of m.keys) {
            if (wanted.has(k) && !found.has(k)) {
              found.set(k, { tag: m.tag ?? '', body: Buffer.from(m.body), messageId: m.messageId, keys: [...m.keys] });
            }
          }
          await consumer.ack(m).catch(() => undefined);
        }),
      );
    }
    if (found.size < wanted.size && lastError) {
      console.warn(`  [collectByKeys] last receive error: ${(lastError as Error).message ?? String(lastError)}`);
    }
    return found;
  } finally {
    clearTimeout(timer);
    await consumer.shutdown().catch(() => undefined);
  }
}
