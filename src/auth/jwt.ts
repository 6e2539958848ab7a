// auth/: client tokens. A token is an HS256 JWT whose `sub` is the user id as a decimal uint64.
// The HMAC key is the UTF-8 bytes of the configured secret string, as in most JWT libraries, so
// tokens minted by another service with the same secret verify here.
import { errors, jwtVerify, SignJWT } from 'jose';
import { isUserId } from '../ids/id.js';

/** Short, stable reasons; the auth strategy shows them to the client after "bad token: ". */
export type AuthFailure = 'expired' | 'not yet valid' | 'bad signature' | 'bad alg' | 'malformed' | 'bad sub';

export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(readonly reason: AuthFailure) {
    super(reason);
  }
}

export interface VerifiedToken {
  userId: string;
  /** From `exp`; null when the token has none (tokens from signToken always have one). */
  expiresAtMs: number | null;
}

/** Forgives this much clock skew between the token issuer and this node on `exp` and `nbf`, s. */
export const CLOCK_TOLERANCE_SECONDS = 5;

function hmacKey(secret: string): Uint8Array {
  // An empty key would make every token forgeable; this is a server bug, not a bad token.
  if (secret === '') throw new Error('JWT secret is empty');
  return new TextEncoder().encode(secret);
}

export async function verifyToken(token: string, secret: string, nowMs: number = Date.now()): Promise<VerifiedToken> {
  const key = hmacKey(secret);
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(nowMs),
    }));
  } catch (err) {
    throw new AuthError(failureOf(err));
  }
  if (!isUserId(payload.sub)) throw new AuthError('bad sub');
  return { userId: payload.sub, expiresAtMs: payload.exp === undefined ? null : payload.exp * 1000 };
}

function failureOf(err: unknown): AuthFailure {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'bad alg';
  if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'nbf' && err.reason === 'check_failed') return 'not yet valid';
  if (err instanceof errors.JOSEError) return 'malformed';
  throw err;
}

export interface SignOptions {
  userId: string;
  secret: string;
  ttlSeconds: number;
  nowMs?: number;
}

export async function signToken({ userId, secret, ttlSeconds, nowMs = Date.now() }: SignOptions): Promise<string> {
  if (!isUserId(userId)) throw new RangeError(`user id must be a decimal uint64 above 0, got '${userId}'`);
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`ttl must be a positive whole number of seconds, got ${ttlSeconds}`);
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT()
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(hmacKey(secret));
}

const TTL_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** "30s", "15m", "1h", "7d" or plain seconds ("90") → seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  const seconds = match ? Number(match[1]) * TTL_UNITS[match[2]!]! : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new RangeError(`ttl must look like 30s, 15m, 1h, 7d or plain seconds, got '${text}'`);
  return seconds;
}
