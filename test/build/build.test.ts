// The compiled build (issue 11 part 4): `npm run build` emits dist/, and the command in
// package.json's `start` script runs it with plain node (no tsx anywhere): the gateway starts in a
// fresh folder, serves AUTH and PING over WebSocket and the web page, its stack traces point at
// the .ts sources, and SIGTERM stops it with exit code 0. The relay entry does the same.
// dist/ is rebuilt (through `npm run build`) unless it is newer than every input; set
// IM_TEST_REBUILD=1 to rebuild regardless. A broken build fails the `before` hook, and so the suite.
import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { signToken } from '../../src/auth/jwt.js';
import { Cmd } from '../../src/protocol/messages.js';
import { DIST, ENTRIES, isBuildFresh, REPO } from '../../scripts/build.js';
import { TEST_SECRET } from '../support/gateway.js';
import { RawClient } from '../support/raw-client.js';

interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as PackageJson;
const USER = '9007199254740993'; // above 2^53

/** Runs a command to its end; resolves its exit code and output. */
function run(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** The environment without IM_* variables: only the config file configures the child. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('IM_'))), ...extra };
}

/**
 * An npm script that must be `node …` run directly: its argv for process.execPath, with the
 * script's relative paths resolved against the repository (the child runs in a temp folder).
 */
function nodeArgsOf(script: string): string[] {
  const command = pkg.scripts[script];
  expect(command, `scripts.${script}`).to.be.a('string');
  const [bin, ...args] = command!.trim().split(/\s+/);
  expect(bin, `scripts.${script} runs node itself`).to.equal('node');
  return args.map((a) => (a.startsWith('-') ? a : path.join(REPO, a)));
}

/** A started entry point: stdout lines kept, stderr kept, the exit awaited. */
class Started {
  readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly child: ChildProcessWithoutNullStreams;

  constructor(args: string[], readonly cwd: string, config: string) {
    this.child = spawn(process.execPath, args, { cwd, env: cleanEnv({ IM_CONFIG: config }) });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.lines.push(line));
    this.child.stderr.on('data', (c: Buffer) => { this.stderr += c.toString(); });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  async line(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    let done = false;
    void this.exited.then(() => { done = true; });
    for (;;) {
      for (const line of this.lines) {
        const m = pattern.exec(line);
        if (m) return m;
      }
      if (done || Date.now() > deadline) {
        throw new Error(`no line matching ${pattern}${done ? ' (the process exited)' : ''}\nstdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
    const result = await Promise.race([this.exited, timeout]);
    if (result === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`did not exit within ${timeoutMs} ms of SIGTERM\nstdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`);
    }
    return result;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('compiled build (npm run build, npm start with plain node)', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const started: Started[] = [];

  /** A fresh working folder (its own ./data) with a config binding free loopback ports. */
  function workdir(mqKind: 'off' | 'log' = 'off'): { dir: string; config: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'im-build-test-'));
    dirs.push(dir);
    const config = path.join(dir, 'im-connect.yaml');
    writeFileSync(config, [
      'server:', '  host: 127.0.0.1', '  port: 0',
      'ops:', '  host: 127.0.0.1', '  port: 0',
      'auth:', `  jwtSecret: ${TEST_SECRET}`,
      'mq:', `  kind: ${mqKind}`,
      'log:', '  format: json',
      '',
    ].join('\n'));
    return { dir, config };
  }

  before(async function () {
    this.timeout(300_000);
    if (process.env.IM_TEST_REBUILD !== '1' && isBuildFresh()) return;
    const { code, output } = await run('npm', ['run', 'build']);
    expect(code, `npm run build failed:\n${output}`).to.equal(0);
    expect(isBuildFresh(), 'dist/ is fresh after the build').to.equal(true);
  });

  afterEach(() => {
    for (const s of started.splice(0)) s.kill();
  });

  after(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('wires the scripts: build on install, start and relay on dist/ with source maps, dev on tsx', () => {
    expect(pkg.scripts.prepare).to.match(/npm run build(\s|$|&)/);
    expect(pkg.scripts.start).to.equal(`node --enable-source-maps ${ENTRIES.gateway}`);
    expect(pkg.scripts.relay).to.equal(`node --enable-source-maps ${ENTRIES.relay}`);
    expect(pkg.scripts.dev).to.equal('tsx src/main.ts');
    // The systemd unit runs the start script's command itself (without npm in between).
    const unit = readFileSync(path.join(REPO, 'config/im-connect.service'), 'utf8');
    expect(/^ExecStart=(.*)$/m.exec(unit)?.[1]).to.equal(pkg.scripts.start!.replace(/^node /, '/usr/bin/node '));
  });

  it('emits source maps, the protobuf module and the Lua scripts, and imports only runtime dependencies', () => {
    for (const entry of Object.values(ENTRIES)) {
      const map = JSON.parse(readFileSync(path.join(REPO, `${entry}.map`), 'utf8')) as { sources: string[] };
      expect(map.sources.map((s) => path.resolve(path.dirname(path.join(REPO, entry)), s))).to.deep.equal([
        path.join(REPO, entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')),
      ]);
    }
    expect(existsSync(path.join(DIST, 'protocol/gen/im.js'))).to.equal(true);
    const lua = readdirSync(path.join(REPO, 'src/storage/redis/lua')).filter((f) => f.endsWith('.lua')).sort();
    expect(readdirSync(path.join(DIST, 'storage/redis/lua')).filter((f) => f.endsWith('.lua')).sort()).to.deep.equal(lua);

    // Every package the compiled code imports must be installed by `npm ci --omit=dev` too.
    const builtins = new Set(builtinModules);
    const bare = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^.'"/][^'"]*)\1/g;
    const packages = new Set<string>();
    for (const file of walk(DIST).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(bare)) {
        const spec = m[2]!;
        if (spec.startsWith('node:') || builtins.has(spec)) continue;
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(packages.size).to.be.greaterThan(0);
    const notRuntime = [...packages].filter((p) => !(p in pkg.dependencies));
    expect(notRuntime, 'imported by dist/ but not in "dependencies"').to.deep.equal([]);
  });

  it('maps stack traces of the compiled code to the .ts sources', async () => {
    const codec = path.join(DIST, 'protocol/codec.js');
    const script = `import { decodeFrame } from ${JSON.stringify(pathToFileURL(codec).href)};
try { decodeFrame(new Uint8Array([0xff])); } catch (err) { console.log(err.stack); }`;
    const { code, output } = await run(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script]);
    expect(code, output).to.equal(0);
    expect(output).to.include(`${path.join(REPO, 'src/protocol/codec.ts')}:`);
  });

  it('starts the gateway in a fresh folder, serves AUTH, PING and the web page, exits 0 on SIGTERM', async () => {
    const { dir, config } = workdir();
    const gw = new Started(nodeArgsOf('start'), dir, config);
    started.push(gw);
    // The bound ports (the config asks for 0) are in the listening line, logged as JSON.
    const listening = JSON.parse((await gw.line(/"message":"im-connect listening"/)).input) as { clients: string; ops: string };
    const { clients: wsUrl, ops: opsUrl } = listening;
    expect(wsUrl).to.match(/^ws:\/\/127\.0\.0\.1:\d+\/ws$/);
    expect(existsSync(path.join(dir, 'data', 'im-connect.sqlite')), 'the SQLite file in the fresh ./data').to.equal(true);

    const client = await RawClient.open(wsUrl);
    try {
      client.send(Cmd.AUTH_REQ, { token: await signToken({ userId: USER, secret: TEST_SECRET, ttlSeconds: 60 }), deviceId: 'build-test', platform: 'test' });
      const auth = await client.next(Cmd.AUTH_RESP, undefined, 10_000);
      expect(auth.body.userId).to.equal(USER);
      client.send(Cmd.PING, { clientTimeMs: '1234567' });
      const pong = await client.next(Cmd.PONG, undefined, 10_000);
      expect(pong.body.clientTimeMs).to.equal('1234567');
      expect(pong.body.serverTimeMs).to.be.greaterThan(0);
    } finally {
      client.close();
    }

    expect((await fetch(`${opsUrl}/readyz`)).status).to.equal(200);
    // The web page root is found from dist/ as from src/ (the repository's web/dist/).
    const page = await fetch(wsUrl.replace(/^ws:/, 'http:').replace(/\/ws$/, '/'));
    const index = path.join(REPO, 'web/dist/index.html');
    if (existsSync(index)) {
      expect(page.status).to.equal(200);
      expect(await page.text()).to.equal(readFileSync(index, 'utf8'));
    } else {
      expect(page.status, 'web/dist/ not built: the not-built page').to.equal(503);
    }

    const exit = await gw.stop();
    expect(exit, `stderr:\n${gw.stderr}`).to.deep.equal({ code: 0, signal: null });
    expect(gw.lines.some((l) => l.includes('shutting down'))).to.equal(true);
    expect(gw.stderr).to.equal('');
  });

  it('starts the relay (npm run relay) and exits 0 on SIGTERM', async () => {
    const { dir, config } = workdir('log');
    const relay = new Started(nodeArgsOf('relay'), dir, config);
    started.push(relay);
    await relay.line(/"message":"outbox relay running"/);
    const exit = await relay.stop();
    expect(exit, `stderr:\n${relay.stderr}`).to.deep.equal({ code: 0, signal: null });
    expect(relay.stderr).to.equal('');
  });

  it('refuses to start the relay with mq.kind off (exit 2), naming the key and the file', async () => {
    const { dir, config } = workdir('off');
    const relay = new Started(nodeArgsOf('relay'), dir, config);
    started.push(relay);
    expect(await relay.exited).to.deep.equal({ code: 2, signal: null });
    expect(relay.stderr).to.include('mq.kind is off').and.to.include(config);
  });
});
