// Drives clients/java-interop (a Java client written from PROTOCOL.md and proto/ alone) from mocha:
// builds it once with Maven, then runs one JVM per device and feeds it steps on stdin, one at a
// time, reading the lines each step printed (the client's --marks option ends every step with
// "#done <n>").
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLIENT_DIR = path.join(REPO_ROOT, 'clients', 'java-interop');
export const JAR = path.join(CLIENT_DIR, 'target', 'im-interop-client.jar');
/** What the jar is built from: the pom, the Java sources and the repository's proto/ tree. */
const INPUTS = [path.join(CLIENT_DIR, 'pom.xml'), path.join(CLIENT_DIR, 'src'), path.join(REPO_ROOT, 'proto')];

/** CI or IM_REQUIRE_SERVICES set: a missing JDK or Maven, or a failed build, fails the suite. */
export const toolsRequired = ['CI', 'IM_REQUIRE_SERVICES'].some((name) => !['', '0', 'false', undefined].includes(process.env[name]));

interface Run {
  code: number | null;
  output: string;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    let output = '';
    let proc: ChildProcess;
    try {
      proc = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      resolve({ code: null, output: String(err) });
      return;
    }
    const keep = (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-32_000); };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('error', (err) => { clearTimeout(timer); resolve({ code: null, output: `${output}${String(err)}` }); });
    proc.once('close', (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export interface BuildResult {
  /** Why the client cannot be used (no JDK, no Maven, failed build), or null. */
  problem: string | null;
  /** 'cached' when the jar was newer than its inputs, else the build's wall time. */
  how: string;
}

/** Makes sure target/im-interop-client.jar is there and newer than the pom, the sources and proto/. */
export async function buildJavaClient(): Promise<BuildResult> {
  const java = await run('java', ['-version'], CLIENT_DIR, 30_000);
  if (java.code !== 0) return { problem: `java is not usable: ${java.output.trim() || `exit ${java.code}`}`, how: '' };
  if (existsSync(JAR) && statSync(JAR).mtimeMs > Math.max(...INPUTS.map(newestMtime))) return { problem: null, how: 'cached' };
  const mvn = await run('mvn', ['-v'], CLIENT_DIR, 60_000);
  if (mvn.code !== 0) return { problem: `mvn is not usable: ${mvn.output.trim() || `exit ${mvn.code}`}`, how: '' };
  const t0 = Date.now();
  const build = await run('mvn', ['-q', '-B', 'package'], CLIENT_DIR, 280_000);
  if (build.code !== 0 || !existsSync(JAR)) return { problem: `mvn -q -B package failed (exit ${build.code}):\n${build.output}`, how: '' };
  return { problem: null, how: `built in ${((Date.now() - t0) / 1000).toFixed(1)} s` };
}

export interface JavaClientOptions {
  device?: string;
  v1?: boolean;
  echo?: boolean;
  noHeartbeat?: boolean;
  /** Reply timeout and default `wait` timeout inside the client, ms. */
  timeoutMs?: number;
}

/** IM_INTEROP_TRACE=1: every step and the lines it printed go to stderr. */
const trace = !['', '0', 'false', undefined].includes(process.env.IM_INTEROP_TRACE);

/** Every client started in this process, killed when it exits. */
const everyClient = new Set<JavaClient>();
process.once('exit', () => {
  for (const c of everyClient) c.killNow();
});

/** One JVM: one session of one user on one device. */
export class JavaClient {
  /** The line printed after login: "auth <userId> <sessionId> hb=<ms>". */
  authLine = '';
  private buffer = '';
  private lines: string[] = [];
  private stderr = '';
  private steps = 0;
  private waiters: Array<() => void> = [];
  private exitCode: number | null | undefined = undefined;

  private constructor(readonly name: string, private readonly proc: ChildProcess) {
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (chunk: string) => {
      this.buffer += chunk;
      for (let i = this.buffer.indexOf('\n'); i >= 0; i = this.buffer.indexOf('\n')) {
        this.lines.push(this.buffer.slice(0, i).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(i + 1);
      }
      this.notify();
    });
    proc.stderr!.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString('utf8')).slice(-16_000); });
    proc.once('error', (err) => {
      this.stderr += String(err);
      this.exitCode = null;
      everyClient.delete(this);
      this.notify();
    });
    proc.once('exit', (code) => {
      this.exitCode = code;
      everyClient.delete(this);
      this.notify();
    });
  }

  /** Starts the JVM and waits for its login line; rejects with the client's output if login failed. */
  static async start(name: string, url: string, token: string, options: JavaClientOptions = {}): Promise<JavaClient> {
    const args = ['-jar', JAR, '--url', url, '--token', token, '--marks', '--timeout', String(options.timeoutMs ?? 10_000)];
    if (options.device !== undefined) args.push('--device', options.device);
    if (options.v1) args.push('--v1');
    if (options.echo) args.push('--echo');
    if (options.noHeartbeat) args.push('--no-heartbeat');
    const proc = spawn('java', ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new JavaClient(name, proc);
    everyClient.add(client);
    const first = await client.until(() => (client.lines.length > 0 ? client.lines.shift()! : undefined), 30_000, 'no login line');
    if (!first.startsWith('auth ')) throw new Error(`${name}: login failed: ${first}\n${client.stderr}`);
    client.authLine = first;
    return client;
  }

  /** Runs one step; resolves with the lines it printed (without the "#done" mark). */
  async step(line: string, timeoutMs = 30_000): Promise<string[]> {
    const n = ++this.steps;
    this.proc.stdin!.write(`${line}\n`);
    const out = await this.until(() => {
      const i = this.lines.indexOf(`#done ${n}`);
      return i < 0 ? undefined : this.lines.splice(0, i + 1).slice(0, -1);
    }, timeoutMs, `step '${line}' did not finish`);
    if (trace) console.error(`[${this.name}] > ${line}\n${out.map((l) => `[${this.name}]   ${l}`).join('\n')}`);
    return out;
  }

  /** Runs a step that prints exactly one line, and returns it. */
  async one(line: string, timeoutMs?: number): Promise<string> {
    const out = await this.step(line, timeoutMs);
    if (out.length !== 1) throw new Error(`${this.name}: '${line}' printed ${out.length} lines: ${JSON.stringify(out)}`);
    return out[0]!;
  }

  /** quit, then waits for the JVM to exit (status 0 expected). */
  async quit(): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    const bye = await this.one('quit');
    if (bye !== 'bye') throw new Error(`${this.name}: quit printed ${bye}`);
    this.proc.stdin!.end();
    return this.until(() => (this.exitCode !== undefined ? { code: this.exitCode } : undefined), 10_000, 'JVM did not exit').then((r) => r.code);
  }

  killNow(): void {
    if (this.exitCode === undefined) this.proc.kill('SIGKILL');
  }

  /** For failure messages: what the JVM wrote to stderr and any unread stdout. */
  get diagnostics(): string {
    return `---- ${this.name} unread stdout ----\n${this.lines.join('\n')}\n---- ${this.name} stderr ----\n${this.stderr}`;
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value === undefined) {
          if (this.exitCode === undefined) return false;
          finish();
          reject(new Error(`${this.name}: ${what}: the client exited (${this.exitCode})\n${this.diagnostics}`));
          return true;
        }
        finish();
        resolve(value);
        return true;
      };
      const finish = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.name}: ${what} within ${timeoutMs} ms\n${this.diagnostics}`));
      }, timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** Parses "key=value" words of a line into a record. */
export function fields(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of line.split(' ')) {
    const i = word.indexOf('=');
    if (i > 0) out[word.slice(0, i)] = word.slice(i + 1);
  }
  return out;
}
