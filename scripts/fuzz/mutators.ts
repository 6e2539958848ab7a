// Seeded byte-level mutations of frames, shared by the in-process codec fuzz
// (test/protocol/fuzz.test.ts) and the gateway fuzz (`npm run fuzz`), so that a seed names the same
// cases wherever it is replayed.
import { encodeFrame } from '../../src/protocol/codec.js';
import { BODY_CODECS, Cmd, FrameMessage, MsgFormat, type KnownCmd } from '../../src/protocol/messages.js';

export type Random = () => number;

/** xorshift32: small, fast and the same on every machine. */
export function prng(seed: number): Random {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

export function below(random: Random, n: number): number {
  return Math.floor(random() * n);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[below(random, items.length)]!;
}

/** Valid frames to mutate: every command with an empty body, and a few full ones. */
export const VALID: readonly Uint8Array[] = [
  ...(Object.keys(BODY_CODECS).map(Number) as KnownCmd[]).map((cmd) => encodeFrame(cmd, 7, BODY_CODECS[cmd].decode(new Uint8Array()) as never)),
  encodeFrame(Cmd.C2C_SEND_REQ, 1, { clientMsgId: 'c-1', toUserId: '18446744073709551615', content: 'héllo 😀', format: MsgFormat.TEXT }),
  encodeFrame(Cmd.GROUP_SEND_REQ, 2, { clientMsgId: 'g', groupId: '4611686018427387905', content: 'x', format: MsgFormat.TEXT, mentionUserIds: ['1', '9223372036854775808'] }),
  encodeFrame(Cmd.AUTH_REQ, 3, { token: 'a.b.c', deviceId: 'phone', platform: 'ios', echoOwnMessages: true }),
];

/** A varint that runs to 10 bytes, far past any length or 32-bit field. */
const HUGE_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];

/** One to four byte edits: replace, insert, delete, truncate, or a huge varint spliced in. */
export function mutate(bytes: Uint8Array, random: Random): Uint8Array {
  const out = [...bytes];
  const edits = 1 + below(random, 4);
  for (let e = 0; e < edits; e++) {
    const at = below(random, out.length + 1);
    switch (below(random, 5)) {
      case 0: if (out.length > 0) out[at % out.length] = below(random, 256); break;
      case 1: out.splice(at, 0, below(random, 256)); break;
      case 2: out.splice(at, 1); break;
      case 3: out.length = Math.min(out.length, at); break;
      default: out.splice(at, 0, ...HUGE_VARINT);
    }
  }
  return Uint8Array.from(out);
}

export function flipBits(bytes: Uint8Array, random: Random): Uint8Array {
  const out = Uint8Array.from(bytes);
  if (out.length === 0) return out;
  const flips = 1 + below(random, 3);
  for (let i = 0; i < flips; i++) out[below(random, out.length)]! ^= 1 << below(random, 8);
  return out;
}

/** Cut anywhere, the empty frame included. */
export function truncate(bytes: Uint8Array, random: Random): Uint8Array {
  return bytes.slice(0, below(random, bytes.length));
}

export function randomBytes(random: Random, maxLength: number): Uint8Array {
  return Uint8Array.from({ length: below(random, maxLength + 1) }, () => below(random, 256));
}

/** An envelope with any version and cmd number, which encodeFrame would never write. */
export function envelope(version: number, cmd: number, seq: number, body: Uint8Array): Uint8Array {
  return FrameMessage.encode({ version, cmd, seq, body }).finish();
}

/** The body of a frame made by encodeFrame (its field 4). */
export function bodyOf(frame: Uint8Array): Uint8Array {
  return (FrameMessage.decode(frame) as unknown as { body: Uint8Array }).body;
}

export function varint(value: bigint): number[] {
  const out: number[] = [];
  let v = value;
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return out;
}

/** One protobuf field: tag and payload (a varint value, or length-delimited bytes). */
export function field(no: number, payload: bigint | Uint8Array): number[] {
  if (typeof payload === 'bigint') return [...varint(BigInt(no) << 3n), ...varint(payload)];
  return [...varint((BigInt(no) << 3n) | 2n), ...varint(BigInt(payload.length)), ...payload];
}

/**
 * A length-delimited field whose length claims far more than follows: 5 bytes of 2^32-1 (past the
 * end), or 10 bytes (more than a length may take).
 */
export function hugeLength(no: number, random: Random): number[] {
  const length = random() < 0.5 ? [0xff, 0xff, 0xff, 0xff, 0x0f] : HUGE_VARINT;
  return [...varint((BigInt(no) << 3n) | 2n), ...length, ...Array.from({ length: below(random, 8) }, () => below(random, 256))];
}

/** Byte strings that are not UTF-8: a lone continuation, a cut sequence, a surrogate, overlong, 0xff. */
const NOT_UTF8 = [[0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xff, 0xfe], [0xf4, 0x90, 0x80, 0x80]];

export function invalidUtf8(random: Random): Uint8Array {
  const text = [...Buffer.from(`x${below(random, 1000)}`)];
  text.splice(below(random, text.length + 1), 0, ...pick(random, NOT_UTF8));
  return Uint8Array.from(text);
}
