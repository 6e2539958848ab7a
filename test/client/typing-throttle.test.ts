import { expect } from 'chai';
import { TYPING_INTERVAL_MS, TypingThrottle } from '../../src/client/typing-throttle.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('client/TypingThrottle', () => {
  let sent: Array<[string, boolean]>;
  let throttle: TypingThrottle;

  beforeEach(() => {
    sent = [];
    throttle = new TypingThrottle((convId, typing) => sent.push([convId, typing]), 40);
  });
  afterEach(() => throttle.clear());

  it('keeps at least the gateway interval (3 s) between two sends by default', () => {
    expect(TYPING_INTERVAL_MS).to.be.greaterThan(3000);
  });

  it('sends the first at once, drops repeats and sends only the latest change after the interval', async () => {
    throttle.typing('c_1_2', true);
    throttle.typing('c_1_2', true);
    throttle.typing('c_1_2', false);
    throttle.typing('c_1_2', true);
    throttle.typing('c_1_2', false);
    expect(sent).to.deep.equal([['c_1_2', true]]);
    await sleep(60);
    expect(sent).to.deep.equal([['c_1_2', true], ['c_1_2', false]]);
    await sleep(60);
    expect(sent).to.have.length(2);
  });

  it('sends nothing after the interval when the state went back to what was sent', async () => {
    throttle.typing('c_1_2', true);
    throttle.typing('c_1_2', false);
    throttle.typing('c_1_2', true);
    await sleep(60);
    expect(sent).to.deep.equal([['c_1_2', true]]);
    throttle.typing('c_1_2', true); // the interval is over: a keep-alive
    expect(sent).to.have.length(2);
  });

  it('throttles each conversation on its own', () => {
    throttle.typing('c_1_2', true);
    throttle.typing('c_1_3', true);
    throttle.typing('c_1_2', true);
    expect(sent).to.deep.equal([['c_1_2', true], ['c_1_3', true]]);
  });

  it('clear() cancels what waits', async () => {
    throttle.typing('c_1_2', true);
    throttle.typing('c_1_2', false);
    throttle.clear();
    await sleep(60);
    expect(sent).to.deep.equal([['c_1_2', true]]);
  });
});
