import http from 'node:http';
import type { Logger } from '../log/logger.js';
import type { Metrics } from './metrics.js';

/** Ops HTTP, on its own port so it need not be exposed to clients. */
export class OpsServer {
  private readonly server: http.Server;

  constructor(
    private readonly host: string,
    private readonly port: number,
    metrics: Metrics,
    ready: () => Promise<{ ok: boolean; detail: Record<string, string> }>,
    logger: Logger,
  ) {
    this.server = http.createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
      if (req.method !== 'GET') return json(405, { error: 'GET only' });
      if (path === '/healthz') return json(200, { status: 'ok' });
      if (path === '/readyz') {
        ready().then(
          ({ ok, detail }) => json(ok ? 200 : 503, { ready: ok, ...detail }),
          (err: Error) => json(503, { ready: false, error: err.message }),
        );
        return undefined;
      }
      if (path === '/metrics') {
        metrics.registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
          (err: Error) => {
            logger.error('metrics failed', { err });
            json(500, { error: err.message });
          },
        );
        return undefined;
      }
      return json(404, { error: 'not found', endpoints: ['/healthz', '/readyz', '/metrics'] });
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, this.host, () => resolve());
    });
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
