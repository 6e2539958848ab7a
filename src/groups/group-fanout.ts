import type { GroupEnvelope, NodeBus } from '../cluster/node-bus.js';
import type { SessionRegistry } from '../cluster/session-registry.js';
import { isKnownCmd } from '../protocol/codec.js';
import { Cmd, GroupEventKind, type Id, type Seq } from '../protocol/messages.js';
import type { Logger } from '../log/logger.js';
import { toChatMessage } from '../messaging/chat-message.js';
import type { StoredMessage } from '../storage/message-store.js';
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

/** Per group: the next seq to hand out, what came early, and the wait for the missing head. */
interface Order {
  next: bigint;
  early: Map<bigint, GroupDelivery>;
  timer: NodeJS.Timeout | null;
  /** Reading the missing entries from the store: arrivals queue up meanwhile. */
  fetching: boolean;
}

/** The membership change an entry makes, from the entry itself (GROUP_EVENT entries only). */
export function membershipOf(entry: StoredMessage): { added?: Id[]; removed?: Id[] } {
  const event = entry.groupEvent;
  if (event === undefined) return {};
  if (event.kind === GroupEventKind.CREATED || event.kind === GroupEventKind.MEMBERS_ADDED) return { added: event.userIds };
  if (event.kind === GroupEventKind.MEMBERS_REMOVED || event.kind === GroupEventKind.MEMBER_LEFT) return { removed: event.userIds };
  return {};
}

/**
 * Group fan-out without per-member work at send time: every entry is published once to every node
 * (the node bus broadcast); each node knows which of its own users are members of which groups
 * (loaded at their login, changed by the membership entries themselves) and writes the one
 * encoded frame to their sessions. Offline members cost nothing: they catch up with SYNC and
 * HISTORY. Entries reach a node out of order when sent from several nodes; each node hands them
 * to its sessions in seq order, waiting briefly for a missing one and then reading it from the
 * store (it is committed: a later seq was assigned after it), so that a membership change whose
 * broadcast was lost or late (its node died after the commit) still takes effect in order.
 */
export class GroupFanout {
  /** groupId → the local users that are members. */
  private readonly members = new Map<Id, Set<Id>>();
  /** Local user → its groups, for users with a session here. */
  private readonly groupsOf = new Map<Id, Set<Id>>();
  /** Users whose groups were loaded from the store. */
  private readonly loaded = new Set<Id>();
  /** Users whose groups are being loaded → groups they were removed from meanwhile. */
  private readonly loading = new Map<Id, Set<Id>>();
  private readonly order = new Map<Id, Order>();

  constructor(
    private readonly nodeId: string,
    private readonly registry: SessionRegistry,
    private readonly store: Pick<GroupStore, 'groupsOf' | 'entriesBetween'>,
    private readonly bus: NodeBus,
    private readonly logger: Logger,
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
    const removedMeanwhile = new Set<Id>();
    this.loading.set(userId, removedMeanwhile);
    try {
      // A removal delivered while the read was in flight must not be undone by it.
      for (const groupId of await this.store.groupsOf(userId)) if (!removedMeanwhile.has(groupId)) this.join(groupId, userId);
    } catch (err) {
      this.loaded.delete(userId);
      throw err;
    } finally {
      this.loading.delete(userId);
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
    for (const userId of delivery.removed ?? []) this.loading.get(userId)?.add(delivery.groupId);
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
      order = { next: seq, early: new Map(), timer: null, fetching: false };
      this.order.set(delivery.groupId, order);
    }
    if (seq < order.next) return; // handed out already (read from the store while it was late)
    order.early.set(seq, delivery);
    this.drain(delivery.groupId, order);
  }

  private drain(groupId: Id, order: Order): void {
    if (order.fetching) return;
    const head = order.next;
    for (let next = order.early.get(order.next); next !== undefined; next = order.early.get(order.next)) {
      order.early.delete(order.next);
      order.next += 1n;
      this.deliver(next);
    }
    // The wait is for the missing head: later arrivals do not prolong it.
    if (order.timer !== null && (order.next !== head || order.early.size === 0)) {
      clearTimeout(order.timer);
      order.timer = null;
    }
    if (order.early.size === 0 || order.timer !== null) return;
    order.timer = setTimeout(() => {
      order.timer = null;
      void this.fill(groupId, order);
    }, REORDER_WAIT_MS);
    order.timer.unref();
  }

  /** The entries between the head and the first that came early, from the store, then the rest in order. */
  private async fill(groupId: Id, order: Order): Promise<void> {
    const upTo = [...order.early.keys()].reduce((a, b) => (a < b ? a : b)) - 1n;
    order.fetching = true;
    try {
      const missing = await this.store.entriesBetween(groupId, (order.next - 1n).toString(), upTo.toString());
      for (const entry of missing) {
        const seq = BigInt(entry.seq);
        if (seq < order.next || seq > upTo) continue;
        order.early.set(seq, {
          groupId, seq: entry.seq, frame: PushFrame.of(Cmd.GROUP_PUSH, { message: toChatMessage(entry) }),
          senderUserId: entry.fromUserId, senderSessionId: null, ...membershipOf(entry),
        });
      }
    } catch (err) {
      this.logger.warn('late group entries not read; members fill the gap with HISTORY', { groupId, err: (err as Error).message });
    } finally {
      order.fetching = false;
    }
    // Whatever could not be read is skipped: the clients ask HISTORY for it.
    if (!order.early.has(order.next)) order.next = upTo + 1n;
    this.drain(groupId, order);
  }

  private deliver(d: GroupDelivery): void {
    for (const userId of d.added ?? []) if (this.registry.sessionsOf(userId).length > 0) this.join(d.groupId, userId);
    const targets = new Set(this.members.get(d.groupId));
    for (const userId of d.removed ?? []) if (this.registry.sessionsOf(userId).length > 0) targets.add(userId);
    for (const userId of targets) {
      for (const session of this.registry.sessionsOf(userId)) {
        if (session.id === d.senderSessionId) continue;
        // Echo is for entries; typing never reaches the typist's own sessions.
        if (userId === d.senderUserId && (d.seq === '0' || !session.user!.echoOwnMessages)) continue;
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
