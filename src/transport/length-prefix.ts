// transport/: the raw TCP framing. Pure: bytes in, frames out; it never touches a socket.

/** Bytes of the big-endian length in front of every frame on the TCP transport. */
export const PREFIX_BYTES = 4;

/** The largest length the prefix can express. */
export const MAX_PREFIXED_LENGTH = 0xffff_ffff;

/** `frame` with its 4-byte big-endian length in front. */
export function lengthPrefixed(frame: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(PREFIX_BYTES + frame.length);
  out.writeUInt32BE(frame.length, 0);
  out.set(frame, PREFIX_BYTES);
  return out;
}

/**
 * Cuts a TCP byte stream into frames: a 4-byte big-endian length, then that many bytes. It holds
 * at most one unfinished frame, and it acts on a length above `maxFrameBytes` as soon as the
 * length has arrived: it stops there (`oversized` is that length) and ignores every later byte, so
 * an oversized body is never buffered.
 */
export class LengthPrefixDecoder {
  private state: 'length' | 'body' | 'stopped' = 'length';
  private readonly prefix = Buffer.alloc(PREFIX_BYTES);
  private prefixFill = 0;
  private body = Buffer.alloc(0);
  private bodyFill = 0;
  /** The length that stopped decoding; null while frames fit. */
  oversized: number | null = null;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds the next bytes of the stream; returns the frames they complete, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let at = 0;
    while (at < chunk.length && this.state !== 'stopped') {
      at = this.state === 'length' ? this.readLength(chunk, at, frames) : this.readBody(chunk, at, frames);
    }
    return frames;
  }

  private readLength(chunk: Uint8Array, at: number, frames: Uint8Array[]): number {
    const take = Math.min(PREFIX_BYTES - this.prefixFill, chunk.length - at);
    this.prefix.set(chunk.subarray(at, at + take), this.prefixFill);
    this.prefixFill += take;
    at += take;
    if (this.prefixFill < PREFIX_BYTES) return at;
    this.prefixFill = 0;
    const length = this.prefix.readUInt32BE(0);
    if (length > this.maxFrameBytes) {
      this.oversized = length;
      this.state = 'stopped';
    } else if (chunk.length - at >= length) {
      // The whole frame is in this chunk (the usual case): hand out a view, no copy.
      frames.push(chunk.subarray(at, at + length));
      at += length;
    } else {
      this.state = 'body';
      this.body = Buffer.allocUnsafe(length);
      this.bodyFill = 0;
    }
    return at;
  }

  private readBody(chunk: Uint8Array, at: number, frames: Uint8Array[]): number {
    const take = Math.min(this.body.length - this.bodyFill, chunk.length - at);
    this.body.set(chunk.subarray(at, at + take), this.bodyFill);
    this.bodyFill += take;
    if (this.bodyFill === this.body.length) {
      frames.push(this.body);
      this.state = 'length';
    }
    return at + take;
  }
}
