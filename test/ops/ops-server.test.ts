import net from 'node:net';
// The ops HTTP server on a real port: health, readiness, metrics, and the token-guarded admin API.
import { expect } from 'chai';
import { silentLogger } from '../../src/log/logger.js';
import type { AdminApi, SessionInfo } from '../../src/ops/admin.js';
import { Metrics } from '../../src/ops/metrics.js';
import { OpsServer, type AdminAccess } from '../../src/ops/ops-server.js';

const TOKEN = 's3cret-admin-token';
const MAX_UINT64 = '18446744073709551615';
const SESSIONS: SessionInfo[] = [
  { deviceId: 'phone', nodeId: 'node-a', sessionId: 's1' },
  { deviceId: 'laptop', nodeId: 'node-b', sessionId: 's2' },
];

/** An AdminApi that records its calls; `fail` makes every call reject. */
function fakeAdmin() {
  const calls: Array<[string, ...unknown[]]> = [];
  const state = { fail: false };
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

  describe('admin disabled', () => {
    for (const [what, admin] of [['without admin access', undefined], ['with an empty token', { token: '', api: fakeAdmin().api }]] as const) {
      it(`answers 404 on every admin path ${what}, even with a bearer token`, async () => {
        const { url } = await start(readyOk, admin);
        for (const [method, path] of [['GET', '/admin/node'], ['GET', '/admin/users/1/sessions'], ['POST', '/admin/users/1/kick']]) {
          const res = await fetch(`${url}${path}`, { method, headers: { authorization: 'Bearer ' } });
          expect(res.status, path).to.equal(404);
          expect(await res.json()).to.have.property('endpoints').that.deep.equals(['/healthz', '/readyz', '/metrics']);
        }
      });
    }
  });
});
