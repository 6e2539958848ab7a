import type { Logger } from '../log/logger.js';
import type { MqEvent, MqPublisher } from './publisher.js';

/** Embedded mode's sink (`mq.kind: log`): events are logged at debug level, or with no logger discarded. */
export class LogPublisher implements MqPublisher {
  constructor(private readonly logger: Logger | null) {}

  async publish(events: readonly MqEvent[]): Promise<void> {
    for (const event of events) this.logger?.debug('mq event', { tag: event.tag, keys: event.keys, body: event.body.toString('utf8') });
  }

  async close(): Promise<void> {}
}
