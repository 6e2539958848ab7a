import type { GroupEnvelope, NodeBus } from '../cluster/node-bus.js';
import type { SessionRegistry } from '../cluster/session-registry.js';
import { isKnownCmd } from '../protocol/codec.js';
import type { Id, Seq } from '../protocol/messages.js';
import { PushFrame } from '../protocol/push-frame.js';
import type { GroupStore } from '../storage/group-store.js';

/** One thing for a group's online members: an entry (GROUP_PUSH) or a typing notice (seq '0'). */
export interface GroupDelivery {
  groupId: Id;
  /** The entry's seq; '0' for what is not an entry and needs no order. */
  seq: Seq;
  frame: PushFrame;
  /** Its user's other sessions get it only where they asked for echo_own_messages. */
  senderUserId: Id;
  /** Never gets it. */
  senderSessionId: string | null;
  /** Members from this entry on (it reaches them). */
  added?: Id[];
  /** Members up to this entry (it reaches them, then nothing more). */
  removed?: Id[];
}

/** How long a node holds an entry whose predecessors have not arrived (they were published elsewhere). */
const REORDER_WAIT_MS = 200;

/** Per group: the next seq to hand out, and what came early. */
interface Order {
  next: bigint;
  early: Map<bigint, GroupDelivery>;
  timer: NodeJS.Timeout | null;
}

/**
 * Group fan-out without per-member work at send time: every entry is published once to every node
 * (the node bus broadcast); each node knows which of its own users are members of which groups
 * (loaded at their login, changed by the membership entries themselves) and writes the one
 * encoded frame to their sessions. Offline members cost nothing: they catch up with SYNC and
 * HISTORY. Entries reach a node out of order when sent from several nodes; each node hands them
 * to its sessions in seq order, waiting briefly for a missing one and then skipping it (at most
 * once: the client fetches what it lacks with HISTORY).
 */
export class GroupFanout {
  /** groupId → the local users that are members. */
  private readonly members = new Map<Id, Set<Id>>();
  /** Local user → its groups, for users with a session here. */
  private readonly groupsOf = new Map<Id, Set<Id>>();
  /** Users whose groups were loaded from the store. */
  private readonly loaded = new Set<Id>();
  private readonly order = new Map<Id, Order>();

  constructor(
    private readonly nodeId: string,
    private readonly registry: SessionRegistry,
    private readonly store: Pick<GroupStore, 'groupsOf'>,
    private readonly bus: NodeBus,
  ) {}

  async start(): Promise<void> {
    await this.bus.subscribeBroadcast((envelope) => this.receive(envelope));
  }

  stop(): void {
    for (const order of this.order.values()) if (order.timer !== null) clearTimeout(order.timer);
    this.order.clear();
  }

  /** A session of `userId` logged in here: its groups, once per user. */
  async online(userId: Id): Promise<void> {
    if (this.loaded.has(userId)) return;
    this.loaded.add(userId);
    try {
      for (const groupId of await this.store.groupsOf(userId)) this.join(groupId, userId);
    } catch (err) {
      this.loaded.delete(userId);
      throw err;
    }
  }

  /** A session left: forget the user once it has none here. */
  offline(userId: Id): void {
    if (this.registry.sessionsOf(userId).length > 0) return;
    for (const groupId of this.groupsOf.get(userId) ?? []) this.leave(groupId, userId);
    this.groupsOf.delete(userId);
    this.loaded.delete(userId);
  }

  /** Whether a user with a session here is a member. */
  isMember(userId: Id, groupId: Id): boolean {
    return this.members.get(groupId)?.has(userId) === true;
  }

  /** To the members on this node now, and once to every other node. */
  async publish(delivery: GroupDelivery): Promise<void> {
    this.accept(delivery);
    const { frame, ...rest } = delivery;
    await this.bus.broadcast({ kind: 'group', origin: this.nodeId, ...rest, cmd: frame.cmd, frame: frame.bytes });
  }

  private receive(envelope: GroupEnvelope): void {
    if (envelope.origin === this.nodeId) return;
    if (!isKnownCmd(envelope.cmd)) throw new Error(`group delivery of unknown cmd ${envelope.cmd}`);
    const { kind: _kind, origin: _origin, cmd, frame, ...rest } = envelope;
    this.accept({ ...rest, frame: PushFrame.encoded(cmd, frame) });
  }

  /** In seq order per group; typing at once. Groups without members here are not tracked. */
  private accept(delivery: GroupDelivery): void {
    const joining = (delivery.added ?? []).some((userId) => this.registry.sessionsOf(userId).length > 0);
    if (!this.members.has(delivery.groupId) && !joining) return;
    if (delivery.seq === '0') {
      this.deliver(delivery);
      return;
    }
    const seq = BigInt(delivery.seq);
    let order = this.order.get(delivery.groupId);
    if (order === undefined) {
      // Nothing is known of this group here: no session of ours can be waiting for earlier entries.
      order = { next: seq, early: new Map(), timer: null };
      this.order.set(delivery.groupId, order);
    }
    if (seq < order.next) return; // arrived after it was given up on: HISTORY has it
    order.early.set(seq, delivery);
    this.drain(delivery.groupId, order);
  }

  private drain(groupId: Id, order: Order): void {
    for (let next = order.early.get(order.next); next !== undefined; next = order.early.get(order.next)) {
      order.early.delete(order.next);
      order.next += 1n;
      this.deliver(next);
    }
    if (order.timer !== null) clearTimeout(order.timer);
    order.timer = null;
    if (order.early.size === 0) return;
    order.timer = setTimeout(() => {
      order.timer = null;
      order.next = [...order.early.keys()].reduce((a, b) => (a < b ? a : b));
      this.drain(groupId, order);
    }, REORDER_WAIT_MS);
    order.timer.unref();
  }

  private deliver(d: GroupDelivery): void {
    for (const userId of d.added ?? []) if (this.registry.sessionsOf(userId).length > 0) this.join(d.groupId, userId);
    const targets = new Set(this.members.get(d.groupId));
    for (const userId of d.removed ?? []) if (this.registry.sessionsOf(userId).length > 0) targets.add(userId);
    for (const userId of targets) {
      for (const session of this.registry.sessionsOf(userId)) {
        if (session.id === d.senderSessionId) continue;
        if (userId === d.senderUserId && !session.user!.echoOwnMessages) continue;
        // At most once: a slow consumer misses it and catches up with HISTORY.
        session.push(d.frame);
      }
    }
    for (const userId of d.removed ?? []) this.leave(d.groupId, userId);
  }

  private join(groupId: Id, userId: Id): void {
    let members = this.members.get(groupId);
    if (members === undefined) {
      members = new Set();
      this.members.set(groupId, members);
    }
    members.add(userId);
    let groups = this.groupsOf.get(userId);
    if (groups === undefined) {
      groups = new Set();
      this.groupsOf.set(userId, groups);
    }
    groups.add(groupId);
  }

  private leave(groupId: Id, userId: Id): void {
    const members = this.members.get(groupId);
    members?.delete(userId);
    this.groupsOf.get(userId)?.delete(groupId);
    if (members !== undefined && members.size === 0) {
      this.members.delete(groupId);
      const order = this.order.get(groupId);
      if (order?.timer) clearTimeout(order.timer);
      this.order.delete(groupId);
    }
  }
}
