// Guards for tests that need a real server. In CI (IM_REQUIRE_SERVICES=1) a missing server is a
// failure, never a skip.
import net from 'node:net';

export const requireServices = process.env.IM_REQUIRE_SERVICES === '1';

export const MYSQL = {
  host: process.env.IM_TEST_MYSQL_HOST ?? '127.0.0.1',
  port: Number(process.env.IM_TEST_MYSQL_PORT ?? 3306),
  user: process.env.IM_TEST_MYSQL_USER ?? 'root',
  password: process.env.IM_TEST_MYSQL_PASSWORD ?? '',
};
export const REDIS_URL = process.env.IM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Seed nodes of the local Redis Cluster (`scripts/redis-cluster-local.sh start`), as `redis.cluster` takes them. */
export const REDIS_CLUSTER = process.env.IM_TEST_REDIS_CLUSTER ?? '127.0.0.1:7380,127.0.0.1:7381,127.0.0.1:7382';

export function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Call from a `before` hook: skips the suite when the server is down, or throws when
 * IM_REQUIRE_SERVICES=1.
 */
export async function needServer(ctx: Mocha.Context, name: string, host: string, port: number): Promise<void> {
  if (await tcpReachable(host, port)) return;
  const why = `${name} is not reachable at ${host}:${port}`;
  if (requireServices) throw new Error(`${why} (IM_REQUIRE_SERVICES=1)`);
  console.warn(`  skipping: ${why}`);
  ctx.skip();
}

export const needMysql = (ctx: Mocha.Context) => needServer(ctx, 'MySQL', MYSQL.host, MYSQL.port);
export const needRedis = (ctx: Mocha.Context) => {
  const url = new URL(REDIS_URL);
  return needServer(ctx, 'Redis', url.hostname, Number(url.port || 6379));
};
export const needRedisCluster = async (ctx: Mocha.Context) => {
  for (const seed of REDIS_CLUSTER.split(',')) {
    const colon = seed.lastIndexOf(':');
    await needServer(ctx, 'Redis Cluster (scripts/redis-cluster-local.sh start)', seed.slice(0, colon), Number(seed.slice(colon + 1)));
  }
};
