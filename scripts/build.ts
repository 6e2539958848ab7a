// `npm run build` (and `npm install`, through prepare): the gateway and the relay compiled to
// JavaScript in dist/ for plain `node` (`npm start` = node --enable-source-maps dist/main.js).
//   1. dist/ is emptied, so nothing stale (a deleted module) survives a rebuild;
//   2. tsc -p tsconfig.build.json: src/main.ts, src/relay.ts and what they import, with source
//      maps; nothing is written on a type error (noEmitOnError), and the build fails;
//   3. what the code loads at run time that tsc does not emit is copied beside it: the generated
//      protobuf module (plain JS) and the Redis Lua scripts (read from ./lua/ of their module);
//   4. every relative import in dist/ must name a file that exists there (a missing copy fails
//      the build rather than the first start);
//   5. dist/.build-stamp records when the build started, so that `isBuildFresh()` (used by
//      test/build/) can tell whether any input changed since.
// The web page is not copied: src/transport/static-files.ts resolves ../../web/dist/ from its own
// location, which is the repository's web/dist/ from src/transport/ and from dist/transport/ alike.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const DIST = path.join(REPO, 'dist');
const SRC = path.join(REPO, 'src');
const STAMP = path.join(DIST, '.build-stamp');

/** Files and folders under src/ that are loaded at run time but are not TypeScript. */
export const RUNTIME_ASSETS = ['protocol/gen/im.js', 'storage/redis/lua'];
/** Inputs outside src/ that change the output. */
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.ts'];

/** The compiled entry points, relative to the repository. */
export const ENTRIES = { gateway: 'dist/main.js', relay: 'dist/relay.js' } as const;

export function build(): void {
  const started = Date.now();
  rmSync(DIST, { recursive: true, force: true });

  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(REPO, 'tsconfig.build.json')], { cwd: REPO, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${result.status ?? result.signal})`);

  for (const asset of RUNTIME_ASSETS) {
    const from = path.join(SRC, asset);
    if (!existsSync(from)) throw new Error(`runtime asset src/${asset} is missing${asset.endsWith('im.js') ? ' (npm run proto)' : ''}`);
    cpSync(from, path.join(DIST, asset), { recursive: true });
  }

  const missing = unresolvedImports();
  if (missing.length > 0) throw new Error(`dist/ imports files that are not there:\n  ${missing.join('\n  ')}`);
  for (const entry of Object.values(ENTRIES)) {
    if (!existsSync(path.join(REPO, entry))) throw new Error(`${entry} was not emitted`);
  }

  writeFileSync(STAMP, `${JSON.stringify({ startedAtMs: started, node: process.version })}\n`);
}

/** `from './x.js'` / `import('./x.js')` / `import './x.js'` specifiers in dist/ that name no file. */
function unresolvedImports(): string[] {
  const out: string[] = [];
  const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\1/g;
  for (const file of walk(DIST)) {
    if (!file.endsWith('.js')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(specifier)) {
      const target = path.resolve(path.dirname(file), m[2]!);
      if (!existsSync(target)) out.push(`${path.relative(REPO, file)}: ${m[2]}`);
    }
  }
  return out;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** Newest modification time among the build's inputs (every file under src/, the tsconfigs, this script). */
function newestInputMs(): number {
  const files = [...walk(SRC), ...BUILD_INPUTS.map((f) => path.join(REPO, f))];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

/** True when dist/ was built successfully after the last change to any input. */
export function isBuildFresh(): boolean {
  let stamp: { startedAtMs?: unknown };
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as { startedAtMs?: unknown };
  } catch {
    return false;
  }
  if (typeof stamp.startedAtMs !== 'number') return false;
  if (!Object.values(ENTRIES).every((e) => existsSync(path.join(REPO, e)))) return false;
  return newestInputMs() < stamp.startedAtMs;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = Date.now();
  try {
    build();
    process.stdout.write(`built ${path.relative(process.cwd(), DIST) || DIST}/ in ${((Date.now() - t0) / 1000).toFixed(1)} s (npm start runs ${ENTRIES.gateway})\n`);
  } catch (err) {
    process.stderr.write(`build: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
