// The plain-HTTP side of the client port: the files of the web chat page, from one fixed folder.
// Only GET and HEAD; nothing outside that folder, and no dotfiles, can be named by a URL.
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** web/dist/ of this repository, written by `npm run build:web` (run by `npm install`). */
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Scripts and styles from this origin only. ws:/wss: because some browsers still do not count the
 * page's own WebSocket as 'self'; without script injection that allows nothing more.
 */
const PAGE_CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>im-connect: web page not built</title></head>
<body><h1>The web chat page is not built</h1>
<p>Run <code>npm run build:web</code> in the gateway's folder (<code>npm install</code> runs it too), then reload.</p>
<p>The WebSocket endpoint at <code>/ws</code> works without it.</p></body></html>
`;

export class StaticFiles {
  private readonly root: string;
  private readonly index: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.index = path.join(this.root, 'index.html');
  }

  /** Requests this handler answers; everything else on the client port keeps its 426. */
  accepts(req: http.IncomingMessage): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const target = req.url ?? '/';
    return target !== '/ws' && !target.startsWith('/ws?');
  }

  async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const file = this.resolve(req.url ?? '/');
    if (file === null) return plain(res, 404, 'not found\n');
    let info: Stats | null;
    try {
      info = await stat(file);
    } catch {
      info = null;
    }
    if (info === null || !info.isFile()) {
      if (file === this.index) return send(res, 503, { 'Content-Type': CONTENT_TYPES['.html']!, 'Cache-Control': 'no-store' }, NOT_BUILT);
      return plain(res, 404, 'not found\n');
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const etag = `W/"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': type,
      // The names carry no content hash, so every use revalidates (cheap: the ETag gives a 304).
      'Cache-Control': 'no-cache',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = PAGE_CSP;
    if (req.headers['if-none-match'] === etag) return send(res, 304, headers);
    headers['Content-Length'] = info.size;
    if (req.method === 'HEAD') return send(res, 200, headers);
    res.writeHead(200, headers);
    const stream = createReadStream(file);
    stream.on('error', (err) => res.destroy(err));
    stream.pipe(res);
  }

  /** The file a request target names inside the root, or null when it names none that may be served. */
  private resolve(target: string): string | null {
    let pathname: string;
    try {
      // The URL parser removes dot segments, also percent-encoded ones; decoding can bring back
      // '/' and '..' (%2f), so the result is checked against the root once more below.
      pathname = decodeURIComponent(new URL(target, 'http://localhost').pathname);
    } catch {
      return null;
    }
    if (pathname.includes('\0') || pathname.includes('\\')) return null;
    if (pathname.split('/').some((segment) => segment.startsWith('.'))) return null;
    const file = path.resolve(this.root, `.${pathname}`);
    if (file === this.root) return this.index;
    return file.startsWith(this.root + path.sep) ? file : null;
  }
}

function plain(res: http.ServerResponse, status: number, body: string): void {
  send(res, status, { 'Content-Type': CONTENT_TYPES['.txt']!, 'Cache-Control': 'no-store' }, body);
}

function send(res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body?: string): void {
  res.writeHead(status, headers).end(body);
}
