import { createHash, timingSafeEqual } from 'node:crypto';
import { isCanonicalId, isUserId, type Id } from '../ids/id.js';
import http from 'node:http';
import type { Logger } from '../log/logger.js';
import { RequestError } from '../pipeline/request-error.js';
import { ErrorCode, GroupRole, type Bodies, type Cmd } from '../protocol/messages.js';
import type { AdminApi, AdminGroups } from './admin.js';
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
const ADMIN_ENDPOINTS = [
  '/admin/users/{uid}/sessions', '/admin/users/{uid}/kick', '/admin/node',
  '/admin/groups', '/admin/groups/{gid}', '/admin/groups/{gid}/members', '/admin/groups/{gid}/name',
];
const USER_ROUTE = /^\/admin\/users\/([^/]*)\/(sessions|kick)$/;
const GROUP_ROUTE = /^\/admin\/groups(?:\/([^/]*)(?:\/(members|name))?)?$/;

/** A create naming 10,000 members (the default maximum) is ~250 KB of JSON. */
const MAX_BODY_BYTES = 1 << 20;

/**
 * HTTP status of each ErrorCode the group endpoints answer with. A full group is 409: the request
 * is well formed and would succeed on a group with room, so it conflicts with the group's state.
 */
const STATUS_OF_CODE = new Map<ErrorCode, number>([
  [ErrorCode.BAD_REQUEST, 400], [ErrorCode.FORBIDDEN, 403], [ErrorCode.NOT_FOUND, 404], [ErrorCode.LIMIT_EXCEEDED, 409],
  [ErrorCode.TOO_LARGE, 413], [ErrorCode.RATE_LIMITED, 429], [ErrorCode.INTERNAL, 500], [ErrorCode.UNAVAILABLE, 503],
]);

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
    const body = new RequestBody(req);
    let reply: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://ops');
      try {
        reply = await this.route(req, url, body);
      } catch (err) {
        this.logger.error('ops request failed', { path: url.pathname, err });
        reply = { status: 500, json: { error: (err as Error).message } };
      }
    } finally {
      body.discard();
    }
    if ('text' in reply) {
      res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.text);
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(`${JSON.stringify(reply.json)}\n`);
    }
  }

  private async route(req: http.IncomingMessage, url: URL, body: RequestBody): Promise<Reply> {
    const path = url.pathname;
    if (path.startsWith('/admin/') && this.adminApi !== null) return this.admin(req, url, body, this.adminApi);
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

  private async admin(req: http.IncomingMessage, url: URL, body: RequestBody, api: AdminApi): Promise<Reply> {
    if (!this.authorized(req.headers.authorization)) {
      return { status: 401, json: { error: 'missing or wrong bearer token' }, headers: { 'www-authenticate': 'Bearer' } };
    }
    const group = GROUP_ROUTE.exec(url.pathname);
    if (group !== null) return this.groups(req.method ?? 'GET', group[1], group[2] as 'members' | 'name' | undefined, url, body, api.groups);
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

  /**
   * /admin/groups[/{gid}[/members|name]]. Errors carry the ErrorCode's name in `code` beside the
   * message in `error`, as a client would get them in an ERROR frame.
   */
  private async groups(method: string, groupId: string | undefined, action: 'members' | 'name' | undefined, url: URL,
    body: RequestBody, api: AdminGroups): Promise<Reply> {
    const allowed = groupId !== undefined && action === undefined ? 'GET' : 'POST';
    if (method !== allowed) return methodNotAllowed(allowed);
    try {
      if (groupId === undefined) {
        const req = fields(await body.json(), ['ownerUserId', 'name', 'memberUserIds', 'clientReqId']);
        const ownerUserId = userId(req.ownerUserId, 'ownerUserId');
        const create = {
          name: text(req.name, 'name'), memberUserIds: userIds(req.memberUserIds, 'memberUserIds'), clientReqId: text(req.clientReqId ?? '', 'clientReqId'),
        };
        return { status: 200, json: { group: await api.create(ownerUserId, create) } };
      }
      const gid = pathGroupId(groupId);
      if (action === 'members') {
        const req = fields(await body.json(), ['add', 'remove', 'promote', 'demote']);
        const list = (field: 'add' | 'remove' | 'promote' | 'demote') => req[field] === undefined ? [] : userIds(req[field], field);
        const change = {
          groupId: gid, addUserIds: list('add'), removeUserIds: list('remove'), promoteUserIds: list('promote'), demoteUserIds: list('demote'),
        };
        return { status: 200, json: { group: await api.changeMembers(change) } };
      }
      if (action === 'name') {
        const req = fields(await body.json(), ['name']);
        return { status: 200, json: { group: await api.rename(gid, text(req.name, 'name')) } };
      }
      const page = await api.info(memberPage(gid, url.searchParams));
      return { status: 200, json: { ...page, members: page.members.map((m) => ({ ...m, role: GroupRole[m.role] })) } };
    } catch (err) {
      return this.groupFailure(err);
    }
  }

  /** Refusals map to their status; a bug is INTERNAL; anything else is a backend failing, as on the client path. */
  private groupFailure(err: unknown): Reply {
    if (err instanceof HttpError) return { status: err.status, json: { code: ErrorCode[err.code], error: err.message } };
    if (err instanceof RequestError) return { status: STATUS_OF_CODE.get(err.code) ?? 500, json: { code: ErrorCode[err.code], error: err.message } };
    if (err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError) {
      this.logger.error('admin group request failed', { err });
      return { status: 500, json: { code: 'INTERNAL', error: 'internal error' } };
    }
    this.logger.warn('admin group request failed: backend unavailable', { err: (err as Error).message });
    return { status: 503, json: { code: 'UNAVAILABLE', error: `temporarily unavailable; retry later (${(err as Error).message})` }, headers: { 'retry-after': '1' } };
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

/**
 * The request's body, read by the endpoint that wants one; anything unread is drained, or it would
 * stall a keep-alive connection.
 */
class RequestBody {
  private read = false;

  constructor(private readonly req: http.IncomingMessage) {}

  /** The body parsed as JSON; HttpError when too large or not JSON. */
  async json(): Promise<unknown> {
    this.read = true;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Past the limit it is still read to its end, so that the answer reaches the client.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    }
    if (size > MAX_BODY_BYTES) throw new HttpError(413, ErrorCode.TOO_LARGE, `the body must be at most ${MAX_BODY_BYTES} bytes`);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch (err) {
      throw badRequest(`the body must be JSON: ${(err as Error).message}`);
    }
  }

  discard(): void {
    if (!this.read) this.req.resume();
  }
}

/** A request refused before it reaches the API. */
class HttpError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

function badRequest(why: string): HttpError {
  return new HttpError(400, ErrorCode.BAD_REQUEST, why);
}

/** Unknown fields are refused: a misspelt `add` would otherwise be a change that silently does nothing. */
function fields(value: unknown, known: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('the body must be a JSON object');
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) throw badRequest(`unknown field ${JSON.stringify(unknown)}; the fields are ${known.join(', ')}`);
  return value as Record<string, unknown>;
}

function shown(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

/** Ids are JSON strings: a JSON number loses digits above 2^53 before it can be checked. */
function userId(value: unknown, field: string): Id {
  if (isUserId(value)) return value;
  throw badRequest(`${field} must be a user id, a JSON string holding a decimal uint64 above 0; got ${shown(value)}`);
}

function userIds(value: unknown, field: string): Id[] {
  if (!Array.isArray(value)) throw badRequest(`${field} must be an array of user ids (JSON strings); got ${shown(value)}`);
  return value.map((id, i) => userId(id, `${field}[${i}]`));
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw badRequest(`${field} must be a string; got ${shown(value)}`);
  return value;
}

function pathGroupId(value: string): Id {
  if (isUserId(value)) return value;
  throw badRequest(`groupId must be a decimal uint64 above 0, got '${value}'`);
}

/** ?afterUserId=&limit=: both optional; a limit above the page maximum is capped, as on the client path. */
function memberPage(groupId: Id, query: URLSearchParams): Bodies[typeof Cmd.GROUP_INFO_REQ] {
  const unknown = [...query.keys()].find((key) => key !== 'afterUserId' && key !== 'limit');
  if (unknown !== undefined) throw badRequest(`unknown parameter ${JSON.stringify(unknown)}; the parameters are afterUserId, limit`);
  const afterUserId = query.get('afterUserId') ?? '0';
  if (!isCanonicalId(afterUserId)) throw badRequest(`afterUserId must be a decimal uint64 (0 for the first page), got '${afterUserId}'`);
  const limit = query.get('limit');
  if (limit !== null && !/^[1-9][0-9]{0,8}$/.test(limit)) throw badRequest(`limit must be an integer above 0, got '${limit}'`);
  return { groupId, afterUserId, limit: limit === null ? 0 : Number(limit) };
}

function methodNotAllowed(allowed: string): Reply {
  return { status: 405, json: { error: `${allowed} only` }, headers: { allow: allowed } };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
