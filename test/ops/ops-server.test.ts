import net from 'node:net';
// The ops HTTP server on a real port: health, readiness, metrics, and the token-guarded admin API.
import { expect } from 'chai';
import { silentLogger } from '../../src/log/logger.js';
import { RequestError } from '../../src/pipeline/request-error.js';
import { ErrorCode, GroupRole, type GroupInfo } from '../../src/protocol/messages.js';
import type { AdminApi, SessionInfo } from '../../src/ops/admin.js';
import { Metrics } from '../../src/ops/metrics.js';
import { OpsServer, type AdminAccess } from '../../src/ops/ops-server.js';

const TOKEN = 's3cret-admin-token';
const MAX_UINT64 = '18446744073709551615';
const SESSIONS: SessionInfo[] = [
  { deviceId: 'phone', nodeId: 'node-a', sessionId: 's1' },
  { deviceId: 'laptop', nodeId: 'node-b', sessionId: 's2' },
];

const GROUP: GroupInfo = { groupId: '7398006187347263488', name: 'ops', ownerUserId: MAX_UINT64, memberCount: 2, createTimeMs: 1795441644676 };

/** An AdminApi that records its calls; `fail` makes every call reject, `groupFailure` every group call. */
function fakeAdmin() {
  const calls: Array<[string, ...unknown[]]> = [];
  const state: { fail: boolean; groupFailure: Error | null } = { fail: false, groupFailure: null };
  const group = async (call: [string, ...unknown[]]) => {
    calls.push(call);
    if (state.groupFailure !== null) throw state.groupFailure;
    return GROUP;
  };
  const api: AdminApi = {
    sessions: async (userId) => {
      calls.push(['sessions', userId]);
      if (state.fail) throw new Error('presence down');
      return SESSIONS;
    },
    kick: async (userId, deviceId) => {
      calls.push(['kick', userId, deviceId]);
      if (state.fail) throw new Error('presence down');
      return deviceId === undefined ? 2 : 1;
    },
    nodeStats: async () => {
      calls.push(['nodeStats']);
      if (state.fail) throw new Error('presence down');
      return { nodeId: 'node-a', sessions: 2 };
    },
    groups: {
      create: (ownerUserId, req) => group(['create', ownerUserId, req]),
      changeMembers: (req) => group(['changeMembers', req]),
      rename: (groupId, name) => group(['rename', groupId, name]),
      info: async (req) => ({
        group: await group(['info', req]),
        members: [{ userId: MAX_UINT64, role: GroupRole.GROUP_ROLE_OWNER, joinTimeMs: 1 }, { userId: '2', role: GroupRole.GROUP_ROLE_ADMIN, joinTimeMs: 2 }],
        hasMore: true,
      }),
    },
  };
  return { api, calls, state };
}

const servers: OpsServer[] = [];

/** Starts a server on a free port (closed after the test); returns its base URL. */
async function start(ready: () => Promise<{ ok: boolean; detail: Record<string, string> }>, admin?: AdminAccess): Promise<{ url: string }> {
  const server = new OpsServer('127.0.0.1', 0, new Metrics(), ready, silentLogger(), admin);
  servers.push(server);
  return { url: `http://127.0.0.1:${await server.listen()}` };
}

const readyOk = async () => ({ ok: true, detail: { store: 'ok' } });
const bearer = (token = TOKEN) => ({ authorization: `Bearer ${token}` });

describe('OpsServer', () => {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  describe('health, readiness, metrics', () => {
    it('survives a request line no URL parser accepts, and keeps serving', async () => {
      const { url } = await start(readyOk);
      const { port } = new URL(url);
      const raw = await new Promise<string>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET //[ HTTP/1.1\r\nHost: x\r\n\r\n'));
        let text = '';
        socket.on('data', (d) => { text += d.toString(); });
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
        setTimeout(() => socket.destroy(), 1000);
      });
      expect(raw).to.match(/^HTTP\/1\.1 400/);
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    });

    it('answers /healthz with 200', async () => {
      const { url } = await start(readyOk);
      const res = await fetch(`${url}/healthz`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/json');
      expect(await res.json()).to.deep.equal({ status: 'ok' });
    });

    it('answers /readyz with 200 and the detail when ready', async () => {
      const { url } = await start(readyOk);
      const res = await fetch(`${url}/readyz`);
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ ready: true, store: 'ok' });
    });

    it('answers /readyz with 503 when not ready, or when the check itself fails', async () => {
      let check = async () => ({ ok: false, detail: { redis: 'down' } });
      const { url } = await start(() => check());
      let res = await fetch(`${url}/readyz`);
      expect(res.status).to.equal(503);
      expect(await res.json()).to.deep.equal({ ready: false, redis: 'down' });

      check = async () => { throw new Error('probe exploded'); };
      res = await fetch(`${url}/readyz`);
      expect(res.status).to.equal(503);
      expect(await res.json()).to.deep.equal({ ready: false, error: 'probe exploded' });
    });

    it('serves /metrics in the Prometheus text format', async () => {
      const { url } = await start(readyOk);
      const res = await fetch(`${url}/metrics`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal(new Metrics().registry.contentType);
      expect(await res.text()).to.contain('# TYPE im_connections gauge');
    });

    it('answers other methods with 405 and Allow: GET', async () => {
      const { url } = await start(readyOk);
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        const res = await fetch(`${url}${path}`, { method: 'POST' });
        expect(res.status, path).to.equal(405);
        expect(res.headers.get('allow')).to.equal('GET');
      }
    });

    it('answers unknown paths with 404 and the endpoints, ignoring the query', async () => {
      const { url } = await start(readyOk);
      const res = await fetch(`${url}/nope`);
      expect(res.status).to.equal(404);
      expect(await res.json()).to.deep.equal({ error: 'not found', endpoints: ['/healthz', '/readyz', '/metrics'] });
      expect((await fetch(`${url}/healthz?verbose=1`)).status).to.equal(200);
    });
  });

  describe('admin', () => {
    let url: string;
    let admin: ReturnType<typeof fakeAdmin>;

    beforeEach(async () => {
      admin = fakeAdmin();
      ({ url } = await start(readyOk, { token: TOKEN, api: admin.api }));
    });

    it('lists a user\'s sessions', async () => {
      const res = await fetch(`${url}/admin/users/${MAX_UINT64}/sessions`, { headers: bearer() });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal(SESSIONS);
      expect(admin.calls).to.deep.equal([['sessions', MAX_UINT64]]);
    });

    it('kicks all of a user\'s sessions, or one device\'s', async () => {
      let res = await fetch(`${url}/admin/users/42/kick`, { method: 'POST', headers: bearer() });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ kicked: 2 });
      res = await fetch(`${url}/admin/users/42/kick?device=my%20phone`, { method: 'POST', headers: bearer() });
      expect(await res.json()).to.deep.equal({ kicked: 1 });
      expect(admin.calls).to.deep.equal([['kick', '42', undefined], ['kick', '42', 'my phone']]);
    });

    it('serves the node\'s stats', async () => {
      const res = await fetch(`${url}/admin/node`, { headers: bearer() });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ nodeId: 'node-a', sessions: 2 });
    });

    it('answers 401 without the right bearer token, calling nothing', async () => {
      const attempts: Array<Record<string, string>> = [
        {}, bearer('wrong'), bearer(`${TOKEN}x`), bearer(TOKEN.slice(0, -1)), { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` },
      ];
      for (const headers of attempts) {
        for (const [method, path] of [['GET', '/admin/node'], ['GET', '/admin/users/1/sessions'], ['POST', '/admin/users/1/kick'], ['GET', '/admin/nope']]) {
          const res = await fetch(`${url}${path}`, { method, headers });
          expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).to.equal(401);
          expect(res.headers.get('www-authenticate')).to.equal('Bearer');
          expect(await res.json()).to.have.property('error');
        }
      }
      expect(admin.calls).to.deep.equal([]);
    });

    it('accepts the scheme in any case', async () => {
      const res = await fetch(`${url}/admin/node`, { headers: { authorization: `bearer ${TOKEN}` } });
      expect(res.status).to.equal(200);
    });

    it('answers 400 for a user id that is not a canonical decimal uint64 above 0', async () => {
      for (const uid of ['0', '007', '-1', '1e3', 'abc', '%201', '18446744073709551616', '123456789012345678901']) {
        const res = await fetch(`${url}/admin/users/${uid}/sessions`, { headers: bearer() });
        expect(res.status, uid).to.equal(400);
        expect(await res.json()).to.have.property('error').that.contains('decimal uint64');
      }
      expect((await fetch(`${url}/admin/users//kick`, { method: 'POST', headers: bearer() })).status).to.equal(400);
      expect(admin.calls).to.deep.equal([]);
    });

    it('answers 400 for an empty device', async () => {
      const res = await fetch(`${url}/admin/users/42/kick?device=`, { method: 'POST', headers: bearer() });
      expect(res.status).to.equal(400);
      expect(admin.calls).to.deep.equal([]);
    });

    it('answers 405 for the wrong method, with Allow', async () => {
      for (const [method, path, allow] of [
        ['POST', '/admin/users/42/sessions', 'GET'], ['GET', '/admin/users/42/kick', 'POST'], ['DELETE', '/admin/node', 'GET'],
      ] as const) {
        const res = await fetch(`${url}${path}`, { method, headers: bearer() });
        expect(res.status, `${method} ${path}`).to.equal(405);
        expect(res.headers.get('allow')).to.equal(allow);
      }
      expect(admin.calls).to.deep.equal([]);
    });

    it('answers 404 for an unknown admin path, listing the admin endpoints too', async () => {
      const res = await fetch(`${url}/admin/users/42/messages`, { headers: bearer() });
      expect(res.status).to.equal(404);
      expect(await res.json()).to.have.property('endpoints').that.includes('/admin/users/{uid}/sessions');
    });

    it('answers 500 with the error when the admin API fails', async () => {
      admin.state.fail = true;
      const res = await fetch(`${url}/admin/users/42/sessions`, { headers: bearer() });
      expect(res.status).to.equal(500);
      expect(await res.json()).to.deep.equal({ error: 'presence down' });
    });
  });

  describe('admin: groups', () => {
    let url: string;
    let admin: ReturnType<typeof fakeAdmin>;
    const post = (path: string, body: unknown, headers: Record<string, string> = bearer()) =>
      fetch(`${url}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

    beforeEach(async () => {
      admin = fakeAdmin();
      ({ url } = await start(readyOk, { token: TOKEN, api: admin.api }));
    });

    it('creates a group from JSON, clientReqId defaulting to empty', async () => {
      let res = await post('/admin/groups', { ownerUserId: MAX_UINT64, name: 'ops', memberUserIds: ['2', '9007199254740993'] });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/json');
      expect(await res.json()).to.deep.equal({ group: GROUP });
      res = await post('/admin/groups', { ownerUserId: '5', name: '', memberUserIds: [], clientReqId: 'r-1' });
      expect(res.status).to.equal(200);
      expect(admin.calls).to.deep.equal([
        ['create', MAX_UINT64, { name: 'ops', memberUserIds: ['2', '9007199254740993'], clientReqId: '' }],
        ['create', '5', { name: '', memberUserIds: [], clientReqId: 'r-1' }],
      ]);
    });

    it('changes members, each list optional', async () => {
      expect((await post('/admin/groups/42/members', { add: ['3'], remove: ['4'], promote: ['5'], demote: ['6'] })).status).to.equal(200);
      expect((await post('/admin/groups/42/members', {})).status).to.equal(200);
      expect(admin.calls).to.deep.equal([
        ['changeMembers', { groupId: '42', addUserIds: ['3'], removeUserIds: ['4'], promoteUserIds: ['5'], demoteUserIds: ['6'] }],
        ['changeMembers', { groupId: '42', addUserIds: [], removeUserIds: [], promoteUserIds: [], demoteUserIds: [] }],
      ]);
    });

    it('renames', async () => {
      const res = await post('/admin/groups/42/name', { name: 'renamed' });
      expect(await res.json()).to.deep.equal({ group: GROUP });
      expect(admin.calls).to.deep.equal([['rename', '42', 'renamed']]);
    });

    it('reads a page of members, roles by name', async () => {
      let res = await fetch(`${url}/admin/groups/42?afterUserId=${MAX_UINT64}&limit=2`, { headers: bearer() });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({
        group: GROUP, hasMore: true,
        members: [{ userId: MAX_UINT64, role: 'GROUP_ROLE_OWNER', joinTimeMs: 1 }, { userId: '2', role: 'GROUP_ROLE_ADMIN', joinTimeMs: 2 }],
      });
      res = await fetch(`${url}/admin/groups/42`, { headers: bearer() });
      expect(res.status).to.equal(200);
      expect(admin.calls).to.deep.equal([
        ['info', { groupId: '42', afterUserId: MAX_UINT64, limit: 2 }],
        ['info', { groupId: '42', afterUserId: '0', limit: 0 }],
      ]);
    });

    it('maps a refusal\'s ErrorCode to its status, with the code\'s name and the message', async () => {
      for (const [code, status] of [
        [ErrorCode.BAD_REQUEST, 400], [ErrorCode.FORBIDDEN, 403], [ErrorCode.NOT_FOUND, 404], [ErrorCode.LIMIT_EXCEEDED, 409],
        [ErrorCode.TOO_LARGE, 413], [ErrorCode.UNAVAILABLE, 503], [ErrorCode.INTERNAL, 500], [ErrorCode.RECALL_WINDOW_EXPIRED, 500],
      ] as const) {
        admin.state.groupFailure = new RequestError(code, `refused with ${code}`);
        const res = await post('/admin/groups/42/name', { name: 'n' });
        expect(res.status, ErrorCode[code]).to.equal(status);
        expect(await res.json()).to.deep.equal({ code: ErrorCode[code], error: `refused with ${code}` });
      }
    });

    it('answers 503 UNAVAILABLE when a backend fails, 500 INTERNAL for a bug, without leaking the bug', async () => {
      admin.state.groupFailure = new Error('connection refused');
      let res = await fetch(`${url}/admin/groups/42`, { headers: bearer() });
      expect(res.status).to.equal(503);
      expect(res.headers.get('retry-after')).to.equal('1');
      expect(await res.json()).to.have.property('code', 'UNAVAILABLE');
      admin.state.groupFailure = new TypeError('x is undefined');
      res = await fetch(`${url}/admin/groups/42`, { headers: bearer() });
      expect(res.status).to.equal(500);
      expect(await res.json()).to.deep.equal({ code: 'INTERNAL', error: 'internal error' });
    });

    it('answers 400 BAD_REQUEST naming the field, calling nothing', async () => {
      for (const [path, body, field] of [
        ['/admin/groups', '{', 'JSON'],
        ['/admin/groups', '"text"', 'JSON object'],
        ['/admin/groups', { ownerUserId: 42, name: 'n', memberUserIds: [] }, 'ownerUserId'],
        ['/admin/groups', { ownerUserId: '18446744073709551616', name: 'n', memberUserIds: [] }, 'ownerUserId'],
        ['/admin/groups', { ownerUserId: '1', name: 5, memberUserIds: [] }, 'name'],
        ['/admin/groups', { ownerUserId: '1', name: 'n', memberUserIds: ['1', ''] }, 'memberUserIds[1]'],
        ['/admin/groups', { ownerUserId: '1', name: 'n', memberUserIds: [], owner: '1' }, '"owner"'],
        ['/admin/groups/42/members', { demote: [' 1'] }, 'demote[0]'],
        ['/admin/groups/42/members', { add: null }, 'add'],
        ['/admin/groups/1e3/members', { add: ['1'] }, 'groupId'],
        ['/admin/groups/42/name', {}, 'name'],
      ] as const) {
        const res = await post(path, body);
        expect(res.status, `${path} ${JSON.stringify(body)}`).to.equal(400);
        const json = await res.json() as { code: string; error: string };
        expect(json.code).to.equal('BAD_REQUEST');
        expect(json.error).to.contain(field);
      }
      for (const query of ['?limit=-1', '?limit=1.5', '?afterUserId=01', '?afterUserId=', '?page=2']) {
        const res = await fetch(`${url}/admin/groups/42${query}`, { headers: bearer() });
        expect(res.status, query).to.equal(400);
      }
      expect(admin.calls).to.deep.equal([]);
    });

    it('answers 413 TOO_LARGE for a body over 1 MiB', async () => {
      const res = await post('/admin/groups', { ownerUserId: '1', name: 'n', memberUserIds: Array.from({ length: 60_000 }, () => '18446744073709551615') });
      expect(res.status).to.equal(413);
      expect(await res.json()).to.have.property('code', 'TOO_LARGE');
      expect(admin.calls).to.deep.equal([]);
    });

    it('answers 401 before reading a body, and 405 with Allow for the wrong method', async () => {
      for (const headers of [{}, bearer('wrong')]) {
        for (const path of ['/admin/groups', '/admin/groups/42/members', '/admin/groups/42/name']) {
          expect((await post(path, '{', headers)).status, path).to.equal(401);
        }
        expect((await fetch(`${url}/admin/groups/42`, { headers })).status).to.equal(401);
      }
      for (const [method, path, allow] of [
        ['GET', '/admin/groups', 'POST'], ['DELETE', '/admin/groups/42', 'GET'], ['GET', '/admin/groups/42/members', 'POST'], ['GET', '/admin/groups/42/name', 'POST'],
      ] as const) {
        const res = await fetch(`${url}${path}`, { method, headers: bearer() });
        expect(res.status, `${method} ${path}`).to.equal(405);
        expect(res.headers.get('allow')).to.equal(allow);
      }
      expect((await fetch(`${url}/admin/groups/42/roles`, { headers: bearer() })).status).to.equal(404);
      expect(admin.calls).to.deep.equal([]);
    });

    it('drains bodies nobody reads, so that a keep-alive connection keeps serving', async () => {
      const { port } = new URL(url);
      const answers = await new Promise<string>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          const body = 'x'.repeat(100_000);
          const auth = `Authorization: Bearer ${TOKEN}\r\n`;
          socket.write(`POST /admin/users/1/kick HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: ${body.length}\r\n\r\n${body}`);
          socket.write(`POST /admin/groups/1/name HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
          socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        });
        let text = '';
        socket.on('data', (d) => { text += d.toString(); });
        socket.on('close', () => resolve(text));
        setTimeout(() => socket.destroy(), 3000);
      });
      expect(answers.match(/^HTTP\/1\.1 \d+/gm)).to.deep.equal(['HTTP/1.1 200', 'HTTP/1.1 401', 'HTTP/1.1 200']);
    });
  });

  describe('admin disabled', () => {
    for (const [what, admin] of [['without admin access', undefined], ['with an empty token', { token: '', api: fakeAdmin().api }]] as const) {
      it(`answers 404 on every admin path ${what}, even with a bearer token`, async () => {
        const { url } = await start(readyOk, admin);
        for (const [method, path] of [['GET', '/admin/node'], ['GET', '/admin/users/1/sessions'], ['POST', '/admin/users/1/kick'], ['POST', '/admin/groups'], ['GET', '/admin/groups/1']]) {
          const res = await fetch(`${url}${path}`, { method, headers: { authorization: 'Bearer ' } });
          expect(res.status, path).to.equal(404);
          expect(await res.json()).to.have.property('endpoints').that.deep.equals(['/healthz', '/readyz', '/metrics']);
        }
      });
    }
  });
});
