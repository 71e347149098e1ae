import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A platform stand-in on loopback that enforces a rate limit as a platform would: at most
 * `limit` messages in any `windowMs` (less `slackMs`, the clock skew it forgives between
 * the sender's clock and its own), else 429 with `retry_after` in seconds (Telegram's shape).
 */
export interface StandIn {
  url: string;
  accepted(): number[];
  tooMany(): number;
  close(): Promise<void>;
}

export async function startStandIn(limit: number, windowMs = 1000, slackMs = 20): Promise<StandIn> {
  const arrivals: number[] = [];
  let head = 0;
  let tooMany = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const now = performance.now();
      while (head < arrivals.length && (arrivals[head] ?? 0) <= now - (windowMs - slackMs))
        head += 1;
      if (arrivals.length - head >= limit) {
        tooMany += 1;
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ ok: false, error_code: 429, parameters: { retry_after: 1 } }));
        return;
      }
      arrivals.push(now);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, id: arrivals.length }));
    });
  });
  const url = await listen(server);
  return {
    url,
    accepted: () => arrivals,
    tooMany: () => tooMany,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

function listen(server: Server): Promise<string> {
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`);
    });
  });
}
