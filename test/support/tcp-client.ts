// A bare client of the raw TCP port (4-byte big-endian length, then a frame), and a test gateway
// that serves it.
import net from 'node:net';
import { LengthPrefixDecoder, MAX_PREFIXED_LENGTH, lengthPrefixed } from '../../src/transport/length-prefix.js';
import { FrameClient } from './raw-client.js';
import { startGateway, type TestGateway } from './gateway.js';

export class TcpClient extends FrameClient {
  private readonly decoder = new LengthPrefixDecoder(MAX_PREFIXED_LENGTH);

  private constructor(readonly socket: net.Socket) {
    super();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) this.received(frame);
    });
    socket.on('close', () => this.gone(null));
    socket.on('error', () => {});
  }

  static async open(port: number, host = '127.0.0.1'): Promise<TcpClient> {
    const socket = net.connect({ port, host, noDelay: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    return new TcpClient(socket);
  }

  /** Sends one frame: its length, then the bytes. */
  sendBytes(bytes: Uint8Array): void {
    this.socket.write(lengthPrefixed(bytes));
  }

  /** Writes bytes to the stream as they are: a piece of a frame, several frames, a bare length. */
  sendRaw(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (err) => (err ? reject(err) : resolve())));
  }

  close(): void {
    this.socket.end();
  }

  terminate(): void {
    this.socket.destroy();
  }

  pauseReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }
}

/** A bare 4-byte big-endian length. */
export function lengthOnly(length: number): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(length, 0);
  return prefix;
}

export interface TcpTestGateway extends TestGateway {
  tcpPort: number;
}

type Overrides = Parameters<typeof startGateway>[0];

/** A free loopback port, for config keys where 0 does not mean "any". */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An embedded test gateway that also serves raw TCP (`server.tcpPort`). */
export async function startTcpGateway(overrides: Overrides = {}): Promise<TcpTestGateway> {
  const gw = await startGateway({ ...overrides, server: { ...overrides.server, tcpPort: await freePort() } });
  return { ...gw, tcpPort: gw.gateway.tcpPort };
}
