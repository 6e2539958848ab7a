import { Cmd, ErrorCode, type FrameOf } from '../protocol/messages.js';
import { RequestError } from '../pipeline/request-error.js';
import type { Session } from '../pipeline/session.js';
import type { Strategy } from '../pipeline/strategy.js';
import type { LoginReplay } from '../messaging/login-replay.js';
import type { GroupFanout } from '../groups/group-fanout.js';
import type { Router } from '../cluster/router.js';
import type { Metrics } from '../ops/metrics.js';
import type { Logger } from '../log/logger.js';
import { KeysUnavailableError, sessionValidUntil, type VerifiedToken } from '../auth/jwt.js';
import type { LoginLimiter } from '../auth/login-limiter.js';

/**
 * Resolves a token to its user id and expiry, or throws with a short reason; KeysUnavailableError
 * when the keys could not be had (the client should retry, its token may be fine).
 */
export type VerifyToken = (token: string) => Promise<VerifiedToken>;

const MAX_DEVICE_ID = 128;

export class AuthStrategy implements Strategy<typeof Cmd.AUTH_REQ> {
  readonly cmd = Cmd.AUTH_REQ;
  readonly access = 'login' as const;
  readonly meter = 'free' as const;

  constructor(
    private readonly verify: VerifyToken,
    private readonly router: Router,
    private readonly replay: LoginReplay,
    /** Learns the user's groups for live group pushes on this node. */
    private readonly groups: Pick<GroupFanout, 'online'>,
    private readonly heartbeatIntervalMs: number,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly limiter: LoginLimiter,
  ) {}

  async handle(session: Session, { seq, body }: FrameOf<typeof Cmd.AUTH_REQ>): Promise<void> {
    // Before any work: verifying a signature is what a flood of logins would make this node do.
    if (this.limiter.enabled && !this.limiter.attempt(session.remoteAddress)) {
      this.metrics.auths.inc({ result: 'limited' });
      session.send(Cmd.ERROR, seq, { code: ErrorCode.RATE_LIMITED, message: 'too many login attempts from this address; retry later' });
      session.close();
      return;
    }
    if (body.deviceId.length > MAX_DEVICE_ID) {
      this.metrics.auths.inc({ result: 'failed' });
      throw new RequestError(ErrorCode.UNAUTHENTICATED, `device_id longer than ${MAX_DEVICE_ID}`);
    }
    let userId: string;
    let expiresAtMs: number | null;
    try {
      ({ userId, expiresAtMs } = await this.verify(body.token));
    } catch (err) {
      if (err instanceof KeysUnavailableError) {
        this.metrics.auths.inc({ result: 'unavailable' });
        this.logger.warn('login refused: token keys unavailable', { err: err.message });
        throw new RequestError(ErrorCode.UNAVAILABLE, 'token keys unavailable; retry later');
      }
      this.metrics.auths.inc({ result: 'failed' });
      throw new RequestError(ErrorCode.UNAUTHENTICATED, `bad token: ${(err as Error).message}`);
    }
    if (session.closed) return;
    // Two AUTH_REQs in a row both pass the pipeline's guard while the first is verifying.
    if (session.user !== null) throw new RequestError(ErrorCode.BAD_REQUEST, 'already authenticated');
    const validUntilMs = sessionValidUntil(expiresAtMs);
    session.authenticate({
      userId, deviceId: body.deviceId || 'default', platform: platformName(body.platform), echoOwnMessages: body.echoOwnMessages === true,
      ...(validUntilMs !== null && { tokenValidUntilMs: validUntilMs }),
    });
    try {
      await this.router.login(session);
    } catch (err) {
      this.logger.warn('login not recorded; session closed', { userId, err: (err as Error).message });
      session.close();
      throw new RequestError(ErrorCode.UNAVAILABLE, 'login could not be recorded; reconnect');
    }
    this.metrics.auths.inc({ result: 'ok' });
    // Before AUTH_RESP: entries committed once the client can act must reach it live, and acks
    // it sends once it can act must find what it is owed.
    const [, owed] = await Promise.all([
      this.groups.online(userId).catch((err: Error) => {
        this.logger.warn('groups not loaded at login; group entries reach this session through SYNC and HISTORY', { userId, err: err.message });
      }),
      this.replay.owed(session).catch((err: Error) => {
        // The login stands; the messages stay undelivered for PULL_OFFLINE_REQ or the next login.
        this.logger.warn('offline list not read at login', { userId, err: err.message });
        return [];
      }),
    ]);
    session.send(Cmd.AUTH_RESP, seq, {
      userId, sessionId: session.id, heartbeatIntervalMs: this.heartbeatIntervalMs, serverTimeMs: Date.now(),
    });
    try {
      await this.replay.replay(session, owed);
    } catch (err) {
      // The login stands; what was not pushed stays undelivered for PULL_OFFLINE_REQ or the next login.
      this.logger.warn('offline push after login failed', { userId, err: (err as Error).message });
    }
  }
}

/** Distinct platform names kept; past this many, a new one is held by its sessions only. */
const MAX_PLATFORMS = 64;
const platforms = new Map<string, string>();

/**
 * One string for all sessions of a platform: there are a handful ("ios", "android", "web"), and
 * each session decoding its own copy would hold one per idle connection.
 */
function platformName(name: string): string {
  const known = platforms.get(name);
  if (known !== undefined) return known;
  if (platforms.size < MAX_PLATFORMS && name.length <= 32) platforms.set(name, name);
  return name;
}
