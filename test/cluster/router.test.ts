// The Router with two "nodes" in one process: shared presence, a bus that hands envelopes over.
import { expect } from 'chai';
import { Router } from '../../src/cluster/router.js';
import { decodeEnvelope, encodeEnvelope, type NodeBus, type NodeEnvelope } from '../../src/cluster/node-bus.js';
import { silentLogger } from '../../src/log/logger.js';
import { SessionRegistry } from '../../src/cluster/session-registry.js';
import { Cmd, KickReason, MsgFormat, type Bodies } from '../../src/protocol/messages.js';
import { MemoryPresence } from '../../src/storage/presence-memory.js';
import type { Presence } from '../../src/storage/presence.js';
import { FakeSession, watched } from '../support/fakes.js';

/** Envelopes go to the handler subscribed for a node; a node without one is "dead". */
class TestBus implements NodeBus {
  constructor(private readonly nodes: Map<string, (e: NodeEnvelope) => void>) {}

  async publish(nodeId: string, envelope: NodeEnvelope): Promise<boolean> {
    const handler = this.nodes.get(nodeId);
    // Through the wire format, as the Redis bus carries it: nothing shared between the nodes.
    handler?.(decodeEnvelope(encodeEnvelope(envelope)) as NodeEnvelope);
    return handler !== undefined;
  }

  async broadcast(): Promise<void> {}

  async subscribeBroadcast(): Promise<void> {}

  async subscribe(nodeId: string, handler: (e: NodeEnvelope) => void): Promise<void> {
    this.nodes.set(nodeId, handler);
  }

  async close(): Promise<void> {}
}

const BIG = '9223372036854775807';

function cluster() {
  const presence = new MemoryPresence();
  const nodes = new Map<string, (e: NodeEnvelope) => void>();
  const make = (id: string) => {
    const registry = new SessionRegistry();
    const forwarded: string[] = [];
    const router = new Router(id, registry, presence, new TestBus(nodes), 60_000, silentLogger(), { forwarded: (k) => forwarded.push(k) });
    return { router, registry, forwarded };
  };
  return { presence, nodes, a: make('a'), b: make('b') };
}

/** `presence`, whose node stops renewing its lease between stall() and resume() (a node hung, or cut off). */
function stallable(presence: Presence): { presence: Presence; stall(): void; resume(): void } {
  let stalled = false;
  const proxy = watched(presence, (prop) => (prop === 'beat' && stalled ? async () => ({ wasLive: true, lapsed: [] }) : undefined));
  return { presence: proxy, stall: () => { stalled = true; }, resume: () => { stalled = false; } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits, a turn at a time, for `check` to hold (work the router left running in the background). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i += 1) await sleep(10);
}

function session(userId: string, deviceId = 'phone', echoOwnMessages = false): FakeSession {
  const s = new FakeSession();
  s.authenticate({ userId, deviceId, platform: 'test', echoOwnMessages });
  return s;
}

/**
 * A C2C_PUSH body with every field set, so that the copy decoded on a remote node (where the
 * codec fills proto3 defaults) equals the local one.
 */
const chat = (msgId: string): Bodies[typeof Cmd.C2C_PUSH] => ({
  message: {
    msgId, clientMsgId: 'c', fromUserId: '1', toUserId: BIG, content: 'x', format: MsgFormat.TEXT, createTimeMs: 1,
    convId: `c_1_${BIG}`, seq: '9007199254740993', groupId: '0', recalled: false, recalledMsgId: '0', mentionUserIds: [], groupEvent: null,
  },
});

/** Two started nodes, user BIG on both: on each a sending phone and echoing / non-echoing devices. */
async function twoNodesWithDevices() {
  const { a, b } = cluster();
  await a.router.start();
  await b.router.start();
  const sender = session(BIG, 'phone', true);
  const localEcho = session(BIG, 'tablet', true);
  const localQuiet = session(BIG, 'watch', false);
  const remoteEcho = session(BIG, 'laptop', true);
  const remoteQuiet = session(BIG, 'desktop', false);
  for (const s of [sender, localEcho, localQuiet]) await a.router.login(s);
  for (const s of [remoteEcho, remoteQuiet]) await b.router.login(s);
  return { a, b, sender, localEcho, localQuiet, remoteEcho, remoteQuiet };
}

describe('cluster/router', () => {
  it('records its sessions\' routes again within one refresh period after presence lost them (Redis restarted empty)', async () => {
    const presence = new MemoryPresence();
    const registry = new SessionRegistry();
    const ttlMs = 300;
    const router = new Router('a', registry, presence, new TestBus(new Map()), ttlMs, silentLogger());
    await router.start();
    try {
      const phone = session(BIG);
      await router.login(phone);
      await presence.close(); // every key gone, the session still connected
      expect(await presence.routes(BIG)).to.deep.equal([]);
      await new Promise((r) => setTimeout(r, ttlMs / 3 + 100));
      expect(await presence.routes(BIG)).to.deep.equal([{ deviceId: 'phone', nodeId: 'a', sessionId: phone.id }]);
    } finally {
      await router.stop();
    }
  });

  it('pushes to local sessions and forwards to the node that holds the others', async () => {
    const { a, b } = cluster();
    await a.router.start();
    await b.router.start();
    const onA = session(BIG, 'phone');
    const onB = session(BIG, 'laptop');
    await a.router.login(onA);
    await b.router.login(onB);
    expect(await a.router.deliver(BIG, Cmd.C2C_PUSH, chat('7'))).to.equal(2);
    expect(onA.pushes.map((p) => p.body)).to.deep.equal([chat('7')]);
    expect(onB.pushes.map((p) => p.body)).to.deep.equal([chat('7')]);
    expect(a.forwarded).to.deep.equal(['push']);
    await a.router.stop();
    await b.router.stop();
  });

  describe('DeliveryTarget', () => {
    it('except skips that session on this node; the others get the frame', async () => {
      const { a, b, sender, localEcho, localQuiet, remoteEcho, remoteQuiet } = await twoNodesWithDevices();
      expect(await a.router.deliver(BIG, Cmd.C2C_PUSH, chat('4611686018427387905'), { except: sender })).to.equal(4);
      expect(sender.pushes).to.deep.equal([]);
      for (const s of [localEcho, localQuiet, remoteEcho, remoteQuiet]) {
        expect(s.pushes.map((p) => [p.cmd, p.body])).to.deep.equal([[Cmd.C2C_PUSH, chat('4611686018427387905')]]);
      }
      await a.router.stop();
      await b.router.stop();
    });

    it('except is forwarded: a session on the remote node is skipped there', async () => {
      const { a, b, sender, localEcho, localQuiet, remoteEcho, remoteQuiet } = await twoNodesWithDevices();
      await a.router.deliver(BIG, Cmd.C2C_PUSH, chat('4611686018427387906'), { except: remoteEcho });
      expect(remoteEcho.pushes).to.deep.equal([]);
      expect(remoteQuiet.pushes.map((p) => p.body)).to.deep.equal([chat('4611686018427387906')]);
      for (const s of [sender, localEcho, localQuiet]) expect(s.pushes.map((p) => p.body)).to.deep.equal([chat('4611686018427387906')]);
      expect(a.forwarded).to.deep.equal(['push']);
      await a.router.stop();
      await b.router.stop();
    });

    it('echoOnly reaches only sessions that asked for echo_own_messages, here and on the remote node; except still applies', async () => {
      const { a, b, sender, localEcho, localQuiet, remoteEcho, remoteQuiet } = await twoNodesWithDevices();
      await a.router.deliver(BIG, Cmd.C2C_PUSH, chat('4611686018427387907'), { except: sender, echoOnly: true });
      expect(localEcho.pushes.map((p) => p.body)).to.deep.equal([chat('4611686018427387907')]);
      expect(remoteEcho.pushes.map((p) => p.body)).to.deep.equal([chat('4611686018427387907')]);
      expect(sender.pushes, 'the sending session never gets its own message back').to.deep.equal([]);
      expect(localQuiet.pushes).to.deep.equal([]);
      expect(remoteQuiet.pushes).to.deep.equal([]);
      await a.router.stop();
      await b.router.stop();
    });

    it('echoOnly from the other node, without except, reaches every echoing session on both', async () => {
      const { a, b, sender, localEcho, localQuiet, remoteEcho, remoteQuiet } = await twoNodesWithDevices();
      await b.router.deliver(BIG, Cmd.C2C_PUSH, chat('4611686018427387908'), { echoOnly: true });
      for (const s of [sender, localEcho, remoteEcho]) expect(s.pushes.map((p) => p.body)).to.deep.equal([chat('4611686018427387908')]);
      expect(localQuiet.pushes).to.deep.equal([]);
      expect(remoteQuiet.pushes).to.deep.equal([]);
      expect(b.forwarded).to.deep.equal(['push']);
      await a.router.stop();
      await b.router.stop();
    });

    it('the forwarded envelope carries except as the session id and echoOnly only when set', async () => {
      const { a, nodes, presence } = cluster();
      const seen: NodeEnvelope[] = [];
      nodes.set('b', (e) => seen.push(e)); // node b, seen from the bus
      await a.router.start();
      const sender = session(BIG, 'phone', true);
      await a.router.login(sender);
      await presence.register(BIG, { deviceId: 'laptop', nodeId: 'b', sessionId: 'remote-laptop' }, 60_000);
      expect(await a.router.deliver(BIG, Cmd.C2C_PUSH, chat('1'), { except: sender, echoOnly: true })).to.equal(1);
      expect(await a.router.deliver(BIG, Cmd.C2C_PUSH, chat('2'))).to.equal(2);
      expect(seen.map((e) => e.kind === 'push' ? [e.except, e.echoOnly] : null)).to.deep.equal([[sender.id, true], [undefined, undefined]]);
      await a.router.stop();
    });
  });

  it('kicks the older session on another node when the same device logs in again', async () => {
    const { a, b } = cluster();
    await a.router.start();
    await b.router.start();
    const old = session(BIG, 'phone');
    const other = session(BIG, 'tablet');
    await a.router.login(old);
    await a.router.login(other);
    await b.router.login(session(BIG, 'phone'));
    expect(old.kicks.map((k) => k.reason)).to.deep.equal([KickReason.DUPLICATE_LOGIN]);
    expect(other.kicks).to.deep.equal([]);
  });

  it('drops the routes of a node that no longer listens, and counts nothing for them', async () => {
    const { a, b, presence, nodes } = cluster();
    await a.router.start();
    await b.router.start();
    await b.router.login(session(BIG));
    nodes.delete('b'); // b died without cleaning up
    expect(await a.router.deliver(BIG, Cmd.C2C_PUSH, chat('8'))).to.equal(0);
    expect(await presence.routes(BIG)).to.deep.equal([]);
  });

  it('a node whose lease lapsed, though it still listens: its routes count nothing and are not forwarded to until it renews it', async () => {
    const presence = new MemoryPresence();
    const nodes = new Map<string, (e: NodeEnvelope) => void>();
    const ttlMs = 300;
    const forwarded: string[] = [];
    const a = new Router('a', new SessionRegistry(), presence, new TestBus(nodes), ttlMs, silentLogger(), { forwarded: (k) => forwarded.push(k) });
    const hung = stallable(presence);
    const b = new Router('b', new SessionRegistry(), hung.presence, new TestBus(nodes), ttlMs, silentLogger());
    await a.start();
    await b.start();
    try {
      const phone = session(BIG);
      await b.login(phone);
      expect(await a.sessions(BIG)).to.have.length(1);
      hung.stall();
      await sleep(ttlMs + ttlMs / 3 + 100); // b's lease runs out, and a has beaten since
      expect(await a.sessions(BIG)).to.deep.equal([]);
      expect(await a.deliver(BIG, Cmd.C2C_PUSH, chat('8'))).to.equal(0);
      expect(forwarded).to.deep.equal([]);
      expect(phone.pushes).to.deep.equal([]);
      // Left in place: a's view of the leases may be a beat old, and b may be back already.
      expect(await presence.routes(BIG)).to.have.length(1);
      hung.resume();
      // b renews at its next beat, a learns it at its own next one: two beats, however late the timers run.
      await eventually(async () => (await a.sessions(BIG)).length === 1);
      expect(await a.deliver(BIG, Cmd.C2C_PUSH, chat('9'))).to.equal(1);
      expect(phone.pushes.map((p) => p.cmd)).to.deep.equal([Cmd.C2C_PUSH]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a route of this node\'s whose session is gone (its unregister failed) is removed by the next push, sent here or from another node', async () => {
    const { a, b, presence } = cluster();
    await a.router.start();
    await b.router.start();
    const onB = session(BIG, 'phone');
    const onA = session(BIG, 'laptop');
    await b.router.login(onB);
    await a.router.login(onA);
    a.registry.unbind(onA);
    b.registry.unbind(onB);
    expect(await presence.routes(BIG)).to.have.length(2);
    // b still listens, so the forward is taken; b finds nobody there and removes its route.
    expect(await a.router.deliver(BIG, Cmd.C2C_PUSH, chat('8'))).to.equal(1);
    await eventually(async () => (await presence.routes(BIG)).length === 0);
    expect(await presence.routes(BIG)).to.deep.equal([]);
    expect(onA.pushes).to.deep.equal([]);
    expect(onB.pushes).to.deep.equal([]);
    await a.router.stop();
    await b.router.stop();
  });

  it('re-asserts each route within a third of its TTL, a slice of the users on each beat', async () => {
    const presence = new MemoryPresence();
    const refreshed: number[] = [];
    const counting = watched(presence, (prop) => {
      if (prop === 'beat') refreshed.push(0);
      if (prop === 'refresh') refreshed[refreshed.length - 1]! += 1;
      return undefined;
    });
    const ttlMs = 300; // a beat every 100 ms
    const routeTtlMs = 2_400; // each user re-asserted on one beat of every 8: a stall of 1.6 s is survived
    const router = new Router('a', new SessionRegistry(), counting, new TestBus(new Map()), ttlMs, silentLogger(), undefined, routeTtlMs);
    await router.start();
    try {
      const users = Array.from({ length: 40 }, (_, i) => (BigInt(BIG) - BigInt(i)).toString());
      for (const user of users) await router.login(session(user));
      refreshed.length = 0;
      await sleep(routeTtlMs + 400);
      for (const user of users) expect(await presence.routes(user), user).to.have.length(1);
      const beats = refreshed.slice(0, -1);
      expect(beats.length).to.be.at.least(16);
      expect(Math.max(...beats)).to.be.below(users.length);
      expect(beats.reduce((sum, n) => sum + n, 0)).to.be.within(users.length * 2, users.length * 5);
    } finally {
      await router.stop();
    }
  });

  it('logout removes the route; a replaced session logging out leaves the new route alone', async () => {
    const { a, presence } = cluster();
    const first = session(BIG);
    const second = session(BIG);
    await a.router.login(first);
    await a.router.login(second);
    await a.router.logout(first);
    expect((await presence.routes(BIG)).map((r) => r.sessionId)).to.deep.equal([second.id]);
    await a.router.logout(second);
    expect(await presence.routes(BIG)).to.deep.equal([]);
  });

  it('admin kick reaches every node, or one device', async () => {
    const { a, b } = cluster();
    await a.router.start();
    await b.router.start();
    const phone = session(BIG, 'phone');
    const laptop = session(BIG, 'laptop');
    await a.router.login(phone);
    await b.router.login(laptop);
    expect(await a.router.kick(BIG, 'laptop', KickReason.ADMIN, 'bye')).to.equal(1);
    expect(laptop.kicks.map((k) => k.reason)).to.deep.equal([KickReason.ADMIN]);
    expect(phone.kicks).to.deep.equal([]);
    expect(await b.router.kick(BIG, null, KickReason.ADMIN, 'all')).to.equal(2);
    expect(phone.kicks.map((k) => k.reason)).to.deep.equal([KickReason.ADMIN]);
  });

  it('stop removes this node\'s presence', async () => {
    const { a, presence } = cluster();
    await a.router.start();
    await a.router.login(session(BIG));
    await a.router.stop();
    expect(await presence.routes(BIG)).to.deep.equal([]);
  });
});
