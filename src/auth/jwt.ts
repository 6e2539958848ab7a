// auth/: client tokens. A token is a JWT whose `sub` is the user id as a decimal uint64, signed
// with HS256 (a shared secret) or RS256/ES256 (a private key the gateway only has the public half
// of). The HMAC key is the UTF-8 bytes of the configured secret string, as in most JWT libraries,
// so tokens minted by another service with the same secret verify here.
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, errors, SignJWT, type CryptoKey, type JWTHeaderParameters } from 'jose';
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
  const payload = header.alg === 'HS256' ? verifyHs256(token, header, keys.secrets) : await verifyAsymmetric(token, header, keys);
  return checkClaims(payload, keys, nowMs);
}

/**
 * HS256 checked here, synchronously: jose goes through WebCrypto (a key import and an async job
 * per token), ~90 µs of CPU against ~7 µs, and logins come in waves. Returns the payload bytes.
 */
function verifyHs256(token: string, header: JWTHeaderParameters, secrets: readonly string[]): Uint8Array {
  if (secrets.length === 0) throw new AuthError('bad alg');
  const parts = token.split('.');
  // No extensions (crit, b64): jose would refuse those it does not know, and we know none.
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part)) || header.crit !== undefined || header.b64 !== undefined) {
    throw new AuthError('malformed');
  }
  const signingInput = token.slice(0, parts[0]!.length + 1 + parts[1]!.length);
  const signature = Buffer.from(parts[2]!, 'base64url');
  for (const secret of secrets) {
    const mac = createHmac('sha256', hmacKey(secret)).update(signingInput).digest();
    if (mac.length === signature.length && timingSafeEqual(mac, signature)) return Buffer.from(parts[1]!, 'base64url');
  }
  throw new AuthError('bad signature');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

async function verifyAsymmetric(token: string, header: JWTHeaderParameters, keys: TokenKeys): Promise<Uint8Array> {
  const candidates = await asymmetricCandidates(header, keys);
  if (candidates.length === 0) throw new AuthError('bad alg');
  for (const key of candidates) {
    try {
      return (await compactVerify(token, key, { algorithms: [header.alg!] })).payload;
    } catch (err) {
      if (err instanceof errors.JWSSignatureVerificationFailed) continue;
      throw new AuthError(failureOf(err));
    }
  }
  throw new AuthError('bad signature');
}

/** The claims of a payload whose signature was verified: RFC 7519's numeric dates, iss, aud, then sub. */
function checkClaims(payload: Uint8Array, keys: TokenKeys, nowMs: number): VerifiedToken {
  let claims: unknown;
  try {
    claims = JSON.parse(UTF8.decode(payload));
  } catch {
    throw new AuthError('malformed');
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new AuthError('malformed');
  const { sub, exp, nbf, iat, iss, aud } = claims as Record<string, unknown>;
  if (![exp, nbf, iat].every((date) => date === undefined || (typeof date === 'number' && Number.isFinite(date)))) {
    throw new AuthError('malformed');
  }
  const now = Math.floor(nowMs / 1000);
  if (typeof nbf === 'number' && nbf > now + CLOCK_TOLERANCE_SECONDS) throw new AuthError('not yet valid');
  if (typeof exp === 'number' && exp <= now - CLOCK_TOLERANCE_SECONDS) throw new AuthError('expired');
  if (keys.issuer !== null && iss !== keys.issuer) throw new AuthError('bad issuer');
  if (keys.audience !== null && aud !== keys.audience && !(Array.isArray(aud) && aud.includes(keys.audience))) {
    throw new AuthError('bad audience');
  }
  if (!isUserId(sub)) throw new AuthError('bad sub');
  return { userId: sub, expiresAtMs: typeof exp === 'number' ? exp * 1000 : null };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

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
  if (err instanceof errors.JOSEAlgNotAllowed) return 'bad alg';
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
