// A TCP proxy between the soak's clients and the gateway, so that a reconnect storm is a real
// network drop (the gateway sees the socket die, the SDK reconnects with its backoff) rather than
// a polite close from either side.
import net from 'node:net';

export class StormProxy {
  private server: net.Server | null = null;
  /** Each client connection, with its upstream. */
  private readonly pairs = new Map<net.Socket, net.Socket>();

  constructor(private readonly targetPort: number) {}

  /** Listens on a free loopback port; returns it. */
  async start(): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      this.pairs.set(client, upstream);
      const end = () => {
        this.pairs.delete(client);
        client.destroy();
        upstream.destroy();
      };
      for (const s of [client, upstream]) {
        s.on('error', end);
        s.on('close', end);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return (server.address() as net.AddressInfo).port;
  }

  get connections(): number {
    return this.pairs.size;
  }

  /** Cuts `fraction` of the open connections at once, chosen at random; returns how many. */
  drop(fraction: number): number {
    const victims = [...this.pairs].filter(() => Math.random() < fraction);
    for (const [client, upstream] of victims) {
      client.destroy();
      upstream.destroy();
    }
    return victims.length;
  }

  async stop(): Promise<void> {
    this.drop(1);
    const server = this.server;
    this.server = null;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
