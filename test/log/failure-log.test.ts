// FailureLog: a dependency's failures logged by state change, with a clock the test moves.
import { expect } from 'chai';
import { errorText, FailureLog } from '../../src/log/failure-log.js';
import { capturingLogger } from './capture.js';

const MINUTE = 60_000;

function setup() {
  let now = 1_700_000_000_000;
  const { logger, lines } = capturingLogger();
  const log = new FailureLog(logger, 'mq publish', { intervalMs: MINUTE, now: () => now });
  return { log, lines, advance: (ms: number) => { now += ms; } };
}

/** A gRPC-like error: a one-line message over a long stack. */
function grpcError(i = 0): Error {
  const err = new Error(`14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:8081 (#${i})`);
  err.stack = `${err.message}\n${'    at Object.callErrorFromStatus (node_modules/@grpc/grpc-js/build/src/call.js:31:19)\n'.repeat(25)}`;
  return err;
}

describe('log/failure-log', () => {
  it('1000 failures in one interval: one warn line, with the message and no stack; the recovery: one info line', () => {
    const { log, lines, advance } = setup();
    for (let i = 0; i < 1000; i++) {
      log.failed(grpcError(i), { key: `k${i}` });
      advance(10);
    }
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ level: 'warn', message: 'mq publish failing' });
    expect(lines[0]!.meta).to.deep.equal({ err: grpcError(0).message, failures: 1, key: 'k0' });
    expect(JSON.stringify(lines)).not.to.contain('callErrorFromStatus');

    log.succeeded();
    log.succeeded();
    expect(lines).to.have.length(2);
    expect(lines[1]).to.deep.equal({ level: 'info', message: 'mq publish recovered', meta: { failures: 1000, seconds: 10 } });
  });

  it('a long outage: one summary per interval with the failures since the last line', () => {
    const { log, lines, advance } = setup();
    // 10 minutes, a failure every 100 ms: 6000 failures.
    for (let i = 0; i < 6000; i++) {
      log.failed(grpcError(i));
      advance(100);
    }
    expect(lines.map((l) => l.message)).to.deep.equal(['mq publish failing', ...Array(9).fill('mq publish still failing')]);
    expect(lines[1]!.meta).to.deep.equal({ err: grpcError(600).message, failures: 600, seconds: 60 });
    expect(lines.slice(1).reduce((n, l) => n + (l.meta.failures as number), 1)).to.equal(5401);
    log.succeeded();
    expect(lines.at(-1)).to.deep.equal({ level: 'info', message: 'mq publish recovered', meta: { failures: 6000, seconds: 600 } });
  });

  it('no failure, no line: successes alone log nothing', () => {
    const { log, lines } = setup();
    for (let i = 0; i < 1000; i++) log.succeeded();
    expect(lines).to.deep.equal([]);
  });

  it('a dependency that flaps logs at most two lines per interval; its blips count in the next line', () => {
    const { log, lines, advance } = setup();
    for (let i = 0; i < 1000; i++) {
      log.failed(grpcError(i));
      log.succeeded();
      advance(30);
    }
    // 30 s of flapping: the first failure and its recovery, then silence.
    expect(lines.map((l) => l.message)).to.deep.equal(['mq publish failing', 'mq publish recovered']);
    advance(MINUTE);
    log.failed(grpcError());
    expect(lines.at(-1)!.message).to.equal('mq publish failing');
    expect(lines.at(-1)!.meta.failures, 'the 999 unannounced blips and this one').to.equal(1000);
  });

  it('a new outage after the interval is logged as one again', () => {
    const { log, lines, advance } = setup();
    log.failed(new Error('down'));
    advance(5000);
    log.succeeded();
    advance(MINUTE);
    log.failed(new Error('down again'));
    expect(lines.map((l) => [l.message, l.meta.err ?? null])).to.deep.equal([
      ['mq publish failing', 'down'], ['mq publish recovered', null], ['mq publish failing', 'down again'],
    ]);
  });

  it('errorText: the message on one line, cut at 300 characters; non-errors as strings', () => {
    expect(errorText(new Error('a\n  b'))).to.equal('a b');
    expect(errorText('plain')).to.equal('plain');
    expect(errorText(new Error('x'.repeat(1000)))).to.have.length(301);
  });
});
