// The example three-node cluster configs (config/cluster/node-*.yaml) load, form one cluster
// (same backends) and can run side by side on one machine (distinct node ids and ports).
import { expect } from 'chai';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET = 'a-real-secret-from-the-environment-0123456789';
const NODES = [
  { file: 'config/cluster/node-a.yaml', id: 'node-a', port: 7070, opsPort: 7071 },
  { file: 'config/cluster/node-b.yaml', id: 'node-b', port: 7080, opsPort: 7081 },
  { file: 'config/cluster/node-c.yaml', id: 'node-c', port: 7090, opsPort: 7091 },
];

const load = (file: string, env: Record<string, string> = { IM_AUTH__JWT_SECRET: SECRET }) =>
  loadConfig({ argv: ['--config', file], env, cwd: REPO });

/** What must be the same on every node of the cluster: everything but the node id and ports. */
function shared(config: Config): unknown {
  return { ...config, node: { ...config.node, id: '' }, server: { ...config.server, port: 0 }, ops: { ...config.ops, port: 0 } };
}

describe('config/cluster: the example three-node configs', () => {
  let configs: Array<(typeof NODES)[number] & { loaded: ReturnType<typeof load> }> = [];
  before(() => {
    configs = NODES.map((n) => ({ ...n, loaded: load(n.file) }));
  });

  it('load as valid production configs with the secret from IM_AUTH__JWT_SECRET', () => {
    for (const { file, id, port, opsPort, loaded } of configs) {
      expect(loaded.source).to.equal(resolve(REPO, file));
      const { config } = loaded;
      expect(config.mode, file).to.equal('production');
      expect(config.node, file).to.include({ id, workerId: -1 });
      expect(config.server, file).to.include({ host: '0.0.0.0', port });
      expect(config.ops, file).to.include({ host: '127.0.0.1', port: opsPort });
      expect(config.auth.jwtSecret, file).to.equal(SECRET);
      expect(config.storage.mysql, file).to.include({ host: '127.0.0.1', port: 3306 });
      expect(config.redis.url, file).to.equal('redis://127.0.0.1:6379');
      expect(config.mq, file).to.include({ kind: 'rocketmq', endpoints: '127.0.0.1:8081' });
    }
  });

  it('have distinct node ids and six distinct ports, so the three run side by side', () => {
    const ids = configs.map((c) => c.loaded.config.node.id);
    expect(new Set(ids).size).to.equal(3);
    for (const id of ids) expect(id).to.not.include('|'); // the presence value's separator
    const ports = configs.flatMap((c) => [c.loaded.config.server.port, c.loaded.config.ops.port]);
    expect(new Set(ports).size, `ports ${ports.join(', ')}`).to.equal(6);
  });

  it('share everything else: one database, one Redis key prefix, one topic, the same limits', () => {
    const [first, ...rest] = configs.map((c) => shared(c.loaded.config));
    for (const other of rest) expect(other).to.deep.equal(first);
  });

  it('refuse to start on the placeholder secret when IM_AUTH__JWT_SECRET is not set', () => {
    for (const { file } of NODES) {
      let error: unknown;
      try {
        load(file, {});
      } catch (err) {
        error = err;
      }
      expect(error, file).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).message, file).to.match(/auth\.jwtSecret: is still the example placeholder/);
    }
  });
});
