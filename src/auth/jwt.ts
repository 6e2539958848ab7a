// auth/: client tokens. A token is a JWT whose `sub` is the user id as a decimal uint64, signed
// with HS256 (a shared secret) or RS256/ES256 (a private key the gateway only has the public half
// of). The HMAC key is the UTF-8 bytes of the configured secret string, as in most JWT libraries,
// so tokens minted by another service with the same secret verify here.
import type { KeyObject } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type CryptoKey, type JWTHeaderParameters } from 'jose';
import { isUserId } from '../ids/id.js';

/** Short, stable reasons; the auth strategy shows them to the client after "bad token: ". */
export type AuthFailure =
  | 'expired' | 'not yet valid' | 'bad signature' | 'bad alg' | 'malformed' | 'bad sub'
  | 'bad issuer' | 'bad audience' | 'unknown key';

export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(readonly reason: AuthFailure) {
    super(reason);
  }
}

/**
 * The keys that would decide could not be had (a JWKS URL unreachable): not the token's fault, so
 * the client is told to retry rather than that its token is bad.
 */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
}

export interface VerifiedToken {
  userId: string;
  /** From `exp`; null when the token has none (tokens from signToken always have one). */
  expiresAtMs: number | null;
}

/** Forgives this much clock skew between the token issuer and this node on `exp` and `nbf`, s. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Until when a session logged in with a token expiring at `expiresAtMs` may stay: the last moment
 * the same token would still be accepted by a new login. Kicking any earlier would make a client
 * that logs in again with the same token loop between login and kick.
 */
export function sessionValidUntil(expiresAtMs: number | null): number | null {
  return expiresAtMs === null ? null : expiresAtMs + CLOCK_TOLERANCE_SECONDS * 1000;
}

export type AsymmetricAlg = 'RS256' | 'ES256';
export const ASYMMETRIC_ALGS: readonly AsymmetricAlg[] = ['RS256', 'ES256'];

export type VerifyKey = KeyObject | CryptoKey;

/** A public key from a PEM file; PEM carries no kid, so a token of its alg is tried against each. */
export interface PublicKey {
  alg: AsymmetricAlg;
  key: KeyObject;
}

/**
 * A key set that resolves a token's header to its key, as jose's JWKS functions do: throws
 * JWKSNoMatchingKey (unknown kid), JWKSMultipleMatchingKeys (several candidates, iterable), or
 * KeysUnavailableError.
 */
export type KeySet = (header: JWTHeaderParameters) => Promise<VerifyKey>;

export interface TokenKeys {
  /** HS256 secrets, each accepted (the current one and, during a rotation, the previous one). */
  secrets: readonly string[];
  publicKeys: readonly PublicKey[];
  /** A JWKS (file or URL); null when none is configured. */
  keySet: KeySet | null;
  /** Required `iss`, or null for no check. */
  issuer: string | null;
  /** Required in `aud`, or null for no check. */
  audience: string | null;
}

function hmacKey(secret: string): Uint8Array {
  // An empty key would make every token forgeable; this is a server bug, not a bad token.
  if (secret === '') throw new Error('JWT secret is empty');
  return new TextEncoder().encode(secret);
}

/** Verifies against one HS256 secret: the shape every gateway had before key sets. */
export function verifyToken(token: string, secret: string, nowMs: number = Date.now()): Promise<VerifiedToken> {
  hmacKey(secret);
  return verifyWith(token, { secrets: [secret], publicKeys: [], keySet: null, issuer: null, audience: null }, nowMs);
}

export async function verifyWith(token: string, keys: TokenKeys, nowMs: number = Date.now()): Promise<VerifiedToken> {
  let header: JWTHeaderParameters;
  try {
    header = decodeProtectedHeader(token) as JWTHeaderParameters;
  } catch {
    throw new AuthError('malformed');
  }
  const alg = header.alg;
  const candidates = alg === 'HS256' ? keys.secrets.map(hmacKey) : await asymmetricCandidates(header, keys);
  if (candidates.length === 0) throw new AuthError('bad alg');
  const options = {
    algorithms: [alg!],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    currentDate: new Date(nowMs),
    ...(keys.issuer !== null && { issuer: keys.issuer }),
    ...(keys.audience !== null && { audience: keys.audience }),
  };
  for (const key of candidates) {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key, options));
    } catch (err) {
      if (err instanceof errors.JWSSignatureVerificationFailed) continue;
      throw new AuthError(failureOf(err));
    }
    if (!isUserId(payload.sub)) throw new AuthError('bad sub');
    return { userId: payload.sub, expiresAtMs: payload.exp === undefined ? null : payload.exp * 1000 };
  }
  throw new AuthError('bad signature');
}

/** Empty when nothing configured takes this alg ('bad alg'); throws 'unknown key' for a kid no key has. */
async function asymmetricCandidates(header: JWTHeaderParameters, keys: TokenKeys): Promise<VerifyKey[]> {
  if (!ASYMMETRIC_ALGS.includes(header.alg as AsymmetricAlg)) return [];
  const pem = keys.publicKeys.filter((k) => k.alg === header.alg).map((k) => k.key);
  if (keys.keySet === null) return pem;
  try {
    return [await keys.keySet(header)];
  } catch (err) {
    if (err instanceof errors.JWKSMultipleMatchingKeys) {
      const all: VerifyKey[] = [];
      for await (const key of err) all.push(key);
      return [...all, ...pem];
    }
    if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
    if (pem.length > 0) return pem;
    throw new AuthError('unknown key');
  }
}

function failureOf(err: unknown): AuthFailure {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'bad alg';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf' && err.reason === 'check_failed') return 'not yet valid';
    if (err.claim === 'iss') return 'bad issuer';
    if (err.claim === 'aud') return 'bad audience';
  }
  if (err instanceof errors.JOSEError) return 'malformed';
  throw err;
}

/** A private key to sign with instead of an HS256 secret (e.g. from `npm run token -- --key`). */
export interface PrivateSigningKey {
  alg: AsymmetricAlg;
  key: KeyObject;
  kid?: string;
}

export interface SignOptions {
  userId: string;
  /** HS256 secret; ignored when `privateKey` is given. */
  secret?: string;
  privateKey?: PrivateSigningKey;
  ttlSeconds: number;
  nowMs?: number;
  issuer?: string;
  audience?: string;
}

export async function signToken({ userId, secret = '', privateKey, ttlSeconds, nowMs = Date.now(), issuer, audience }: SignOptions): Promise<string> {
  if (!isUserId(userId)) throw new RangeError(`user id must be a decimal uint64 above 0, got '${userId}'`);
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) throw new RangeError(`ttl must be a positive whole number of seconds, got ${ttlSeconds}`);
  const iat = Math.floor(nowMs / 1000);
  const jwt = new SignJWT()
    .setProtectedHeader(privateKey
      ? { alg: privateKey.alg, typ: 'JWT', ...(privateKey.kid !== undefined && { kid: privateKey.kid }) }
      : { alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds);
  if (issuer !== undefined) jwt.setIssuer(issuer);
  if (audience !== undefined) jwt.setAudience(audience);
  return jwt.sign(privateKey ? privateKey.key : hmacKey(secret));
}

const TTL_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** "30s", "15m", "1h", "7d" or plain seconds ("90") → seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  const seconds = match ? Number(match[1]) * TTL_UNITS[match[2]!]! : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new RangeError(`ttl must look like 30s, 15m, 1h, 7d or plain seconds, got '${text}'`);
  return seconds;
}
