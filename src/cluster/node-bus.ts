// cluster/: several gateway nodes: routing between them, presence upkeep, worker-id leases.
import type { RedisClient } from '../storage/redis/connect.js';
import { GROUP_CHANNELS, groupChannel, groupChannelOf, nodeChannel } from '../storage/redis/keys.js';
import type { Id, KickReason, KnownCmd, Seq } from '../protocol/messages.js';

/** What one node asks of another. */
export type NodeEnvelope =
  /**
   * Push this encoded frame (seq 0, of `cmd`) to the user's sessions on the receiving node: not
   * to session `except`, and with `echoOnly` only to sessions that asked for echo_own_messages.
   */
  | { kind: 'push'; userId: Id; cmd: KnownCmd; frame: Uint8Array; except?: string; echoOnly?: boolean; ackId?: Id }
  /** Kick the user's sessions there (only the device, and only the session, when given). */
  | { kind: 'kick'; userId: Id; deviceId: string | null; sessionId: string | null; reason: KickReason; detail: string };

/**
 * To every node: a group entry (or a typing notice, seq '0'), encoded, for the group's members
 * there; `added` and `removed` change each node's view of the group's members (groups/).
 */
export interface GroupEnvelope {
  kind: 'group';
  /** The node that published it (it delivered to its own sessions already). */
  origin: string;
  groupId: Id;
  seq: Seq;
  cmd: KnownCmd;
  frame: Uint8Array;
  senderUserId: Id;
  senderSessionId: string | null;
  added?: Id[];
  removed?: Id[];
}

/**
 * Node-to-node messages. Delivery is at most once and only to a live node: the retry queue and
 * the offline list cover what a dead or unreachable node never got.
 */
export interface NodeBus {
  /** Resolves true when a live node received it (was subscribed), false when nobody listens. */
  publish(nodeId: string, envelope: NodeEnvelope): Promise<boolean>;
  /** Starts receiving this node's messages. */
  subscribe(nodeId: string, handler: (envelope: NodeEnvelope) => void): Promise<void>;
  /** To every live node, this one included. */
  broadcast(envelope: GroupEnvelope): Promise<void>;
  /** Starts receiving broadcasts. */
  subscribeBroadcast(handler: (envelope: GroupEnvelope) => void): Promise<void>;
  close(): Promise<void>;
}

/** Embedded mode: a single node, so another node is never online. */
export class LocalNodeBus implements NodeBus {
  async publish(): Promise<boolean> {
    return false;
  }

  async subscribe(): Promise<void> {}

  async broadcast(): Promise<void> {}

  async subscribeBroadcast(): Promise<void> {}

  async close(): Promise<void> {}
}

const NEWLINE = 0x0a;

/**
 * On the wire: the envelope without its frame as one line of JSON, then the frame's bytes as
 * they go to the client (JSON escapes newlines, so the first one ends the header).
 */
export function encodeEnvelope(envelope: NodeEnvelope | GroupEnvelope): Buffer {
  if (envelope.kind === 'kick') return Buffer.from(JSON.stringify(envelope));
  const { frame, ...header } = envelope;
  return Buffer.concat([Buffer.from(JSON.stringify(header)), Buffer.of(NEWLINE), frame]);
}

export function decodeEnvelope(bytes: Buffer): NodeEnvelope | GroupEnvelope {
  const end = bytes.indexOf(NEWLINE);
  const header = JSON.parse(bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8')) as NodeEnvelope | GroupEnvelope;
  if (header.kind === 'kick') return header;
  if (end === -1) throw new Error(`${header.kind} envelope without a frame`);
  return { ...header, frame: bytes.subarray(end + 1) };
}

/**
 * Sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7), on a single Redis and on a Redis Cluster alike:
 * on a Cluster a message stays within the shard that owns its channel's slot, where classic
 * PUBLISH would be copied to every node of the Cluster. One channel per node
 * (`{prefix}node:<nodeId>`); SPUBLISH answers how many subscribers got it, which tells a dead
 * node apart without a separate health check. Group entries take one of GROUP_CHANNELS channels
 * (`{prefix}groups:<n>`, by group), every node listening on all of them.
 */
export class RedisNodeBus implements NodeBus {
  private subscriber: RedisClient | null = null;
  /** Handlers by channel, all on the one subscriber client. */
  private readonly handlers = new Map<string, (envelope: NodeEnvelope | GroupEnvelope) => void>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly onError: (err: Error) => void,
  ) {}

  async publish(nodeId: string, envelope: NodeEnvelope): Promise<boolean> {
    const receivers = await this.redis.spublish(nodeChannel(this.keyPrefix, nodeId), encodeEnvelope(envelope));
    // ioredis types SPUBLISH's reply as unknown; Redis answers the number of receivers.
    if (typeof receivers !== 'number') throw new Error(`SPUBLISH replied ${JSON.stringify(receivers)}, not a count`);
    return receivers > 0;
  }

  async subscribe(nodeId: string, handler: (envelope: NodeEnvelope) => void): Promise<void> {
    await this.listen(nodeChannel(this.keyPrefix, nodeId), (e) => handler(e as NodeEnvelope));
  }

  async broadcast(envelope: GroupEnvelope): Promise<void> {
    await this.redis.spublish(groupChannelOf(this.keyPrefix, envelope.groupId), encodeEnvelope(envelope));
  }

  async subscribeBroadcast(handler: (envelope: GroupEnvelope) => void): Promise<void> {
    for (let n = 0; n < GROUP_CHANNELS; n += 1) {
      await this.listen(groupChannel(this.keyPrefix, n), (e) => handler(e as GroupEnvelope));
    }
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.subscriber = null;
    this.handlers.clear();
  }

  private async listen(channel: string, handler: (envelope: NodeEnvelope | GroupEnvelope) => void): Promise<void> {
    this.handlers.set(channel, handler);
    // One channel per call: on a Cluster the channels of one SSUBSCRIBE must share a slot.
    await this.connection().ssubscribe(channel);
  }

  /**
   * A connection in subscriber mode can do nothing else, so subscriptions get a client of their
   * own (on a Cluster, it keeps one subscriber connection per master that owns a channel).
   */
  private connection(): RedisClient {
    if (this.subscriber !== null) return this.subscriber;
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (err: Error) => this.onError(err));
    subscriber.on('smessageBuffer', (channel: Buffer, bytes: Buffer) => {
      try {
        this.handlers.get(channel.toString('utf8'))?.(decodeEnvelope(bytes));
      } catch (err) {
        // A malformed message, or one from a newer node this one cannot handle (rolling upgrade).
        this.onError(err as Error);
      }
    });
    return subscriber;
  }
}
