// A gateway in a child process for the soak and the fuzz, so that its memory is its own: the
// bench's process helpers and environment, on free ports, with the caller's database and Redis
// prefix; and its /metrics read as numbers.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dropDatabase, gatewayEnv, startProcess, stopProcess, waitForPort } from '../bench/support.js';

export type Mode = 'embedded' | 'production';

export interface ChildGatewayOptions {
  mode: Mode;
  /** Production: the MySQL database, dropped before the gateway starts. */
  database: string;
  /** Production: the Redis key prefix (a run's own, so that nothing is shared with other runs). */
  redisPrefix: string;
  /** More IM_* variables, over the bench's. */
  env?: NodeJS.ProcessEnv;
}

export interface ChildGateway {
  url: string;
  opsUrl: string;
  pid: number;
  /** The exit code or signal once the process has exited on its own, else null. */
  exited(): string | null;
  /** SIGTERM (drain), then SIGKILL after 15 s; removes the embedded data directory. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startChildGateway(options: ChildGatewayOptions): Promise<ChildGateway> {
  const [port, opsPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'im-child-'));
  if (options.mode === 'production') await dropDatabase(options.database);
  const env = {
    ...gatewayEnv({ mode: options.mode, relay: 'in-process', mq: 'rocketmq', seconds: 0, skipBaseline: true }, '', dataDir),
    IM_SERVER__HOST: '127.0.0.1',
    IM_SERVER__PORT: String(port),
    IM_OPS__PORT: String(opsPort),
    ...(options.mode === 'production' ? { IM_STORAGE__MYSQL__DATABASE: options.database, IM_REDIS__KEY_PREFIX: options.redisPrefix } : {}),
    ...options.env,
  };
  const child: ChildProcess = startProcess(['src/main.ts'], env);
  let exit: string | null = null;
  child.once('exit', (code, signal) => { exit = signal ?? String(code); });
  const stop = async () => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForPort(opsPort, 60_000);
    await waitForPort(port, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `ws://127.0.0.1:${port}/ws`, opsUrl: `http://127.0.0.1:${opsPort}`, pid: child.pid!, exited: () => exit, stop };
}

/** Every sample of /metrics, by series (`name` or `name{labels}`). */
export async function scrapeMetrics(opsUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${opsUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

/** The series of one metric with its label value: `im_errors_total{code="2"}` → ["2", n]. */
export function byLabel(series: Map<string, number>, name: string): Array<[string, number]> {
  return [...series].filter(([key]) => key.startsWith(`${name}{`)).map(([key, value]) => [/="([^"]*)"/.exec(key)?.[1] ?? key, value]);
}
