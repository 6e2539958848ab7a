// protocol/: the wire contract. Pure functions between bytes and typed frames; no sockets here.
import Long from 'long';
import {
  BODY_CODECS, ErrorCode, FrameMessage, PROTOCOL_VERSION,
  type Bodies, type Frame, type KnownCmd,
} from './messages.js';

/** Why bytes could not become a frame; `seq` is the request's when the envelope was readable. */
export class CodecError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly seq = 0) {
    super(message);
    this.name = 'CodecError';
  }
}

/**
 * Converts what protobufjs decoded into plain values: uint64 (unsigned Long) becomes a decimal
 * string, int64 (signed Long, only used for times in ms) becomes a number.
 */
function plain(value: unknown): unknown {
  if (Long.isLong(value)) {
    const long = value as Long;
    return long.unsigned ? long.toString() : long.toNumber();
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Uint8Array) return value;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // for-in, not Object.keys: proto3 defaults of fields absent on the wire live on the prototype.
    for (const key in value) out[key] = plain((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export function isKnownCmd(cmd: number): cmd is KnownCmd {
  return Object.prototype.hasOwnProperty.call(BODY_CODECS, cmd);
}

/** bytes → frame, or throws CodecError (TOO_LARGE, BAD_REQUEST, UNSUPPORTED_VERSION, UNKNOWN_CMD). */
export function decodeFrame(bytes: Uint8Array, maxBytes = Infinity): Frame {
  if (bytes.length > maxBytes) {
    throw new CodecError(ErrorCode.TOO_LARGE, `frame of ${bytes.length} bytes exceeds ${maxBytes}`);
  }
  let envelope: { version: number; cmd: number; seq: number; body: Uint8Array };
  try {
    envelope = FrameMessage.decode(bytes) as typeof envelope;
  } catch (err) {
    throw new CodecError(ErrorCode.BAD_REQUEST, `malformed frame: ${(err as Error).message}`);
  }
  const { version, cmd, seq } = envelope;
  if (version !== PROTOCOL_VERSION) {
    throw new CodecError(ErrorCode.UNSUPPORTED_VERSION, `protocol version ${version} is not supported (use ${PROTOCOL_VERSION})`, seq);
  }
  if (!isKnownCmd(cmd)) throw new CodecError(ErrorCode.UNKNOWN_CMD, `unknown cmd ${cmd}`, seq);
  let body: unknown;
  try {
    body = plain(BODY_CODECS[cmd].decode(envelope.body));
  } catch (err) {
    throw new CodecError(ErrorCode.BAD_REQUEST, `malformed body for cmd ${cmd}: ${(err as Error).message}`, seq);
  }
  return { cmd, seq, body } as Frame;
}

/**
 * frame → bytes. Id strings are written as uint64 by protobufjs itself (it parses decimal
 * strings into 64-bit values), so no id ever passes through a number.
 */
export function encodeFrame<C extends KnownCmd>(cmd: C, seq: number, body: Bodies[C]): Uint8Array {
  const bodyBytes = BODY_CODECS[cmd].encode(body).finish();
  return FrameMessage.encode({ version: PROTOCOL_VERSION, cmd, seq, body: bodyBytes }).finish();
}
