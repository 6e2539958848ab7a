// The keys client tokens are verified with, read from the `auth` section at start. A file that
// cannot be read or holds no usable key stops the start with a ConfigError naming the key and
// the file: a gateway that silently accepted fewer keys than configured would refuse logins
// later, in production, for no visible reason.
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { ConfigError } from '../config/load.js';
import { keyByPath } from '../config/keys.js';
import type { Config } from '../config/schema.js';
import { ASYMMETRIC_ALGS, verifyWith, type AsymmetricAlg, type PublicKey, type TokenKeys, type VerifiedToken } from './jwt.js';
import { RemoteJwks } from './remote-jwks.js';
import { resolveJwtSecret, type SecretLogger } from './secret.js';

export interface KeyContext {
  /** The config file the auth section came from (LoadedConfig.source), for error messages. */
  source: string;
  /** The environment the config was loaded with: a key set there is blamed on its variable. */
  env?: Readonly<Record<string, string | undefined>>;
  logger: SecretLogger;
  /** Where the embedded secret is generated (resolveJwtSecret's default when absent). */
  dataDir?: string;
}

export interface TokenVerifier {
  readonly keys: TokenKeys;
  verify(token: string): Promise<VerifiedToken>;
}

type AuthKey = 'auth.publicKeyFiles' | 'auth.jwksFile' | 'auth.jwksUrl';

export async function createTokenVerifier(config: Pick<Config, 'mode' | 'auth'>, context: KeyContext): Promise<TokenVerifier> {
  const { auth } = config;
  const env = context.env ?? process.env;
  const fail = (key: AuthKey, detail: string): never => {
    const envName = keyByPath(key)!.envName;
    throw new ConfigError([{ source: env[envName] !== undefined ? envName : context.source, key, detail }]);
  };
  const asymmetric = auth.publicKeyFiles !== '' || auth.jwksFile !== '' || auth.jwksUrl !== '';
  // The generated embedded secret stands in only for a gateway given no key at all, as before.
  const secret = auth.jwtSecret !== '' || !asymmetric ? resolveJwtSecret(config, context.logger, context.dataDir) : null;
  const secrets = [secret, auth.previousJwtSecret].filter((s): s is string => s !== null && s !== '');

  const publicKeys = auth.publicKeyFiles.split(',').map((f) => f.trim()).filter((f) => f !== '')
    .map((file) => readPublicKey(file, (detail) => fail('auth.publicKeyFiles', `${file}: ${detail}`)));

  if (auth.jwksFile !== '' && auth.jwksUrl !== '') fail('auth.jwksUrl', 'set auth.jwksFile or auth.jwksUrl, not both');
  let keySet: TokenKeys['keySet'] = null;
  if (auth.jwksFile !== '') {
    keySet = await readJwksFile(auth.jwksFile, (detail) => fail('auth.jwksFile', `${auth.jwksFile}: ${detail}`));
  } else if (auth.jwksUrl !== '') {
    const url = parseHttpUrl(auth.jwksUrl) ?? fail('auth.jwksUrl', `'${auth.jwksUrl}' is not an http or https URL`);
    const remote = new RemoteJwks(url, {
      refreshMs: auth.jwksRefreshMs,
      cooldownMs: auth.jwksCooldownMs,
      onError: (err) => context.logger.warn('JWKS fetch failed; the keys fetched before stay in use', { url: url.href, err: err.message }),
    });
    // A failure is logged, not fatal: tokens of other keys still verify, and later logins retry.
    await remote.refresh();
    keySet = remote.getKey;
  }

  const keys: TokenKeys = {
    secrets, publicKeys, keySet,
    issuer: auth.issuer === '' ? null : auth.issuer,
    audience: auth.audience === '' ? null : auth.audience,
  };
  context.logger.info('token keys', {
    hs256Secrets: secrets.length, publicKeys: publicKeys.length,
    jwks: auth.jwksFile !== '' ? auth.jwksFile : auth.jwksUrl !== '' ? auth.jwksUrl : null,
    issuer: keys.issuer, audience: keys.audience,
  });
  return { keys, verify: (token) => verifyWith(token, keys) };
}

function readText(file: string, fail: (detail: string) => never): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? (err as Error).message})`);
  }
}

function readPublicKey(file: string, fail: (detail: string) => never): PublicKey {
  const text = readText(file, fail);
  // A signing key on the gateway's disk would let anyone who reads it mint tokens.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) fail('is a private key; give its public half (openssl pkey -in KEY -pubout)');
  let key: KeyObject;
  try {
    key = text.includes('-----BEGIN CERTIFICATE-----') ? new X509Certificate(text).publicKey : createPublicKey(text);
  } catch {
    return fail('not a PEM public key ("BEGIN PUBLIC KEY") or certificate');
  }
  return { alg: algOf(key, fail), key };
}

function algOf(key: KeyObject, fail: (detail: string) => never): AsymmetricAlg {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    if ((details.modulusLength ?? 0) < 2048) fail(`RSA key of ${details.modulusLength} bits; RS256 needs at least 2048`);
    return 'RS256';
  }
  if (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1') return 'ES256';
  const what = key.asymmetricKeyType === 'ec' ? `EC ${details.namedCurve}` : key.asymmetricKeyType;
  return fail(`unsupported key type ${what}; RS256 (RSA) and ES256 (EC P-256) are supported`);
}

async function readJwksFile(file: string, fail: (detail: string) => never): Promise<TokenKeys['keySet']> {
  const text = readText(file, fail);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return fail(`not JSON (${(err as Error).message})`);
  }
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) fail('expected a JWKS: {"keys": [...]} with at least one key');
  for (const [i, jwk] of (keys as unknown[]).entries()) await checkJwk(jwk, (detail) => fail(`key ${i}: ${detail}`));
  return createLocalJWKSet(doc as JSONWebKeySet);
}

async function checkJwk(value: unknown, fail: (detail: string) => never): Promise<void> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('not a JSON object');
  const jwk = value as JWK;
  const named = jwk.kid === undefined ? '' : ` (kid ${jwk.kid})`;
  if (jwk.d !== undefined) fail(`is a private key${named}; publish only the public half`);
  const alg = jwk.alg ?? (jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : undefined);
  if (!ASYMMETRIC_ALGS.includes(alg as AsymmetricAlg)) fail(`unsupported key${named} (kty ${jwk.kty}${jwk.crv ? ` ${jwk.crv}` : ''}${jwk.alg ? `, alg ${jwk.alg}` : ''}); RS256 and ES256 are supported`);
  try {
    await importJWK(jwk, alg);
  } catch (err) {
    fail(`not a usable ${alg} key${named} (${(err as Error).message})`);
  }
}

function parseHttpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
