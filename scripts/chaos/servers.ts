// The chaos run's own Redis and MariaDB: child processes on spare ports that a scenario may kill
// and start again, so that faults never touch the machine's shared servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { sleep } from '../../test/cluster/support/cluster.js';

/** Every server process this run started: killed when the harness process exits, however. */
const everyProcess = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of everyProcess) proc.kill('SIGKILL');
});

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const BINARIES = ['redis-server', 'mariadb-install-db', 'mariadbd'];

/** Where a binary is: PATH, then the sbin folders (mariadbd is in /usr/sbin, often off a user's PATH). */
function binary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  const dir = dirs.find((d) => d !== '' && existsSync(path.join(d, name)));
  return dir === undefined ? null : path.join(dir, name);
}

/** The server binaries the harness runs that this machine lacks. */
export function missingBinaries(): string[] {
  return BINARIES.filter((name) => binary(name) === null);
}

/** One server binary started with fixed arguments; restartable after a kill. */
export class ServerProcess {
  private proc: ChildProcess | null = null;
  private output = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly name: string, readonly port: number, private readonly command: string, private readonly args: readonly string[]) {}

  /** The last output, for a failure message. */
  get logs(): string {
    return this.output.slice(-4000);
  }

  /** Starts the process and waits until its port accepts connections. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.proc !== null) throw new Error(`${this.name} is already running`);
    if (await tcpOpen(this.port)) throw new Error(`port ${this.port} for ${this.name} is taken by another process`);
    const proc = spawn(binary(this.command) ?? this.command, this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    everyProcess.add(proc);
    // A binary that cannot be run emits 'error' and may never emit 'exit'.
    proc.once('error', (err) => {
      this.output += `\n${this.command}: ${err.message}`;
      everyProcess.delete(proc);
      if (this.proc === proc) this.proc = null;
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-16_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    this.exited = new Promise<void>((resolve) => proc.once('exit', () => {
      everyProcess.delete(proc);
      if (this.proc === proc) this.proc = null;
      resolve();
    }));
    this.proc = proc;
    const deadline = Date.now() + timeoutMs;
    while (!(await tcpOpen(this.port))) {
      if (this.proc !== proc) throw new Error(`${this.name} exited while starting:\n${this.logs}`);
      if (Date.now() > deadline) throw new Error(`${this.name} not listening on ${this.port} within ${timeoutMs} ms:\n${this.logs}`);
      await sleep(100);
    }
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals, graceMs = 30_000): Promise<void> {
    const proc = this.proc;
    if (proc === null) return;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** redis-server without persistence: a restart starts empty, as the scenario wants. */
export function privateRedis(port: number): ServerProcess {
  return new ServerProcess('redis', port, 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
}

/**
 * mariadbd on a data directory of its own, created by mariadb-install-db on first use, with
 * root@127.0.0.1 and no password (as the shared server). It runs as root when the harness does.
 */
export async function privateMariaDb(port: number, dataDir: string): Promise<ServerProcess> {
  if (!existsSync(`${dataDir}/mysql`)) {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const install = spawn(binary('mariadb-install-db') ?? 'mariadb-install-db', [
      '--no-defaults', `--datadir=${dataDir}`, ...userArgs(), '--auth-root-authentication-method=normal', '--skip-test-db',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    install.stdout.on('data', (c: Buffer) => (out += c.toString()));
    install.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => install.once('exit', resolve));
    if (code !== 0) throw new Error(`mariadb-install-db --datadir=${dataDir} failed (${code}):\n${out.slice(-4000)}`);
  }
  return new ServerProcess('mariadb', port, 'mariadbd', [
    '--no-defaults', `--datadir=${dataDir}`, `--port=${port}`, '--bind-address=127.0.0.1',
    `--socket=${dataDir}/mysqld.sock`, `--pid-file=${dataDir}/mysqld.pid`, ...userArgs(),
    '--skip-log-bin', '--innodb-buffer-pool-size=64M', '--max-connections=200',
  ]);
}

function userArgs(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}
