import { fork } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './env.ts';

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

export interface StandInOptions {
  windowMs?: number;
  slackMs?: number;
  /** Milliseconds before each answer (a platform's own time; 0: at once). */
  latencyMs?: () => number;
}

/** A send time of 50 ms +/- 20 ms, uniform (issue 23: "like a real platform"). */
export const platformLike = (): number => 30 + Math.random() * 40;

export async function startStandIn(limit: number, options: StandInOptions = {}): Promise<StandIn> {
  const { windowMs = 1000, slackMs = 20, latencyMs } = options;
  const arrivals: number[] = [];
  let head = 0;
  let tooMany = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    // A GET opens a connection ahead (the sender's keep-alive pool): not a message.
    if (req.method === 'GET') {
      res.writeHead(204).end();
      return;
    }
    req.on('end', () => {
      const now = performance.now();
      while (head < arrivals.length && (arrivals[head] ?? 0) <= now - (windowMs - slackMs))
        head += 1;
      // A message is counted when it arrives; the answer leaves after the platform's time.
      const answer = (status: number, body: object, headers: Record<string, string> = {}) => {
        const send = () => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        };
        const delay = latencyMs?.() ?? 0;
        if (delay > 0) setTimeout(send, delay);
        else send();
      };
      if (arrivals.length - head >= limit) {
        tooMany += 1;
        answer(
          429,
          { ok: false, error_code: 429, parameters: { retry_after: 1 } },
          {
            'retry-after': '1',
          },
        );
        return;
      }
      arrivals.push(now);
      answer(200, { ok: true, id: arrivals.length });
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

/** A stand-in in its own process (bench/stand-in-child.ts): its URL, then its report. */
export interface StandInProcess {
  url: string;
  /** What it took (arrival times, ms) and refused; it exits after. */
  report(): Promise<{ arrivals: number[]; tooMany: number }>;
}

export async function startStandInProcess(limit: number, slow: boolean): Promise<StandInProcess> {
  const child = fork(
    join(ROOT, 'bench', 'stand-in-child.ts'),
    [String(limit), slow ? 'slow' : 'instant'],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(line.trim());
    });
    child.once('exit', (code) => {
      reject(new Error(`stand-in process exited with ${code}`));
    });
  });
  return {
    url,
    report: () =>
      new Promise((resolve) => {
        child.once('message', (m) => {
          resolve(m as { arrivals: number[]; tooMany: number });
        });
        child.send('report');
      }),
  };
}
