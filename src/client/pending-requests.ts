// Requests waiting for their reply, by seq. Each one ends exactly once: reply, ERROR, timeout,
// or a disconnect / close decided by the client.
import { Cmd, type Bodies, type Frame, type KnownCmd } from '../protocol/messages.js';
import { ImError } from './im-error.js';

interface Entry {
  reply: KnownCmd;
  frame: Uint8Array;
  /** Idempotent on the server (C2C_SEND_REQ by client_msg_id): re-sent after a reconnect. */
  resend: boolean;
  resolve(body: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

export class PendingRequests {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly timeoutMs: number) {}

  has(seq: number): boolean {
    return this.entries.has(seq);
  }

  /** Registers the request whose encoded `frame` carries `seq`; the promise ends with its reply body. */
  add<R extends KnownCmd>(seq: number, reply: R, frame: Uint8Array, resend: boolean): Promise<Bodies[R]> {
    return new Promise<Bodies[R]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.entries.delete(seq);
        reject(ImError.local('timeout', `no ${Cmd[reply]} for seq ${seq} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.entries.set(seq, { reply, frame, resend, resolve: resolve as (body: unknown) => void, reject, timer });
    });
  }

  /** Ends the request `frame` answers (its reply cmd or ERROR with its seq); false if none waits for it. */
  settle(frame: Frame): boolean {
    const entry = this.entries.get(frame.seq);
    if (!entry) return false;
    if (frame.cmd === Cmd.ERROR) {
      this.finish(frame.seq, entry);
      entry.reject(new ImError(frame.body.code, frame.body.message));
      return true;
    }
    if (frame.cmd !== entry.reply) return false;
    this.finish(frame.seq, entry);
    entry.resolve(frame.body);
    return true;
  }

  /** After a connection drops: fails what cannot be re-sent; the rest wait for the next login. */
  dropConnection(err: ImError): void {
    for (const [seq, entry] of this.entries) {
      if (entry.resend) continue;
      this.finish(seq, entry);
      entry.reject(err);
    }
  }

  /** Frames to write again on a fresh connection, oldest first. */
  resendable(): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (const entry of this.entries.values()) if (entry.resend) frames.push(entry.frame);
    return frames;
  }

  failAll(err: ImError): void {
    for (const [seq, entry] of this.entries) {
      this.finish(seq, entry);
      entry.reject(err);
    }
  }

  private finish(seq: number, entry: Entry): void {
    clearTimeout(entry.timer);
    this.entries.delete(seq);
  }
}
