// Builds the web chat page into web/dist/: web/app.ts with the client SDK bundled for browsers,
// beside copies of index.html and style.css. `npm install` runs it (prepare), and so does
// `npm run build:web`; the gateway only serves the result, it never builds.
//
// The SDK is written for Node; what it takes from Node gets browser stand-ins here instead of
// changes to it: `ws` → web/shims/ws.ts (the browser's WebSocket), node:events → the `events`
// package (the same EventEmitter), node:crypto → web/shims/crypto.ts (randomUUID), and the
// setImmediate/clearImmediate globals → web/shims/immediate.ts.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const WEB = path.join(REPO, 'web');
export const WEB_DIST = path.join(WEB, 'dist');

const STATIC_FILES = ['index.html', 'style.css'];

export async function buildWeb(outDir = WEB_DIST): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    absWorkingDir: REPO,
    entryPoints: [path.join(WEB, 'app.ts')],
    outfile: path.join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    alias: {
      ws: './web/shims/ws.ts',
      'node:events': 'events',
      'node:crypto': './web/shims/crypto.ts',
    },
    inject: ['./web/shims/immediate.ts'],
    logLevel: 'warning',
  });
  for (const name of STATIC_FILES) await copyFile(path.join(WEB, name), path.join(outDir, name));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildWeb().then(
    () => process.stdout.write(`web page built into ${path.relative(process.cwd(), WEB_DIST) || WEB_DIST}\n`),
    (err: unknown) => {
      process.stderr.write(`build:web: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
