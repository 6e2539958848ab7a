import { decodeFrame, encodeFrame } from './codec.js';
import { Cmd, type Bodies, type Id, type KnownCmd } from './messages.js';

/**
 * A server-initiated frame (seq 0) that is encoded at most once however many sessions, local
 * or on other nodes, it goes to. Made from a body here, or from the bytes another node sent.
 */
export class PushFrame<C extends KnownCmd = KnownCmd> {
  private constructor(
    readonly cmd: C,
    private parsed: Bodies[C] | null,
    private encoded: Uint8Array | null,
    /** The msg_id a session that takes this frame owes a C2C_ACK for (a C2C_PUSH's), else null. */
    readonly ackId: Id | null,
  ) {}

  static of<C extends KnownCmd>(cmd: C, body: Bodies[C]): PushFrame<C> {
    const ackId = cmd === Cmd.C2C_PUSH ? (body as Bodies[typeof Cmd.C2C_PUSH]).message.msgId : null;
    return new PushFrame(cmd, body, null, ackId);
  }

  /** Bytes as encodeFrame(cmd, 0, body) made them, e.g. forwarded by another node with its ackId. */
  static encoded<C extends KnownCmd>(cmd: C, bytes: Uint8Array, ackId: Id | null = null): PushFrame<C> {
    return new PushFrame(cmd, null, bytes, ackId);
  }

  get bytes(): Uint8Array {
    return (this.encoded ??= encodeFrame(this.cmd, 0, this.parsed!));
  }

  /** The body; decoded on first use when the frame arrived as bytes (tests, not the push path). */
  get body(): Bodies[C] {
    return (this.parsed ??= decodeFrame(this.encoded!).body as Bodies[C]);
  }
}
