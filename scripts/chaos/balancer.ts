// The load balancer in front of the three client ports (README "Running a cluster": any TCP or
// WebSocket balancer with /readyz as the health check). Clients reconnect through it, so a dead
// or draining node's clients land on the others, as they would in production.
import net from 'node:net';

export interface Backend {
  readonly clientPort: number;
  readonly opsUrl: string;
}

export class Balancer {
  private server: net.Server | null = null;
  private readonly healthy = new Set<Backend>();
  private readonly sockets = new Set<net.Socket>();
  private probe: NodeJS.Timeout | null = null;
  private next = 0;

  constructor(readonly port: number, private readonly backends: () => readonly Backend[]) {}

  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  async start(): Promise<void> {
    const server = net.createServer((client) => this.route(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.probe = setInterval(() => void this.check(), 250);
    await this.check();
  }

  async close(): Promise<void> {
    if (this.probe !== null) clearInterval(this.probe);
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async check(): Promise<void> {
    await Promise.all(this.backends().map(async (b) => {
      try {
        const res = await fetch(`${b.opsUrl}/readyz`, { signal: AbortSignal.timeout(1000) });
        await res.arrayBuffer();
        if (res.status === 200) this.healthy.add(b);
        else this.healthy.delete(b);
      } catch {
        this.healthy.delete(b);
      }
    }));
  }

  /**
   * Round robin over the ready nodes, the next one when a connect fails. With none ready (a
   * backend outage makes every /readyz fail) every node is tried, as a balancer that fails open.
   */
  private route(client: net.Socket): void {
    client.pause();
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    const all = this.backends();
    const ready = all.filter((b) => this.healthy.has(b));
    const pool = ready.length > 0 ? ready : all;
    const start = this.next++;
    const order = pool.map((_, i) => pool[(start + i) % pool.length]!);
    const attempt = (i: number) => {
      if (client.destroyed) return;
      if (i >= order.length) {
        client.destroy();
        return;
      }
      const upstream = net.connect(order[i]!.clientPort, '127.0.0.1');
      const refused = () => attempt(i + 1);
      upstream.once('error', refused);
      upstream.once('connect', () => {
        this.sockets.add(upstream);
        upstream.off('error', refused);
        upstream.on('error', () => upstream.destroy());
        upstream.on('close', () => {
          this.sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    attempt(0);
  }
}
