// printfLogger: a third-party client's printf-style log (RocketMQ's), written to ours without
// stacks and without one line per failed call.
import { expect } from 'chai';
import { printfLogger, type LineLogger } from '../../src/log/printf-logger.js';

function target(): { logger: LineLogger; lines: Array<[string, string]> } {
  const lines: Array<[string, string]> = [];
  const at = (level: string) => (msg: string) => { lines.push([level, msg]); };
  return { logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }, lines };
}

/** What @grpc/grpc-js rejects a send with while the proxy is down: a short message, a long stack. */
function grpcError(): Error {
  const err = new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:8081');
  err.stack = `Error: ${err.message}\n${'    at callErrorFromStatus (node_modules/@grpc/grpc-js/build/src/call.js:31:19)\n'.repeat(25)}`;
  Object.assign(err, { code: 14, details: 'No connection established', metadata: { internalRepr: new Map() } });
  return err;
}

// rocketmq-client-nodejs dist/producer/Producer.js, once per failed send (maxAttempts 1).
const SEND_FAILED = 'Failed to send message(s) finally, run out of attempt times, maxAttempts=%d, attempt=%d, '
  + 'topic=%s, messageId(s)=%s, endpoints=%s, clientId=%s, error=%s';

function manualWindow() {
  let now = 0;
  let fire: (() => void) | null = null;
  return {
    options: { intervalMs: 60_000, now: () => now, schedule: (fn: () => void) => { fire = fn; return () => { fire = null; }; } },
    elapse: (ms: number) => { now += ms; const f = fire; fire = null; f?.(); },
  };
}

describe('log/printf-logger', () => {
  it('1000 failed sends: the first line at once without the stack, then one line with the count', () => {
    const { logger, lines } = target();
    const clock = manualWindow();
    const log = printfLogger(logger, '[rocketmq-client]', clock.options);
    for (let i = 0; i < 1000; i++) log.error(SEND_FAILED, 1, 1, 'im-c2c-msg-topic', [`MSG${i}`], 'proxy:8081', 'client-1', grpcError());
    expect(lines).to.deep.equal([[
      'error',
      '[rocketmq-client] Failed to send message(s) finally, run out of attempt times, maxAttempts=1, attempt=1, topic=im-c2c-msg-topic, '
        + 'messageId(s)=[ \'MSG0\' ], endpoints=proxy:8081, clientId=client-1, '
        + 'error=14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:8081',
    ]]);
    clock.elapse(60_000);
    expect(lines).to.have.length(2);
    expect(lines[1]).to.deep.equal(['error', `[rocketmq-client] 999 more in the last 60 s like: ${SEND_FAILED}`]);
    expect(lines.join('\n')).not.to.contain('callErrorFromStatus');
  });

  it('each template and level is limited on its own; a line that came once is not summarized', () => {
    const { logger, lines } = target();
    const clock = manualWindow();
    const log = printfLogger(logger, '[c]', clock.options);
    log.info('started, clientId=%s', 'a');
    for (let i = 0; i < 3; i++) log.warn('Heartbeat failed for endpoints=%s, error=%s', 'e', 'down');
    log.error('Heartbeat failed for endpoints=%s, error=%s', 'e', 'down');
    log.error(grpcError());
    clock.elapse(60_000);
    expect(lines).to.deep.equal([
      ['info', '[c] started, clientId=a'],
      ['warn', '[c] Heartbeat failed for endpoints=e, error=down'],
      ['error', '[c] Heartbeat failed for endpoints=e, error=down'],
      ['error', `[c] ${grpcError().message}`],
      ['warn', '[c] 2 more in the last 60 s like: Heartbeat failed for endpoints=%s, error=%s'],
    ]);
  });

  it('flush() writes the pending counts at once (the publisher flushes on close)', () => {
    const { logger, lines } = target();
    const log = printfLogger(logger, '[c]', manualWindow().options);
    log.warn('x=%s', 1);
    log.warn('x=%s', 2);
    log.flush();
    expect(lines.map(([, m]) => m)).to.deep.equal(['[c] x=1', '[c] 1 more in the last 0 s like: x=%s']);
  });

  it('has no close(): the client closes its logger on shutdown, which must not close ours', () => {
    expect(printfLogger(target().logger, '[c]')).not.to.have.property('close');
  });
});
