// The SDK's token provider against the scripted fake server: a fresh token for every login, and
// which refusals and kicks it reconnects after.
import { expect } from 'chai';
import { ImClient, type ImClientOptions } from '../../src/client/im-client.js';
import { Cmd, ErrorCode, KickReason } from '../../src/protocol/messages.js';
import { FakeServer } from './fake-server.js';
import { sleep, waitFor } from './support.js';

describe('client/ImClient token provider', () => {
  let server: FakeServer;
  let clients: ImClient[];

  function client(options: Partial<ImClientOptions> = {}): ImClient {
    const c = new ImClient({ url: server.url, token: 'tok', deviceId: 'dev', backoff: { initialMs: 10, maxMs: 40 }, ...options });
    clients.push(c);
    return c;
  }

  const tokensSent = () => server.conns.map((conn) => conn.all(Cmd.AUTH_REQ)[0]?.body.token);

  beforeEach(async () => {
    server = await FakeServer.start();
    clients = [];
  });
  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
  });

  it('after KICK AUTH_EXPIRED, asks the provider again and logs in with the fresh token', async () => {
    let minted = 0;
    const c = client({ token: async () => `token-${++minted}` });
    const kicks: unknown[] = [];
    c.on('kick', (k) => kicks.push(k));
    await c.connect();
    const conn = await server.conn(0);
    conn.reply(Cmd.KICK, 0, { reason: KickReason.AUTH_EXPIRED, detail: 'token expired' });
    conn.ws.close(1000);
    await waitFor(() => c.stats.reconnects === 1, 'reconnect');
    expect(tokensSent()).to.deep.equal(['token-1', 'token-2']);
    expect(kicks).to.deep.equal([{ reason: KickReason.AUTH_EXPIRED, detail: 'token expired' }]);
  });

  it('a synchronous provider works the same', async () => {
    let minted = 0;
    const c = client({ token: () => `sync-${++minted}` });
    await c.connect();
    const conn = await server.conn(0);
    conn.reply(Cmd.KICK, 0, { reason: KickReason.AUTH_EXPIRED, detail: 'token expired' });
    conn.ws.close(1000);
    await waitFor(() => c.stats.reconnects === 1, 'reconnect');
    expect(tokensSent()).to.deep.equal(['sync-1', 'sync-2']);
  });

  it('with a fixed token, KICK AUTH_EXPIRED stops the client: the same token would be refused', async () => {
    const c = client({ token: 'fixed' });
    await c.connect();
    const conn = await server.conn(0);
    conn.reply(Cmd.KICK, 0, { reason: KickReason.AUTH_EXPIRED, detail: 'token expired' });
    conn.ws.close(1000);
    await sleep(100);
    expect(server.conns).to.have.length(1);
  });

  it('a provider that throws is retried with backoff, like a lost connection', async () => {
    let calls = 0;
    const c = client({ token: async () => { if (++calls === 2) throw new Error('token service down'); return `t${calls}`; } });
    const errors: Error[] = [];
    c.on('error', (e) => errors.push(e));
    await c.connect();
    (await server.conn(0)).ws.close(1001);
    await waitFor(() => c.stats.reconnects === 1, 'reconnect');
    expect(calls).to.equal(3);
    expect(tokensSent()).to.deep.equal(['t1', 't3']);
    expect(errors.map((e) => e.message)).to.deep.equal(['token service down']);
  });

  for (const code of [ErrorCode.RATE_LIMITED, ErrorCode.UNAVAILABLE]) {
    it(`a reconnect refused with ${ErrorCode[code]} is retried; UNAUTHENTICATED still stops`, async () => {
      let logins = 0;
      server.handler = (conn, frame) => {
        if (frame.cmd === Cmd.AUTH_REQ && ++logins === 2) {
          conn.reply(Cmd.ERROR, frame.seq, { code, message: 'later' });
          conn.ws.close(1000);
        } else {
          server.standard(conn, frame);
        }
      };
      const c = client({ token: async () => 'fresh' });
      await c.connect();
      (await server.conn(0)).ws.close(1001);
      await waitFor(() => c.stats.reconnects === 1, 'reconnect after the refusal');
      expect(server.conns).to.have.length(3);

      server.handler = (conn, frame) => {
        conn.reply(Cmd.ERROR, frame.seq, { code: ErrorCode.UNAUTHENTICATED, message: 'bad token: expired' });
        conn.ws.close(1000);
      };
      (await server.conn(2)).ws.close(1001);
      await server.conn(3);
      await sleep(100);
      expect(server.conns).to.have.length(4);
    });
  }
});
