import { Router } from '../../src/cluster/router.js';
import { LocalNodeBus } from '../../src/cluster/node-bus.js';
import { MemoryPresence } from '../../src/storage/presence-memory.js';
import { silentLogger } from '../../src/log/logger.js';
import { expect } from 'chai';
import { Cmd, ErrorCode, KickReason, type Bodies, type FrameOf } from '../../src/protocol/messages.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import type { Session } from '../../src/pipeline/session.js';
import type { LoginReplay } from '../../src/messaging/login-replay.js';
import { SessionRegistry } from '../../src/cluster/session-registry.js';
import type { Metrics } from '../../src/ops/metrics.js';
import { AuthStrategy, type VerifyToken } from '../../src/strategies/auth.js';
import { LoginLimiter } from '../../src/auth/login-limiter.js';
import { CLOCK_TOLERANCE_SECONDS, KeysUnavailableError, type VerifiedToken } from '../../src/auth/jwt.js';
import { caught, deferred, fake, FakeSession } from '../support/fakes.js';

const HEARTBEAT_MS = 25_000;
const BIG_USER = '18446744073709551615';

/** Tokens are "user:<id>"; anything else is refused. */
const verifyByPrefix: VerifyToken = async (token) => {
  if (!token.startsWith('user:')) throw new Error('signature verification failed');
  return { userId: token.slice('user:'.length), expiresAtMs: null };
};

function authReq(body: Partial<Bodies[typeof Cmd.AUTH_REQ]>, seq = 1): FrameOf<typeof Cmd.AUTH_REQ> {
  return { cmd: Cmd.AUTH_REQ, seq, body: { token: 'user:7', deviceId: 'phone', platform: 'ios', ...body } };
}

/** A single-node router (in-process presence, no other nodes) over the given registry. */
function routerOver(registry: SessionRegistry): Router {
  return new Router('node-test', registry, new MemoryPresence(), new LocalNodeBus(), 60_000, silentLogger());
}

/** An id above 2^53 the user is owed at login. */
const OWED_ID = '9007199254740993';

function setup(verify: VerifyToken = verifyByPrefix, limiter = new LoginLimiter(0)) {
  const registry = new SessionRegistry();
  const logins: Array<{ session: Session; sentBefore: number[]; owed: readonly string[]; owedBefore?: number[] }> = [];
  const owedReads = new Map<Session, number[]>();
  const replay = fake<LoginReplay>({
    owed: async (session) => {
      owedReads.set(session, (session as FakeSession).sent.map((f) => f.cmd));
      return [OWED_ID];
    },
    replay: async (session, owed) => {
      logins.push({ session, sentBefore: (session as FakeSession).sent.map((f) => f.cmd), owed, owedBefore: owedReads.get(session) });
    },
  });
  const authResults: string[] = [];
  const metrics = fake<Metrics>({
    auths: fake<Metrics['auths']>({ inc: (labels?: unknown) => { authResults.push((labels as { result: string }).result); } }),
  });
  const online: string[] = [];
  const strategy = new AuthStrategy(verify, routerOver(registry), replay, { online: async (userId) => { online.push(userId); } }, HEARTBEAT_MS, metrics, silentLogger(), limiter);
  return { strategy, registry, logins, authResults, online };
}

async function expectUnauthenticated(promise: () => Promise<void>): Promise<RequestError> {
  const err = await caught(promise);
  expect(err).to.be.instanceOf(RequestError);
  expect((err as RequestError).code).to.equal(ErrorCode.UNAUTHENTICATED);
  return err as RequestError;
}

describe('strategies/auth', () => {
  it('is not rate-limited (meter \'free\'): the one login of a connection', () => {
    expect(setup().strategy.meter).to.equal('free');
  });

  it('valid token: authenticates, binds, sends AUTH_RESP with the seq, then the login replay', async () => {
    const { strategy, registry, logins, authResults } = setup();
    const session = new FakeSession();
    const before = Date.now();
    await strategy.handle(session, authReq({ token: `user:${BIG_USER}` }, 9));

    expect(session.user).to.deep.equal({ userId: BIG_USER, deviceId: 'phone', platform: 'ios', echoOwnMessages: false });
    expect(registry.sessionsOf(BIG_USER)).to.deep.equal([session]);
    const resp = session.only(Cmd.AUTH_RESP);
    expect(resp.seq).to.equal(9);
    expect(resp.body.userId).to.equal(BIG_USER);
    expect(resp.body.sessionId).to.equal(session.id);
    expect(resp.body.heartbeatIntervalMs).to.equal(HEARTBEAT_MS);
    expect(resp.body.serverTimeMs).to.be.within(before, Date.now());
    expect(logins).to.have.length(1);
    expect(logins[0]!.session).to.equal(session);
    expect(logins[0]!.sentBefore, 'AUTH_RESP goes out before the login replay').to.deep.equal([Cmd.AUTH_RESP]);
    expect(logins[0]!.owedBefore, 'what the user is owed is read before AUTH_RESP: acks can come at once').to.deep.equal([]);
    expect(logins[0]!.owed, 'and replayed from').to.deep.equal([OWED_ID]);
    expect(authResults).to.deep.equal(['ok']);
    expect(session.kicks).to.deep.equal([]);
  });

  it('echo_own_messages is taken from AUTH_REQ; absent means false', async () => {
    const { strategy } = setup();
    const echoing = new FakeSession();
    await strategy.handle(echoing, authReq({ token: `user:${BIG_USER}`, deviceId: 'laptop', echoOwnMessages: true }));
    expect(echoing.user).to.deep.equal({ userId: BIG_USER, deviceId: 'laptop', platform: 'ios', echoOwnMessages: true });
    const silent = new FakeSession();
    await strategy.handle(silent, authReq({ token: `user:${BIG_USER}`, deviceId: 'tablet', echoOwnMessages: false }));
    expect(silent.user!.echoOwnMessages).to.equal(false);
    const legacy = new FakeSession();
    const body = { token: `user:${BIG_USER}`, deviceId: 'watch', platform: 'ios' };
    await strategy.handle(legacy, { cmd: Cmd.AUTH_REQ, seq: 1, body });
    expect(legacy.user!.echoOwnMessages).to.equal(false);
  });

  it('an empty device_id means "default"', async () => {
    const { strategy, registry } = setup();
    const session = new FakeSession();
    await strategy.handle(session, authReq({ deviceId: '' }));
    expect(session.user!.deviceId).to.equal('default');
    const again = new FakeSession();
    await strategy.handle(again, authReq({ deviceId: '' }));
    expect(session.kicks.map((k) => k.reason)).to.deep.equal([KickReason.DUPLICATE_LOGIN]);
    expect(registry.sessionsOf('7')).to.deep.equal([again]);
  });

  it('invalid token → RequestError UNAUTHENTICATED; nothing sent, nothing bound, no login replay', async () => {
    const { strategy, registry, logins, authResults } = setup();
    const session = new FakeSession();
    const err = await expectUnauthenticated(() => strategy.handle(session, authReq({ token: 'forged' })));
    expect(err.message).to.contain('signature verification failed');
    expect(session.user).to.equal(null);
    expect(session.sent).to.deep.equal([]);
    expect(registry.size).to.equal(0);
    expect(logins).to.deep.equal([]);
    expect(authResults).to.deep.equal(['failed']);
  });

  it('a previous session on the same device gets KICK DUPLICATE_LOGIN; the new one takes its place', async () => {
    const { strategy, registry } = setup();
    const first = new FakeSession();
    const second = new FakeSession();
    await strategy.handle(first, authReq({ deviceId: 'phone' }));
    await strategy.handle(second, authReq({ deviceId: 'phone' }));
    expect(first.kicks.map((k) => k.reason)).to.deep.equal([KickReason.DUPLICATE_LOGIN]);
    expect(second.kicks).to.deep.equal([]);
    expect(registry.sessionsOf('7')).to.deep.equal([second]);
    // The kicked session unbinding later must not remove its successor.
    registry.unbind(first);
    expect(registry.sessionsOf('7')).to.deep.equal([second]);
  });

  it('sessions on other devices, or of other users on the same device name, coexist', async () => {
    const { strategy, registry } = setup();
    const phone = new FakeSession();
    const laptop = new FakeSession();
    const other = new FakeSession();
    await strategy.handle(phone, authReq({ deviceId: 'phone' }));
    await strategy.handle(laptop, authReq({ deviceId: 'laptop' }));
    await strategy.handle(other, authReq({ token: 'user:8', deviceId: 'phone' }));
    expect([phone, laptop, other].flatMap((s) => s.kicks)).to.deep.equal([]);
    expect(registry.sessionsOf('7')).to.have.members([phone, laptop]);
    expect(registry.sessionsOf('8')).to.deep.equal([other]);
  });

  it('device_id of 128 characters is fine; 129 → UNAUTHENTICATED before the token is verified', async () => {
    let verified = 0;
    const { strategy, authResults } = setup(async (token) => { verified += 1; return verifyByPrefix(token); });
    await strategy.handle(new FakeSession(), authReq({ deviceId: 'd'.repeat(128) }));
    expect(verified).to.equal(1);
    const session = new FakeSession();
    await expectUnauthenticated(() => strategy.handle(session, authReq({ deviceId: 'd'.repeat(129) })));
    expect(verified).to.equal(1);
    expect(session.user).to.equal(null);
    expect(session.sent).to.deep.equal([]);
    expect(authResults).to.deep.equal(['ok', 'failed']);
  });

  it('session closed while the token was being verified → nothing sent, not bound, no login replay', async () => {
    const gate = deferred<VerifiedToken>();
    const { strategy, registry, logins } = setup(() => gate.promise);
    const session = new FakeSession();
    const handled = strategy.handle(session, authReq({}));
    session.closed = true;
    gate.resolve({ userId: '7', expiresAtMs: null });
    await handled;
    expect(session.user).to.equal(null);
    expect(session.sent).to.deep.equal([]);
    expect(registry.size).to.equal(0);
    expect(logins).to.deep.equal([]);
  });

  it('a failing login replay is logged, not answered: AUTH_RESP was sent and the login stands', async () => {
    const registry = new SessionRegistry();
    const metrics = fake<Metrics>({ auths: fake<Metrics['auths']>({ inc: () => {} }) });
    const replay = fake<LoginReplay>({ owed: async () => [], replay: async () => { throw new Error('redis down'); } });
    const strategy = new AuthStrategy(verifyByPrefix, routerOver(registry), replay, { online: async () => {} }, HEARTBEAT_MS, metrics, silentLogger(), new LoginLimiter(0));
    const session = new FakeSession();
    await strategy.handle(session, authReq({}));
    expect(session.framesOf(Cmd.ERROR)).to.deep.equal([]);
    expect(session.only(Cmd.AUTH_RESP).seq).to.equal(1);
    expect(registry.sessionsOf('7')).to.deep.equal([session]);
  });

  it('an offline list that cannot be read is logged; AUTH_RESP is sent and the replay pushes no message', async () => {
    const registry = new SessionRegistry();
    const metrics = fake<Metrics>({ auths: fake<Metrics['auths']>({ inc: () => {} }) });
    const replayed: Array<readonly string[]> = [];
    const replay = fake<LoginReplay>({
      owed: async () => { throw new Error('redis down'); },
      replay: async (_session, owed) => { replayed.push(owed); },
    });
    const strategy = new AuthStrategy(verifyByPrefix, routerOver(registry), replay, { online: async () => {} }, HEARTBEAT_MS, metrics, silentLogger(), new LoginLimiter(0));
    const session = new FakeSession();
    await strategy.handle(session, authReq({}));
    expect(session.only(Cmd.AUTH_RESP).seq).to.equal(1);
    expect(replayed).to.deep.equal([[]]);
  });

  it('keeps the token\'s exp plus the clock tolerance on the session user, for the sweep', async () => {
    const expiresAtMs = Date.now() + 60_000;
    const { strategy } = setup(async () => ({ userId: '9007199254740993', expiresAtMs }));
    const session = new FakeSession();
    await strategy.handle(session, authReq({}));
    expect(session.user).to.deep.equal({
      userId: '9007199254740993', deviceId: 'phone', platform: 'ios', echoOwnMessages: false,
      tokenValidUntilMs: expiresAtMs + CLOCK_TOLERANCE_SECONDS * 1000,
    });
  });

  it('keys unavailable → ERROR UNAVAILABLE (retry), not UNAUTHENTICATED, counted apart', async () => {
    const { strategy, authResults } = setup(async () => { throw new KeysUnavailableError('JWKS http://idp/keys not available'); });
    const session = new FakeSession();
    const err = await caught(() => strategy.handle(session, authReq({})));
    expect(err).to.be.instanceOf(RequestError);
    expect((err as RequestError).code).to.equal(ErrorCode.UNAVAILABLE);
    expect(session.user).to.equal(null);
    expect(authResults).to.deep.equal(['unavailable']);
  });

  describe('login attempts per address', () => {
    it('past the budget: ERROR RATE_LIMITED with the seq, close, no verification, counted as limited', async () => {
      let verified = 0;
      const { strategy, authResults } = setup(async (token) => { verified++; return verifyByPrefix(token); }, new LoginLimiter(3));
      for (let i = 0; i < 3; i++) await strategy.handle(new FakeSession(), authReq({ token: i === 1 ? 'bad' : 'user:7' })).catch(() => {});
      const session = new FakeSession();
      await strategy.handle(session, authReq({}, 4));
      expect(session.sent).to.deep.equal([{ cmd: Cmd.ERROR, seq: 4, body: { code: ErrorCode.RATE_LIMITED, message: 'too many login attempts from this address; retry later' } }]);
      expect(session.closed).to.equal(true);
      expect(session.user).to.equal(null);
      expect(verified, 'failed attempts count too; the refused one is never verified').to.equal(3);
      expect(authResults).to.deep.equal(['ok', 'failed', 'ok', 'limited']);
    });

    it('with the limit off, the address is never read (a getpeername, and kept on the socket for its life)', async () => {
      const { strategy } = setup();
      const session = new FakeSession();
      let reads = 0;
      Object.defineProperty(session, 'remoteAddress', { get: () => { reads++; return '203.0.113.7'; } });
      await strategy.handle(session, authReq({}));
      expect(session.user?.userId).to.equal('7');
      expect(reads).to.equal(0);
    });
  });

  it('two overlapping AUTH_REQs on one session log in only once', async () => {
    const gates = [deferred<VerifiedToken>(), deferred<VerifiedToken>()];
    let call = 0;
    const { strategy, registry, logins } = setup(() => gates[call++]!.promise);
    const session = new FakeSession();
    const first = strategy.handle(session, authReq({ token: 'user:7' }, 1));
    const second = strategy.handle(session, authReq({ token: 'user:8' }, 2));
    gates[0]!.resolve({ userId: '7', expiresAtMs: null });
    gates[1]!.resolve({ userId: '8', expiresAtMs: null });
    const results = await Promise.allSettled([first, second]);
    expect(results[0]!.status).to.equal('fulfilled');
    expect(results[1]!.status).to.equal('rejected');
    expect(session.user!.userId).to.equal('7');
    expect(session.framesOf(Cmd.AUTH_RESP)).to.have.length(1);
    expect(registry.sessionsOf('8')).to.deep.equal([]);
    expect(logins).to.have.length(1);
  });
});
