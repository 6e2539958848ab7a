import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { AuthError, KeysUnavailableError } from '../../src/auth/jwt.js';
import { createTokenVerifier, type TokenVerifier } from '../../src/auth/keys.js';
import { configSchema, type Config } from '../../src/config/schema.js';
import { publicJwk, rsaPair, ecPair, signWith } from './support.js';

const BIG_USER = '18446744073709551615';

/** An identity provider's JWKS endpoint whose keys the test changes; counts the fetches. */
class JwksServer {
  keys: JWK[] = [];
  fetches = 0;
  /** While true, every request gets 503. */
  down = false;
  private readonly server: Server = createServer((_req, res) => {
    this.fetches++;
    if (this.down) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys }));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('auth/remote-jwks: a JWKS URL', () => {
  const first = rsaPair();
  const second = rsaPair();
  const ec = ecPair();
  let idp: JwksServer;
  let url: string;
  const warnings: string[] = [];

  beforeEach(async () => {
    idp = new JwksServer();
    url = await idp.start();
    warnings.length = 0;
  });
  afterEach(() => idp.stop());

  function verifier(auth: Partial<Config['auth']> = {}): Promise<TokenVerifier> {
    return createTokenVerifier(configSchema.parse({ mode: 'production', auth: { jwksUrl: url, jwksCooldownMs: 0, ...auth } }), {
      source: '/etc/im.yaml', env: {}, logger: { info: () => {}, warn: (message) => { warnings.push(message); } },
    });
  }

  async function reason(v: TokenVerifier, token: string): Promise<string> {
    const err = await v.verify(token).then(() => null, (e: unknown) => e);
    if (err === null) return 'ok';
    if (err instanceof AuthError) return err.reason;
    if (err instanceof KeysUnavailableError) return 'unavailable';
    throw new Error(`unexpected ${String(err)}`);
  }

  it('is fetched at start, then verifies by kid without fetching per login', async () => {
    idp.keys = [await publicJwk(first, 'k1'), await publicJwk(ec, 'e1')];
    const v = await verifier();
    expect(idp.fetches).to.equal(1);
    expect((await v.verify(await signWith(first, { sub: BIG_USER }, 'k1'))).userId).to.equal(BIG_USER);
    expect((await v.verify(await signWith(ec, { sub: '2' }, 'e1'))).userId).to.equal('2');
    expect(idp.fetches).to.equal(1);
  });

  it('fetches again when a token names a new kid (key rotation at the provider); the old kid keeps working', async () => {
    idp.keys = [await publicJwk(first, 'k1')];
    const v = await verifier();
    idp.keys = [await publicJwk(first, 'k1'), await publicJwk(second, 'k2')];
    expect((await v.verify(await signWith(second, { sub: '9007199254740993' }, 'k2'))).userId).to.equal('9007199254740993');
    expect(idp.fetches).to.equal(2);
    expect((await v.verify(await signWith(first, { sub: '1' }, 'k1'))).userId).to.equal('1');
    expect(idp.fetches).to.equal(2);
  });

  it('an unknown kid is still unknown after the refetch; within the cooldown it does not refetch', async () => {
    idp.keys = [await publicJwk(first, 'k1')];
    const v = await verifier({ jwksCooldownMs: 600_000 });
    expect(await reason(v, await signWith(second, { sub: '1' }, 'k2'))).to.equal('unknown key');
    expect(await reason(v, await signWith(second, { sub: '1' }, 'k3'))).to.equal('unknown key');
    expect(idp.fetches, 'the start fetch only: the cooldown holds back refetches').to.equal(1);
  });

  it('a provider that is down: the last keys fetched stay in use; a new kid is unavailable, not a bad token', async () => {
    idp.keys = [await publicJwk(first, 'k1')];
    const v = await verifier();
    idp.down = true;
    expect((await v.verify(await signWith(first, { sub: '1' }, 'k1'))).userId).to.equal('1');
    expect(await reason(v, await signWith(second, { sub: '1' }, 'k2'))).to.equal('unavailable');
    expect(warnings).to.include('JWKS fetch failed; the keys fetched before stay in use');
  });

  it('down at start: the gateway starts, logins are unavailable until it is back', async () => {
    idp.down = true;
    idp.keys = [await publicJwk(first, 'k1')];
    const v = await verifier();
    expect(warnings).to.deep.equal(['JWKS fetch failed; the keys fetched before stay in use']);
    const token = await signWith(first, { sub: '1' }, 'k1');
    expect(await reason(v, token)).to.equal('unavailable');
    idp.down = false;
    expect((await v.verify(token)).userId).to.equal('1');
  });

  it('is fetched again in the background once jwksRefreshMs has passed, logins not waiting for it', async () => {
    idp.keys = [await publicJwk(first, 'k1')];
    const v = await verifier({ jwksRefreshMs: 1000, jwksCooldownMs: 600_000 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    idp.keys = [await publicJwk(second, 'k1')]; // the provider replaced the key under the same kid
    expect((await v.verify(await signWith(first, { sub: '1' }, 'k1'))).userId, 'served from the set in use').to.equal('1');
    for (let i = 0; i < 100 && idp.fetches < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idp.fetches).to.equal(2);
    // The refreshed set is in use once its fetch completed.
    const old = await signWith(first, { sub: '1' }, 'k1');
    for (let i = 0; i < 100 && (await reason(v, old)) === 'ok'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await reason(v, old)).to.equal('bad signature');
    expect((await v.verify(await signWith(second, { sub: '2' }, 'k1'))).userId).to.equal('2');
  });
});
