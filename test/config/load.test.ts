import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML, { isMap, isPair, isScalar } from 'yaml';
import { CONFIG_KEYS, CONFIG_SECTIONS } from '../../src/config/keys.js';
import { ConfigError, loadConfig, type LoadOptions } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULTS = configSchema.parse({});
/** A valid value for the string keys that take a format rather than free text. */
const FORMATTED: Record<string, string> = { 'redis.cluster': '10.0.0.1:7000,10.0.0.2:7000' };

function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((cur, seg) => (cur as Record<string, unknown>)[seg], obj);
}

function loadError(options: LoadOptions): ConfigError {
  try {
    loadConfig(options);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return err as ConfigError;
  }
  expect.fail('expected a ConfigError');
}

describe('config/load', () => {
  let dir: string;
  let n = 0;
  /** Writes a YAML file into the temp dir and returns its absolute path. */
  const file = (text: string, name = `c${n++}.yaml`) => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  /** Loads with nothing from the real process: empty env, a cwd without config/default.yaml. */
  const load = (options: LoadOptions = {}) => loadConfig({ argv: [], env: {}, cwd: dir, ...options });
  const fail = (options: LoadOptions = {}) => loadError({ argv: [], env: {}, cwd: dir, ...options });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'im-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('choosing the file', () => {
    it('uses the schema defaults when there is no file', () => {
      expect(load()).to.deep.equal({ config: DEFAULTS, source: 'defaults' });
    });

    it('reads config/default.yaml under the working directory when it exists', () => {
      const path = file('server:\n  port: 9000\n', 'config/default.yaml');
      const { config, source } = load();
      expect(source).to.equal(path);
      expect(config.server.port).to.equal(9000);
    });

    it('takes --config FILE and --config=FILE, the last one winning', () => {
      const a = file('server: { port: 1001 }\n');
      const b = file('server: { port: 1002 }\n');
      expect(load({ argv: ['--config', a] })).to.include({ source: a });
      expect(load({ argv: [`--config=${a}`] }).config.server.port).to.equal(1001);
      expect(load({ argv: ['--config', a, '--user', '7', `--config=${b}`] }).config.server.port).to.equal(1002);
    });

    it('resolves a relative --config against the working directory', () => {
      const path = file('server: { port: 1003 }\n', 'sub/x.yaml');
      expect(load({ argv: ['--config', 'sub/x.yaml'] })).to.include({ source: path });
    });

    it('falls back to IM_CONFIG, and --config beats it', () => {
      const a = file('server: { port: 1004 }\n');
      const b = file('server: { port: 1005 }\n');
      file('server: { port: 1006 }\n', 'config/default.yaml');
      expect(load({ env: { IM_CONFIG: a } }).config.server.port).to.equal(1004);
      expect(load({ env: { IM_CONFIG: a }, argv: ['--config', b] }).config.server.port).to.equal(1005);
      expect(load({ env: { IM_CONFIG: '' } }).config.server.port).to.equal(1006);
    });

    it('names the missing file and who named it', () => {
      const missing = join(dir, 'nope.yaml');
      expect(fail({ argv: ['--config', missing] }).message).to.equal(`${missing}: config file not found (named by --config)`);
      expect(fail({ env: { IM_CONFIG: missing } }).message).to.equal(`${missing}: config file not found (named by IM_CONFIG)`);
    });

    it('rejects --config without a path', () => {
      expect(fail({ argv: ['--config'] }).message).to.equal('--config: needs a file path');
      expect(fail({ argv: ['--config', '--user'] }).message).to.equal('--config: needs a file path');
      expect(fail({ argv: ['--config='] }).message).to.equal('--config: needs a file path');
    });

    it('reports an unreadable file', () => {
      mkdirSync(join(dir, 'adir'));
      expect(fail({ argv: ['--config', join(dir, 'adir')] }).message).to.equal(`${join(dir, 'adir')}: cannot read config file (EISDIR)`);
    });
  });

  describe('the file', () => {
    it('overrides defaults key by key, keeping the rest of a section', () => {
      const path = file('mode: production\nauth:\n  jwtSecret: s3cret\nstorage:\n  mysql:\n    poolSize: 32\n');
      const { config } = load({ argv: ['--config', path] });
      expect(config.mode).to.equal('production');
      expect(config.auth).to.deep.equal({ ...DEFAULTS.auth, jwtSecret: 's3cret' });
      expect(config.storage.mysql).to.deep.equal({ ...DEFAULTS.storage.mysql, poolSize: 32 });
      expect(config.storage.sqlite).to.deep.equal(DEFAULTS.storage.sqlite);
    });

    it('treats an empty file, a comments-only file and an empty section as defaults', () => {
      for (const text of ['', '# nothing here\n', 'server:\n  # port: 1\nstorage:\n  mysql:\n']) {
        expect(load({ argv: ['--config', file(text)] }).config).to.deep.equal(DEFAULTS);
      }
    });

    it('reads off as a string (YAML 1.2), not as false', () => {
      expect(load({ argv: ['--config', file('mq:\n  kind: off\n')] }).config.mq.kind).to.equal('off');
    });

    it('names file, line and column of a YAML syntax error', () => {
      const path = file('server:\n  port: 1\n  port: 2\n');
      expect(fail({ argv: ['--config', path] }).message).to.equal(`${path}:3:3: invalid YAML: Map keys must be unique`);
      const nested = file('mode: embedded\nserver: port: 1\n');
      expect(fail({ argv: ['--config', nested] }).message).to.match(new RegExp(`^${nested}:2:9: invalid YAML: `));
    });

    it('rejects a top level that is not a mapping', () => {
      const path = file('- a\n- b\n');
      expect(fail({ argv: ['--config', path] }).message).to.equal(`${path}: expected a mapping of config keys at the top level, got a list`);
    });

    it('names file, key, expectation and value of a bad value', () => {
      const path = file("server:\n  port: abc\nlimits:\n  ratePerSec: 0\nmode: prod\n");
      const err = fail({ argv: ['--config', path] });
      expect(err.message.split('\n')).to.have.members([
        `${path}: server.port: expected an integer 0-65535, got 'abc'`,
        `${path}: limits.ratePerSec: expected a number >= 0.1, got 0`,
        `${path}: mode: expected one of embedded, production, got 'prod'`,
      ]);
      expect(err.problems).to.deep.include({ source: path, key: 'server.port', detail: "expected an integer 0-65535, got 'abc'" });
    });

    it('rejects a non-integer where an integer is expected', () => {
      const path = file('server:\n  port: 80.5\n');
      expect(fail({ argv: ['--config', path] }).message).to.equal(`${path}: server.port: expected an integer 0-65535, got 80.5`);
    });

    it('rejects unknown keys, suggesting the spelling meant', () => {
      const path = file('server:\n  prot: 1\nauth:\n  jwt_secret: x\nextra: 1\n');
      expect(fail({ argv: ['--config', path] }).message.split('\n')).to.have.members([
        `${path}: server.prot: unknown key`,
        `${path}: auth.jwt_secret: unknown key (did you mean auth.jwtSecret?)`,
        `${path}: extra: unknown key`,
      ]);
    });

    it('rejects a section given as a scalar', () => {
      const path = file('server: 5\n');
      expect(fail({ argv: ['--config', path] }).message).to.equal(`${path}: server: expected a mapping, got 5`);
    });

    it('asks to quote a number given for a string, without echoing secrets', () => {
      const path = file('server:\n  host: 1234\nauth:\n  jwtSecret: 123456789\n');
      expect(fail({ argv: ['--config', path] }).message.split('\n')).to.have.members([
        `${path}: server.host: expected a string, got 1234 (quote it in YAML)`,
        `${path}: auth.jwtSecret: expected a string, got a number (quote it in YAML)`,
      ]);
    });

    it('rejects null for a key (write "" for empty)', () => {
      const path = file('auth:\n  jwtSecret:\n');
      expect(fail({ argv: ['--config', path] }).message).to.equal(`${path}: auth.jwtSecret: expected a string, got null`);
    });
  });

  describe('environment overrides', () => {
    it('maps every key to IM_ + UPPER_SNAKE path with __ between levels', () => {
      const names = Object.fromEntries(CONFIG_KEYS.map((k) => [k.path, k.envName]));
      expect(names['server.port']).to.equal('IM_SERVER__PORT');
      expect(names['auth.jwtSecret']).to.equal('IM_AUTH__JWT_SECRET');
      expect(names['storage.mysql.poolSize']).to.equal('IM_STORAGE__MYSQL__POOL_SIZE');
      expect(names['mode']).to.equal('IM_MODE');
      expect(names['server.slowConsumerGraceMs']).to.equal('IM_SERVER__SLOW_CONSUMER_GRACE_MS');
    });

    it('can override every key, coercing by the schema type', () => {
      const env: Record<string, string> = {};
      const want: Record<string, unknown> = {};
      for (const key of CONFIG_KEYS) {
        const def = valueAt(DEFAULTS, key.path);
        // A value different from the default that is valid for the key.
        const value = key.kind === 'number' ? (def as number) + 1 : key.kind === 'enum' ? def : FORMATTED[key.path] ?? `x-${key.path}`;
        env[key.envName] = String(value);
        want[key.path] = value;
      }
      const { config } = load({ env });
      for (const key of CONFIG_KEYS) expect(valueAt(config, key.path), key.envName).to.equal(want[key.path]);
    });

    it('beats the file, which beats the defaults', () => {
      const path = file('server:\n  port: 9000\n  host: 10.0.0.1\n');
      const { config, source } = load({ argv: ['--config', path], env: { IM_SERVER__PORT: '9001' } });
      expect(source).to.equal(path);
      expect(config.server).to.include({ port: 9001, host: '10.0.0.1', maxFrameBytes: DEFAULTS.server.maxFrameBytes });
    });

    it('coerces decimals and enums, keeps strings verbatim', () => {
      const { config } = load({ env: { IM_LIMITS__RATE_PER_SEC: '0.5', IM_MQ__KIND: 'rocketmq', IM_REDIS__KEY_PREFIX: '007', IM_AUTH__JWT_SECRET: ' spaced ' } });
      expect(config.limits.ratePerSec).to.equal(0.5);
      expect(config.mq.kind).to.equal('rocketmq');
      expect(config.redis.keyPrefix).to.equal('007');
      expect(config.auth.jwtSecret).to.equal(' spaced ');
    });

    it('names the variable, key, expectation and value of a bad value', () => {
      expect(fail({ env: { IM_SERVER__PORT: 'abc' } }).message).to.equal("IM_SERVER__PORT: server.port: expected an integer 0-65535, got 'abc'");
      expect(fail({ env: { IM_SERVER__PORT: '70000' } }).message).to.equal('IM_SERVER__PORT: server.port: expected an integer 0-65535, got 70000');
      expect(fail({ env: { IM_SERVER__PORT: ' 80' } }).message).to.equal("IM_SERVER__PORT: server.port: expected an integer 0-65535, got ' 80'");
      expect(fail({ env: { IM_SERVER__PORT: '' } }).message).to.equal("IM_SERVER__PORT: server.port: expected an integer 0-65535, got ''");
      expect(fail({ env: { IM_MODE: 'prod' } }).message).to.equal("IM_MODE: mode: expected one of embedded, production, got 'prod'");
      expect(fail({ env: { IM_RETRY__MAX_ATTEMPTS: '-1' } }).message).to.equal('IM_RETRY__MAX_ATTEMPTS: retry.maxAttempts: expected an integer >= 0, got -1');
    });

    it('blames the file for a file value and the variable for an env value in one report', () => {
      const path = file('server:\n  host: 1\n');
      const err = fail({ argv: ['--config', path], env: { IM_SERVER__PORT: 'x' } });
      expect(err.problems.map((p) => p.source)).to.have.members([path, 'IM_SERVER__PORT']);
    });

    it('rejects unknown IM_ variables that look like config, naming them', () => {
      expect(fail({ env: { IM_SERVER__PROT: '1' } }).message).to.match(/^IM_SERVER__PROT: unknown config variable/);
      expect(fail({ env: { IM_FOO__BAR: '1' } }).message).to.match(/^IM_FOO__BAR: unknown config variable/);
      expect(fail({ env: { IM_SERVER_PORT: '1' } }).message).to.equal('IM_SERVER_PORT: unknown config variable (did you mean IM_SERVER__PORT?)');
      expect(fail({ env: { IM_STORAGE__MYSQL_POOL_SIZE: '1' } }).message).to.equal(
        'IM_STORAGE__MYSQL_POOL_SIZE: unknown config variable (did you mean IM_STORAGE__MYSQL__POOL_SIZE?)',
      );
      expect(fail({ env: { IM_LOG: 'debug' } }).message).to.equal('IM_LOG: names the section log, not a key (e.g. IM_LOG__LEVEL)');
      expect(fail({ env: { IM_STORAGE__MYSQL: 'x' } }).message).to.equal('IM_STORAGE__MYSQL: names the section storage.mysql, not a key (e.g. IM_STORAGE__MYSQL__HOST)');
    });

    it('ignores tooling variables and IM_ names that do not look like config', () => {
      const env = { IM_CONFIG: '', IM_REQUIRE_SERVICES: '1', IM_TEST_MYSQL_HOST: 'h', IM_TEST__X: '1', IM_SOMETHING: 'x', im_server__port: 'x', PATH: '/bin' };
      expect(load({ env }).config).to.deep.equal(DEFAULTS);
    });

    it('reports every problem at once', () => {
      expect(fail({ env: { IM_SERVER__PROT: '1', IM_OPS__PORT: 'x' } }).problems).to.have.length(2);
    });
  });

  describe('mode rules', () => {
    it('requires a secret in production, naming key and file', () => {
      const path = file('mode: production\n');
      expect(fail({ argv: ['--config', path] }).message).to.equal(
        `${path}: auth.jwtSecret: must be set in production mode (in the file or IM_AUTH__JWT_SECRET)`,
      );
    });

    it('blames the variable when the empty secret came from the environment', () => {
      const path = file('mode: production\nauth:\n  jwtSecret: real\n');
      expect(fail({ argv: ['--config', path], env: { IM_AUTH__JWT_SECRET: '' } }).problems[0]).to.include({ source: 'IM_AUTH__JWT_SECRET', key: 'auth.jwtSecret' });
    });

    it('accepts production when the secret comes from the environment', () => {
      const path = file('mode: production\n');
      expect(load({ argv: ['--config', path], env: { IM_AUTH__JWT_SECRET: 'k' } }).config.auth.jwtSecret).to.equal('k');
    });

    it('allows an empty secret in embedded mode', () => {
      expect(load({ argv: ['--config', file('mode: embedded\n')] }).config.auth.jwtSecret).to.equal('');
    });
  });

  describe('shipped files', () => {
    const defaultYaml = join(REPO, 'config/default.yaml');

    it('config/default.yaml loads to exactly the schema defaults', () => {
      expect(loadConfig({ argv: [], env: {}, cwd: REPO })).to.deep.equal({ config: DEFAULTS, source: defaultYaml });
    });

    it('config/default.yaml spells out every key with a comment giving its default', () => {
      const doc = YAML.parseDocument(readFileSync(defaultYaml, 'utf8'));
      const comments = new Map<string, string>();
      const visit = (node: unknown, prefix: string) => {
        if (!isMap(node)) return;
        node.items.forEach((pair, i) => {
          if (!isPair(pair) || !isScalar(pair.key)) return;
          const path = prefix + String(pair.key.value);
          // The parser may hang the comment above a mapping's first key on the mapping itself.
          comments.set(path, pair.key.commentBefore ?? (i === 0 ? node.commentBefore : null) ?? '');
          visit(pair.value, `${path}.`);
        });
      };
      visit(doc.contents, '');
      for (const key of CONFIG_KEYS) {
        expect(comments.has(key.path), `${key.path} missing from default.yaml`).to.equal(true);
        expect(comments.get(key.path), `${key.path} has no comment giving its default`).to.match(/Default: /);
      }
      for (const section of CONFIG_SECTIONS) expect(comments.has(section), section).to.equal(true);
    });

    it('config/production.example.yaml refuses to start until the placeholder secret is replaced', () => {
      const example = join(REPO, 'config/production.example.yaml');
      expect(fail({ argv: ['--config', example] }).message).to.equal(
        `${example}: auth.jwtSecret: is still the example placeholder; replace it with a random secret (openssl rand -hex 32)`,
      );
      const { config } = load({ argv: ['--config', example], env: { IM_AUTH__JWT_SECRET: 'f'.repeat(64) } });
      expect(config).to.deep.include({ mode: 'production' });
      expect(config.mq.kind).to.equal('rocketmq');
      expect(config.storage.mysql.host).to.equal('127.0.0.1');
      expect(config.redis.url).to.equal('redis://127.0.0.1:6379');
    });
  });
});
