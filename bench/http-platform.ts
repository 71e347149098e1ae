import { Agent, request } from 'node:http';
import type { Platform, SendOutcome } from '../src/domain/platform.ts';
import type { Reply } from '../src/domain/reply.ts';
import type { Target } from '../src/domain/subscription.ts';

/** A Platform that sends each message as one POST to a stand-in (keep-alive): 200 = the ack. */
export function httpPlatform(
  url: string,
  sockets: number,
): Platform & { close(): void; warm(): Promise<void>; sent: number[] } {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  /** When each send left (performance.now()), retries included. */
  const sent: number[] = [];
  return {
    sent,
    name: 'telegram',
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    state: () => 'ready',
    send: (target, reply) => {
      sent.push(performance.now());
      return post(agent, url, target, reply);
    },
    close: () => {
      agent.destroy();
    },
    // Opens every socket before the first send, as a bot's connections are once it runs.
    warm: () =>
      Promise.all(
        Array.from(
          { length: sockets },
          () =>
            new Promise<void>((resolve) => {
              request(url, { method: 'GET', agent }, (res) => {
                res.resume();
                res.on('end', resolve);
              })
                .on('error', () => {
                  resolve();
                })
                .end();
            }),
        ),
      ).then(() => undefined),
  };
}

function post(agent: Agent, url: string, target: Target, reply: Reply): Promise<SendOutcome> {
  const storyId = reply.kind === 'card' ? reply.card.id : 'not-a-card';
  const body = JSON.stringify({ chatId: target.chatId, storyId });
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, timeout: 10_000 }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        resolve(outcomeOf(res.statusCode ?? 0, text));
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      resolve({ kind: 'transient', reason: String(err) });
    });
    req.setHeader('content-type', 'application/json');
    req.end(body);
  });
}

function outcomeOf(status: number, text: string): SendOutcome {
  if (status === 429) {
    const parsed = JSON.parse(text) as { parameters?: { retry_after?: number } };
    const after = parsed.parameters?.retry_after ?? 1;
    return { kind: 'retry', afterMs: after * 1000, reason: 'HTTP 429' };
  }
  if (status !== 200) return { kind: 'transient', reason: `HTTP ${status}` };
  return { kind: 'sent', messageId: String((JSON.parse(text) as { id: number }).id) };
}
