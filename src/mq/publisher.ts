// mq/: publishing accepted messages and recalls to the downstream topic (RocketMQ in production).

/** Tags downstream consumers filter on. */
export type MqTag = 'C2C_MSG' | 'C2C_RECALL' | 'CONV_READ' | 'GROUP_MSG' | 'GROUP_RECALL' | 'GROUP_MEMBER';

/** One event for the downstream topic. `keys` carry the msg_id (CONV_READ: `<user_id>:<conv_id>`) so consumers can dedup. */
export interface MqEvent {
  tag: MqTag;
  keys: string[];
  body: Buffer;
}

/**
 * Publishes events to the downstream topic.
 * Contract: `publish` takes a batch (one broker call where the broker allows it) and resolves
 * only once the broker has accepted every event of it; it rejects on any failure, and then none
 * of them may be taken as published (some may have been: consumers dedup by key). It never
 * retries by itself (the outbox relay owns retries). Safe to call concurrently.
 */
export interface MqPublisher {
  publish(events: readonly MqEvent[]): Promise<void>;
  close(): Promise<void>;
}
