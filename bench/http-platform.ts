import { Agent, request } from 'node:http';
import type { Platform, SendOutcome } from '../src/domain/platform.ts';
import type { Reply } from '../src/domain/reply.ts';
import type { Target } from '../src/domain/subscription.ts';

/** A Platform that sends each message as one POST to a stand-in (keep-alive): 200 = the ack. */
export function httpPlatform(url: string, sockets: number): Platform & { close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    name: 'telegram',
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    state: () => 'ready',
    send: (target, reply) => post(agent, url, target, reply),
    close: () => {
      agent.destroy();
    },
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
