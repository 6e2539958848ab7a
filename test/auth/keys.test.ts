import { expect } from 'chai';
import { existsSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SignJWT, type JWTPayload } from 'jose';
import { AuthError, signToken, type AuthFailure } from '../../src/auth/jwt.js';
import { createTokenVerifier, type TokenVerifier } from '../../src/auth/keys.js';
import { resolveJwtSecret } from '../../src/auth/secret.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { ecPair, publicJwk, publicPem, rsaPair, scratchDir, signWith, type KeyPair } from './support.js';

const quiet = { info: () => {}, warn: () => {} };
const BIG_USER = '18446744073709551615';
const ABOVE_2_53 = '9007199254740993';
const hour = () => Math.floor(Date.now() / 1000) + 3600;

function verifier(auth: Partial<Config['auth']>, mode: Config['mode'] = 'production', dataDir?: string): Promise<TokenVerifier> {
  return createTokenVerifier(configSchema.parse({ mode, auth }), { source: '/etc/im.yaml', env: {}, logger: quiet, ...(dataDir && { dataDir }) });
}

async function refused(v: TokenVerifier, token: string, reason: AuthFailure): Promise<void> {
  const err = await v.verify(token).then(() => null, (e: unknown) => e);
  expect(err, `expected '${reason}'`).to.be.instanceOf(AuthError);
  expect((err as AuthError).reason).to.equal(reason);
}

const hs = (secret: string, payload: JWTPayload) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));

describe('auth/keys: verifying with the configured keys', () => {
  const files = scratchDir();
  after(() => rmSync(files.dir, { recursive: true, force: true }));

  describe('HS256 secrets', () => {
    it('accepts the current and the previous secret during a rotation, and nothing else', async () => {
      const v = await verifier({ jwtSecret: 'new-secret', previousJwtSecret: 'old-secret' });
      expect(await v.verify(await hs('new-secret', { sub: BIG_USER, exp: hour() }))).to.include({ userId: BIG_USER });
      expect(await v.verify(await hs('old-secret', { sub: ABOVE_2_53, exp: hour() }))).to.include({ userId: ABOVE_2_53 });
      await refused(v, await hs('another-secret', { sub: '1' }), 'bad signature');
    });

    it('once the previous secret is dropped, its tokens fail', async () => {
      const v = await verifier({ jwtSecret: 'new-secret' });
      await refused(v, await hs('old-secret', { sub: '1' }), 'bad signature');
    });

    it('in embedded mode with no key at all, uses the generated secret as before', async () => {
      const dataDir = join(files.dir, 'embedded-data');
      const v = await verifier({}, 'embedded', dataDir);
      const secret = resolveJwtSecret(configSchema.parse({}), undefined, dataDir);
      expect((await v.verify(await signToken({ userId: '7', secret, ttlSeconds: 60 }))).userId).to.equal('7');
    });
  });

  describe('PEM public keys', () => {
    const rsa = rsaPair();
    const rsaNext = rsaPair();
    const ec = ecPair();
    const rsaFile = files.write('rsa.pem', publicPem(rsa));
    const rsaNextFile = files.write('rsa-next.pem', publicPem(rsaNext));
    const ecFile = files.write('ec.pem', publicPem(ec));

    for (const [name, pair, file] of [['RS256 (RSA)', rsa, rsaFile], ['ES256 (EC P-256)', ec, ecFile]] as [string, KeyPair, string][]) {
      it(`verifies ${name}, user ids above 2^53 exact, exp kept`, async () => {
        const v = await verifier({ publicKeyFiles: file });
        const exp = hour();
        expect(await v.verify(await signWith(pair, { sub: BIG_USER, exp }))).to.deep.equal({ userId: BIG_USER, expiresAtMs: exp * 1000 });
        await refused(v, await signWith(pair === rsa ? rsaPair() : ecPair(), { sub: '1' }), 'bad signature');
      });
    }

    it('two RSA keys (rotation): tokens of either verify, with or without a kid', async () => {
      const v = await verifier({ publicKeyFiles: ` ${rsaFile} , ${rsaNextFile} ` });
      expect((await v.verify(await signWith(rsa, { sub: '1' }))).userId).to.equal('1');
      expect((await v.verify(await signWith(rsaNext, { sub: '2' }, 'whatever-kid'))).userId).to.equal('2');
    });

    it('RSA and EC keys together, each token checked against the keys of its alg', async () => {
      const v = await verifier({ publicKeyFiles: `${rsaFile},${ecFile}`, jwtSecret: 'also-hs' });
      expect((await v.verify(await signWith(ec, { sub: '3' }))).userId).to.equal('3');
      expect((await v.verify(await signWith(rsa, { sub: '4' }))).userId).to.equal('4');
      expect((await v.verify(await hs('also-hs', { sub: '5' }))).userId).to.equal('5');
    });

    it('reads the public key of an X.509 certificate', async () => {
      const dir = scratchDir('im-cert-');
      const key = join(dir.dir, 'key.pem');
      const cert = join(dir.dir, 'cert.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=im-test', '-days', '1'], { stdio: 'ignore' });
      const { createPrivateKey } = await import('node:crypto');
      const { readFileSync } = await import('node:fs');
      const pair: KeyPair = { alg: 'RS256', privateKey: createPrivateKey(readFileSync(key)), publicKey: rsa.publicKey };
      const v = await verifier({ publicKeyFiles: cert });
      expect((await v.verify(await signWith(pair, { sub: '6' }))).userId).to.equal('6');
      rmSync(dir.dir, { recursive: true, force: true });
    });

    it('without a secret, HS256 is a bad alg: the public key is never taken for an HMAC secret', async () => {
      const v = await verifier({ publicKeyFiles: rsaFile });
      expect(v.keys.secrets).to.deep.equal([]);
      await refused(v, await hs(publicPem(rsa), { sub: '1' }), 'bad alg');
    });

    it('in embedded mode with only public keys, generates no secret', async () => {
      const dataDir = join(files.dir, 'no-secret-data');
      const v = await verifier({ publicKeyFiles: rsaFile }, 'embedded', dataDir);
      expect(v.keys.secrets).to.deep.equal([]);
      expect(existsSync(dataDir)).to.equal(false);
    });

    it('with only a secret, RS256 and ES256 are a bad alg; other algs always are', async () => {
      const v = await verifier({ jwtSecret: 's' });
      await refused(v, await signWith(rsa, { sub: '1' }), 'bad alg');
      await refused(v, await signWith(ec, { sub: '1' }), 'bad alg');
      const ps = await new SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'PS256' }).sign(rsa.privateKey);
      await refused(await verifier({ publicKeyFiles: rsaFile }), ps, 'bad alg');
    });

    it('keeps the sub rule and the time rules for asymmetric tokens', async () => {
      const v = await verifier({ publicKeyFiles: ecFile });
      await refused(v, await signWith(ec, { sub: '01' }), 'bad sub');
      await refused(v, await signWith(ec, { sub: 1001 as unknown as string }), 'bad sub');
      await refused(v, await signWith(ec, { sub: '1', exp: Math.floor(Date.now() / 1000) - 60 }), 'expired');
      await refused(v, await signWith(ec, { sub: '1', nbf: Math.floor(Date.now() / 1000) + 60 }), 'not yet valid');
    });
  });

  describe('JWKS file', () => {
    const current = rsaPair();
    const next = rsaPair();
    const ec = ecPair();
    let v: TokenVerifier;
    before(async () => {
      const jwks = { keys: [await publicJwk(current, 'k-2026-01'), await publicJwk(next, 'k-2026-02'), await publicJwk(ec, 'ec-1')] };
      v = await verifier({ jwksFile: files.write('jwks.json', JSON.stringify(jwks)) });
    });

    it('picks the key by kid: both RSA keys of a rotation verify, and the EC one', async () => {
      expect((await v.verify(await signWith(current, { sub: BIG_USER }, 'k-2026-01'))).userId).to.equal(BIG_USER);
      expect((await v.verify(await signWith(next, { sub: ABOVE_2_53 }, 'k-2026-02'))).userId).to.equal(ABOVE_2_53);
      expect((await v.verify(await signWith(ec, { sub: '3' }, 'ec-1'))).userId).to.equal('3');
    });

    it('a kid no key has is an unknown key; a key under another kid is a bad signature', async () => {
      await refused(v, await signWith(current, { sub: '1' }, 'k-1999'), 'unknown key');
      await refused(v, await signWith(current, { sub: '1' }, 'k-2026-02'), 'bad signature');
    });

    it('a token without a kid is tried against every key of its alg', async () => {
      expect((await v.verify(await signWith(next, { sub: '4' }))).userId).to.equal('4');
      await refused(v, await signWith(rsaPair(), { sub: '1' }), 'bad signature');
    });
  });

  describe('issuer and audience', () => {
    const ec = ecPair();
    const ecFile = files.write('ec-iss.pem', publicPem(ec));

    it('requires the configured iss', async () => {
      const v = await verifier({ publicKeyFiles: ecFile, issuer: 'https://idp.example.com/' });
      expect((await v.verify(await signWith(ec, { sub: '1', iss: 'https://idp.example.com/' }))).userId).to.equal('1');
      await refused(v, await signWith(ec, { sub: '1', iss: 'https://evil.example.com/' }), 'bad issuer');
      await refused(v, await signWith(ec, { sub: '1' }), 'bad issuer');
    });

    it('requires the configured audience among the token\'s', async () => {
      const v = await verifier({ jwtSecret: 's', audience: 'im-connect' });
      expect((await v.verify(await hs('s', { sub: '1', aud: 'im-connect' }))).userId).to.equal('1');
      expect((await v.verify(await hs('s', { sub: '1', aud: ['billing', 'im-connect'] }))).userId).to.equal('1');
      await refused(v, await hs('s', { sub: '1', aud: 'billing' }), 'bad audience');
      await refused(v, await hs('s', { sub: '1' }), 'bad audience');
    });

    it('checks nothing when unset', async () => {
      const v = await verifier({ jwtSecret: 's' });
      expect((await v.verify(await hs('s', { sub: '1', iss: 'anyone', aud: 'anything' }))).userId).to.equal('1');
    });

    it('signToken sets iss and aud so that such a gateway accepts its tokens', async () => {
      const v = await verifier({ jwtSecret: 's', issuer: 'me', audience: 'im-connect' });
      const token = await signToken({ userId: BIG_USER, secret: 's', ttlSeconds: 60, issuer: 'me', audience: 'im-connect' });
      expect((await v.verify(token)).userId).to.equal(BIG_USER);
    });
  });

  it('signToken signs with an RS or ES private key, kid in the header', async () => {
    for (const pair of [rsaPair(), ecPair()]) {
      const v = await verifier({ jwksFile: files.write(`one-${pair.alg}.json`, JSON.stringify({ keys: [await publicJwk(pair, 'mine')] })) });
      const token = await signToken({ userId: BIG_USER, privateKey: { alg: pair.alg, key: pair.privateKey, kid: 'mine' }, ttlSeconds: 60 });
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).to.deep.equal({ alg: pair.alg, typ: 'JWT', kid: 'mine' });
      expect((await v.verify(token)).userId).to.equal(BIG_USER);
    }
  });
});
