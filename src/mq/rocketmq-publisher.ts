// RocketMQ 5 publisher over the gRPC proxy (rocketmq-client-nodejs Producer).
import { Producer, PublishingLoadBalancer, PublishingMessage, SendReceipt, type TopicRouteData } from 'rocketmq-client-nodejs';
import servicePb from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/service_pb.js';
import { printfLogger } from '../log/printf-logger.js';
import type { MqEvent, MqPublisher } from './publisher.js';

export interface RocketMqLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug(msg: string): void;
}

export interface RocketMqPublisherOptions {
  /** gRPC proxy endpoints, e.g. '127.0.0.1:8081' (several: 'h1:8081;h2:8081'). */
  endpoints: string;
  topic: string;
  namespace?: string;
  sessionCredentials?: { accessKey: string; accessSecret: string };
  /** Per-RPC timeout (send, route lookup); the client enforces >= 1000. Default 3000. */
  requestTimeoutMs?: number;
  logger: RocketMqLogger;
}

export class RocketMqPublisher implements MqPublisher {
  readonly #opts: RocketMqPublisherOptions;
  readonly #producer: BatchProducer;
  /**
   * The client's own log, through ours. It logs per call (a failed send writes a line with a
   * ~2 KB gRPC stack), so repeats of a line are counted and written once per minute; the outbox
   * relay logs the publish failures themselves. It has no `close()` on purpose: the client calls
   * `logger.close()` on shutdown, which must not close the app's logger. Without a logger the
   * client writes to ~/logs/rocketmq/rocketmq_client_nodejs.log.
   */
  readonly #clientLog: ReturnType<typeof printfLogger>;
  #state: 'new' | 'starting' | 'running' | 'closed' = 'new';

  constructor(opts: RocketMqPublisherOptions) {
    this.#opts = opts;
    this.#clientLog = printfLogger(opts.logger, '[rocketmq-client]');
    this.#producer = new BatchProducer({
      endpoints: opts.endpoints,
      namespace: opts.namespace ?? '',
      sessionCredentials: opts.sessionCredentials,
      requestTimeout: opts.requestTimeoutMs,
      logger: this.#clientLog,
      // Declaring the topic makes startup fetch its route (and fail if the topic does not exist).
      topic: opts.topic,
      // The MqPublisher contract: no retries inside the publisher; the outbox relay owns retries.
      maxAttempts: 1,
    });
  }

  /** Connects, fetches the topic route and waits for the proxy's settings. Rejects if unreachable. */
  async start(): Promise<void> {
    if (this.#state !== 'new') throw new Error(`RocketMqPublisher.start() called in state ${this.#state}`);
    this.#state = 'starting';
    // The client waits for the first settings push from the proxy without a deadline; bound it.
    const timeoutMs = Math.max(10_000, 3 * (this.#opts.requestTimeoutMs ?? 3000));
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#producer.startup(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`RocketMQ producer startup timed out after ${timeoutMs}ms`)),
            timeoutMs,
          );
        }),
      ]);
      this.#state = 'running';
      this.#opts.logger.info(
        `[rocketmq] producer started, endpoints=${this.#opts.endpoints} topic=${this.#opts.topic}`,
      );
    } catch (err) {
      this.#state = 'closed';
      // Startup may have armed the client's timers and gRPC channels before failing.
      await this.#producer.shutdown().catch(() => undefined);
      this.#clientLog.flush();
      throw new Error(
        `RocketMQ producer failed to start (endpoints=${this.#opts.endpoints}, topic=${this.#opts.topic}): ${
          (err as Error).message
        }`,
        { cause: err },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async publish(events: readonly MqEvent[]): Promise<void> {
    if (this.#state !== 'running') throw new Error(`RocketMqPublisher is not running (state ${this.#state})`);
    if (events.length === 0) return;
    // Resolves once the broker returned OK for the one SendMessage call; rejects otherwise.
    await this.#producer.sendAll(events.map((event) => ({ topic: this.#opts.topic, tag: event.tag, keys: event.keys, body: event.body })));
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    const wasStarted = this.#state !== 'new';
    this.#state = 'closed';
    if (wasStarted) await this.#producer.shutdown();
    this.#clientLog.flush();
  }
}

/**
 * The client's Producer sends one message per call; SendMessage takes a list for one topic (each
 * message stored with its own keys, tag and id by proxies from RocketMQ 5.5.0 on; 5.3.x gives
 * them all the first message's). This sends them in one call, as the Producer does for one, with
 * the Producer's route, settings and connection, and without its retries (maxAttempts 1 here).
 */
class BatchProducer extends Producer {
  #route: TopicRouteData | null = null;
  #balancer: PublishingLoadBalancer | null = null;

  async sendAll(messages: ReadonlyArray<{ topic: string; tag: string; keys: string[]; body: Buffer }>): Promise<void> {
    if (!this.isRunning()) throw new Error('Producer is not running now');
    const topic = messages[0]!.topic;
    // The client keeps the route fresh in its cache; a new route object means it changed.
    const route = await this.getRouteData(topic);
    if (route !== this.#route) {
      this.#balancer = this.#balancer === null ? new PublishingLoadBalancer(route) : this.#balancer.update(route);
      this.#route = route;
    }
    const [queue] = this.#balancer!.takeMessageQueues(new Map(), 1);
    if (queue === undefined) throw new Error(`no writable queue for topic ${topic}`);
    const request = new servicePb.SendMessageRequest();
    for (const message of messages) {
      request.addMessages(new PublishingMessage(message, this.publishingSettings, false).toProtobuf(this.namespace, queue));
    }
    const response = await this.rpcClientManager.sendMessage(queue.broker.endpoints, request, this.requestTimeout);
    // Throws unless every entry is OK. The proxy answers one entry per broker call, not per message.
    SendReceipt.processResponseInvocation(queue, response);
  }
}
