// The client port's static files: a handler over a folder made here (types, caching, HEAD, the
// 503 page, and every way a URL might leave the folder), then the real gateway's routing.
import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { buildWeb } from '../../scripts/build-web.js';
import { StaticFiles } from '../../src/transport/static-files.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: the target goes out exactly as written (no client-side normalisation of '..'). */
function request(port: number, target: string, options: { method?: string; headers?: http.OutgoingHttpHeaders } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(files: StaticFiles): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    if (files.accepts(req)) void files.serve(req, res);
    else res.writeHead(426).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as { port: number }).port };
}

describe('transport/StaticFiles', () => {
  let dir: string;
  let server: http.Server;
  let port: number;

  before(async () => {
    // root/ is served; secret.txt beside it must never be.
    dir = await mkdtemp(path.join(os.tmpdir(), 'im-static-'));
    const root = path.join(dir, 'root');
    await mkdir(path.join(root, 'sub'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>page</title>');
    await writeFile(path.join(root, 'app.js'), 'console.log(1);');
    await writeFile(path.join(root, 'style.css'), 'body{}');
    await writeFile(path.join(root, 'sub', 'note.txt'), 'note');
    await writeFile(path.join(root, 'blob.bin'), 'x');
    await writeFile(path.join(root, '.env'), 'SECRET=1');
    await writeFile(path.join(dir, 'secret.txt'), 'outside');
    ({ server, port } = await serve(new StaticFiles(root)));
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves / as index.html, with the content type, no-cache and a CSP', async () => {
    const reply = await request(port, '/');
    expect(reply.status).to.equal(200);
    expect(reply.body).to.contain('<title>page</title>');
    expect(reply.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).to.equal('no-cache');
    expect(reply.headers['content-security-policy']).to.contain("default-src 'self'");
    expect(reply.headers['x-content-type-options']).to.equal('nosniff');
    expect((await request(port, '/index.html?x=1')).body).to.equal(reply.body);
  });

  it('names the content type of each file', async () => {
    const types: Record<string, string> = {
      '/app.js': 'text/javascript; charset=utf-8',
      '/style.css': 'text/css; charset=utf-8',
      '/sub/note.txt': 'text/plain; charset=utf-8',
      '/blob.bin': 'application/octet-stream',
    };
    for (const [target, type] of Object.entries(types)) {
      const reply = await request(port, target);
      expect(reply.status, target).to.equal(200);
      expect(reply.headers['content-type'], target).to.equal(type);
      expect(reply.headers['content-security-policy'], target).to.equal(undefined);
    }
    expect((await request(port, '/app.js')).body).to.equal('console.log(1);');
  });

  it('answers HEAD without a body and a matching If-None-Match with 304', async () => {
    const head = await request(port, '/app.js', { method: 'HEAD' });
    expect(head.status).to.equal(200);
    expect(head.headers['content-length']).to.equal('15');
    expect(head.body).to.equal('');
    const etag = head.headers.etag!;
    expect(etag).to.match(/^W\/"/);
    const again = await request(port, '/app.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).to.equal(304);
    expect(again.body).to.equal('');
  });

  it('never serves anything outside the folder, nor dotfiles', async () => {
    const targets = [
      '/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/sub/..%2f..%2fsecret.txt',
      '/sub/%2E%2E/%2E%2E/secret.txt', '/..%5csecret.txt', '/sub/..\\..\\secret.txt', '//../secret.txt',
      `/${'..%2f'.repeat(12)}etc/passwd`, '/.env', '/%2eenv', '/sub/../.env', '/app.js%00.html', '/%E0%A4%A',
      'http://localhost/../secret.txt', '/sub/', '/sub', '/missing.js',
    ];
    for (const target of targets) {
      const reply = await request(port, target);
      expect(reply.status, target).to.equal(404);
      expect(reply.body, target).not.to.contain('outside');
      expect(reply.body, target).not.to.contain('SECRET');
    }
  });

  it('accepts GET and HEAD only, and never /ws', () => {
    const files = new StaticFiles(dir);
    const req = (method: string, url: string) => ({ method, url }) as http.IncomingMessage;
    expect(files.accepts(req('GET', '/'))).to.equal(true);
    expect(files.accepts(req('HEAD', '/app.js'))).to.equal(true);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect(files.accepts(req(method, '/')), method).to.equal(false);
    expect(files.accepts(req('GET', '/ws'))).to.equal(false);
    expect(files.accepts(req('GET', '/ws?x=1'))).to.equal(false);
    expect(files.accepts(req('GET', '/wsx'))).to.equal(true);
  });

  it('answers / with a 503 page naming the build command while the page is not built', async () => {
    const empty = await serve(new StaticFiles(path.join(dir, 'not-built')));
    try {
      const reply = await request(empty.port, '/');
      expect(reply.status).to.equal(503);
      expect(reply.headers['content-type']).to.equal('text/html; charset=utf-8');
      expect(reply.body).to.contain('npm run build:web');
      expect((await request(empty.port, '/app.js')).status).to.equal(404);
    } finally {
      await new Promise((resolve) => empty.server.close(resolve));
    }
  });
});

describe('transport/ClientServer plain HTTP', () => {
  let gw: TestGateway;

  before(async function () {
    this.timeout(60_000);
    await buildWeb();
    gw = await startGateway();
  });

  after(() => gw.stop());

  it('serves the built page on the client port', async () => {
    const port = gw.gateway.clientPort;
    const page = await request(port, '/');
    expect(page.status).to.equal(200);
    expect(page.body).to.contain('<script type="module" src="app.js">');
    const script = await request(port, '/app.js');
    expect(script.status).to.equal(200);
    expect(script.headers['content-type']).to.equal('text/javascript; charset=utf-8');
    expect((await request(port, '/../package.json')).status).to.equal(404);
  });

  it('keeps 426 for /ws without an upgrade and for methods other than GET and HEAD', async () => {
    const port = gw.gateway.clientPort;
    expect((await request(port, '/ws')).status).to.equal(426);
    expect((await request(port, '/', { method: 'POST' })).status).to.equal(426);
    expect((await request(port, '/app.js', { method: 'DELETE' })).status).to.equal(426);
  });
});
