// The TCP framing with bytes only: no sockets.
import { expect } from 'chai';
import { LengthPrefixDecoder, lengthPrefixed } from '../../src/transport/length-prefix.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const asArrays = (frames: Uint8Array[]) => frames.map((f) => [...f]);

describe('LengthPrefixDecoder', () => {
  it('writes the length big-endian in front of the frame', () => {
    expect([...lengthPrefixed(bytes(7, 8, 9))]).to.deep.equal([0, 0, 0, 3, 7, 8, 9]);
    const long = lengthPrefixed(new Uint8Array(0x0102_03));
    expect([...long.subarray(0, 4)]).to.deep.equal([0, 1, 2, 3]);
  });

  it('reads several frames from one chunk, in order', () => {
    const decoder = new LengthPrefixDecoder(100);
    const chunk = Buffer.concat([lengthPrefixed(bytes(1)), lengthPrefixed(bytes(2, 2)), lengthPrefixed(bytes(3, 3, 3))]);
    expect(asArrays(decoder.push(chunk))).to.deep.equal([[1], [2, 2], [3, 3, 3]]);
  });

  it('reads a frame fed one byte at a time, its length included', () => {
    const decoder = new LengthPrefixDecoder(100);
    const stream = Buffer.concat([lengthPrefixed(bytes(1, 2, 3, 4, 5)), lengthPrefixed(bytes(6))]);
    const frames: Uint8Array[] = [];
    for (const b of stream) frames.push(...decoder.push(bytes(b)));
    expect(asArrays(frames)).to.deep.equal([[1, 2, 3, 4, 5], [6]]);
  });

  it('reads frames cut at every possible point', () => {
    const stream = Buffer.concat([lengthPrefixed(bytes(1, 2, 3)), lengthPrefixed(bytes()), lengthPrefixed(bytes(4, 5))]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const decoder = new LengthPrefixDecoder(100);
      const frames = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(asArrays(frames), `cut at ${cut}`).to.deep.equal([[1, 2, 3], [], [4, 5]]);
    }
  });

  it('keeps frames it handed out intact when later bytes arrive', () => {
    const decoder = new LengthPrefixDecoder(100);
    const first = decoder.push(Buffer.concat([lengthPrefixed(bytes(1, 1)), lengthPrefixed(bytes(2, 2)).subarray(0, 5)]));
    const second = decoder.push(bytes(2));
    expect(asArrays([...first, ...second])).to.deep.equal([[1, 1], [2, 2]]);
  });

  it('reports a zero-length frame as an empty frame', () => {
    const decoder = new LengthPrefixDecoder(100);
    expect(asArrays(decoder.push(bytes(0, 0, 0, 0)))).to.deep.equal([[]]);
    expect(decoder.oversized).to.equal(null);
  });

  it('accepts a frame of exactly the limit', () => {
    const decoder = new LengthPrefixDecoder(5);
    expect(decoder.push(lengthPrefixed(new Uint8Array(5)))).to.have.length(1);
    expect(decoder.oversized).to.equal(null);
  });

  it('stops at a length above the limit as soon as the length is in, and ignores the rest', () => {
    const decoder = new LengthPrefixDecoder(5);
    const frames = decoder.push(Buffer.concat([lengthPrefixed(bytes(1)), bytes(0, 0), bytes(0)]));
    expect(asArrays(frames)).to.deep.equal([[1]]);
    expect(decoder.oversized).to.equal(null);
    expect(decoder.push(bytes(6))).to.deep.equal([]);
    expect(decoder.oversized).to.equal(6);
    // what follows is the oversized body (or anything): never a frame
    expect(decoder.push(lengthPrefixed(bytes(1)))).to.deep.equal([]);
    expect(decoder.oversized).to.equal(6);
  });

  it('reads the largest length the prefix holds without trouble', () => {
    const decoder = new LengthPrefixDecoder(65536);
    expect(decoder.push(bytes(0xff, 0xff, 0xff, 0xff))).to.deep.equal([]);
    expect(decoder.oversized).to.equal(0xffff_ffff);
  });
});
