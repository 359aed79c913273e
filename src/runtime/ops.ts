import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { collectDefaultMetrics, type Registry } from 'prom-client';

/** A running operations server. */
export type OpsServer = {
  /** The port it listens on (useful when it was started on port 0). */
  readonly port: number;
  /** From now on /healthz answers 503, so a load balancer stops sending events here. */
  markDraining(): void;
  /** Stops listening; never rejects. */
  close(): Promise<void>;
};

/** What the operations server reports on. */
export type OpsOptions = {
  readonly port: number;
  readonly host: string;
  readonly registry: Registry;
  /** Whether the store answers (checked on every /healthz, bounded by the store's own operation timeout). */
  readonly ping: () => Promise<boolean>;
  readonly logger: Logger;
};

/**
 * Serves `GET /healthz` (200 `ok` when the store answers; 503 when it does not or when the process is shutting
 * down) and `GET /metrics` (the process's Prometheus registry). Everything else is 404. Resolves once listening.
 */
export async function startOps(options: OpsOptions): Promise<OpsServer> {
  const logger = options.logger.child({ component: 'ops' });
  if (options.registry.getSingleMetric('process_cpu_seconds_total') === undefined)
    collectDefaultMetrics({ register: options.registry });
  let draining = false;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      void (async () => {
        const reachable = draining ? false : await options.ping().catch(() => false);
        const status = draining ? 'draining' : reachable ? 'ok' : 'store unreachable';
        response.writeHead(reachable ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' }).end(`${status}\n`);
      })();
      return;
    }
    if (path === '/metrics') {
      void options.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        (error: unknown) => {
          logger.warn({ err: error }, 'metrics could not be collected');
          response.writeHead(500).end();
        },
      );
      return;
    }
    response
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      .end('not found: try /healthz or /metrics\n');
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  logger.info({ port, host: options.host }, 'operations endpoint listening (/healthz, /metrics)');
  return {
    port,
    markDraining: () => {
      draining = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
