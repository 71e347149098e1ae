import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlatformState } from '../domain/platform.ts';
import type { Log } from '../domain/log.ts';

export interface HealthReport {
  /** ok: all ready; degraded: serving with a platform degraded; starting/stopping/down: not. */
  status: 'ok' | 'degraded' | 'starting' | 'stopping' | 'down';
  store: 'ok' | 'down';
  platforms: Record<string, PlatformState>;
  /** The text index: stories indexed of those stored at start (built beside the rest). */
  index?: { indexed: number; total: number };
}

export interface HttpServerOptions {
  host: string;
  /** 0: any free port (see the address `start()` resolves to). */
  port: number;
  health(): Promise<HealthReport>;
  metrics(): Promise<{ contentType: string; body: string }>;
  /** The operator's panel (when PANEL_TOKEN is set): every request under /panel. */
  panel?: (req: IncomingMessage, res: ServerResponse) => unknown;
  log: Log;
}

export interface HttpServer {
  start(): Promise<{ host: string; port: number }>;
  stop(): Promise<void>;
}

/** The health endpoint cannot bind its address; says which keys to change. */
export class HttpListenError extends Error {
  override readonly name = 'HttpListenError';
  constructor(message: string, cause: Error) {
    super(message, { cause });
  }
}

/** /readyz: 200 for ok and degraded, 503 otherwise (a load balancer takes the process out). */
export function healthStatusCode(report: HealthReport): 200 | 503 {
  return report.status === 'ok' || report.status === 'degraded' ? 200 : 503;
}

/** The overall status from the store probe and each platform's state. */
export function assessHealth(
  storeOk: boolean,
  platforms: Record<string, PlatformState>,
  phase: 'starting' | 'running' | 'stopping',
): HealthReport {
  const states = Object.values(platforms);
  const base = { store: storeOk ? ('ok' as const) : ('down' as const), platforms };
  if (phase !== 'running') return { status: phase, ...base };
  if (!storeOk || states.includes('stopped')) return { status: 'down', ...base };
  if (states.includes('starting')) return { status: 'starting', ...base };
  if (states.includes('degraded')) return { status: 'degraded', ...base };
  return { status: 'ok', ...base };
}

/**
 * node:http server for GET /healthz (alive: always 200 with the report), GET /readyz (ready:
 * the store answers, the text index is built, every adapter connected; 503 otherwise), GET
 * /metrics (Prometheus text) and the operator's panel under /panel. The server listens only
 * once the index is built.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const server = createServer((req, res) => {
    void route(req, res, options).catch((err: unknown) => {
      options.log.error({ err, url: req.url }, 'http request failed');
      if (!res.headersSent) send(res, 500, 'application/json', '{"error":"internal"}');
      else res.destroy();
    });
  });
  return {
    start: () => listen(server, options),
    stop: () => close(server),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions) {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (options.panel !== undefined && (path === '/panel' || path.startsWith('/panel/'))) {
    await options.panel(req, res);
  } else if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    send(res, 405, 'application/json', '{"error":"method not allowed"}');
  } else if (path === '/healthz') {
    // Alive: the process answers. The report says how it is; only /readyz says 503.
    send(res, 200, 'application/json', JSON.stringify(await options.health()));
  } else if (path === '/readyz') {
    const report = await options.health();
    send(res, healthStatusCode(report), 'application/json', JSON.stringify(report));
  } else if (path === '/metrics') {
    const { contentType, body } = await options.metrics();
    send(res, 200, contentType, body);
  } else {
    send(res, 404, 'application/json', '{"error":"not found"}');
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function listen(server: ReturnType<typeof createServer>, options: HttpServerOptions) {
  return new Promise<{ host: string; port: number }>((resolve, reject) => {
    const fail = (err: Error) => {
      const where = `${options.host}:${options.port}`;
      reject(
        new HttpListenError(
          `cannot listen on ${where} (HTTP_HOST, HTTP_PORT): ${err.message}`,
          err,
        ),
      );
    };
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      const address = server.address() as AddressInfo;
      options.log.info({ host: address.address, port: address.port }, 'http server listening');
      resolve({ host: address.address, port: address.port });
    });
  });
}

function close(server: ReturnType<typeof createServer>): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((err) => {
      if (err === undefined) resolve();
      else reject(err);
    });
    server.closeAllConnections();
  });
}
