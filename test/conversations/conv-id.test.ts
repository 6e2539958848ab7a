import { expect } from 'chai';
import { c2cConvId, groupConvId, parseConvId, peerOf, type ConvRef } from '../../src/conversations/conv-id.js';

const BIG = '9223372036854775808'; // 2^63
const MAX = '18446744073709551615'; // 2^64 - 1
const NEAR_SAFE = '9007199254740993'; // 2^53 + 1: a number would round it to 2^53

describe('conversations/conv-id', () => {
  describe('c2cConvId', () => {
    it('orders the two ids numerically, not as strings', () => {
      expect(c2cConvId('9', '10')).to.equal('c_9_10');
      expect(c2cConvId('10', '9')).to.equal('c_9_10');
      expect(c2cConvId('99', '100')).to.equal('c_99_100');
    });

    it('is the same for both directions, with ids above 2^53 and 2^63', () => {
      expect(c2cConvId(MAX, BIG)).to.equal(`c_${BIG}_${MAX}`);
      expect(c2cConvId(BIG, MAX)).to.equal(`c_${BIG}_${MAX}`);
      expect(c2cConvId('9007199254740993', '9007199254740992')).to.equal('c_9007199254740992_9007199254740993');
      expect(c2cConvId('1', NEAR_SAFE)).to.equal(`c_1_${NEAR_SAFE}`);
    });

    it('a note to yourself is c_<u>_<u>', () => {
      expect(c2cConvId(BIG, BIG)).to.equal(`c_${BIG}_${BIG}`);
    });

    it('round-trips through parseConvId', () => {
      expect(parseConvId(c2cConvId(MAX, NEAR_SAFE))).to.deep.equal({ kind: 'c2c', convId: `c_${NEAR_SAFE}_${MAX}`, lo: NEAR_SAFE, hi: MAX });
    });
  });

  describe('groupConvId', () => {
    it('is g_<group_id>', () => {
      expect(groupConvId(MAX)).to.equal(`g_${MAX}`);
      expect(parseConvId(groupConvId(BIG))).to.deep.equal({ kind: 'group', convId: `g_${BIG}`, groupId: BIG });
    });
  });

  describe('parseConvId', () => {
    it('accepts c_<lo>_<hi>, a note to yourself c_5_5, and g_<id>', () => {
      expect(parseConvId('c_1_2')).to.deep.equal({ kind: 'c2c', convId: 'c_1_2', lo: '1', hi: '2' });
      expect(parseConvId('c_9_10')).to.deep.equal({ kind: 'c2c', convId: 'c_9_10', lo: '9', hi: '10' });
      expect(parseConvId('c_5_5')).to.deep.equal({ kind: 'c2c', convId: 'c_5_5', lo: '5', hi: '5' });
      expect(parseConvId(`c_${BIG}_${MAX}`)).to.deep.equal({ kind: 'c2c', convId: `c_${BIG}_${MAX}`, lo: BIG, hi: MAX });
      expect(parseConvId('g_7')).to.deep.equal({ kind: 'group', convId: 'g_7', groupId: '7' });
      expect(parseConvId(`g_${MAX}`)).to.deep.equal({ kind: 'group', convId: `g_${MAX}`, groupId: MAX });
    });

    const rejected: Array<[string, string]> = [
      ['c_2_1', 'lo above hi'],
      ['c_10_9', 'lo above hi numerically (though "10" < "9" as strings)'],
      [`c_${MAX}_${BIG}`, 'lo above hi, above 2^63'],
      ['c_01_2', 'a leading zero'],
      ['c_1_02', 'a leading zero in hi'],
      ['c_0_1', 'user id 0'],
      ['c_1', 'one id'],
      ['c_', 'no ids'],
      ['c_1_2_3', 'three ids'],
      ['c_1_2_', 'a trailing separator'],
      ['c__1_2', 'an empty id'],
      ['c_1_18446744073709551616', 'above 2^64 - 1'],
      ['c_-1_2', 'a sign'],
      ['c_+1_2', 'a plus sign'],
      ['c_1_2 ', 'a trailing space'],
      ['c_1.0_2', 'a decimal point'],
      ['C_1_2', 'an upper-case prefix'],
      ['x_1_2', 'an unknown prefix'],
      ['1_2', 'no prefix'],
      ['', 'empty'],
      ['g_', 'no group id'],
      ['g_0', 'group id 0'],
      ['g_01', 'a leading zero in the group id'],
      ['g_1_2', 'two group ids'],
      ['g_18446744073709551616', 'group id above 2^64 - 1'],
    ];
    for (const [convId, why] of rejected) {
      it(`rejects ${JSON.stringify(convId)} (${why})`, () => {
        expect(parseConvId(convId)).to.equal(null);
      });
    }
  });

  describe('peerOf', () => {
    const ref = parseConvId(`c_${NEAR_SAFE}_${BIG}`)!;

    it('is the other user for either participant', () => {
      expect(peerOf(ref, NEAR_SAFE)).to.equal(BIG);
      expect(peerOf(ref, BIG)).to.equal(NEAR_SAFE);
    });

    it('is null for someone who is not a participant (also one that a number would confuse with one)', () => {
      expect(peerOf(ref, MAX)).to.equal(null);
      expect(peerOf(ref, '9007199254740992')).to.equal(null);
    });

    it('is the user itself in a note to yourself', () => {
      expect(peerOf(parseConvId(`c_${MAX}_${MAX}`)!, MAX)).to.equal(MAX);
      expect(peerOf(parseConvId(`c_${MAX}_${MAX}`)!, BIG)).to.equal(null);
    });

    it('is null in a group', () => {
      const group: ConvRef = { kind: 'group', convId: `g_${BIG}`, groupId: BIG };
      expect(peerOf(group, BIG)).to.equal(null);
    });
  });
});
