// The Presence contract (src/storage/presence.ts), run against every implementation.
import { expect } from 'chai';
import type { Presence, Route } from '../../src/storage/presence.js';
import { ID } from './fixtures.js';

export interface PresenceSubject {
  presence: Presence;
  /** Lets `ms` pass for route expiry (a fake clock, or real sleeping for Redis). */
  advance(ms: number): Promise<void>;
}

const USER = ID.twoTo63Minus1;
const LONG = 60_000;
// Real time for Redis: margins of 200 ms either side of every expiry.
const SHORT = 500;

const phone: Route = { deviceId: 'phone', nodeId: 'node-a', sessionId: 's1' };
const laptop: Route = { deviceId: 'laptop', nodeId: 'node-b', sessionId: 's2' };
const byDevice = (routes: Route[]) => [...routes].sort((a, b) => a.deviceId.localeCompare(b.deviceId));

export function presenceContract(name: string, create: () => Promise<PresenceSubject>): void {
  describe(`Presence contract: ${name}`, () => {
    let subject: PresenceSubject;
    let presence: Presence;

    beforeEach(async () => {
      subject = await create();
      presence = subject.presence;
    });
    afterEach(() => presence.close());

    it('registers a device, returning null when it replaced nothing', async () => {
      expect(await presence.routes(USER)).to.deep.equal([]);
      expect(await presence.register(USER, phone, LONG)).to.equal(null);
      expect(await presence.routes(USER)).to.deep.equal([phone]);
    });

    it('registering the device again replaces its route and returns the old one', async () => {
      await presence.register(USER, phone, LONG);
      const moved: Route = { deviceId: 'phone', nodeId: 'node-c', sessionId: 's9' };
      expect(await presence.register(USER, moved, LONG)).to.deep.equal(phone);
      expect(await presence.routes(USER)).to.deep.equal([moved]);
    });

    it('keeps devices and users apart', async () => {
      await presence.register(USER, phone, LONG);
      await presence.register(USER, laptop, LONG);
      await presence.register('1', { ...phone, sessionId: 'other' }, LONG);
      expect(byDevice(await presence.routes(USER))).to.deep.equal([laptop, phone]);
      expect(await presence.routes('1')).to.deep.equal([{ ...phone, sessionId: 'other' }]);
    });

    it('unregister removes the route only for its own session', async () => {
      await presence.register(USER, phone, LONG);
      await presence.register(USER, laptop, LONG);
      await presence.unregister(USER, 'phone', 'stale-session');
      expect(byDevice(await presence.routes(USER))).to.deep.equal([laptop, phone]);
      await presence.unregister(USER, 'phone', 's1');
      await presence.unregister(USER, 'tablet', 's1');
      expect(await presence.routes(USER)).to.deep.equal([laptop]);
    });

    it('a route expires after its TTL; an expired route is not returned as replaced', async () => {
      await presence.register(USER, phone, SHORT);
      await subject.advance(SHORT - 200);
      expect(await presence.routes(USER)).to.deep.equal([phone]);
      await subject.advance(400);
      expect(await presence.routes(USER)).to.deep.equal([]);
      expect(await presence.register(USER, { ...phone, sessionId: 's2' }, LONG)).to.equal(null);
    });

    it('a short-lived route does not cut short a longer-lived one, in either order', async () => {
      await presence.register(USER, phone, SHORT);
      await presence.register(USER, laptop, LONG);
      await presence.register('1', laptop, LONG);
      await presence.register('1', phone, SHORT);
      await subject.advance(SHORT + 200);
      expect(await presence.routes(USER)).to.deep.equal([laptop]);
      expect(await presence.routes('1')).to.deep.equal([laptop]);
    });

    it('refresh extends the routes of this node and session', async () => {
      await presence.register(USER, phone, SHORT);
      await presence.register(USER, laptop, SHORT);
      await subject.advance(300);
      await presence.refresh(USER, [phone, laptop], SHORT);
      await subject.advance(300);
      expect(byDevice(await presence.routes(USER))).to.deep.equal([laptop, phone]);
      await subject.advance(400);
      expect(await presence.routes(USER)).to.deep.equal([]);
    });

    it('refresh leaves a device routed to another session alone', async () => {
      const replacement: Route = { deviceId: 'phone', nodeId: 'node-b', sessionId: 's7' };
      await presence.register(USER, phone, LONG);
      await presence.register(USER, replacement, LONG);
      await presence.refresh(USER, [phone], LONG);
      expect(await presence.routes(USER)).to.deep.equal([replacement]);
    });

    it('refresh records again what was lost while the sessions lived: expired, dropped as stale, or gone with Redis', async () => {
      await presence.register(USER, phone, SHORT);
      await subject.advance(SHORT + 200);
      expect(await presence.routes(USER)).to.deep.equal([]);
      await presence.refresh(USER, [phone], LONG);
      expect(await presence.routes(USER)).to.deep.equal([phone]);

      await presence.unregister(USER, 'phone', 's1');
      await presence.refresh(USER, [phone, laptop], LONG);
      expect(byDevice(await presence.routes(USER))).to.deep.equal([laptop, phone]);
      await presence.refresh(USER, [], LONG);
      expect(byDevice(await presence.routes(USER))).to.deep.equal([laptop, phone]);
    });

    it('a node\'s first beat finds no live lease, later ones do; a lapsed lease is listed, and its node\'s next beat finds it gone', async () => {
      expect(await presence.beat('node-a', SHORT, LONG)).to.deep.equal({ wasLive: false, lapsed: [] });
      expect(await presence.beat('node-a', SHORT, LONG)).to.deep.equal({ wasLive: true, lapsed: [] });
      await subject.advance(SHORT + 200);
      expect(await presence.beat('node-b', SHORT, LONG)).to.deep.equal({ wasLive: false, lapsed: ['node-a'] });
      expect(await presence.beat('node-a', SHORT, LONG)).to.deep.equal({ wasLive: false, lapsed: [] });
    });

    it('forgets a lease that lapsed longer than forgetAfter ago', async () => {
      await presence.beat('node-a', 100, LONG);
      await presence.beat('node-c', 100, LONG);
      await subject.advance(500);
      expect((await presence.beat('node-b', LONG, LONG)).lapsed.sort()).to.deep.equal(['node-a', 'node-c']);
      expect(await presence.beat('node-b', LONG, 200)).to.deep.equal({ wasLive: true, lapsed: [] });
      expect(await presence.beat('node-a', SHORT, LONG)).to.deep.equal({ wasLive: false, lapsed: [] });
    });

    it('round-trips session ids with separators and device ids of any text', async () => {
      const odd: Route = { deviceId: 'iPad|Air 🍎', nodeId: 'node-1', sessionId: 'a|b|123' };
      await presence.register(USER, odd, LONG);
      expect(await presence.routes(USER)).to.deep.equal([odd]);
      await presence.unregister(USER, odd.deviceId, 'a|b');
      expect(await presence.register(USER, { ...odd, sessionId: 'x' }, LONG)).to.deep.equal(odd);
    });
  });
}
