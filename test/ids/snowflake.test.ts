import { expect } from 'chai';
import { ClockMovedBackwardsError, parseSnowflake, Snowflake, SNOWFLAKE_EPOCH_MS } from '../../src/ids/snowflake.js';

const T0 = Date.UTC(2026, 0, 1);

/** A clock that stands still unless told to move, or until it has been read `advanceEvery` times. */
class FakeClock {
  reads = 0;
  slept: number[] = [];

  constructor(public ms = T0, private readonly advanceEvery = Infinity) {}

  readonly now = (): number => {
    this.reads++;
    if (this.reads % this.advanceEvery === 0) this.ms++;
    return this.ms;
  };

  /** A sleep that lets the fake time pass. */
  readonly sleep = (ms: number): void => {
    this.slept.push(ms);
    this.ms += ms;
  };
}

function expectIncreasing(ids: string[]): void {
  for (let i = 1; i < ids.length; i++) {
    if (BigInt(ids[i]!) <= BigInt(ids[i - 1]!)) expect.fail(`id ${i} (${ids[i]}) is not above ${ids[i - 1]}`);
  }
}

describe('ids/snowflake', () => {
  it('uses 2024-01-01T00:00:00Z as its epoch', () => {
    expect(new Date(SNOWFLAKE_EPOCH_MS).toISOString()).to.equal('2024-01-01T00:00:00.000Z');
  });

  it('issues 1e5 distinct, strictly increasing ids when the sequence overflows, waiting for the clock', () => {
    // 5000 reads per ms: each ms runs out of its 4096 sequence numbers and must spin to the next.
    const clock = new FakeClock(T0, 5000);
    const gen = new Snowflake({ workerId: 7, now: clock.now, sleep: clock.sleep });
    const ids = Array.from({ length: 100_000 }, () => gen.next());

    expect(new Set(ids).size).to.equal(ids.length);
    expectIncreasing(ids);
    const perMs = new Map<number, number>();
    const workers = new Set<number>();
    for (const id of ids) {
      const { timeMs, workerId } = parseSnowflake(id);
      workers.add(workerId);
      perMs.set(timeMs, (perMs.get(timeMs) ?? 0) + 1);
    }
    expect([...workers]).to.deep.equal([7]);
    // Every full ms carries exactly 4096 ids; none was issued ahead of the clock.
    expect([...perMs.values()].slice(0, -1).every((n) => n === 4096)).to.equal(true);
    expect(Math.max(...perMs.keys())).to.be.at.most(clock.ms);
    expect(clock.reads).to.be.greaterThan(ids.length);
    expect(clock.slept).to.deep.equal([]);
  });

  it('numbers ids within one ms 0, 1, 2, … and restarts at 0 in the next ms', () => {
    const clock = new FakeClock();
    const gen = new Snowflake({ workerId: 1, now: clock.now });
    const first = [gen.next(), gen.next(), gen.next()].map((id) => parseSnowflake(id).sequence);
    clock.ms += 5;
    expect(first).to.deep.equal([0, 1, 2]);
    expect(parseSnowflake(gen.next())).to.deep.equal({ timeMs: T0 + 5, workerId: 1, sequence: 0 });
  });

  it('waits out a 3 ms step back: no duplicates, still increasing, none issued in the past', () => {
    const clock = new FakeClock(T0, 10);
    const gen = new Snowflake({ workerId: 3, now: clock.now, sleep: clock.sleep });
    const ids = [gen.next(), gen.next()];
    const last = parseSnowflake(ids[1]!).timeMs;
    clock.ms -= 3;
    const during = [gen.next(), gen.next()];
    ids.push(...during, ...Array.from({ length: 20 }, () => gen.next()));

    expect(new Set(ids).size).to.equal(ids.length);
    expectIncreasing(ids);
    for (const id of during) expect(parseSnowflake(id).timeMs).to.be.at.least(last);
    expect(clock.slept).to.deep.equal([2]); // slept most of the gap, spun through the last ms
  });

  it('waits out a step back when the clock only advances by itself (sleep does nothing)', () => {
    const clock = new FakeClock(T0, 3);
    const gen = new Snowflake({ workerId: 3, now: clock.now, sleep: () => {} });
    const before = gen.next();
    clock.ms -= 4;
    const after = gen.next();
    expect(BigInt(after) > BigInt(before)).to.equal(true);
    expect(parseSnowflake(after).timeMs).to.be.at.least(parseSnowflake(before).timeMs);
  });

  it('throws on a big step back instead of hanging, and recovers once the clock catches up', () => {
    const clock = new FakeClock();
    const gen = new Snowflake({ workerId: 3, now: clock.now, sleep: clock.sleep });
    const before = gen.next();
    clock.ms -= 5000;
    expect(() => gen.next()).to.throw(ClockMovedBackwardsError, 'clock moved backwards by 5000 ms');
    expect(clock.slept).to.deep.equal([]);
    clock.ms += 5000;
    expect(BigInt(gen.next()) > BigInt(before)).to.equal(true);
  });

  it('waits for a step back just under the limit, which is configurable', () => {
    const clock = new FakeClock(T0, 4);
    const gen = new Snowflake({ workerId: 3, now: clock.now, sleep: clock.sleep });
    const last = parseSnowflake(gen.next()).timeMs;
    clock.ms -= 4999;
    expect(parseSnowflake(gen.next()).timeMs).to.be.at.least(last);
    expect(clock.slept).to.deep.equal([4998]);

    const strict = new Snowflake({ workerId: 3, now: clock.now, sleep: clock.sleep, maxBackwardMs: 100 });
    strict.next();
    clock.ms -= 100;
    expect(() => strict.next()).to.throw(ClockMovedBackwardsError);
  });

  it('issues no duplicate when the clock jumps back while waiting out a sequence overflow', () => {
    // Read 4097 finds T0's sequence used up; read 4098, taken while waiting for T0 + 1, is 10 s
    // back. Afterwards the clock is back at T0 and ticks every third read.
    let reads = 0;
    let ms = T0;
    const now = () => {
      reads++;
      if (reads === 4098) return T0 - 10_000;
      if (reads > 4098 && reads % 3 === 0) ms++;
      return ms;
    };
    const gen = new Snowflake({ workerId: 3, now, sleep: () => {} });
    const ids = Array.from({ length: 4096 }, () => gen.next());
    expect(() => gen.next()).to.throw(ClockMovedBackwardsError);
    ids.push(...Array.from({ length: 10 }, () => gen.next()));
    expect(new Set(ids).size).to.equal(ids.length);
    expectIncreasing(ids);
  });

  it('puts the worker id in bits 12-21 and validates it', () => {
    const clock = new FakeClock();
    for (const workerId of [0, 1, 512, 1023]) {
      const id = BigInt(new Snowflake({ workerId, now: clock.now }).next());
      expect(Number((id >> 12n) & 1023n)).to.equal(workerId);
      expect(parseSnowflake(id.toString()).workerId).to.equal(workerId);
    }
    const a = new Snowflake({ workerId: 1, now: clock.now }).next();
    const b = new Snowflake({ workerId: 2, now: clock.now }).next();
    expect(a).to.not.equal(b);
    for (const workerId of [-1, 1024, 1.5, Number.NaN]) {
      expect(() => new Snowflake({ workerId }), String(workerId)).to.throw(RangeError, 'worker id must be an integer 0-1023');
    }
  });

  it('issues ids above 2^53 (unsafe as a JS number) in realistic time, below 2^63', () => {
    const real = new Snowflake({ workerId: 0 }).next();
    expect(BigInt(real) > 2n ** 53n).to.equal(true);
    expect(BigInt(real) < 2n ** 63n).to.equal(true);
    expect(Number.isSafeInteger(Number(real))).to.equal(false);
  });

  it('issues distinct increasing ids on the real clock', () => {
    const gen = new Snowflake({ workerId: 5 });
    const ids = Array.from({ length: 20_000 }, () => gen.next());
    expect(new Set(ids).size).to.equal(ids.length);
    expectIncreasing(ids);
  });

  it('refuses clocks outside its 41-bit time range', () => {
    expect(() => new Snowflake({ workerId: 0, now: () => SNOWFLAKE_EPOCH_MS - 1 }).next()).to.throw(RangeError, 'outside the snowflake time range');
    expect(() => new Snowflake({ workerId: 0, now: () => SNOWFLAKE_EPOCH_MS + 2 ** 41 }).next()).to.throw(RangeError);
    expect(parseSnowflake(new Snowflake({ workerId: 0, now: () => SNOWFLAKE_EPOCH_MS + 2 ** 41 - 1 }).next()).timeMs).to.equal(SNOWFLAKE_EPOCH_MS + 2 ** 41 - 1);
  });

  describe('parseSnowflake', () => {
    it('round-trips time, worker id and sequence', () => {
      const clock = new FakeClock(Date.UTC(2031, 5, 15, 12, 30, 45, 123));
      const gen = new Snowflake({ workerId: 1023, now: clock.now });
      gen.next();
      expect(parseSnowflake(gen.next())).to.deep.equal({ timeMs: clock.ms, workerId: 1023, sequence: 1 });
    });

    it('decodes the layout from a hand-built id', () => {
      const id = ((123_456n << 22n) | (42n << 12n) | 4095n).toString();
      expect(parseSnowflake(id)).to.deep.equal({ timeMs: SNOWFLAKE_EPOCH_MS + 123_456, workerId: 42, sequence: 4095 });
    });

    it('rejects what is not a canonical 63-bit decimal', () => {
      for (const bad of ['', ' 1', '01', '-1', '+1', '1.0', 'abc', '0x10', (2n ** 63n).toString()]) {
        expect(() => parseSnowflake(bad), bad).to.throw(RangeError, 'not a snowflake id');
      }
      expect(parseSnowflake((2n ** 63n - 1n).toString()).workerId).to.equal(1023);
    });
  });
});
