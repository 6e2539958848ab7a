// The backlog gauges: read from callbacks on scrape, cached, never waited on once known, and left out when a source fails.
import { expect } from 'chai';
import { Metrics, type BacklogSources } from '../../src/ops/metrics.js';
import { Cmd } from '../../src/protocol/messages.js';
import { deferred, tick, type Deferred } from '../support/fakes.js';

/** The sample line of an unlabelled metric, or null when the scrape has none. */
function sample(text: string, name: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? null : Number(line.slice(name.length + 1));
}

/** Sources returning fixed values, counting their calls. */
function counting(values: Record<keyof BacklogSources, number>) {
  const calls = { retryDepth: 0, outboxBacklog: 0, offlineBacklog: 0 };
  const sources: BacklogSources = {
    retryDepth: async () => { calls.retryDepth += 1; return values.retryDepth; },
    outboxBacklog: async () => { calls.outboxBacklog += 1; return values.outboxBacklog; },
    offlineBacklog: async () => { calls.offlineBacklog += 1; return values.offlineBacklog; },
  };
  return { calls, sources };
}

describe('Metrics', () => {
  describe('backlog gauges', () => {
    it('have no sample until sources are observed', async () => {
      const text = await new Metrics().registry.metrics();
      for (const name of ['im_retry_queue_depth', 'im_outbox_backlog', 'im_offline_backlog']) {
        expect(text).to.contain(`# TYPE ${name} gauge`);
        expect(sample(text, name), name).to.equal(null);
      }
    });

    it('report what the sources return on a scrape', async () => {
      const metrics = new Metrics();
      metrics.observeBacklogs(counting({ retryDepth: 3, outboxBacklog: 5, offlineBacklog: 7 }).sources);
      const text = await metrics.registry.metrics();
      expect(sample(text, 'im_retry_queue_depth')).to.equal(3);
      expect(sample(text, 'im_outbox_backlog')).to.equal(5);
      expect(sample(text, 'im_offline_backlog')).to.equal(7);
    });

    it('read each source at most once per maxAgeMs, however often scraped', async () => {
      const metrics = new Metrics();
      const values = { retryDepth: 1, outboxBacklog: 1, offlineBacklog: 1 };
      const { calls, sources } = counting(values);
      metrics.observeBacklogs(sources, { maxAgeMs: 250 });
      await Promise.all([metrics.registry.metrics(), metrics.registry.metrics()]);
      values.offlineBacklog = 2;
      expect(sample(await metrics.registry.metrics(), 'im_offline_backlog'), 'cached').to.equal(1);
      expect(calls).to.deep.equal({ retryDepth: 1, outboxBacklog: 1, offlineBacklog: 1 });

      await tick(270);
      expect(sample(await metrics.registry.metrics(), 'im_offline_backlog'), 'the last reading, while a new one starts').to.equal(1);
      expect(calls).to.deep.equal({ retryDepth: 2, outboxBacklog: 2, offlineBacklog: 2 });
      expect(sample(await metrics.registry.metrics(), 'im_offline_backlog'), 'read again').to.equal(2);
      expect(calls.offlineBacklog).to.equal(2);
    });

    it('do not wait on a slow read once a source has answered: the scrape gets the last answer', async () => {
      const metrics = new Metrics();
      let slow: Deferred<number> | null = null;
      metrics.observeBacklogs({
        retryDepth: async () => 1,
        outboxBacklog: () => (slow === null ? Promise.resolve(3) : slow.promise),
        offlineBacklog: async () => 1,
      }, { maxAgeMs: 50, waitMs: 60_000 });
      expect(sample(await metrics.registry.metrics(), 'im_outbox_backlog')).to.equal(3);
      slow = deferred<number>();
      await tick(70);
      const scraped = await Promise.race([metrics.registry.metrics(), tick(1000).then(() => 'waited' as const)]);
      expect(scraped).not.to.equal('waited');
      expect(sample(scraped, 'im_outbox_backlog')).to.equal(3);

      slow.resolve(12);
      await tick();
      expect(sample(await metrics.registry.metrics(), 'im_outbox_backlog')).to.equal(12);
    });

    it('leave out a failing source, keep the others, and retry it only after maxAgeMs', async () => {
      const metrics = new Metrics();
      let failures = 0;
      let healthy = false;
      metrics.observeBacklogs({
        retryDepth: async () => 4,
        outboxBacklog: async () => 6,
        offlineBacklog: async () => {
          if (healthy) return 9;
          failures += 1;
          throw new Error('database down');
        },
      }, { maxAgeMs: 250 });
      let text = await metrics.registry.metrics();
      expect(sample(text, 'im_offline_backlog')).to.equal(null);
      expect(sample(text, 'im_retry_queue_depth')).to.equal(4);
      expect(sample(text, 'im_outbox_backlog')).to.equal(6);
      await metrics.registry.metrics();
      expect(failures, 'a failure is cached too').to.equal(1);

      healthy = true;
      await tick(270);
      text = await metrics.registry.metrics();
      expect(sample(text, 'im_offline_backlog')).to.equal(9);
    });

    it('drop a value that was known once the source starts failing', async () => {
      const metrics = new Metrics();
      let fail = false;
      metrics.observeBacklogs({
        retryDepth: async () => { if (fail) throw new Error('redis down'); return 8; },
        outboxBacklog: async () => 0,
        offlineBacklog: async () => 0,
      }, { maxAgeMs: 50 });
      expect(sample(await metrics.registry.metrics(), 'im_retry_queue_depth')).to.equal(8);
      fail = true;
      await tick(70);
      await metrics.registry.metrics(); // starts the read that fails
      await tick();
      expect(sample(await metrics.registry.metrics(), 'im_retry_queue_depth')).to.equal(null);
    });

    it('do not hold a scrape longer than waitMs for a slow source; its answer counts once it arrives', async () => {
      const metrics = new Metrics();
      const slow = deferred<number>();
      let calls = 0;
      metrics.observeBacklogs({
        retryDepth: async () => 1,
        outboxBacklog: () => { calls += 1; return slow.promise; },
        offlineBacklog: async () => 1,
      }, { maxAgeMs: 10_000, waitMs: 50 });
      const started = Date.now();
      const text = await metrics.registry.metrics();
      expect(Date.now() - started).to.be.below(1000);
      expect(sample(text, 'im_outbox_backlog')).to.equal(null);
      expect(sample(text, 'im_retry_queue_depth')).to.equal(1);

      slow.resolve(12);
      await tick();
      expect(sample(await metrics.registry.metrics(), 'im_outbox_backlog')).to.equal(12);
      expect(calls).to.equal(1);
    });
  });

  it('counts forwarded messages by kind', async () => {
    const metrics = new Metrics();
    metrics.forwarded.inc({ kind: 'push' });
    metrics.forwarded.inc({ kind: 'push' });
    metrics.forwarded.inc({ kind: 'kick' });
    const text = await metrics.registry.metrics();
    expect(text).to.contain('im_forwarded_total{kind="push"} 2');
    expect(text).to.contain('im_forwarded_total{kind="kick"} 1');
  });

  it('counts frames in and out by cmd name (an unknown cmd by its number), cumulatively across scrapes', async () => {
    const metrics = new Metrics();
    metrics.frameIn(Cmd.PING);
    metrics.frameIn(Cmd.PING);
    metrics.frameIn(4242 as Cmd);
    metrics.frameOut(Cmd.PONG);
    let text = await metrics.registry.metrics();
    expect(text).to.contain('im_frames_in_total{cmd="PING"} 2');
    expect(text).to.contain('im_frames_in_total{cmd="4242"} 1');
    expect(text).to.contain('im_frames_out_total{cmd="PONG"} 1');
    metrics.frameIn(Cmd.PING);
    text = await metrics.registry.metrics();
    expect(text).to.contain('im_frames_in_total{cmd="PING"} 3');
    expect(text).to.contain('im_frames_out_total{cmd="PONG"} 1');
  });

  it('lists open descriptors off the scrape (the last count), and walks no handles on a scrape', async () => {
    const metrics = new Metrics();
    const first = await metrics.registry.metrics();
    expect(first).not.to.match(/^nodejs_active_(handles|resources)/m);
    let fds: number | null = null;
    for (let i = 0; i < 100 && fds === null; i++) {
      await new Promise((r) => setTimeout(r, 10));
      fds = sample(await metrics.registry.metrics(), 'process_open_fds');
    }
    expect(fds, 'process_open_fds once listed').to.be.above(2);
    expect(sample(await metrics.registry.metrics(), 'process_max_fds')).to.be.above(0);
  });
});
