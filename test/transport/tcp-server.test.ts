// The raw TCP port with real sockets over a small pipeline (any token logs in as itself, PING).
import net from 'node:net';
import { expect } from 'chai';
import { encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, ErrorCode, KickReason, MsgFormat, type FrameOf } from '../../src/protocol/messages.js';
import { PushFrame } from '../../src/protocol/push-frame.js';
import { silentLogger } from '../../src/log/logger.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import type { Session } from '../../src/pipeline/session.js';
import type { Strategy } from '../../src/pipeline/strategy.js';
import { HeartbeatStrategy } from '../../src/strategies/heartbeat.js';
import { Admission } from '../../src/transport/admission.js';
import { lengthPrefixed } from '../../src/transport/length-prefix.js';
import { TcpServer, type TcpServerOptions } from '../../src/transport/tcp-server.js';
import type { TcpSession } from '../../src/transport/tcp-session.js';
import { tick } from '../support/fakes.js';
import { lengthOnly, TcpClient } from '../support/tcp-client.js';

const DEFAULTS: TcpServerOptions = {
  host: '127.0.0.1',
  port: 0,
  maxFrameBytes: 1024,
  maxBadFrames: 3,
  slowConsumerBytes: 1024,
  slowConsumerGraceMs: 5000,
  authTimeoutMs: 10_000,
  heartbeatIntervalMs: 10_000,
};

/** Logs in with any token as the user named by it. */
const anyToken: Strategy<typeof Cmd.AUTH_REQ> = {
  cmd: Cmd.AUTH_REQ,
  access: 'login',
  meter: 'free',
  handle(session: Session, { seq, body }: FrameOf<typeof Cmd.AUTH_REQ>) {
    session.authenticate({ userId: body.token, deviceId: body.deviceId, platform: body.platform, echoOwnMessages: false });
    session.send(Cmd.AUTH_RESP, seq, { userId: body.token, sessionId: session.id, heartbeatIntervalMs: 1000, serverTimeMs: Date.now() });
  },
};

const ping = (seq: number) => lengthPrefixed(encodeFrame(Cmd.PING, seq, { clientTimeMs: String(seq) }));
const bigPush = (content: string) => PushFrame.of(Cmd.C2C_PUSH, {
  message: { msgId: '9007199254740993', clientMsgId: 'c', fromUserId: '1', toUserId: '2', content, format: MsgFormat.TEXT, createTimeMs: 0 },
});

describe('TcpServer', () => {
  let server: TcpServer;
  let port: number;
  let pingsHandled: number;
  const events = { opened: 0, closed: 0, kicks: [] as KickReason[], framesOut: 0 };
  const clients: TcpClient[] = [];

  async function serve(options: Partial<TcpServerOptions> = {}): Promise<void> {
    const heartbeat = new HeartbeatStrategy();
    const countedPing: Strategy<typeof Cmd.PING> = {
      cmd: Cmd.PING,
      meter: 'free',
      handle(session, frame) {
        pingsHandled += 1;
        heartbeat.handle(session, frame);
      },
    };
    const all = { ...DEFAULTS, ...options };
    const pipeline = new Pipeline([anyToken, countedPing], { maxFrameBytes: all.maxFrameBytes, ratePerSec: 100, rateBurst: 100, maxBadFrames: all.maxBadFrames }, silentLogger());
    server = new TcpServer(all, pipeline, {
      onOpen: () => (events.opened += 1),
      onClose: () => (events.closed += 1),
      onFrameOut: () => (events.framesOut += 1),
      onKick: (reason) => events.kicks.push(reason),
    }, new Admission({ maxConnections: 0, overloadLagMs: 0 }, { refused: () => undefined, overloaded: () => undefined }), silentLogger());
    port = await server.listen();
  }

  async function connect(): Promise<TcpClient> {
    const client = await TcpClient.open(port);
    clients.push(client);
    return client;
  }

  async function login(userId = '9223372036854775807'): Promise<TcpClient> {
    const client = await connect();
    const seq = client.send(Cmd.AUTH_REQ, { token: userId, deviceId: 'd', platform: 'test' });
    const resp = await client.next(Cmd.AUTH_RESP, (f) => f.seq === seq);
    expect(resp.body.userId).to.equal(userId);
    return client;
  }

  /** The server side of the only session. */
  function onlySession(): TcpSession {
    expect(server.sessions.size).to.equal(1);
    return [...server.sessions][0]!;
  }

  beforeEach(() => {
    pingsHandled = 0;
    Object.assign(events, { opened: 0, closed: 0, kicks: [], framesOut: 0 });
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.terminate());
    await server.close(KickReason.SERVER_SHUTDOWN, 'test over', 200);
  });

  describe('framing', () => {
    beforeEach(() => serve());

    it('reads a frame that arrives in many writes, its length cut in two', async () => {
      const client = await login();
      const frame = ping(41);
      for (const b of frame) {
        await client.sendRaw(Uint8Array.of(b));
        await tick(2);
      }
      const pong = await client.next(Cmd.PONG);
      expect(pong.seq).to.equal(41);
      expect(pong.body.clientTimeMs).to.equal('41');
    });

    it('reads several frames from one write and answers them in order', async () => {
      const client = await connect();
      await client.sendRaw(Buffer.concat([
        lengthPrefixed(encodeFrame(Cmd.AUTH_REQ, 1, { token: '7', deviceId: 'd', platform: '' })),
        ping(2), ping(3), ping(4),
      ]));
      await client.next(Cmd.PONG, (f) => f.seq === 4);
      expect(client.frames.map((f) => [f.cmd, f.seq])).to.deep.equal([[Cmd.AUTH_RESP, 1], [Cmd.PONG, 2], [Cmd.PONG, 3]]);
    });

    it('takes a frame of exactly maxFrameBytes', async () => {
      const client = await connect();
      let deviceId = 'x'.repeat(DEFAULTS.maxFrameBytes);
      const authReq = () => encodeFrame(Cmd.AUTH_REQ, 1, { token: '7', deviceId, platform: '' });
      while (authReq().length > DEFAULTS.maxFrameBytes) deviceId = deviceId.slice(1);
      expect(authReq().length).to.equal(DEFAULTS.maxFrameBytes);
      client.sendBytes(authReq());
      await client.next(Cmd.AUTH_RESP);
    });

    it('forgets a session when its client closes', async () => {
      const client = await login();
      expect(events.opened).to.equal(1);
      client.close();
      await client.closed();
      for (let i = 0; i < 50 && server.sessions.size > 0; i++) await tick(10);
      expect(server.sessions.size).to.equal(0);
      expect(events.closed).to.equal(1);
    });
  });

  describe('bad input', () => {
    beforeEach(() => serve());

    it('answers a length above maxFrameBytes with TOO_LARGE and closes without waiting for the body', async () => {
      const client = await login();
      await client.sendRaw(lengthOnly(DEFAULTS.maxFrameBytes + 1));
      const err = await client.next(Cmd.ERROR);
      expect(err.body.code).to.equal(ErrorCode.TOO_LARGE);
      expect(err.body.message).to.contain(`${DEFAULTS.maxFrameBytes + 1} bytes`);
      expect(await client.closed()).to.equal(null);
    });

    it('answers the frames before an oversized one, and none of the bytes after it', async () => {
      const client = await login();
      await client.sendRaw(Buffer.concat([ping(1), lengthOnly(0xffff_ffff), ping(2)]));
      await client.closed();
      expect(client.frames.map((f) => [f.cmd, f.seq])).to.deep.equal([[Cmd.PONG, 1], [Cmd.ERROR, 0]]);
      expect(client.all(Cmd.ERROR)[0]!.body.code).to.equal(ErrorCode.TOO_LARGE);
      expect(pingsHandled).to.equal(1);
    });

    it('refuses an oversized frame before login the same way', async () => {
      const client = await connect();
      await client.sendRaw(lengthOnly(1 << 30));
      expect((await client.next(Cmd.ERROR)).body.code).to.equal(ErrorCode.TOO_LARGE);
      await client.closed();
    });

    it('answers a zero-length frame with BAD_REQUEST and keeps the session', async () => {
      const client = await login();
      await client.sendRaw(lengthOnly(0));
      expect((await client.next(Cmd.ERROR)).body.code).to.equal(ErrorCode.BAD_REQUEST);
      const seq = client.send(Cmd.PING, { clientTimeMs: '1' });
      await client.next(Cmd.PONG, (f) => f.seq === seq);
    });

    it('kicks a session that keeps sending zero-length frames with ABUSE', async () => {
      const client = await login();
      await client.sendRaw(Buffer.concat(Array.from({ length: DEFAULTS.maxBadFrames + 1 }, () => lengthOnly(0))));
      expect((await client.next(Cmd.KICK)).body.reason).to.equal(KickReason.ABUSE);
      expect(client.all(Cmd.ERROR)).to.have.length(DEFAULTS.maxBadFrames + 1);
      await client.closed();
      expect(events.kicks).to.deep.equal([KickReason.ABUSE]);
    });

    it('refuses a zero-length first frame with UNAUTHENTICATED, then closes', async () => {
      const client = await connect();
      await client.sendRaw(lengthOnly(0));
      expect((await client.next(Cmd.ERROR)).body.code).to.equal(ErrorCode.UNAUTHENTICATED);
      await client.closed();
    });

    it('hands malformed frames to the pipeline, which answers BAD_REQUEST', async () => {
      const client = await login();
      client.sendBytes(Uint8Array.of(0xff, 0xff));
      expect((await client.next(Cmd.ERROR)).body.code).to.equal(ErrorCode.BAD_REQUEST);
    });
  });

  describe('timeouts', () => {
    it('closes a connection that does not log in within the auth timeout', async () => {
      await serve({ authTimeoutMs: 150 });
      const client = await connect();
      const started = Date.now();
      expect((await client.next(Cmd.ERROR)).body.code).to.equal(ErrorCode.UNAUTHENTICATED);
      await client.closed();
      expect(Date.now() - started).to.be.within(100, 1500);
    });

    it('kicks a session silent for 3 heartbeat intervals with HEARTBEAT_TIMEOUT', async () => {
      await serve({ heartbeatIntervalMs: 100 });
      const client = await login();
      expect((await client.next(Cmd.KICK, undefined, 3000)).body.reason).to.equal(KickReason.HEARTBEAT_TIMEOUT);
      await client.closed();
    });

    it('keeps a session that pings', async () => {
      await serve({ heartbeatIntervalMs: 100 });
      const client = await login();
      for (let i = 0; i < 8; i++) {
        client.send(Cmd.PING, { clientTimeMs: String(i) });
        await tick(80);
      }
      expect(client.all(Cmd.KICK)).to.have.length(0);
      expect(client.ended).to.equal(false);
    });

    it('counts a login frame that never completes as silence (auth timeout)', async () => {
      await serve({ authTimeoutMs: 200 });
      const client = await connect();
      const authReq = lengthPrefixed(encodeFrame(Cmd.AUTH_REQ, 1, { token: '7', deviceId: 'd', platform: '' }));
      let i = 0;
      const trickle = setInterval(() => void client.sendRaw(authReq.subarray(i, ++i)).catch(() => {}), 20);
      try {
        expect((await client.next(Cmd.ERROR, undefined, 3000)).body.code).to.equal(ErrorCode.UNAUTHENTICATED);
        await client.closed();
        expect(i).to.be.lessThan(authReq.length);
      } finally {
        clearInterval(trickle);
      }
    });

    it('counts a frame trickled a byte at a time as silence (heartbeat timeout)', async () => {
      await serve({ heartbeatIntervalMs: 100 });
      const client = await login();
      await client.sendRaw(lengthOnly(1000));
      const trickle = setInterval(() => void client.sendRaw(Uint8Array.of(0)).catch(() => {}), 20);
      try {
        expect((await client.next(Cmd.KICK, undefined, 3000)).body.reason).to.equal(KickReason.HEARTBEAT_TIMEOUT);
      } finally {
        clearInterval(trickle);
      }
    });
  });

  describe('slow consumers', () => {
    /** Pushes to the only session until it refuses; returns how many it took. */
    function pushUntilRefused(content: string): number {
      const session = onlySession();
      let pushed = 0;
      while (session.push(bigPush(content))) {
        pushed += 1;
        if (pushed > 100_000) throw new Error('the send buffer never filled');
      }
      return pushed;
    }

    it('stops pushing to a session whose send buffer is over the limit and kicks it after the grace', async () => {
      // authTimeoutMs only makes the sweep run often.
      await serve({ slowConsumerBytes: 4096, slowConsumerGraceMs: 200, authTimeoutMs: 100 });
      const client = await login();
      client.pauseReading();
      const pushed = pushUntilRefused('€'.repeat(5000));
      expect(onlySession().slowSince).to.not.equal(null);
      await tick(500);
      client.resumeReading();
      const kick = await client.next(Cmd.KICK, undefined, 10_000);
      expect(kick.body.reason).to.equal(KickReason.SLOW_CONSUMER);
      expect(client.all(Cmd.C2C_PUSH)).to.have.length(pushed);
      expect(client.all(Cmd.C2C_PUSH)[0]!.body.message.msgId).to.equal('9007199254740993');
      await client.closed();
      expect(events.kicks).to.deep.equal([KickReason.SLOW_CONSUMER]);
    });

    it('does not read from a session while its send buffer is over the limit', async () => {
      await serve({ slowConsumerGraceMs: 60_000, authTimeoutMs: 100 });
      const client = await login();
      client.pauseReading();
      pushUntilRefused('x'.repeat(16_000));
      const seq = client.send(Cmd.PING, { clientTimeMs: '5' });
      await tick(300);
      expect(pingsHandled).to.equal(0);
      client.resumeReading();
      await client.next(Cmd.PONG, (f) => f.seq === seq, 5000);
      expect(pingsHandled).to.equal(1);
      expect(client.all(Cmd.KICK)).to.have.length(0);
    });

    it('takes pushes again once the buffer has drained', async () => {
      await serve({ slowConsumerGraceMs: 60_000, authTimeoutMs: 100 });
      const client = await login();
      client.pauseReading();
      const pushed = pushUntilRefused('x'.repeat(16_000));
      client.resumeReading();
      for (let i = 0; i < 500 && client.all(Cmd.C2C_PUSH).length < pushed; i++) await tick(10);
      expect(onlySession().push(bigPush('again'))).to.equal(true);
      expect((await client.next(Cmd.C2C_PUSH, (f) => f.body.message.content === 'again')).seq).to.equal(0);
    });
  });

  describe('shutdown', () => {
    beforeEach(() => serve());

    it('kicks every session with the reason given, closes them, and stops accepting', async () => {
      const alice = await login('1');
      const bob = await login('2');
      await server.close(KickReason.SERVER_SHUTDOWN, 'bye', 2000);
      for (const client of [alice, bob]) {
        const kick = await client.next(Cmd.KICK);
        expect(kick.body).to.deep.equal({ reason: KickReason.SERVER_SHUTDOWN, detail: 'bye' });
        await client.closed();
      }
      expect(server.sessions.size).to.equal(0);
      expect(events.closed).to.equal(2);
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => resolve(false));
        socket.once('error', () => resolve(true));
      });
      expect(refused).to.equal(true);
    });

    it('cuts off a peer that does not close its side within waitMs', async () => {
      const client = await login();
      client.pauseReading(); // it never sees our FIN, so it never answers with its own
      const started = Date.now();
      await server.close(KickReason.SERVER_SHUTDOWN, 'bye', 300);
      expect(Date.now() - started).to.be.within(250, 1500);
      expect(server.sessions.size).to.equal(0);
      client.resumeReading();
      await client.closed();
    });
  });
});
