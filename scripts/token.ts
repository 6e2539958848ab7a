// Mints a client token signed with the gateway's secret, for trying things out:
//   npm run token -- --user 1001 [--ttl 1h] [--config FILE]
// The secret comes from the same config and the same ./data/jwt-secret as `npm start`, so run it
// from the same directory. Only the token goes to stdout: `TOKEN=$(npm run -s token -- --user 1)`.
import { parseArgs } from 'node:util';
import { parseTtl, signToken } from '../src/auth/jwt.js';
import { resolveJwtSecret } from '../src/auth/secret.js';
import { ConfigError, loadConfig } from '../src/config/load.js';

const USAGE = 'usage: npm run token -- --user USER_ID [--ttl 30s|15m|1h|7d|SECONDS] [--config FILE]';

async function mint(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: { user: { type: 'string' }, ttl: { type: 'string', default: '1h' }, config: { type: 'string' } },
  });
  if (values.user === undefined) throw new Error('--user is required');
  const ttlSeconds = parseTtl(values.ttl);
  const { config } = loadConfig({ argv });
  const secret = resolveJwtSecret(config, {
    info: () => {},
    warn: (message, meta) => process.stderr.write(`token: ${message} ${JSON.stringify(meta)}\n`),
  });
  return signToken({ userId: values.user, secret, ttlSeconds });
}

mint(process.argv.slice(2)).then(
  (token) => process.stdout.write(`${token}\n`),
  (err: unknown) => {
    const message = err instanceof ConfigError ? `configuration error:\n${err.message}` : `${(err as Error).message}\n${USAGE}`;
    process.stderr.write(`token: ${message}\n`);
    process.exit(2);
  },
);
