// Mints a client token for trying things out:
//   npm run token -- --user 1001 [--ttl 1h] [--config FILE] [--key PRIVATE.pem [--kid KID]]
// By default it signs HS256 with the gateway's secret, from the same config and the same
// ./data/jwt-secret as `npm start`, so run it from the same directory. With --key it signs RS256
// or ES256 (from the key's type) with that private key instead, for gateways that verify with the
// public half (auth.publicKeyFiles, auth.jwksFile or auth.jwksUrl). The config's auth.issuer and
// auth.audience become iss and aud. Only the token goes to stdout: `TOKEN=$(npm run -s token -- --user 1)`.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseTtl, signToken, type PrivateSigningKey } from '../src/auth/jwt.js';
import { resolveJwtSecret } from '../src/auth/secret.js';
import { ConfigError, loadConfig } from '../src/config/load.js';

const USAGE = 'usage: npm run token -- --user USER_ID [--ttl 30s|15m|1h|7d|SECONDS] [--config FILE] [--key PRIVATE_KEY.pem [--kid KID]]';

function readPrivateKey(file: string, kid: string | undefined): PrivateSigningKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(file));
  } catch (err) {
    throw new Error(`--key ${file}: not a readable PEM private key (${(err as Error).message})`);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const alg = key.asymmetricKeyType === 'rsa' ? 'RS256' : key.asymmetricKeyType === 'ec' && curve === 'prime256v1' ? 'ES256' : null;
  if (alg === null) throw new Error(`--key ${file}: an RSA or EC P-256 private key is needed, got ${key.asymmetricKeyType}${curve ? ` ${curve}` : ''}`);
  return { alg, key, ...(kid !== undefined && { kid }) };
}

async function mint(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      user: { type: 'string' }, ttl: { type: 'string', default: '1h' }, config: { type: 'string' },
      key: { type: 'string' }, kid: { type: 'string' },
    },
  });
  if (values.user === undefined) throw new Error('--user is required');
  if (values.kid !== undefined && values.key === undefined) throw new Error('--kid needs --key');
  const ttlSeconds = parseTtl(values.ttl);
  const { config } = loadConfig({ argv });
  const claims = {
    userId: values.user, ttlSeconds,
    ...(config.auth.issuer !== '' && { issuer: config.auth.issuer }),
    ...(config.auth.audience !== '' && { audience: config.auth.audience }),
  };
  if (values.key !== undefined) return signToken({ ...claims, privateKey: readPrivateKey(values.key, values.kid) });
  const secret = resolveJwtSecret(config, {
    info: () => {},
    warn: (message, meta) => process.stderr.write(`token: ${message} ${JSON.stringify(meta)}\n`),
  });
  return signToken({ ...claims, secret });
}

mint(process.argv.slice(2)).then(
  (token) => process.stdout.write(`${token}\n`),
  (err: unknown) => {
    const message = err instanceof ConfigError ? `configuration error:\n${err.message}` : `${(err as Error).message}\n${USAGE}`;
    process.stderr.write(`token: ${message}\n`);
    process.exit(2);
  },
);
