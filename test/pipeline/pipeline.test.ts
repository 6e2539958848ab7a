// The per-connection pipeline with a fake Session and fake strategies, fed with bytes.
import { expect } from 'chai';
import { encodeFrame } from '../../src/protocol/codec.js';
import {
  Cmd, ErrorCode, FrameMessage, KickReason, MsgFormat, type Bodies, type FrameOf, type KnownCmd,
} from '../../src/protocol/messages.js';
import { silentLogger } from '../../src/log/logger.js';
import { MAX_IN_FLIGHT, Pipeline, type PipelineObserver, type PipelineOptions } from '../../src/pipeline/pipeline.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import type { Session } from '../../src/pipeline/session.js';
import type { Access, Meter, Strategy } from '../../src/pipeline/strategy.js';
import { deferred, FakeSession, tick, type Deferred } from '../support/fakes.js';

const OPTIONS: PipelineOptions = { maxFrameBytes: 1024, ratePerSec: 10, rateBurst: 5, maxBadFrames: 3 };

type Handler<C extends KnownCmd> = (session: Session, frame: FrameOf<C>) => Promise<void> | void;

/** A strategy that records its frames and does whatever `handler` does; metered as `meter` says (default: one request). */
class FakeStrategy<C extends KnownCmd> implements Strategy<C> {
  readonly frames: Array<FrameOf<C>> = [];
  // As the real AuthStrategy declares it.
  get access(): Access {
    return this.cmd === Cmd.AUTH_REQ ? 'login' : 'session';
  }

  constructor(readonly cmd: C, private readonly handler: Handler<C> = () => {}, readonly meter?: Meter) {}
  handle(session: Session, frame: FrameOf<C>): Promise<void> | void {
    this.frames.push(frame);
    return this.handler(session, frame);
  }
}

const frame = <C extends KnownCmd>(cmd: C, seq: number, body: Bodies[C]) => encodeFrame(cmd, seq, body);
const ping = (seq: number) => frame(Cmd.PING, seq, { clientTimeMs: String(seq) });
const recall = (seq: number) => frame(Cmd.RECALL_REQ, seq, { msgId: '5' });
const ack = (seq: number) => frame(Cmd.C2C_ACK, seq, { msgIds: ['5'] });
const authReq = (seq: number) => frame(Cmd.AUTH_REQ, seq, { token: 't', deviceId: 'd', platform: 'p' });
const sendReq = (seq: number) => frame(Cmd.C2C_SEND_REQ, seq, { clientMsgId: `c${seq}`, toUserId: '2', content: 'x', format: MsgFormat.TEXT });
const MALFORMED = Uint8Array.from([0x08, 0x01, 0x10]);

function errors(session: FakeSession): Array<{ seq: number; code: ErrorCode }> {
  return session.framesOf(Cmd.ERROR).map((f) => ({ seq: f.seq, code: f.body.code }));
}

interface Rig {
  session: FakeSession;
  onBinary(bytes: Uint8Array): void;
  clock: { now: number };
  strategies: {
    auth: FakeStrategy<typeof Cmd.AUTH_REQ>;
    ping: FakeStrategy<typeof Cmd.PING>;
    send: FakeStrategy<typeof Cmd.C2C_SEND_REQ>;
    ack: FakeStrategy<typeof Cmd.C2C_ACK>;
    recall: FakeStrategy<typeof Cmd.RECALL_REQ>;
  };
  observed: { framesIn: Cmd[]; errors: ErrorCode[] };
}

function rig(opts: {
  authenticated?: boolean;
  options?: Partial<PipelineOptions>;
  send?: Handler<typeof Cmd.C2C_SEND_REQ>;
  recall?: Handler<typeof Cmd.RECALL_REQ>;
} = {}): Rig {
  const strategies = {
    // The meters the real strategies declare (AuthStrategy, HeartbeatStrategy, C2CAckStrategy).
    auth: new FakeStrategy(
      Cmd.AUTH_REQ, (session) => session.authenticate({ userId: '1', deviceId: 'd', platform: 'p', echoOwnMessages: false }), 'free',
    ),
    ping: new FakeStrategy(Cmd.PING, (session, f) => { session.send(Cmd.PONG, f.seq, { clientTimeMs: '0', serverTimeMs: 0 }); }, { bucket: 'acks', cost: 1 }),
    send: new FakeStrategy(Cmd.C2C_SEND_REQ, opts.send),
    ack: new FakeStrategy(Cmd.C2C_ACK, undefined, { bucket: 'acks', cost: 1 }),
    recall: new FakeStrategy(Cmd.RECALL_REQ, opts.recall),
  };
  const observed = { framesIn: [] as Cmd[], errors: [] as ErrorCode[] };
  const observer: PipelineObserver = {
    frameIn: (cmd) => observed.framesIn.push(cmd),
    error: (code) => observed.errors.push(code),
  };
  // PULL_OFFLINE_REQ deliberately has no strategy.
  const pipeline = new Pipeline(Object.values(strategies), { ...OPTIONS, ...opts.options }, silentLogger(), observer);
  const session = opts.authenticated === false ? new FakeSession() : FakeSession.as('1');
  const clock = { now: 1_000_000 };
  const connection = pipeline.connect(session, () => clock.now);
  return { session, onBinary: (b) => connection.onBinary(b), clock, strategies, observed };
}

describe('pipeline/pipeline', () => {
  describe('auth guard', () => {
    it('a non-AUTH first frame → ERROR UNAUTHENTICATED with its seq, then close; the strategy never runs', () => {
      const { session, onBinary, strategies } = rig({ authenticated: false });
      onBinary(ping(4));
      expect(errors(session)).to.deep.equal([{ seq: 4, code: ErrorCode.UNAUTHENTICATED }]);
      expect(session.closes).to.have.length(1);
      expect(strategies.ping.frames).to.have.length(0);
    });

    it('AUTH_REQ first reaches the auth strategy; later frames then pass the guard', () => {
      const { session, onBinary, strategies } = rig({ authenticated: false });
      onBinary(authReq(1));
      expect(strategies.auth.frames).to.deep.equal([
        { cmd: Cmd.AUTH_REQ, seq: 1, body: { token: 't', deviceId: 'd', platform: 'p', echoOwnMessages: false } },
      ]);
      onBinary(ping(2));
      expect(session.only(Cmd.PONG).seq).to.equal(2);
      expect(errors(session)).to.deep.equal([]);
    });

    it('AUTH_REQ when already authenticated → BAD_REQUEST; the session stays open', () => {
      const { session, onBinary, strategies } = rig();
      onBinary(authReq(6));
      expect(errors(session)).to.deep.equal([{ seq: 6, code: ErrorCode.BAD_REQUEST }]);
      expect(strategies.auth.frames).to.have.length(0);
      expect(session.closes).to.deep.equal([]);
      expect(session.kicks).to.deep.equal([]);
    });

    it('a strategy failing with UNAUTHENTICATED closes the session after the ERROR', async () => {
      const pipeline = new Pipeline([
        new FakeStrategy(Cmd.AUTH_REQ, async () => { throw new RequestError(ErrorCode.UNAUTHENTICATED, 'bad token'); }),
      ], OPTIONS, silentLogger());
      const session = new FakeSession();
      pipeline.connect(session).onBinary(authReq(3));
      await tick();
      expect(errors(session)).to.deep.equal([{ seq: 3, code: ErrorCode.UNAUTHENTICATED }]);
      expect(session.closes).to.have.length(1);
    });
  });

  describe('bad input', () => {
    it('a server-only cmd from a client (C2C_PUSH) → UNKNOWN_CMD with its seq', () => {
      const { session, onBinary } = rig();
      onBinary(frame(Cmd.C2C_PUSH, 8, {
        message: { msgId: '1', clientMsgId: 'c', fromUserId: '1', toUserId: '2', content: 'x', format: MsgFormat.TEXT, createTimeMs: 1 },
      }));
      onBinary(frame(Cmd.ERROR, 9, { code: ErrorCode.INTERNAL, message: 'x' }));
      expect(errors(session)).to.deep.equal([{ seq: 8, code: ErrorCode.UNKNOWN_CMD }, { seq: 9, code: ErrorCode.UNKNOWN_CMD }]);
      expect(session.closed).to.equal(false);
    });

    it('a client cmd without a strategy → UNKNOWN_CMD', () => {
      const { session, onBinary } = rig();
      onBinary(frame(Cmd.PULL_OFFLINE_REQ, 10, { limit: 1, afterMsgId: '0' }));
      expect(errors(session)).to.deep.equal([{ seq: 10, code: ErrorCode.UNKNOWN_CMD }]);
    });

    it('malformed bytes → BAD_REQUEST seq 0; the session survives and serves the next frame', () => {
      const { session, onBinary } = rig();
      onBinary(MALFORMED);
      expect(errors(session)).to.deep.equal([{ seq: 0, code: ErrorCode.BAD_REQUEST }]);
      onBinary(ping(2));
      expect(session.only(Cmd.PONG).seq).to.equal(2);
      expect(session.closed).to.equal(false);
    });

    it('an unsupported version → UNSUPPORTED_VERSION with the seq; an unknown cmd → UNKNOWN_CMD', () => {
      const { session, onBinary } = rig();
      onBinary(FrameMessage.encode({ version: 2, cmd: Cmd.PING, seq: 12, body: new Uint8Array() }).finish());
      onBinary(FrameMessage.encode({ version: 1, cmd: 77 as Cmd, seq: 13, body: new Uint8Array() }).finish());
      expect(errors(session)).to.deep.equal([
        { seq: 12, code: ErrorCode.UNSUPPORTED_VERSION }, { seq: 13, code: ErrorCode.UNKNOWN_CMD },
      ]);
    });

    it('up to maxBadFrames bad frames are tolerated; one more → KICK ABUSE', () => {
      const { session, onBinary } = rig({ options: { maxBadFrames: 3 } });
      onBinary(MALFORMED);
      onBinary(frame(Cmd.KICK, 2, { reason: KickReason.ADMIN, detail: '' })); // UNKNOWN_CMD counts too
      onBinary(authReq(3)); // already authenticated counts too
      expect(session.kicks).to.deep.equal([]);
      onBinary(MALFORMED);
      expect(errors(session).map((e) => e.code)).to.deep.equal([
        ErrorCode.BAD_REQUEST, ErrorCode.UNKNOWN_CMD, ErrorCode.BAD_REQUEST, ErrorCode.BAD_REQUEST,
      ]);
      expect(session.kicks).to.have.length(1);
      expect(session.kicks[0]!.reason).to.equal(KickReason.ABUSE);
    });

    it('good frames in between do not reset the bad-frame count', () => {
      const { session, onBinary } = rig({ options: { maxBadFrames: 1 } });
      onBinary(MALFORMED);
      onBinary(ping(1));
      onBinary(MALFORMED);
      expect(session.kicks.map((k) => k.reason)).to.deep.equal([KickReason.ABUSE]);
    });

    it('a frame over maxFrameBytes → ERROR TOO_LARGE, then close 1009; the strategy never runs', () => {
      const { session, onBinary, strategies } = rig({ options: { maxFrameBytes: 64 } });
      const big = frame(Cmd.C2C_SEND_REQ, 5, { clientMsgId: 'c', toUserId: '2', content: 'x'.repeat(100), format: MsgFormat.TEXT });
      onBinary(big);
      expect(errors(session)).to.deep.equal([{ seq: 0, code: ErrorCode.TOO_LARGE }]);
      expect(session.closes).to.deep.equal([1009]);
      expect(strategies.send.frames).to.have.length(0);
    });

    it('a frame of exactly maxFrameBytes passes', () => {
      const bytes = sendReq(5);
      const { session, onBinary, strategies } = rig({ options: { maxFrameBytes: bytes.length } });
      onBinary(bytes);
      expect(strategies.send.frames).to.have.length(1);
      expect(errors(session)).to.deep.equal([]);
    });
  });

  describe('rate limit (injected clock)', () => {
    it('burst passes, then RATE_LIMITED with the seq and the strategy is not called', () => {
      const { session, onBinary, strategies } = rig({ options: { ratePerSec: 2, rateBurst: 3 } });
      for (let seq = 1; seq <= 4; seq += 1) onBinary(recall(seq));
      expect(strategies.recall.frames.map((f) => f.seq)).to.deep.equal([1, 2, 3]);
      expect(errors(session)).to.deep.equal([{ seq: 4, code: ErrorCode.RATE_LIMITED }]);
      expect(session.closed).to.equal(false);
    });

    it('refills over time at ratePerSec, up to the burst', () => {
      const { session, onBinary, strategies, clock } = rig({ options: { ratePerSec: 2, rateBurst: 3 } });
      for (let seq = 1; seq <= 3; seq += 1) onBinary(recall(seq));
      clock.now += 499;
      onBinary(recall(4));
      clock.now += 1;
      onBinary(recall(5));
      onBinary(recall(6));
      expect(strategies.recall.frames.map((f) => f.seq)).to.deep.equal([1, 2, 3, 5]);
      expect(errors(session).map((e) => e.seq)).to.deep.equal([4, 6]);

      clock.now += 60_000;
      for (let seq = 10; seq < 15; seq += 1) onBinary(recall(seq));
      expect(strategies.recall.frames.map((f) => f.seq).slice(4)).to.deep.equal([10, 11, 12]);
      expect(errors(session).map((e) => e.seq).slice(2)).to.deep.equal([13, 14]);
    });

    it('PING and C2C_ACK draw on the ten-times-larger acks bucket, not the requests\' one', () => {
      const { session, onBinary, strategies } = rig({ options: { ratePerSec: 1, rateBurst: 2 } });
      for (let seq = 1; seq <= 10; seq += 1) {
        onBinary(ping(seq));
        onBinary(ack(100 + seq));
      }
      expect(strategies.ping.frames).to.have.length(10);
      expect(strategies.ack.frames.map((f) => f.seq)).to.deep.equal(Array.from({ length: 10 }, (_, i) => 101 + i));
      onBinary(ack(200)); // the 21st in the same instant: over the acks burst of 20
      onBinary(ping(201));
      expect(strategies.ack.frames).to.have.length(10);
      expect(errors(session)).to.deep.equal([{ seq: 200, code: ErrorCode.RATE_LIMITED }, { seq: 201, code: ErrorCode.RATE_LIMITED }]);
      session.sent.length = 0;
      onBinary(recall(50));
      onBinary(recall(51));
      onBinary(recall(52));
      expect(strategies.recall.frames.map((f) => f.seq)).to.deep.equal([50, 51]);
      expect(errors(session)).to.deep.equal([{ seq: 52, code: ErrorCode.RATE_LIMITED }]);
    });

    it('a strategy\'s declared cost is taken from its bucket: cost 5 allows burst / 5 requests, and refills at ratePerSec', () => {
      const heavy = new FakeStrategy(Cmd.SYNC_REQ, undefined, { bucket: 'requests', cost: 5 });
      const light = new FakeStrategy(Cmd.RECALL_REQ);
      const pipeline = new Pipeline([heavy, light], { ...OPTIONS, ratePerSec: 10, rateBurst: 10 }, silentLogger());
      const session = FakeSession.as('9223372036854775809');
      const clock = { now: 0 };
      const connection = pipeline.connect(session, () => clock.now);
      const sync = (seq: number) => frame(Cmd.SYNC_REQ, seq, { limit: 0, pageToken: '', updatedAfterMs: 0 });
      for (let seq = 1; seq <= 3; seq += 1) connection.onBinary(sync(seq));
      expect(heavy.frames.map((f) => f.seq)).to.deep.equal([1, 2]);
      expect(errors(session)).to.deep.equal([{ seq: 3, code: ErrorCode.RATE_LIMITED }]);
      // Both draw on the one requests bucket: it is empty for a cost-1 request too.
      connection.onBinary(recall(4));
      expect(light.frames).to.deep.equal([]);
      // 10 tokens a second: 4 tokens after 400 ms is one short of a SYNC, but enough for a recall.
      clock.now += 400;
      connection.onBinary(sync(5));
      connection.onBinary(recall(6));
      expect(heavy.frames.map((f) => f.seq)).to.deep.equal([1, 2]);
      expect(light.frames.map((f) => f.seq)).to.deep.equal([6]);
      clock.now += 200; // 3 + 2 = 5 tokens
      connection.onBinary(sync(7));
      expect(heavy.frames.map((f) => f.seq)).to.deep.equal([1, 2, 7]);
      expect(errors(session).map((e) => e.seq)).to.deep.equal([3, 4, 5]);
    });

    it('a cost above the burst never passes; a cost on the acks bucket leaves the requests bucket alone', () => {
      const tooHeavy = new FakeStrategy(Cmd.SYNC_REQ, undefined, { bucket: 'requests', cost: 3 });
      const acks = new FakeStrategy(Cmd.C2C_ACK, undefined, { bucket: 'acks', cost: 4 });
      const light = new FakeStrategy(Cmd.RECALL_REQ);
      const pipeline = new Pipeline([tooHeavy, acks, light], { ...OPTIONS, ratePerSec: 1, rateBurst: 2 }, silentLogger());
      const session = FakeSession.as('1');
      const clock = { now: 0 };
      const connection = pipeline.connect(session, () => clock.now);
      connection.onBinary(frame(Cmd.SYNC_REQ, 1, { limit: 0, pageToken: '', updatedAfterMs: 0 }));
      clock.now += 3_600_000;
      connection.onBinary(frame(Cmd.SYNC_REQ, 2, { limit: 0, pageToken: '', updatedAfterMs: 0 }));
      expect(tooHeavy.frames).to.deep.equal([]);
      // The acks bucket holds 20 (ten times the burst): five acks of cost 4, then no sixth.
      for (let seq = 10; seq < 16; seq += 1) connection.onBinary(ack(seq));
      expect(acks.frames.map((f) => f.seq)).to.deep.equal([10, 11, 12, 13, 14]);
      connection.onBinary(recall(20));
      connection.onBinary(recall(21));
      expect(light.frames.map((f) => f.seq)).to.deep.equal([20, 21]);
      expect(errors(session)).to.deep.equal([
        { seq: 1, code: ErrorCode.RATE_LIMITED }, { seq: 2, code: ErrorCode.RATE_LIMITED }, { seq: 15, code: ErrorCode.RATE_LIMITED },
      ]);
    });

    it('pauses a connection\'s input while it has MAX_IN_FLIGHT requests unanswered, and resumes at half', async () => {
      const gates: Array<Deferred<void>> = [];
      const slow = new FakeStrategy(Cmd.RECALL_REQ, () => {
        const gate = deferred();
        gates.push(gate);
        return gate.promise;
      });
      const pipeline = new Pipeline([slow], { ...OPTIONS, ratePerSec: 10_000, rateBurst: 10_000 }, silentLogger());
      const flow: string[] = [];
      const connection = pipeline.connect(FakeSession.as('1'), Date.now, { pause: () => flow.push('pause'), resume: () => flow.push('resume') });
      for (let seq = 1; seq < MAX_IN_FLIGHT; seq++) connection.onBinary(recall(seq));
      expect(flow).to.deep.equal([]);
      connection.onBinary(recall(MAX_IN_FLIGHT));
      expect(flow).to.deep.equal(['pause']);
      for (const gate of gates.slice(0, MAX_IN_FLIGHT / 2 - 1)) gate.resolve();
      await tick();
      expect(flow, 'still above half').to.deep.equal(['pause']);
      gates[MAX_IN_FLIGHT / 2 - 1]!.resolve();
      await tick();
      expect(flow).to.deep.equal(['pause', 'resume']);
      for (const gate of gates) gate.resolve();
    });

    it('a cost computed from the frame is taken as such (an ack carrying many ids costs more)', () => {
      const byIds = new FakeStrategy(Cmd.C2C_ACK, undefined, { bucket: 'acks', costOf: (f: FrameOf<typeof Cmd.C2C_ACK>) => f.body.msgIds.length });
      const pipeline = new Pipeline([byIds], { ...OPTIONS, ratePerSec: 0.1, rateBurst: 1 }, silentLogger());
      const session = FakeSession.as('1');
      const connection = pipeline.connect(session, () => 1_000_000);
      connection.onBinary(frame(Cmd.C2C_ACK, 1, { msgIds: Array.from({ length: 6 }, (_, i) => String(i + 1)) }));
      connection.onBinary(frame(Cmd.C2C_ACK, 2, { msgIds: Array.from({ length: 5 }, (_, i) => String(i + 1)) }));
      connection.onBinary(frame(Cmd.C2C_ACK, 3, { msgIds: ['1', '2', '3', '4'] }));
      expect(byIds.frames.map((f) => f.seq)).to.deep.equal([1, 3]); // burst 10: 6, then 5 is over, then 4 fits
      expect(errors(session)).to.deep.equal([{ seq: 2, code: ErrorCode.RATE_LIMITED }]);
    });

    it('a \'free\' strategy is never limited, even with an empty requests bucket', () => {
      const free = new FakeStrategy(Cmd.TYPING_REQ, undefined, 'free');
      const metered = new FakeStrategy(Cmd.RECALL_REQ);
      const pipeline = new Pipeline([free, metered], { ...OPTIONS, ratePerSec: 0.1, rateBurst: 1 }, silentLogger());
      const session = FakeSession.as('1');
      const connection = pipeline.connect(session, () => 0);
      connection.onBinary(recall(1));
      connection.onBinary(recall(2));
      for (let seq = 10; seq < 1010; seq += 1) connection.onBinary(frame(Cmd.TYPING_REQ, seq, { convId: 'c_1_2', typing: true }));
      expect(metered.frames.map((f) => f.seq)).to.deep.equal([1]);
      expect(free.frames).to.have.length(1000);
      expect(errors(session)).to.deep.equal([{ seq: 2, code: ErrorCode.RATE_LIMITED }]);
    });

    it('a strategy without a meter costs one request token', () => {
      const plain = new FakeStrategy(Cmd.READ_REQ);
      const pipeline = new Pipeline([plain], { ...OPTIONS, ratePerSec: 0.1, rateBurst: 3 }, silentLogger());
      const session = FakeSession.as('1');
      const connection = pipeline.connect(session, () => 0);
      for (let seq = 1; seq <= 4; seq += 1) connection.onBinary(frame(Cmd.READ_REQ, seq, { convId: 'c_1_2', readSeq: '1' }));
      expect(plain.frames.map((f) => f.seq)).to.deep.equal([1, 2, 3]);
      expect(errors(session)).to.deep.equal([{ seq: 4, code: ErrorCode.RATE_LIMITED }]);
    });

    it('rate-limited frames are not bad frames (no KICK ABUSE)', () => {
      const { session, onBinary } = rig({ options: { ratePerSec: 1, rateBurst: 1, maxBadFrames: 1 } });
      for (let seq = 1; seq <= 10; seq += 1) onBinary(recall(seq));
      expect(errors(session)).to.have.length(9);
      expect(session.kicks).to.deep.equal([]);
    });

    it('each connection has its own bucket', () => {
      const pipeline = new Pipeline([new FakeStrategy(Cmd.RECALL_REQ)], { ...OPTIONS, ratePerSec: 1, rateBurst: 1 }, silentLogger());
      const a = FakeSession.as('1');
      const b = FakeSession.as('2');
      const now = () => 0;
      const ca = pipeline.connect(a, now);
      const cb = pipeline.connect(b, now);
      ca.onBinary(recall(1));
      ca.onBinary(recall(2));
      cb.onBinary(recall(3));
      expect(errors(a).map((e) => e.code)).to.deep.equal([ErrorCode.RATE_LIMITED]);
      expect(errors(b)).to.deep.equal([]);
    });
  });

  describe('strategy failures', () => {
    const cases: Array<{ name: string; err: () => unknown; code: ErrorCode }> = [
      { name: 'RequestError → its code', err: () => new RequestError(ErrorCode.FORBIDDEN, 'not yours'), code: ErrorCode.FORBIDDEN },
      { name: 'TypeError → INTERNAL', err: () => new TypeError('x is undefined'), code: ErrorCode.INTERNAL },
      { name: 'RangeError → INTERNAL', err: () => new RangeError('bad'), code: ErrorCode.INTERNAL },
      { name: 'other Error → UNAVAILABLE', err: () => new Error('ECONNREFUSED'), code: ErrorCode.UNAVAILABLE },
      { name: 'a thrown non-Error → UNAVAILABLE', err: () => 'weird', code: ErrorCode.UNAVAILABLE },
    ];
    for (const { name, err, code } of cases) {
      it(`sync throw: ${name}, with the frame's seq`, () => {
        const { session, onBinary } = rig({ recall: () => { throw err(); } });
        onBinary(recall(21));
        expect(errors(session)).to.deep.equal([{ seq: 21, code }]);
        expect(session.closed).to.equal(false);
      });
      it(`async rejection: ${name}, with the frame's seq`, async () => {
        const { session, onBinary } = rig({ recall: async () => { await tick(); throw err(); } });
        onBinary(recall(22));
        await tick(5);
        expect(errors(session)).to.deep.equal([{ seq: 22, code }]);
      });
    }

    it('a RequestError keeps its message', async () => {
      const { session, onBinary } = rig({ recall: async () => { throw new RequestError(ErrorCode.NOT_FOUND, 'no message 5'); } });
      onBinary(recall(1));
      await tick();
      expect(session.only(Cmd.ERROR).body).to.deep.equal({ code: ErrorCode.NOT_FOUND, message: 'no message 5' });
    });

    it('a failed request does not count as a bad frame', async () => {
      const { session, onBinary } = rig({ options: { maxBadFrames: 0, rateBurst: 100 }, recall: async () => { throw new Error('down'); } });
      for (let seq = 1; seq <= 5; seq += 1) onBinary(recall(seq));
      await tick();
      expect(errors(session)).to.have.length(5);
      expect(session.kicks).to.deep.equal([]);
    });
  });

  describe('concurrency', () => {
    it('a slow async strategy does not block the next frame; replies echo their own seq', async () => {
      const gate = deferred();
      const { session, onBinary, strategies } = rig({
        send: async (s, f) => {
          await gate.promise;
          s.send(Cmd.C2C_SEND_ACK, f.seq, { clientMsgId: f.body.clientMsgId, msgId: '9', serverTimeMs: 1 });
        },
      });
      onBinary(sendReq(1));
      onBinary(sendReq(2));
      onBinary(ping(3));
      expect(strategies.send.frames.map((f) => f.seq)).to.deep.equal([1, 2]);
      expect(session.sent.map((f) => [f.cmd, f.seq])).to.deep.equal([[Cmd.PONG, 3]]);
      gate.resolve();
      await tick();
      expect(session.framesOf(Cmd.C2C_SEND_ACK).map((f) => [f.seq, f.body.clientMsgId])).to.deep.equal([[1, 'c1'], [2, 'c2']]);
    });
  });

  describe('observer', () => {
    it('sees every decoded frame and every ERROR code', () => {
      const { onBinary, observed } = rig({ options: { ratePerSec: 0.1, rateBurst: 1 } });
      onBinary(ping(1));
      onBinary(recall(2));
      onBinary(recall(3));
      onBinary(MALFORMED);
      expect(observed.framesIn).to.deep.equal([Cmd.PING, Cmd.RECALL_REQ, Cmd.RECALL_REQ]);
      expect(observed.errors).to.deep.equal([ErrorCode.RATE_LIMITED, ErrorCode.BAD_REQUEST]);
    });
  });
});
