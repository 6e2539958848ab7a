// Small fakes for unit tests: a recording Session, a typed stand-in for service classes, a watched
// real object, and a promise that the test settles by hand. No sockets, no servers.
import type { Bodies, FrameOf, Id, KickReason, KnownCmd } from '../../src/protocol/messages.js';
import { AwaitedAcks } from '../../src/pipeline/awaited-acks.js';
import type { Session, SessionUser } from '../../src/pipeline/session.js';
import type { PushFrame } from '../../src/protocol/push-frame.js';

/**
 * A service object with only the members a test needs, typed as the class it stands in for.
 * Calling a member that was left out fails loudly (TypeError), which is what a test wants.
 */
export function fake<T>(members: Partial<T>): T {
  return members as unknown as T;
}

/**
 * The real `target`, with each property read told to `seen` first: what it returns stands in for
 * the property, undefined leaves the real one (methods bound to `target`). For counting calls or
 * swapping one method of a real store.
 */
export function watched<T extends object>(target: T, seen: (prop: string | symbol) => unknown): T {
  return new Proxy(target, {
    get(real, prop) {
      const standIn = seen(prop);
      if (standIn !== undefined) return standIn;
      const value: unknown = Reflect.get(real, prop);
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued microtask and already-due timer run. */
export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves to what `fn` threw or rejected with; fails when it succeeded. */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure, but it succeeded');
}

export interface SentFrame {
  cmd: KnownCmd;
  seq: number;
  body: unknown;
}

let nextSessionId = 1;

/** A Session that records everything it is asked to do. */
export class FakeSession implements Session {
  readonly id: string;
  readonly remoteAddress = '203.0.113.7';
  user: SessionUser | null = null;
  closed = false;
  /** When true, push() refuses like a slow consumer would. */
  refusePushes = false;

  /** Replies and notices, in order (send and push both land here; pushes carry seq 0). */
  readonly sent: SentFrame[] = [];
  readonly pushes: SentFrame[] = [];
  readonly kicks: Array<{ reason: KickReason; detail: string }> = [];
  readonly closes: number[] = [];
  readonly authentications: SessionUser[] = [];
  private readonly awaited = new AwaitedAcks();

  constructor(user: SessionUser | null = null, id = `fake-${nextSessionId++}`) {
    this.user = user;
    this.id = id;
  }

  static as(userId: string, deviceId = 'phone', platform = 'test'): FakeSession {
    return new FakeSession({ userId, deviceId, platform, echoOwnMessages: false });
  }

  authenticate(user: SessionUser): void {
    this.authentications.push(user);
    this.user = user;
  }

  send<C extends KnownCmd>(cmd: C, seq: number, body: Bodies[C]): boolean {
    if (this.closed) return false;
    this.sent.push({ cmd, seq, body });
    return true;
  }

  push(frame: PushFrame): boolean {
    if (this.closed || this.refusePushes) return false;
    const sent = { cmd: frame.cmd, seq: 0, body: frame.body };
    this.pushes.push(sent);
    this.sent.push(sent);
    if (frame.ackId !== null) this.awaited.add(frame.ackId);
    return true;
  }

  awaitAcks(msgIds: readonly Id[]): void {
    for (const msgId of msgIds) this.awaited.add(msgId);
  }

  owedAtLogin(msgIds: readonly Id[]): void {
    this.awaited.owed(msgIds);
  }

  takeAcks(msgIds: readonly Id[]): Id[] {
    return this.awaited.take(msgIds);
  }

  kick(reason: KickReason, detail: string): void {
    this.kicks.push({ reason, detail });
    this.closed = true;
  }

  close(code = 1000): void {
    this.closes.push(code);
    this.closed = true;
  }

  /** The frames sent with this cmd, typed. */
  framesOf<C extends KnownCmd>(cmd: C): Array<FrameOf<C>> {
    return this.sent.filter((f) => f.cmd === cmd) as Array<FrameOf<C>>;
  }

  /** The only frame sent with this cmd; throws when there is not exactly one. */
  only<C extends KnownCmd>(cmd: C): FrameOf<C> {
    const frames = this.framesOf(cmd);
    if (frames.length !== 1) throw new Error(`expected exactly one frame of cmd ${cmd}, got ${frames.length}`);
    return frames[0]!;
  }
}
