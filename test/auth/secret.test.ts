import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { verifyToken } from '../../src/auth/jwt.js';
import { resolveJwtSecret, type SecretLogger } from '../../src/auth/secret.js';
import { configSchema, type Config } from '../../src/config/schema.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(REPO, 'node_modules/.bin/tsx');
const run = promisify(execFile);
/** The caller's environment minus IM_* variables, which would change the config the script loads. */
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('IM_')));

function config(mode: Config['mode'], jwtSecret = ''): Config {
  return configSchema.parse({ mode, auth: { jwtSecret } });
}

class RecordingLogger implements SecretLogger {
  lines: string[] = [];
  info(message: string, meta?: Record<string, unknown>) {
    this.lines.push(`info ${message} ${JSON.stringify(meta)}`);
  }
  warn(message: string, meta?: Record<string, unknown>) {
    this.lines.push(`warn ${message} ${JSON.stringify(meta)}`);
  }
}

describe('auth/secret', () => {
  let dir: string;
  let dataDir: string;
  let logger: RecordingLogger;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'im-secret-'));
    dataDir = join(dir, 'nested', 'data');
    logger = new RecordingLogger();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the configured secret without touching the data dir, in either mode', () => {
    expect(resolveJwtSecret(config('embedded', 'mine'), logger, dataDir)).to.equal('mine');
    expect(resolveJwtSecret(config('production', 'theirs'), logger, dataDir)).to.equal('theirs');
    expect(existsSync(dataDir)).to.equal(false);
    expect(logger.lines).to.deep.equal([]);
  });

  it('refuses an empty secret in production', () => {
    expect(() => resolveJwtSecret(config('production'), logger, dataDir)).to.throw('auth.jwtSecret is empty; production mode requires one');
    expect(existsSync(dataDir)).to.equal(false);
  });

  it('generates a 32-byte hex secret into DATA_DIR/jwt-secret, private, and warns', () => {
    const secret = resolveJwtSecret(config('embedded'), logger, dataDir);
    const file = join(dataDir, 'jwt-secret');
    expect(secret).to.match(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).to.equal(`${secret}\n`);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    expect(readdirSync(dataDir)).to.deep.equal(['jwt-secret']); // no temp file left behind
    expect(logger.lines).to.have.length(1);
    expect(logger.lines[0]).to.match(/^warn auth\.jwtSecret is empty: generated a random secret/);
    expect(logger.lines[0]).to.include(file);
  });

  it('reuses the generated secret afterwards, without warning', () => {
    const first = resolveJwtSecret(config('embedded'), undefined, dataDir);
    expect(resolveJwtSecret(config('embedded'), logger, dataDir)).to.equal(first);
    expect(logger.lines).to.have.length(1);
    expect(logger.lines[0]).to.match(/^info auth\.jwtSecret is empty: using the generated secret/);
  });

  it('reads a secret file written by hand, ignoring surrounding whitespace', () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'jwt-secret'), '  hand-made\n\n');
    expect(resolveJwtSecret(config('embedded'), logger, dataDir)).to.equal('hand-made');
  });

  it('refuses an empty secret file rather than replacing it', () => {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'jwt-secret');
    writeFileSync(file, '\n');
    expect(() => resolveJwtSecret(config('embedded'), logger, dataDir)).to.throw(`${file} is empty; delete it to generate a new secret`);
    expect(readFileSync(file, 'utf8')).to.equal('\n');
  });

  it('defaults the data dir to ./data', async () => {
    const script = `import { resolveJwtSecret } from ${JSON.stringify(join(REPO, 'src/auth/secret.ts'))};
      import { configSchema } from ${JSON.stringify(join(REPO, 'src/config/schema.ts'))};
      process.stdout.write(resolveJwtSecret(configSchema.parse({})));`;
    const { stdout } = await run(TSX, ['--eval', script], { cwd: dir });
    expect(readFileSync(join(dir, 'data', 'jwt-secret'), 'utf8')).to.equal(`${stdout}\n`);
  });

  it('gives processes starting together one and the same secret', async () => {
    const script = `import { resolveJwtSecret } from ${JSON.stringify(join(REPO, 'src/auth/secret.ts'))};
      import { configSchema } from ${JSON.stringify(join(REPO, 'src/config/schema.ts'))};
      process.stdout.write(resolveJwtSecret(configSchema.parse({}), undefined, ${JSON.stringify(dataDir)}));`;
    const outputs = await Promise.all(Array.from({ length: 4 }, () => run(TSX, ['--eval', script], { cwd: dir })));
    const secrets = new Set(outputs.map((o) => o.stdout));
    expect(secrets.size).to.equal(1);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).to.equal(`${[...secrets][0]}\n`);
    expect(readdirSync(dataDir)).to.deep.equal(['jwt-secret']);
  });

  describe('npm run token', () => {
    const token = (args: string[]) => run(TSX, [join(REPO, 'scripts/token.ts'), ...args], { cwd: dir, env: CLEAN_ENV });

    it('mints a token that verifies with the secret the gateway will use (./data/jwt-secret)', async () => {
      const { stdout, stderr } = await token(['--user', '18446744073709551615', '--ttl', '15m']);
      expect(stderr).to.include('generated a random secret');
      const secret = resolveJwtSecret(config('embedded'), undefined, join(dir, 'data'));
      const verified = await verifyToken(stdout.trim(), secret);
      expect(verified.userId).to.equal('18446744073709551615');
      expect(verified.expiresAtMs! - Date.now()).to.be.within(14 * 60_000, 15 * 60_000);
    });

    it('signs with the secret of the file given by --config', async () => {
      const file = join(dir, 'prod.yaml');
      writeFileSync(file, 'mode: production\nauth:\n  jwtSecret: from-the-file\n');
      const { stdout } = await token(['--user=1001', `--config=${file}`]);
      expect((await verifyToken(stdout.trim(), 'from-the-file')).userId).to.equal('1001');
      expect(existsSync(join(dir, 'data'))).to.equal(false);
    });

    it('explains bad arguments and configuration on stderr, exiting 2', async () => {
      for (const [args, message] of [
        [[], '--user is required'],
        [['--user', '0'], "user id must be a decimal uint64 above 0, got '0'"],
        [['--user', '1', '--ttl', '1w'], "ttl must look like 30s, 15m, 1h, 7d or plain seconds, got '1w'"],
        [['--user', '1', '--config', join(dir, 'missing.yaml')], `configuration error:\n${join(dir, 'missing.yaml')}: config file not found (named by --config)`],
      ] as [string[], string][]) {
        const err = await token(args).then(() => expect.fail(`${args.join(' ')} succeeded`), (e: { code: number; stderr: string }) => e);
        expect(err.code, args.join(' ')).to.equal(2);
        expect(err.stderr, args.join(' ')).to.include(`token: ${message}`);
      }
    });
  });
});
