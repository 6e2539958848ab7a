// A bare client speaking frames, for protocol-level tests (the SDK hides too much): RawClient over
// WebSocket here, TcpClient over raw TCP in tcp-client.ts, one way of waiting for frames for both.
import WebSocket from 'ws';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, type Bodies, type Frame, type FrameOf, type KnownCmd } from '../../src/protocol/messages.js';

/** Frames out, frames and the close in, whatever carries them. */
export abstract class FrameClient {
  readonly frames: Frame[] = [];
  /** The WebSocket close code once closed; TCP has none and leaves it null. */
  closeCode: number | null = null;
  /** True once the server (or this client) closed the connection. */
  ended = false;
  private waiters: Array<() => void> = [];
  private seq = 0;

  /** Sends one frame's bytes, as given. */
  abstract sendBytes(bytes: Uint8Array): void;
  abstract close(): void;
  /** Drops the connection without closing it properly, like a client that vanished. */
  abstract terminate(): void;
  /** Stops reading from the socket, so that the server's send buffer fills up. */
  abstract pauseReading(): void;
  abstract resumeReading(): void;

  /** Sends a frame; returns its seq. */
  send<C extends KnownCmd>(cmd: C, body: Bodies[C], seq = ++this.seq): number {
    this.sendBytes(encodeFrame(cmd, seq, body));
    return seq;
  }

  /** Waits for (and removes) the first frame with `cmd` matching `pred`. */
  async next<C extends KnownCmd>(cmd: C, pred: (f: FrameOf<C>) => boolean = () => true, timeoutMs = 5000): Promise<FrameOf<C>> {
    const found = await this.until(() => {
      const i = this.frames.findIndex((f) => f.cmd === cmd && pred(f as FrameOf<C>));
      return i < 0 ? undefined : (this.frames.splice(i, 1)[0] as FrameOf<C>);
    }, timeoutMs, `no ${Cmd[cmd]} frame`);
    return found;
  }

  /** Waits until the connection closed; returns the WebSocket close code (null over TCP). */
  async closed(timeoutMs = 5000): Promise<number | null> {
    const { code } = await this.until(() => (this.ended ? { code: this.closeCode } : undefined), timeoutMs, 'connection not closed');
    return code;
  }

  /** Frames with `cmd` received so far (not removed). */
  all<C extends KnownCmd>(cmd: C): FrameOf<C>[] {
    return this.frames.filter((f) => f.cmd === cmd) as FrameOf<C>[];
  }

  protected received(bytes: Uint8Array): void {
    this.frames.push(decodeFrame(bytes));
    this.notify();
  }

  protected gone(code: number | null): void {
    this.closeCode = code;
    this.ended = true;
    this.notify();
  }

  private until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return false;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`${what} within ${timeoutMs} ms; got ${this.frames.map((f) => Cmd[f.cmd]).join(',') || 'nothing'}`));
      }, timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export class RawClient extends FrameClient {
  private constructor(readonly ws: WebSocket) {
    super();
    ws.on('message', (data: Buffer) => this.received(data));
    ws.on('close', (code) => this.gone(code));
    ws.on('error', () => {});
  }

  /** `localAddress`: the source address to connect from (any of 127.0.0.0/8 on loopback). */
  static async open(url: string, localAddress?: string): Promise<RawClient> {
    const ws = new WebSocket(url, localAddress === undefined ? {} : { localAddress });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawClient(ws);
  }

  /** Sends one WebSocket message: binary, or text for a string. */
  sendBytes(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  close(): void {
    this.ws.close();
  }

  terminate(): void {
    this.ws.terminate();
  }

  pauseReading(): void {
    this.socket().pause();
  }

  resumeReading(): void {
    this.socket().resume();
  }

  private socket(): { pause(): void; resume(): void } {
    return (this.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  }
}
