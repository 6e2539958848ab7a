import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { exportJWK } from 'jose';
import { createTokenVerifier } from '../../src/auth/keys.js';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { ecPair, privatePem, publicJwk, publicPem, rsaPair, scratchDir } from '../auth/support.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = '/etc/im/gateway.yaml';
const quiet = { info: () => {}, warn: () => {} };

async function startError(auth: Partial<Config['auth']>, env: Record<string, string> = {}): Promise<string> {
  const config = configSchema.parse({ mode: 'production', auth });
  const err = await createTokenVerifier(config, { source: SOURCE, env, logger: quiet }).then(() => null, (e: unknown) => e);
  expect(err, 'expected a ConfigError').to.be.instanceOf(ConfigError);
  return (err as ConfigError).message;
}

describe('config: auth key files fail at start, naming the key and the file', () => {
  const files = scratchDir('im-auth-config-');
  after(() => rmSync(files.dir, { recursive: true, force: true }));

  describe('auth.publicKeyFiles', () => {
    it('a missing file', async () => {
      const missing = join(files.dir, 'nope.pem');
      expect(await startError({ publicKeyFiles: missing })).to.equal(`${SOURCE}: auth.publicKeyFiles: ${missing}: file not found`);
    });

    it('a file that is not PEM, naming the bad one of several', async () => {
      const good = files.write('good.pem', publicPem(rsaPair()));
      const bad = files.write('bad.pem', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
      expect(await startError({ publicKeyFiles: `${good},${bad}` })).to.equal(
        `${SOURCE}: auth.publicKeyFiles: ${bad}: not a PEM public key ("BEGIN PUBLIC KEY") or certificate`,
      );
    });

    it('a private key', async () => {
      const file = files.write('private.pem', privatePem(ecPair()));
      expect(await startError({ publicKeyFiles: file })).to.equal(
        `${SOURCE}: auth.publicKeyFiles: ${file}: is a private key; give its public half (openssl pkey -in KEY -pubout)`,
      );
    });

    it('an RSA key under 2048 bits, an EC key off P-256', async () => {
      const short = files.write('short.pem', publicPem(rsaPair(1024)));
      expect(await startError({ publicKeyFiles: short })).to.equal(`${SOURCE}: auth.publicKeyFiles: ${short}: RSA key of 1024 bits; RS256 needs at least 2048`);
      const p384 = files.write('p384.pem', publicPem(ecPair('P-384')));
      expect(await startError({ publicKeyFiles: p384 })).to.equal(
        `${SOURCE}: auth.publicKeyFiles: ${p384}: unsupported key type EC secp384r1; RS256 (RSA) and ES256 (EC P-256) are supported`,
      );
    });

    it('blames the variable when the list came from the environment', async () => {
      const missing = join(files.dir, 'env.pem');
      expect(await startError({ publicKeyFiles: missing }, { IM_AUTH__PUBLIC_KEY_FILES: missing })).to.equal(
        `IM_AUTH__PUBLIC_KEY_FILES: auth.publicKeyFiles: ${missing}: file not found`,
      );
    });
  });

  describe('auth.jwksFile', () => {
    it('not JSON, not a key set, an empty set', async () => {
      const text = files.write('text.json', 'keys: []');
      expect(await startError({ jwksFile: text })).to.match(new RegExp(`^${SOURCE}: auth.jwksFile: ${text}: not JSON \\(`));
      for (const doc of [[], { keys: [] }, { key: {} }]) {
        const file = files.write('shape.json', JSON.stringify(doc));
        expect(await startError({ jwksFile: file })).to.equal(`${SOURCE}: auth.jwksFile: ${file}: expected a JWKS: {"keys": [...]} with at least one key`);
      }
    });

    it('a private key, an unsupported key, a broken key: named by index and kid', async () => {
      const rsa = rsaPair();
      const priv = files.write('priv.json', JSON.stringify({ keys: [await publicJwk(rsa, 'a'), { ...(await exportJWK(rsa.privateKey)), kid: 'b' }] }));
      expect(await startError({ jwksFile: priv })).to.equal(`${SOURCE}: auth.jwksFile: ${priv}: key 1: is a private key (kid b); publish only the public half`);
      const oct = files.write('oct.json', JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hs' }] }));
      expect(await startError({ jwksFile: oct })).to.equal(`${SOURCE}: auth.jwksFile: ${oct}: key 0: unsupported key (kid hs) (kty oct); RS256 and ES256 are supported`);
      const broken = files.write('broken.json', JSON.stringify({ keys: [{ ...(await publicJwk(ecPair(), 'e')), x: 'AAAA' }] }));
      expect(await startError({ jwksFile: broken })).to.match(new RegExp(`^${SOURCE}: auth.jwksFile: ${broken}: key 0: not a usable ES256 key \\(kid e\\)`));
    });
  });

  describe('auth.jwksUrl', () => {
    it('must be http or https, and not beside auth.jwksFile', async () => {
      expect(await startError({ jwksUrl: 'ftp://idp.example.com/keys' })).to.equal(`${SOURCE}: auth.jwksUrl: 'ftp://idp.example.com/keys' is not an http or https URL`);
      expect(await startError({ jwksUrl: 'not a url' })).to.equal(`${SOURCE}: auth.jwksUrl: 'not a url' is not an http or https URL`);
      expect(await startError({ jwksUrl: 'https://idp.example.com/keys', jwksFile: '/x.json' })).to.equal(`${SOURCE}: auth.jwksUrl: set auth.jwksFile or auth.jwksUrl, not both`);
    });
  });

  describe('production mode', () => {
    it('needs no auth.jwtSecret when tokens are verified with public keys', () => {
      const path = files.write('rs-only.yaml', 'mode: production\nauth:\n  publicKeyFiles: /etc/im/idp.pem\n');
      expect(loadConfig({ argv: ['--config', path], env: {}, cwd: files.dir }).config.auth.jwtSecret).to.equal('');
      const jwks = files.write('jwks-only.yaml', 'mode: production\nauth:\n  jwksUrl: https://idp.example.com/.well-known/jwks.json\n');
      expect(loadConfig({ argv: ['--config', jwks], env: {}, cwd: files.dir }).config.auth.jwtSecret).to.equal('');
    });

    it('still needs a secret when no other key is configured', () => {
      const path = files.write('nothing.yaml', 'mode: production\nauth:\n  issuer: me\n');
      expect(() => loadConfig({ argv: ['--config', path], env: {}, cwd: files.dir })).to.throw(ConfigError, 'auth.jwtSecret: must be set in production mode');
    });
  });

  it('npm start refuses to start with a bad key file: configuration error, exit 2', async () => {
    const pem = files.write('start.pem', 'not a key\n');
    const config = files.write('start.yaml', `auth:\n  publicKeyFiles: ${pem}\nstorage:\n  sqlite:\n    path: ":memory:"\nserver:\n  port: 0\nops:\n  port: 0\n`);
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('IM_')));
    const err = await promisify(execFile)(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'src/main.ts'), '--config', config], { cwd: files.dir, env })
      .then(() => expect.fail('started'), (e: { code: number; stderr: string }) => e);
    expect(err.code).to.equal(2);
    expect(err.stderr).to.include(`im-connect: configuration error: ${config}: auth.publicKeyFiles: ${pem}: not a PEM public key`);
  });
});
