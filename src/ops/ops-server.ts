import { createHash, timingSafeEqual } from 'node:crypto';
import { isUserId } from '../ids/id.js';
import http from 'node:http';
import type { Logger } from '../log/logger.js';
import type { AdminApi } from './admin.js';
import type { Metrics } from './metrics.js';

type Readiness = () => Promise<{ ok: boolean; detail: Record<string, string> }>;

/** The /admin/... endpoints: served only with a non-empty token, to requests bearing it. */
export interface AdminAccess {
  token: string;
  api: AdminApi;
}

type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string };

const ENDPOINTS = ['/healthz', '/readyz', '/metrics'];
const ADMIN_ENDPOINTS = ['/admin/users/{uid}/sessions', '/admin/users/{uid}/kick', '/admin/node'];
const USER_ROUTE = /^\/admin\/users\/([^/]*)\/(sessions|kick)$/;

/** Ops HTTP, on its own port so it need not be exposed to clients. */
export class OpsServer {
  private readonly server: http.Server;
  /** SHA-256 of the admin token: equal-length digests can be compared in constant time. */
  private readonly adminDigest: Buffer | null;
  private readonly adminApi: AdminApi | null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly metrics: Metrics,
    private readonly ready: Readiness,
    private readonly logger: Logger,
    admin?: AdminAccess,
  ) {
    const enabled = admin !== undefined && admin.token !== '';
    this.adminDigest = enabled ? digest(admin.token) : null;
    this.adminApi = enabled ? admin.api : null;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.logger.warn('ops request failed', { err: (err as Error).message });
        if (!res.headersSent) res.writeHead(400);
        res.end();
      });
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, this.host, () => resolve());
    });
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // No endpoint reads a body; an unread one would stall a keep-alive connection.
    req.resume();
    const url = new URL(req.url ?? '/', 'http://ops');
    let reply: Reply;
    try {
      reply = await this.route(req, url);
    } catch (err) {
      this.logger.error('ops request failed', { path: url.pathname, err });
      reply = { status: 500, json: { error: (err as Error).message } };
    }
    if ('text' in reply) {
      res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.text);
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(`${JSON.stringify(reply.json)}\n`);
    }
  }

  private async route(req: http.IncomingMessage, url: URL): Promise<Reply> {
    const path = url.pathname;
    if (path.startsWith('/admin/') && this.adminApi !== null) return this.admin(req, url, this.adminApi);
    if (!ENDPOINTS.includes(path)) return this.notFound();
    if (req.method !== 'GET') return methodNotAllowed('GET');
    if (path === '/healthz') return { status: 200, json: { status: 'ok' } };
    if (path === '/readyz') {
      try {
        const { ok, detail } = await this.ready();
        return { status: ok ? 200 : 503, json: { ready: ok, ...detail } };
      } catch (err) {
        return { status: 503, json: { ready: false, error: (err as Error).message } };
      }
    }
    const registry = this.metrics.registry;
    return { status: 200, text: await registry.metrics(), contentType: registry.contentType };
  }

  private async admin(req: http.IncomingMessage, url: URL, api: AdminApi): Promise<Reply> {
    if (!this.authorized(req.headers.authorization)) {
      return { status: 401, json: { error: 'missing or wrong bearer token' }, headers: { 'www-authenticate': 'Bearer' } };
    }
    if (url.pathname === '/admin/node') {
      return req.method === 'GET' ? { status: 200, json: await api.nodeStats() } : methodNotAllowed('GET');
    }
    const match = USER_ROUTE.exec(url.pathname);
    if (match === null) return this.notFound();
    const userId = match[1]!;
    const action = match[2];
    const method = action === 'sessions' ? 'GET' : 'POST';
    if (req.method !== method) return methodNotAllowed(method);
    if (!isUserId(userId)) return { status: 400, json: { error: `user id must be a decimal uint64 above 0, got '${userId}'` } };
    if (action === 'sessions') return { status: 200, json: await api.sessions(userId) };
    const device = url.searchParams.get('device');
    if (device === '') return { status: 400, json: { error: 'device must not be empty' } };
    return { status: 200, json: { kicked: await api.kick(userId, device ?? undefined) } };
  }

  private authorized(header: string | undefined): boolean {
    const token = /^Bearer (.+)$/i.exec(header ?? '')?.[1];
    return token !== undefined && this.adminDigest !== null && timingSafeEqual(digest(token), this.adminDigest);
  }

  private notFound(): Reply {
    const endpoints = this.adminApi === null ? ENDPOINTS : [...ENDPOINTS, ...ADMIN_ENDPOINTS];
    return { status: 404, json: { error: 'not found', endpoints } };
  }
}

function methodNotAllowed(allowed: string): Reply {
  return { status: 405, json: { error: `${allowed} only` }, headers: { allow: allowed } };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
