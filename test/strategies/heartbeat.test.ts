import { expect } from 'chai';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, type FrameOf } from '../../src/protocol/messages.js';
import { HeartbeatStrategy } from '../../src/strategies/heartbeat.js';
import { FakeSession } from '../support/fakes.js';

/** Base-128 varint of the two's-complement int64, written independently of protobufjs. */
function int64Varint(value: bigint): string {
  let v = BigInt.asUintN(64, value);
  let out = '';
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out += byte.toString(16).padStart(2, '0');
  } while (v > 0n);
  return out;
}

const EDGES = {
  '2^63-1': 2n ** 63n - 1n,
  '-2^63': -(2n ** 63n),
  '2^53+1': 2n ** 53n + 1n,
  '-(2^53+1)': -(2n ** 53n + 1n),
  '0': 0n,
  '-1': -1n,
};

describe('strategies/heartbeat', () => {
  it('is the PING handler', () => {
    expect(new HeartbeatStrategy().cmd).to.equal(Cmd.PING);
  });

  it('is metered on the acks bucket (ten times the requests\' one): one ping per interval never runs short, a flood does', () => {
    expect(new HeartbeatStrategy().meter).to.deep.equal({ bucket: 'acks', cost: 1 });
  });

  it('answers PING with PONG: same seq, client time echoed, server time now', () => {
    const session = FakeSession.as('1');
    const before = Date.now();
    new HeartbeatStrategy().handle(session, { cmd: Cmd.PING, seq: 17, body: { clientTimeMs: '1234567' } });
    const after = Date.now();
    const pong = session.only(Cmd.PONG);
    expect(pong.seq).to.equal(17);
    expect(pong.body.clientTimeMs).to.equal('1234567');
    expect(pong.body.serverTimeMs).to.be.within(before, after);
    expect(session.sent).to.have.length(1);
  });

  for (const [name, value] of Object.entries(EDGES)) {
    it(`echoes client_time_ms = ${name} bit for bit, from PING bytes to PONG bytes`, () => {
      const wire = int64Varint(value);
      const body = `08${wire}`;
      const ping = decodeFrame(Buffer.from(`0801 1003 1809 22${(body.length / 2).toString(16).padStart(2, '0')}${body}`.replace(/ /g, ''), 'hex'));
      expect(ping.cmd).to.equal(Cmd.PING);
      expect((ping as FrameOf<typeof Cmd.PING>).body.clientTimeMs).to.equal(value.toString());

      const session = FakeSession.as('1');
      new HeartbeatStrategy().handle(session, ping as FrameOf<typeof Cmd.PING>);
      const pong = session.only(Cmd.PONG);
      expect(pong.body.clientTimeMs).to.equal(value.toString());
      const pongBytes = encodeFrame(Cmd.PONG, pong.seq, pong.body);
      expect(Buffer.from(pongBytes).toString('hex'), 'PONG carries the same 64-bit varint').to.contain(`08${wire}10`);
      expect((decodeFrame(pongBytes) as FrameOf<typeof Cmd.PONG>).body.clientTimeMs).to.equal(value.toString());
    });
  }

  it('is synchronous (no promise to wait for)', () => {
    const result = new HeartbeatStrategy().handle(FakeSession.as('1'), { cmd: Cmd.PING, seq: 1, body: { clientTimeMs: '1' } });
    expect(result).to.equal(undefined);
  });
});
