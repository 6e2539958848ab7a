// `redis.cluster`: seed nodes from the file or the environment; a bad list names the key and
// where it came from.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { clusterSeeds } from '../../src/config/schema.js';

describe('config redis.cluster', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'im-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const yaml = (text: string) => {
    const path = join(dir, 'c.yaml');
    writeFileSync(path, text);
    return path;
  };
  const errorOf = (run: () => unknown): ConfigError => {
    try {
      run();
    } catch (err) {
      expect(err).to.be.instanceOf(ConfigError);
      return err as ConfigError;
    }
    expect.fail('expected a ConfigError');
  };

  it('defaults to empty: the single Redis at redis.url', () => {
    expect(loadConfig({ argv: [], env: {}, cwd: dir }).config.redis.cluster).to.equal('');
  });

  it('reads seed nodes from the file and from IM_REDIS__CLUSTER', () => {
    const path = yaml('redis:\n  cluster: "10.0.0.1:7000, redis-2.internal:7001"\n');
    expect(loadConfig({ argv: ['--config', path], env: {}, cwd: dir }).config.redis.cluster).to.equal('10.0.0.1:7000, redis-2.internal:7001');
    const fromEnv = loadConfig({ argv: [], env: { IM_REDIS__CLUSTER: '127.0.0.1:7380,127.0.0.1:7381' }, cwd: dir }).config.redis.cluster;
    expect(clusterSeeds(fromEnv)).to.deep.equal([{ host: '127.0.0.1', port: 7380 }, { host: '127.0.0.1', port: 7381 }]);
  });

  it('refuses a value that is not host:port seeds, naming the key, the file and what it expects', () => {
    for (const bad of ['10.0.0.1', 'redis://10.0.0.1:7000', '10.0.0.1:0', '10.0.0.1:65536', 'a:1 b:2']) {
      const path = yaml(`redis:\n  cluster: "${bad}"\n`);
      const err = errorOf(() => loadConfig({ argv: ['--config', path], env: {}, cwd: dir }));
      expect(err.message, bad).to.contain(`${path}: redis.cluster: expected comma-separated host:port seed nodes`);
      expect(clusterSeeds(bad), bad).to.equal(null);
    }
    const err = errorOf(() => loadConfig({ argv: [], env: { IM_REDIS__CLUSTER: 'nope' }, cwd: dir }));
    expect(err.message).to.contain('IM_REDIS__CLUSTER: redis.cluster: expected comma-separated host:port');
  });
});
