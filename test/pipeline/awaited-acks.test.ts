import { expect } from 'chai';
import { AwaitedAcks, MAX_AWAITED } from '../../src/pipeline/awaited-acks.js';

const id = (i: number) => String(9007199254740993n + BigInt(i));

describe('pipeline/awaited-acks', () => {
  it('gives back only ids it holds, once', () => {
    const acks = new AwaitedAcks();
    expect(acks.take([id(0)])).to.deep.equal([]);
    acks.add(id(0));
    acks.add(id(1));
    expect(acks.take([id(1), id(2), id(0)])).to.deep.equal([id(1), id(0)]);
    expect(acks.take([id(0), id(1)])).to.deep.equal([]);
  });

  it('holds at most MAX_AWAITED ids, forgetting the oldest; a re-push makes an id young again', () => {
    const acks = new AwaitedAcks();
    for (let i = 0; i <= MAX_AWAITED; i++) {
      acks.add(id(i));
      if (i === MAX_AWAITED - 1) acks.add(id(0));
    }
    expect(acks.take([id(0), id(1), id(2), id(MAX_AWAITED)])).to.deep.equal([id(0), id(2), id(MAX_AWAITED)]);
  });

  it('also gives back what was owed at login, once, however many of the ids it holds', () => {
    const acks = new AwaitedAcks();
    acks.owed(Array.from({ length: MAX_AWAITED * 2 }, (_, i) => id(i)));
    acks.add(id(0));
    for (let i = 0; i < MAX_AWAITED; i++) acks.add(id(10_000 + i));
    expect(acks.take([id(0), id(MAX_AWAITED * 2 - 1), id(MAX_AWAITED * 2)]), 'not evicted by pushes').to.deep.equal([id(0), id(MAX_AWAITED * 2 - 1)]);
    expect(acks.take([id(0)]), 'given and owed, taken from both').to.deep.equal([]);
  });
});
