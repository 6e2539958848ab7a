// Seeded fuzzing of the frame codec and the pipeline: whatever bytes arrive, the codec returns a
// frame or a CodecError (never another exception), and the pipeline answers with ERROR frames of
// the contract's codes and kicks after too many, without throwing. Reproducible: a failure prints
// its seed and case. The mutators are the gateway fuzz's (scripts/fuzz/mutators.ts).
import { expect } from 'chai';
import { CodecError, decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, ErrorCode, KickReason } from '../../src/protocol/messages.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { silentLogger } from '../../src/log/logger.js';
import { HeartbeatStrategy } from '../../src/strategies/heartbeat.js';
import { FakeSession } from '../support/fakes.js';
import { mutate, prng, VALID } from '../../scripts/fuzz/mutators.js';

const SEEDS = [1, 2026, 0xdeadbeef];
const CASES_PER_SEED = 4000;

describe('protocol fuzz (seeded)', () => {
  for (const seed of SEEDS) {
    it(`codec: ${CASES_PER_SEED} mutated frames (seed ${seed}) decode or fail with CodecError only`, () => {
      const random = prng(seed);
      for (let i = 0; i < CASES_PER_SEED; i++) {
        const bytes = mutate(VALID[Math.floor(random() * VALID.length)]!, random);
        try {
          const frame = decodeFrame(bytes, 65536);
          // What decodes must encode again: the codec never returns a body it cannot write.
          encodeFrame(frame.cmd, frame.seq, frame.body as never);
        } catch (err) {
          if (!(err instanceof CodecError)) {
            throw new Error(`seed ${seed} case ${i} (${Buffer.from(bytes).toString('hex')}): ${(err as Error).stack}`);
          }
          expect(Object.values(ErrorCode)).to.include(err.code);
        }
      }
    });
  }

  it('pipeline: random bytes never throw, get only ERRORs of the contract, and a flood of them is kicked', () => {
    const random = prng(42);
    const pipeline = new Pipeline([new HeartbeatStrategy()], { maxFrameBytes: 65536, ratePerSec: 1000, rateBurst: 1000, maxBadFrames: 10 }, silentLogger());
    let kicked = 0;
    for (let s = 0; s < 50; s++) {
      const session = FakeSession.as(String(1000 + s));
      const connection = pipeline.connect(session);
      for (let i = 0; i < 40 && !session.closed; i++) {
        const bytes = random() < 0.5 ? mutate(VALID[Math.floor(random() * VALID.length)]!, random)
          : Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
        connection.onBinary(bytes);
      }
      for (const frame of session.sent) {
        expect([Cmd.ERROR, Cmd.PONG, Cmd.KICK], `session ${s}`).to.include(frame.cmd);
      }
      for (const kick of session.kicks) expect(kick.reason).to.equal(KickReason.ABUSE);
      kicked += session.kicks.length;
    }
    // 40 frames of garbage each: most sessions pass maxBadFrames (10) and are kicked.
    expect(kicked).to.be.above(25);
  });
});
