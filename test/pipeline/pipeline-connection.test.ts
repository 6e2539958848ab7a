// What a connection's state must keep now that its buckets are made on first use and its input
// flow is an object's methods, not closures.
import { expect } from 'chai';
import { encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, ErrorCode } from '../../src/protocol/messages.js';
import { silentLogger } from '../../src/log/logger.js';
import { MAX_IN_FLIGHT, Pipeline } from '../../src/pipeline/pipeline.js';
import type { Strategy } from '../../src/pipeline/strategy.js';
import { deferred, FakeSession, tick } from '../support/fakes.js';

const recall = (seq: number) => encodeFrame(Cmd.RECALL_REQ, seq, { msgId: '9007199254740993001' });
const ping = (seq: number) => encodeFrame(Cmd.PING, seq, { clientTimeMs: '0' });

function strategies(recallDone: () => Promise<void> | void = () => {}): Strategy[] {
  return [
    { cmd: Cmd.RECALL_REQ, handle: () => recallDone() } as Strategy,
    { cmd: Cmd.PING, meter: { bucket: 'acks', cost: 1 }, handle: () => {} } as Strategy,
  ];
}

describe('pipeline/connection state', () => {
  it('a bucket first used long after connect holds its burst, no more', () => {
    const pipeline = new Pipeline(strategies(), { maxFrameBytes: 1024, ratePerSec: 2, rateBurst: 3, maxBadFrames: 3 }, silentLogger());
    const session = FakeSession.as('9007199254740993001');
    const clock = { now: 0 };
    const connection = pipeline.connect(session, () => clock.now);
    clock.now = 3_600_000;
    for (let seq = 1; seq <= 4; seq += 1) connection.onBinary(recall(seq));
    expect(session.framesOf(Cmd.ERROR).map((f) => [f.seq, f.body.code])).to.deep.equal([[4, ErrorCode.RATE_LIMITED]]);
    // the acks bucket (ten times larger) was not made by the requests' use, and is full too
    for (let seq = 10; seq < 40; seq += 1) connection.onBinary(ping(seq));
    connection.onBinary(ping(40));
    expect(session.framesOf(Cmd.ERROR).map((f) => f.seq)).to.deep.equal([4, 40]);
  });

  it('each connection pauses and resumes its own flow', async () => {
    const gate = deferred<void>();
    const pipeline = new Pipeline(strategies(() => gate.promise), { maxFrameBytes: 1024, ratePerSec: 1e6, rateBurst: 1e6, maxBadFrames: 3 }, silentLogger());
    const calls: string[] = [];
    const flow = (name: string) => ({ pause: () => calls.push(`${name} pause`), resume: () => calls.push(`${name} resume`) });
    const busy = pipeline.connect(FakeSession.as('9007199254740993001'), Date.now, flow('busy'));
    const quiet = pipeline.connect(FakeSession.as('9007199254740993002'), Date.now, flow('quiet'));
    for (let seq = 1; seq <= MAX_IN_FLIGHT; seq += 1) busy.onBinary(recall(seq));
    quiet.onBinary(recall(1));
    expect(calls).to.deep.equal(['busy pause']);
    gate.resolve();
    await tick();
    expect(calls).to.deep.equal(['busy pause', 'busy resume']);
  });
});
