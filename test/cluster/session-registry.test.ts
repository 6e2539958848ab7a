import { expect } from 'chai';
import { SessionRegistry } from '../../src/cluster/session-registry.js';
import type { Session, SessionUser } from '../../src/pipeline/session.js';

// Above 2^53, as production ids are.
const ALICE = '9007199254740993001';
const BOB = '9007199254740993002';

function session(id: string, userId: string, deviceId: string): Session {
  const user: SessionUser = { userId, deviceId, platform: 'test', echoOwnMessages: false };
  return { id, user } as unknown as Session;
}

describe('cluster/session-registry', () => {
  it('binds one session per user and device; a second device of the same user coexists', () => {
    const registry = new SessionRegistry();
    const phone = session('s1', ALICE, 'phone');
    const laptop = session('s2', ALICE, 'laptop');
    expect(registry.bind(phone)).to.equal(null);
    expect(registry.sessionsOf(ALICE)).to.deep.equal([phone]);
    expect(registry.bind(laptop)).to.equal(null);
    expect(registry.sessionsOf(ALICE)).to.deep.equal([phone, laptop]);
    expect(registry.size).to.equal(2);
    expect(registry.all()).to.deep.equal([phone, laptop]);
  });

  it('returns the session a new login replaces on the same device, with one device and with several', () => {
    const registry = new SessionRegistry();
    const first = session('s1', ALICE, 'phone');
    const second = session('s2', ALICE, 'phone');
    registry.bind(first);
    expect(registry.bind(second)).to.equal(first);
    expect(registry.sessionsOf(ALICE)).to.deep.equal([second]);
    const laptop = session('s3', ALICE, 'laptop');
    registry.bind(laptop);
    const third = session('s4', ALICE, 'phone');
    expect(registry.bind(third)).to.equal(second);
    expect(registry.sessionsOf(ALICE)).to.have.members([third, laptop]);
    expect(registry.size).to.equal(2);
  });

  it('binding the same session again replaces nothing', () => {
    const registry = new SessionRegistry();
    const phone = session('s1', ALICE, 'phone');
    registry.bind(phone);
    expect(registry.bind(phone)).to.equal(null);
    registry.bind(session('s2', ALICE, 'laptop'));
    expect(registry.bind(phone)).to.equal(null);
    expect(registry.size).to.equal(2);
  });

  it('unbinds only the session bound for its device, down to none, and keeps the order of the others', () => {
    const registry = new SessionRegistry();
    const phone = session('s1', ALICE, 'phone');
    const laptop = session('s2', ALICE, 'laptop');
    const tablet = session('s3', ALICE, 'tablet');
    const bob = session('s4', BOB, 'phone');
    for (const s of [phone, laptop, tablet, bob]) registry.bind(s);
    registry.unbind(session('s9', ALICE, 'laptop')); // replaced long ago: not the bound one
    expect(registry.sessionsOf(ALICE)).to.deep.equal([phone, laptop, tablet]);
    registry.unbind(laptop);
    expect(registry.sessionsOf(ALICE)).to.deep.equal([phone, tablet]);
    registry.unbind(phone);
    expect(registry.sessionsOf(ALICE)).to.deep.equal([tablet]);
    const again = session('s5', ALICE, 'phone');
    registry.bind(again);
    expect(registry.sessionsOf(ALICE)).to.deep.equal([tablet, again]);
    registry.unbind(tablet);
    registry.unbind(again);
    expect(registry.sessionsOf(ALICE)).to.deep.equal([]);
    registry.unbind(again);
    expect(registry.size).to.equal(1);
    expect(registry.sessionsOf(BOB)).to.deep.equal([bob]);
  });

  it('a session that never authenticated, or whose device holds another session, is not unbound', () => {
    const registry = new SessionRegistry();
    const phone = session('s1', ALICE, 'phone');
    registry.bind(phone);
    registry.unbind({ id: 's0', user: null } as unknown as Session);
    registry.unbind(session('s2', ALICE, 'phone'));
    expect(registry.sessionsOf(ALICE)).to.deep.equal([phone]);
  });
});
