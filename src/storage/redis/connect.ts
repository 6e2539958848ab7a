import { Redis } from 'ioredis';

/** How long startup waits for Redis (a server still booting next to us gets this long), ms. */
const STARTUP_BUDGET_MS = 5000;
/** One TCP connect attempt; a black-holed address must not eat the whole budget, ms. */
const CONNECT_TIMEOUT_MS = 2000;

/**
 * Opens a connection and resolves once Redis is ready. Rejects, naming the URL (password
 * hidden), when it is not ready within a few seconds: ioredis would otherwise retry forever and
 * the gateway would hang at startup. Once ready, lost connections are retried indefinitely.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const deadline = Date.now() + STARTUP_BUDGET_MS;
  let started = false;
  const redis = new Redis(url, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Each message costs several small commands from many concurrent sessions: sending those of
    // one event-loop turn as one pipeline saves a round trip each.
    enableAutoPipelining: true,
    retryStrategy: (times) => {
      const delay = Math.min(times * 50, 2000);
      return started || Date.now() + delay < deadline ? delay : null;
    },
  });

  return new Promise((resolve, reject) => {
    let lastError: Error | undefined;
    const onError = (err: Error) => { lastError = err; };
    const settle = () => {
      clearTimeout(timer);
      redis.off('error', onError).off('ready', onReady).off('end', fail);
    };
    const fail = () => {
      settle();
      redis.disconnect();
      const why = lastError === undefined ? 'not ready' : lastError.message;
      reject(new Error(`Redis at ${redact(url)} was not ready within ${STARTUP_BUDGET_MS} ms: ${why}`));
    };
    const onReady = () => {
      settle();
      started = true;
      resolve(redis);
    };
    // Covers a server that accepts connections but never gets ready (e.g. loading a dataset).
    const timer = setTimeout(fail, STARTUP_BUDGET_MS);
    // 'end': retryStrategy gave up within the budget.
    redis.on('error', onError).once('ready', onReady).once('end', fail);
  });
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
