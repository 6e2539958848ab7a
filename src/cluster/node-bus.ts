// cluster/: several gateway nodes: routing between them, presence upkeep, worker-id leases.
import type { Redis } from 'ioredis';
import type { Id, KickReason, KnownCmd, Seq } from '../protocol/messages.js';

/** What one node asks of another. */
export type NodeEnvelope =
  /**
   * Push this encoded frame (seq 0, of `cmd`) to the user's sessions on the receiving node: not
   * to session `except`, and with `echoOnly` only to sessions that asked for echo_own_messages.
   */
  | { kind: 'push'; userId: Id; cmd: KnownCmd; frame: Uint8Array; except?: string; echoOnly?: boolean }
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
 * One Redis pub/sub channel per node (`{prefix}node:<nodeId>`). PUBLISH answers how many
 * subscribers got it, which tells a dead node apart without a separate health check.
 */
export class RedisNodeBus implements NodeBus {
  private subscriber: Redis | null = null;
  /** Handlers by channel, all on the one subscriber connection. */
  private readonly handlers = new Map<string, (envelope: NodeEnvelope | GroupEnvelope) => void>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly onError: (err: Error) => void,
  ) {}

  async publish(nodeId: string, envelope: NodeEnvelope): Promise<boolean> {
    return (await this.redis.publish(this.channel(nodeId), encodeEnvelope(envelope))) > 0;
  }

  async subscribe(nodeId: string, handler: (envelope: NodeEnvelope) => void): Promise<void> {
    await this.listen(this.channel(nodeId), (e) => handler(e as NodeEnvelope));
  }

  async broadcast(envelope: GroupEnvelope): Promise<void> {
    await this.redis.publish(this.broadcastChannel(), encodeEnvelope(envelope));
  }

  async subscribeBroadcast(handler: (envelope: GroupEnvelope) => void): Promise<void> {
    await this.listen(this.broadcastChannel(), (e) => handler(e as GroupEnvelope));
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.subscriber = null;
    this.handlers.clear();
  }

  private async listen(channel: string, handler: (envelope: NodeEnvelope | GroupEnvelope) => void): Promise<void> {
    this.handlers.set(channel, handler);
    await this.connection().subscribe(channel);
  }

  /** A connection in subscriber mode can do nothing else, so it gets its own. */
  private connection(): Redis {
    if (this.subscriber !== null) return this.subscriber;
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (err: Error) => this.onError(err));
    subscriber.on('messageBuffer', (channel: Buffer, bytes: Buffer) => {
      try {
        this.handlers.get(channel.toString('utf8'))?.(decodeEnvelope(bytes));
      } catch (err) {
        // A malformed message, or one from a newer node this one cannot handle (rolling upgrade).
        this.onError(err as Error);
      }
    });
    return subscriber;
  }

  private channel(nodeId: string): string {
    return `${this.keyPrefix}node:${nodeId}`;
  }

  private broadcastChannel(): string {
    return `${this.keyPrefix}groups`;
  }
}
