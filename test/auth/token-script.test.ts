import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeProtectedHeader } from 'jose';
import { createTokenVerifier } from '../../src/auth/keys.js';
import { configSchema } from '../../src/config/schema.js';
import { ecPair, privatePem, publicJwk, publicPem, rsaPair, scratchDir } from './support.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('IM_')));
const quiet = { info: () => {}, warn: () => {} };

describe('npm run token --key (RS256/ES256)', function () {
  this.timeout(30_000);
  const files = scratchDir('im-token-key-');
  after(() => rmSync(files.dir, { recursive: true, force: true }));
  const token = (args: string[]) => promisify(execFile)(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'scripts/token.ts'), ...args], { cwd: files.dir, env: CLEAN_ENV });

  it('signs with an RSA or EC private key (kid given), iss and aud from the config, verifying against the public half', async () => {
    for (const pair of [rsaPair(), ecPair()]) {
      const key = files.write(`${pair.alg}.key`, privatePem(pair));
      const config = files.write(`${pair.alg}.yaml`, `mode: production\nauth:\n  jwksFile: ${files.write(`${pair.alg}.json`, JSON.stringify({ keys: [await publicJwk(pair, 'kid-7')] }))}\n  issuer: https://idp.example.com/\n  audience: im-connect\n`);
      const { stdout } = await token(['--user', '18446744073709551615', '--key', key, '--kid', 'kid-7', '--config', config]);
      expect(decodeProtectedHeader(stdout.trim())).to.deep.equal({ alg: pair.alg, typ: 'JWT', kid: 'kid-7' });
      const verifier = await createTokenVerifier(configSchema.parse({
        mode: 'production', auth: { publicKeyFiles: files.write(`${pair.alg}.pem`, publicPem(pair)), issuer: 'https://idp.example.com/', audience: 'im-connect' },
      }), { source: config, env: {}, logger: quiet });
      expect((await verifier.verify(stdout.trim())).userId).to.equal('18446744073709551615');
    }
  });

  it('explains a key it cannot sign with, exiting 2', async () => {
    for (const [args, message] of [
      [['--user', '1', '--key', files.write('pub.pem', publicPem(rsaPair()))], '--key '],
      [['--user', '1', '--key', files.write('p384.key', privatePem(ecPair('P-384')))], `--key ${join(files.dir, 'p384.key')}: an RSA or EC P-256 private key is needed, got ec secp384r1`],
      [['--user', '1', '--kid', 'k'], '--kid needs --key'],
    ] as [string[], string][]) {
      const err = await token(args).then(() => expect.fail(`${args.join(' ')} succeeded`), (e: { code: number; stderr: string }) => e);
      expect(err.code, args.join(' ')).to.equal(2);
      expect(err.stderr, args.join(' ')).to.include(`token: ${message}`);
    }
  });
});
