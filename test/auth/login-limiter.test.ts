import { expect } from 'chai';
import { LoginLimiter } from '../../src/auth/login-limiter.js';

describe('auth/login-limiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => { now = 1_000_000; });

  it('allows perMinute attempts at once per address, then refuses', () => {
    const limiter = new LoginLimiter(5, 100, clock);
    const results = Array.from({ length: 7 }, () => limiter.attempt('198.51.100.1'));
    expect(results).to.deep.equal([true, true, true, true, true, false, false]);
  });

  it('gives each address its own budget', () => {
    const limiter = new LoginLimiter(1, 100, clock);
    expect(limiter.attempt('198.51.100.1')).to.equal(true);
    expect(limiter.attempt('198.51.100.1')).to.equal(false);
    expect(limiter.attempt('198.51.100.2')).to.equal(true);
    expect(limiter.attempt('::ffff:198.51.100.1')).to.equal(true);
  });

  it('refills evenly over the minute', () => {
    const limiter = new LoginLimiter(60, 100, clock);
    for (let i = 0; i < 60; i++) expect(limiter.attempt('a')).to.equal(true);
    expect(limiter.attempt('a')).to.equal(false);
    now += 999;
    expect(limiter.attempt('a')).to.equal(false);
    now += 1;
    expect(limiter.attempt('a')).to.equal(true);
    expect(limiter.attempt('a')).to.equal(false);
    now += 60_000;
    for (let i = 0; i < 60; i++) expect(limiter.attempt('a')).to.equal(true);
    expect(limiter.attempt('a')).to.equal(false);
  });

  it('0 is off: never refuses, remembers nothing', () => {
    const limiter = new LoginLimiter(0, 100, clock);
    for (let i = 0; i < 1000; i++) expect(limiter.attempt('a')).to.equal(true);
    expect(limiter.trackedAddresses).to.equal(0);
    expect(limiter.enabled).to.equal(false);
    expect(new LoginLimiter(1, 100, clock).enabled).to.equal(true);
  });

  it('stays within its bound, forgetting the address idle longest', () => {
    const limiter = new LoginLimiter(1, 3, clock);
    for (const address of ['a', 'b', 'c']) limiter.attempt(address);
    limiter.attempt('a'); // refused, but 'a' is now the most recent
    limiter.attempt('d'); // forgets 'b'
    expect(limiter.trackedAddresses).to.equal(3);
    expect(limiter.attempt('a'), 'a is still limited').to.equal(false);
    expect(limiter.attempt('c'), 'c is still limited').to.equal(false);
    expect(limiter.attempt('b'), 'b was forgotten: a fresh budget').to.equal(true);
    expect(limiter.trackedAddresses).to.equal(3);
  });
});
