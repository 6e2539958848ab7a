// A bare WebSocket client speaking frames, for protocol-level tests (the SDK hides too much).
import WebSocket from 'ws';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, type Bodies, type Frame, type FrameOf, type KnownCmd } from '../../src/protocol/messages.js';

export class RawClient {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private waiters: Array<() => void> = [];
  private seq = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(decodeFrame(data));
      this.notify();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
    ws.on('error', () => {});
  }

  static async open(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawClient(ws);
  }

  /** Sends a frame; returns its seq. */
  send<C extends KnownCmd>(cmd: C, body: Bodies[C], seq = ++this.seq): number {
    this.ws.send(encodeFrame(cmd, seq, body));
    return seq;
  }

  sendBytes(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  /** Waits for (and removes) the first frame with `cmd` matching `pred`. */
  async next<C extends KnownCmd>(cmd: C, pred: (f: FrameOf<C>) => boolean = () => true, timeoutMs = 5000): Promise<FrameOf<C>> {
    const found = await this.until(() => {
      const i = this.frames.findIndex((f) => f.cmd === cmd && pred(f as FrameOf<C>));
      return i < 0 ? undefined : (this.frames.splice(i, 1)[0] as FrameOf<C>);
    }, timeoutMs, `no ${Cmd[cmd]} frame`);
    return found;
  }

  /** Waits until the server closed the connection; returns the close code. */
  async closed(timeoutMs = 5000): Promise<number> {
    return this.until(() => this.closeCode ?? undefined, timeoutMs, 'connection not closed');
  }

  /** Frames with `cmd` received so far (not removed). */
  all<C extends KnownCmd>(cmd: C): FrameOf<C>[] {
    return this.frames.filter((f) => f.cmd === cmd) as FrameOf<C>[];
  }

  close(): void {
    this.ws.close();
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
