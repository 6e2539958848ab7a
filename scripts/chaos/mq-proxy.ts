// A TCP proxy in front of the shared RocketMQ gRPC proxy, which the chaos harness cuts to make a
// broker outage for its own gateway nodes only (other test suites use the same broker meanwhile).
//
// Cutting the connection alone would not be enough: the broker answers a route query with its own
// address (the host the client asked, but its configured gRPC port, 8081), and the client then
// publishes there directly. So in the broker-to-client direction every address field naming port
// 8081 on the upstream host is rewritten to this proxy's port. The rewrite keeps every length
// intact (both ports are two-byte varints), so HTTP/2 frames and gRPC messages stay valid, and the
// nodes' whole conversation with the broker passes through here.
import net from 'node:net';

/** The protobuf `Address { host = 1; port = 2 }` fields naming host:port, as they appear on the wire. */
function addressBytes(host: string, port: number): Buffer {
  const hostBytes = Buffer.from(host, 'utf8');
  return Buffer.concat([Buffer.from([0x0a, hostBytes.length]), hostBytes, Buffer.from([0x10]), varint(port)]);
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}

const FRAME_HEADER = 9;

/**
 * Rewrites `from` to `to` (same length) inside whole HTTP/2 frames. Frames are buffered until
 * complete, so a pattern is never split across TCP chunks; a frame is a few KiB at most here.
 */
class FrameRewriter {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly from: Buffer, private readonly to: Buffer) {
    if (from.length !== to.length) throw new Error('a rewrite must keep the length');
  }

  push(chunk: Buffer): Buffer {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let end = 0;
    while (this.pending.length - end >= FRAME_HEADER) {
      const length = this.pending.readUIntBE(end, 3);
      if (this.pending.length - end < FRAME_HEADER + length) break;
      end += FRAME_HEADER + length;
    }
    const whole = Buffer.from(this.pending.subarray(0, end));
    this.pending = this.pending.subarray(end);
    for (let i = whole.indexOf(this.from); i >= 0; i = whole.indexOf(this.from, i + this.to.length)) this.to.copy(whole, i);
    return whole;
  }
}

export class MqProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();

  constructor(readonly port: number, private readonly upstreamHost: string, private readonly upstreamPort: number) {
    if (varint(port).length !== varint(upstreamPort).length) {
      throw new Error(`MQ proxy port ${port} and upstream port ${upstreamPort} must have varints of one length`);
    }
  }

  /** The endpoint the gateway nodes are configured with. */
  get endpoint(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const from = addressBytes(this.upstreamHost, this.upstreamPort);
    const to = addressBytes('127.0.0.1', this.port);
    const server = net.createServer((client) => {
      const upstream = net.connect(this.upstreamPort, this.upstreamHost);
      const rewriter = new FrameRewriter(from, to);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        const out = rewriter.push(chunk);
        if (out.length > 0 && !client.write(out)) {
          upstream.pause();
          client.once('drain', () => upstream.resume());
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** The outage: existing connections are destroyed and new ones refused until `start`. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
