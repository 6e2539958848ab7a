// LogWindow: repeated events counted per key and reported once per interval, with a scheduler
// and a clock the test controls (and once with real timers, to see that they never hold the process).
import { expect } from 'chai';
import { LogWindow, type LogWindowReport } from '../../src/log/log-window.js';

function setup(samples?: number) {
  let now = 1_700_000_000_000;
  const armed: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const reports: LogWindowReport[] = [];
  const window = new LogWindow((r) => reports.push({ ...r, counts: new Map(r.counts) }), {
    intervalMs: 60_000, samples, now: () => now,
    schedule: (fn, ms) => {
      const timer = { fn, ms, cancelled: false };
      armed.push(timer);
      return () => { timer.cancelled = true; };
    },
  });
  /** Moves the clock and fires the armed timer that is due. */
  const elapse = (ms: number) => {
    now += ms;
    for (const timer of armed.splice(0)) {
      if (!timer.cancelled) timer.fn();
    }
  };
  return { window, armed, reports, elapse, advance: (ms: number) => { now += ms; } };
}

describe('log/log-window', () => {
  it('10k events for 2 keys and 1000 subjects: one report with the counts, the distinct subjects and 5 samples', () => {
    const { window, armed, reports, advance, elapse } = setup();
    for (let i = 0; i < 10_000; i++) {
      window.add(i % 4 === 0 ? 'ttl' : 'cap', 1, `user-${i % 1000}`);
      if (i % 1000 === 0) advance(1000);
    }
    expect(armed, 'one timer for the whole window').to.have.length(1);
    expect(armed[0]!.ms).to.equal(60_000);
    expect(reports).to.deep.equal([]);
    elapse(50_000);
    expect(reports).to.deep.equal([{
      counts: new Map([['ttl', 2500], ['cap', 7500]]), total: 10_000, subjects: 1000,
      samples: ['user-0', 'user-1', 'user-2', 'user-3', 'user-4'], seconds: 60,
    }]);
  });

  it('add() says whether the key is new in this window', () => {
    const { window, elapse } = setup();
    expect([window.add('a'), window.add('a'), window.add('b'), window.add('a', 5)]).to.deep.equal([true, false, true, false]);
    elapse(60_000);
    expect(window.add('a'), 'a new window').to.equal(true);
  });

  it('nothing is armed while nothing happens; the next event opens a new window', () => {
    const { window, armed, reports, elapse } = setup();
    expect(armed).to.deep.equal([]);
    window.add('cap', 3, 'u1');
    elapse(60_000);
    elapse(600_000);
    expect(armed).to.deep.equal([]);
    window.add('cap', 2, 'u2');
    elapse(60_000);
    expect(reports.map((r) => [r.total, r.samples])).to.deep.equal([[3, ['u1']], [2, ['u2']]]);
  });

  it('flush() reports the open window at once and disarms its timer; with nothing open it does nothing', () => {
    const { window, armed, reports, advance } = setup();
    window.flush();
    expect(reports).to.deep.equal([]);
    window.add('ttl', 4, 'u');
    advance(12_400);
    window.flush();
    expect(armed[0]!.cancelled).to.equal(true);
    expect(reports.map((r) => [r.total, r.seconds])).to.deep.equal([[4, 12]]);
    window.flush();
    expect(reports).to.have.length(1);
  });

  it('counts at most 10,000 distinct subjects (memory stays bounded whoever floods)', () => {
    const { window, elapse, reports } = setup(2);
    for (let i = 0; i < 25_000; i++) window.add('cap', 1, String(i));
    elapse(60_000);
    expect(reports[0]).to.deep.include({ total: 25_000, subjects: 10_000, samples: ['0', '1'] });
  });

  it('by default the timer is real, fires after the interval and never holds the process open', async () => {
    const reports: LogWindowReport[] = [];
    const window = new LogWindow((r) => reports.push(r), { intervalMs: 20 });
    const handles = () => (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo()
      .filter((r) => r === 'Timeout').length;
    const before = handles();
    window.add('k');
    expect(handles(), 'an unref\'d timer is not an active resource').to.equal(before);
    await new Promise((r) => setTimeout(r, 60));
    expect(reports.map((r) => r.total)).to.deep.equal([1]);
  });
});
