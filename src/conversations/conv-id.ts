// conversations/: conversations and their gap-free sequence: ids, SYNC, HISTORY, READ, TYPING.
import { compareIds, isUserId, type Id } from '../ids/id.js';

export type ConvRef =
  | { kind: 'c2c'; convId: string; lo: Id; hi: Id }
  | { kind: 'group'; convId: string; groupId: Id };

/** `c_<lo>_<hi>`: the same for both directions; a note to yourself is `c_<u>_<u>`. */
export function c2cConvId(a: Id, b: Id): string {
  return compareIds(a, b) <= 0 ? `c_${a}_${b}` : `c_${b}_${a}`;
}

/** `im_c2c_message.chat_id`, version 1's name of a pair: the c2c conv_id without its `c_`. */
export function chatIdOf(c2cConvId: string): string {
  return c2cConvId.slice(2);
}

export function groupConvId(groupId: Id): string {
  return `g_${groupId}`;
}

/** The conversation a conv_id names, or null when it is not a well-formed one. */
export function parseConvId(convId: string): ConvRef | null {
  if (convId.startsWith('c_')) {
    const [lo, hi, rest] = convId.slice(2).split('_');
    if (rest !== undefined || !isUserId(lo) || !isUserId(hi) || compareIds(lo, hi) > 0) return null;
    return { kind: 'c2c', convId, lo, hi };
  }
  if (convId.startsWith('g_')) {
    const groupId = convId.slice(2);
    return isUserId(groupId) ? { kind: 'group', convId, groupId } : null;
  }
  return null;
}

/** The other user of a one-to-one conversation (the user itself for a note to yourself), or null. */
export function peerOf(ref: ConvRef, userId: Id): Id | null {
  if (ref.kind !== 'c2c') return null;
  if (ref.lo === userId) return ref.hi;
  if (ref.hi === userId) return ref.lo;
  return null;
}
