import { expect } from 'chai';
import { BestEffortFanout, type Fanout } from '../../src/messaging/fanout.js';
import { Cmd } from '../../src/protocol/messages.js';
import type { Logger } from '../../src/log/logger.js';
import { fake } from '../support/fakes.js';

const USER = '9223372036854775809';
const NOTICE = { convId: `c_1_${USER}`, userId: USER, readSeq: '9007199254740993' };

describe('messaging/fanout BestEffortFanout', () => {
  it('passes deliveries through with their target and count', async () => {
    const calls: unknown[] = [];
    const inner: Fanout = { deliver: async (...args) => { calls.push(args); return 3; } };
    const fanout = new BestEffortFanout(inner, fake<Logger>({}));
    expect(await fanout.deliver(USER, Cmd.READ_NOTIFY, NOTICE, { echoOnly: true })).to.equal(3);
    expect(calls).to.deep.equal([[USER, Cmd.READ_NOTIFY, NOTICE, { echoOnly: true }]]);
  });

  it('turns a failed delivery into a logged warning that reached nobody, never a rejection', async () => {
    const warnings: unknown[] = [];
    const inner: Fanout = { deliver: async () => { throw new Error('redis down'); } };
    const fanout = new BestEffortFanout(inner, fake<Logger>({ warn: ((message: string, meta: unknown) => { warnings.push([message, meta]); }) as unknown as Logger['warn'] }));
    expect(await fanout.deliver(USER, Cmd.READ_NOTIFY, NOTICE)).to.equal(0);
    expect(warnings).to.have.length(1);
    expect(JSON.stringify(warnings[0])).to.include('redis down');
  });
});
