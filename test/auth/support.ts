// Key material and token minting for the auth suites: real RSA and EC keys, generated per run.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { AsymmetricAlg } from '../../src/auth/jwt.js';

export interface KeyPair {
  alg: AsymmetricAlg;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export function rsaPair(modulusLength = 2048): KeyPair {
  return { alg: 'RS256', ...generateKeyPairSync('rsa', { modulusLength }) };
}

export function ecPair(namedCurve = 'P-256'): KeyPair {
  return { alg: 'ES256', ...generateKeyPairSync('ec', { namedCurve }) };
}

export const publicPem = (pair: KeyPair) => pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
export const privatePem = (pair: KeyPair) => pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

export async function publicJwk(pair: KeyPair, kid?: string): Promise<JWK> {
  return { ...(await exportJWK(pair.publicKey)), alg: pair.alg, use: 'sig', ...(kid !== undefined && { kid }) };
}

/** A token with any claims, signed by `pair` (with `kid` in the header when given). */
export function signWith(pair: KeyPair, payload: JWTPayload, kid?: string): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: pair.alg, typ: 'JWT', ...(kid !== undefined && { kid }) })
    .sign(pair.privateKey);
}

/** A fresh directory; `write(name, text)` puts a file in it and returns its path. */
export function scratchDir(prefix = 'im-auth-'): { dir: string; write(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
