import { expect } from 'chai';
import { SignJWT, type JWTPayload } from 'jose';
import { AuthError, CLOCK_TOLERANCE_SECONDS, parseTtl, signToken, verifyToken, type AuthFailure } from '../../src/auth/jwt.js';

const SECRET = 'unit-test-secret-0123456789abcdef';
const NOW_MS = Date.UTC(2026, 2, 1, 12, 0, 0);
const NOW = NOW_MS / 1000;

/** Any claims, any HMAC alg: for tokens signToken refuses to make. */
function craft(payload: JWTPayload, { alg = 'HS256', secret = SECRET } = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

async function rejects(token: string, reason: AuthFailure, secret = SECRET): Promise<void> {
  try {
    await verifyToken(token, secret, NOW_MS);
  } catch (err) {
    expect(err).to.be.instanceOf(AuthError);
    expect((err as AuthError).reason).to.equal(reason);
    expect((err as AuthError).message).to.equal(reason);
    return;
  }
  expect.fail(`expected AuthError '${reason}'`);
}

describe('auth/jwt', () => {
  describe('round trip', () => {
    for (const userId of ['1', '1001', '9007199254740993', (2n ** 62n + 7n).toString(), '18446744073709551615']) {
      it(`signs and verifies user ${userId}`, async () => {
        const token = await signToken({ userId, secret: SECRET, ttlSeconds: 3600, nowMs: NOW_MS });
        expect(await verifyToken(token, SECRET, NOW_MS)).to.deep.equal({ userId, expiresAtMs: NOW_MS + 3_600_000 });
      });
    }

    it('signs with HS256 and sets sub, iat and exp', async () => {
      const token = await signToken({ userId: '42', secret: SECRET, ttlSeconds: 60, nowMs: NOW_MS + 999 });
      const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part!, 'base64url').toString()) as unknown);
      expect(header).to.deep.equal({ alg: 'HS256', typ: 'JWT' });
      expect(payload).to.deep.equal({ sub: '42', iat: NOW, exp: NOW + 60 });
    });

    it('accepts a token without exp, reporting no expiry', async () => {
      expect(await verifyToken(await craft({ sub: '5' }), SECRET, NOW_MS)).to.deep.equal({ userId: '5', expiresAtMs: null });
    });

    it('verifies against the real clock by default', async () => {
      const token = await signToken({ userId: '7', secret: SECRET, ttlSeconds: 60 });
      expect((await verifyToken(token, SECRET)).userId).to.equal('7');
    });
  });

  describe('time', () => {
    it(`honours exp with ${CLOCK_TOLERANCE_SECONDS} s of tolerance`, async () => {
      expect((await verifyToken(await craft({ sub: '1', exp: NOW - CLOCK_TOLERANCE_SECONDS + 1 }), SECRET, NOW_MS)).userId).to.equal('1');
      await rejects(await craft({ sub: '1', exp: NOW - CLOCK_TOLERANCE_SECONDS }), 'expired');
      await rejects(await craft({ sub: '1', exp: NOW - 3600 }), 'expired');
    });

    it('expires a signed token after its ttl', async () => {
      const token = await signToken({ userId: '1', secret: SECRET, ttlSeconds: 60, nowMs: NOW_MS });
      await verifyToken(token, SECRET, NOW_MS + 60_000);
      try {
        await verifyToken(token, SECRET, NOW_MS + (60 + CLOCK_TOLERANCE_SECONDS) * 1000);
        expect.fail('still valid');
      } catch (err) {
        expect((err as AuthError).reason).to.equal('expired');
      }
    });

    it(`honours nbf with ${CLOCK_TOLERANCE_SECONDS} s of tolerance`, async () => {
      expect((await verifyToken(await craft({ sub: '1', nbf: NOW + CLOCK_TOLERANCE_SECONDS }), SECRET, NOW_MS)).userId).to.equal('1');
      await rejects(await craft({ sub: '1', nbf: NOW + CLOCK_TOLERANCE_SECONDS + 1 }), 'not yet valid');
    });

    it('rejects a non-numeric exp as malformed', async () => {
      await rejects(await craft({ sub: '1', exp: 'tomorrow' as unknown as number }), 'malformed');
    });
  });

  describe('signature and algorithm', () => {
    it('rejects a token signed with another secret', async () => {
      await rejects(await craft({ sub: '1' }, { secret: 'other-secret' }), 'bad signature');
    });

    it('rejects a token whose payload was changed after signing', async () => {
      const [h, , s] = (await craft({ sub: '1' })).split('.');
      await rejects(`${h}.${b64url({ sub: '2' })}.${s}`, 'bad signature');
    });

    it('rejects alg none, with or without a signature', async () => {
      const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: '1' })}`;
      await rejects(`${unsigned}.`, 'bad alg');
      await rejects(`${unsigned}.${b64url('x')}`, 'bad alg');
    });

    it('rejects other HMAC algorithms even with the right secret', async () => {
      await rejects(await craft({ sub: '1' }, { alg: 'HS384' }), 'bad alg');
      await rejects(await craft({ sub: '1' }, { alg: 'HS512' }), 'bad alg');
    });

    it('refuses to work with an empty secret', async () => {
      const token = await craft({ sub: '1' });
      try {
        await verifyToken(token, '');
        expect.fail('verified with an empty secret');
      } catch (err) {
        expect(err).to.not.be.instanceOf(AuthError);
        expect((err as Error).message).to.equal('JWT secret is empty');
      }
      try {
        await signToken({ userId: '1', secret: '', ttlSeconds: 1 });
        expect.fail('signed with an empty secret');
      } catch (err) {
        expect((err as Error).message).to.equal('JWT secret is empty');
      }
    });
  });

  describe('sub', () => {
    const bad: [string, unknown][] = [
      ['missing', undefined],
      ['zero', '0'],
      ['leading zero', '01001'],
      ['sign', '+1'],
      ['negative', '-1'],
      ['spaces', ' 1'],
      ['trailing space', '1 '],
      ['decimal point', '1.0'],
      ['exponent', '1e3'],
      ['hex', '0x10'],
      ['not a number', 'alice'],
      ['empty', ''],
      ['2^64', '18446744073709551616'],
      ['21 digits', '100000000000000000000'],
      ['a JSON number', 1001],
    ];
    for (const [name, sub] of bad) {
      it(`rejects sub: ${name}`, async () => {
        await rejects(await craft(sub === undefined ? {} : { sub: sub as string }), 'bad sub');
      });
    }
  });

  describe('garbage', () => {
    const tokens: [string, string][] = [
      ['empty string', ''],
      ['one word', 'garbage'],
      ['three dots of nothing', '..'],
      ['random parts', 'a.b.c'],
      ['header not JSON', `${b64url('not json')}.${b64url({ sub: '1' })}.sig`],
      ['four parts', 'a.b.c.d'],
      ['a signature that is not base64url', `${b64url({ alg: 'HS256' })}.${b64url({ sub: '1' })}.si+g/`],
      ['a crit header', `${b64url({ alg: 'HS256', crit: ['exp'] })}.${b64url({ sub: '1' })}.sig`],
    ];
    for (const [name, token] of tokens) {
      it(`rejects ${name} as malformed`, async () => {
        await rejects(token, 'malformed');
      });
    }

    it('checks the signature before reading the payload', async () => {
      await rejects(`${b64url({ alg: 'HS256' })}.${b64url('nope')}.${b64url('sig')}`, 'bad signature');
    });

    for (const [name, body] of [['not JSON', 'nope'], ['a JSON array', '[1,2]'], ['a JSON string', '"1001"']]) {
      it(`rejects a correctly signed payload that is ${name} as malformed`, async () => {
        const signingInput = `${b64url({ alg: 'HS256' })}.${b64url(body)}`;
        const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
        const sig = Buffer.from(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signingInput))).toString('base64url');
        await rejects(`${signingInput}.${sig}`, 'malformed');
      });
    }
  });

  describe('signToken', () => {
    it('refuses user ids a verifier would reject', async () => {
      for (const userId of ['0', '01', '-1', 'x', '18446744073709551616']) {
        try {
          await signToken({ userId, secret: SECRET, ttlSeconds: 60 });
          expect.fail(`signed user '${userId}'`);
        } catch (err) {
          expect((err as Error).message).to.equal(`user id must be a decimal uint64 above 0, got '${userId}'`);
        }
      }
    });

    it('refuses a ttl that is not a positive whole number of seconds', async () => {
      for (const ttlSeconds of [0, -1, 1.5, Number.NaN]) {
        try {
          await signToken({ userId: '1', secret: SECRET, ttlSeconds });
          expect.fail(`signed with ttl ${ttlSeconds}`);
        } catch (err) {
          expect((err as Error).message).to.match(/^ttl must be a positive whole number of seconds/);
        }
      }
    });
  });

  describe('parseTtl', () => {
    it('reads s, m, h, d and plain seconds', () => {
      expect(['30s', '15m', '1h', '7d', '90', '1'].map(parseTtl)).to.deep.equal([30, 900, 3600, 604_800, 90, 1]);
    });

    it('rejects anything else', () => {
      for (const text of ['', '0', '0s', '-1', '1.5h', '1 h', 'h', '1w', '1H', '1hm', '99999999999999999999d']) {
        expect(() => parseTtl(text), text).to.throw(RangeError, `ttl must look like 30s, 15m, 1h, 7d or plain seconds, got '${text}'`);
      }
    });
  });
});
