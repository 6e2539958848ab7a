// A scripted fake gateway for the SDK tests: real sockets and the real codec, but every reply
// (or silence) chosen by the test.
import type { Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { decodeFrame, encodeFrame } from '../../src/protocol/codec.js';
import { Cmd, type Bodies, type Frame, type FrameOf, type KnownCmd } from '../../src/protocol/messages.js';
import { waitFor } from './support.js';

export const BIG_USER = '9007199254740993'; // 2^53 + 1

/** One accepted connection, seen from the server side. */
export class FakeConn {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;

  constructor(readonly ws: WebSocket, readonly socket: Socket) {}

  reply<C extends KnownCmd>(cmd: C, seq: number, body: Bodies[C]): void {
    this.ws.send(encodeFrame(cmd, seq, body));
  }

  all<C extends KnownCmd>(cmd: C): FrameOf<C>[] {
    return this.frames.filter((f) => f.cmd === cmd) as FrameOf<C>[];
  }

  next<C extends KnownCmd>(cmd: C, index = 0): Promise<FrameOf<C>> {
    return waitFor(() => this.all(cmd)[index], `${Cmd[cmd]} #${index}`);
  }

  /** Acked msg ids, across every C2C_ACK received. */
  ackedIds(): string[] {
    return this.all(Cmd.C2C_ACK).flatMap((f) => f.body.msgIds);
  }
}

export type Handler = (conn: FakeConn, frame: Frame) => void;

export class FakeServer {
  readonly conns: FakeConn[] = [];
  heartbeatIntervalMs = 60_000;
  /** The user every login is answered for. */
  userId = BIG_USER;
  /** What the server does with each frame; tests replace it and fall back to `standard`. */
  handler: Handler = (conn, frame) => this.standard(conn, frame);

  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (ws, req) => {
      const conn = new FakeConn(ws, req.socket);
      this.conns.push(conn);
      ws.on('message', (data: Buffer) => {
        const frame = decodeFrame(data);
        conn.frames.push(frame);
        this.handler(conn, frame);
      });
      ws.on('close', (code) => (conn.closeCode = code));
    });
  }

  static async start(): Promise<FakeServer> {
    const wss = new WebSocketServer({ port: 0, path: '/ws' });
    await new Promise((resolve) => wss.once('listening', resolve));
    return new FakeServer(wss);
  }

  get url(): string {
    const address = this.wss.address();
    if (address === null || typeof address === 'string') throw new Error('unexpected pipe address');
    return `ws://127.0.0.1:${address.port}/ws`;
  }

  /** Logs everyone in and answers PING; everything else is only recorded. */
  standard(conn: FakeConn, frame: Frame): void {
    if (frame.cmd === Cmd.AUTH_REQ) {
      conn.reply(Cmd.AUTH_RESP, frame.seq, {
        userId: this.userId, sessionId: `s${this.conns.length}`, heartbeatIntervalMs: this.heartbeatIntervalMs, serverTimeMs: Date.now(),
      });
    } else if (frame.cmd === Cmd.PING) {
      conn.reply(Cmd.PONG, frame.seq, { clientTimeMs: frame.body.clientTimeMs, serverTimeMs: Date.now() });
    }
  }

  conn(index: number): Promise<FakeConn> {
    return waitFor(() => this.conns[index], `connection #${index}`);
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise((resolve) => this.wss.close(resolve));
  }
}
