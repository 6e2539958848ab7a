// 50k seeded mutated frames of every command against a started gateway (a child process, embedded
// mode), over many sessions that reconnect whenever it closes them: nothing delivered under a
// spoofed sender, the gateway up and answering, a normal exchange afterwards, its heap bounded.
// Replay a failure with IM_FUZZ_SEED=<seed> (or `npm run fuzz -- --seed <seed> --frames 50000`).
import { expect } from 'chai';
import { defaultFuzzOptions, failures, formatFuzzResult, runFuzz, type FuzzResult } from '../../scripts/fuzz/run.js';

const SEED = Number(process.env.IM_FUZZ_SEED ?? 20_261_202);
const FRAMES = 50_000;
/** Generous: the gateway's heap after the run, against before it, in MB. */
const MAX_HEAP_GROWTH_MB = 64;

describe('gateway fuzz (50k frames, embedded child gateway)', function () {
  this.timeout(240_000);
  let result: FuzzResult;

  before(async () => {
    result = await runFuzz({ ...defaultFuzzOptions(), frames: FRAMES, seed: SEED, sessions: 64 });
    console.log(`    ${formatFuzzResult(result).split('\n').join('\n    ')}`);
  });

  it(`sends all ${FRAMES} frames, of every kind, and passes every check (seed ${SEED})`, () => {
    expect(result.frames).to.equal(FRAMES);
    expect(Object.keys(result.byKind)).to.have.members(['edge', 'spoof', 'mutated', 'bitflip', 'truncated', 'random', 'version', 'cmd', 'huge-length', 'utf8', 'oversize']);
    expect(failures(result, MAX_HEAP_GROWTH_MB)).to.deep.equal([]);
  });

  it('was answered with the contract: ABUSE kicks, TOO_LARGE closes 1009, and the errors of each case', () => {
    expect(result.serverKicks.ABUSE ?? 0).to.be.above(0);
    expect(result.closes['1009'] ?? 0).to.be.above(0);
    for (const code of ['BAD_REQUEST', 'UNSUPPORTED_VERSION', 'UNKNOWN_CMD', 'TOO_LARGE', 'UNAUTHENTICATED']) {
      expect(result.serverErrors[code] ?? 0, code).to.be.above(0);
    }
  });

  it('delivered fuzz messages to the watchers, each under its authenticated sender', () => {
    expect(result.fuzzDelivered).to.be.above(100);
    expect(result.spoofed).to.deep.equal([]);
    expect(result.watcherSent).to.be.above(0);
  });
});
