import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

type Connect = (
  options: ClientRequestArgs,
  callback?: (err: Error | null, stream: Duplex) => void,
) => Duplex | null | undefined;

/**
 * A keep-alive agent whose sockets are destroyed after `timeoutMs` without a byte either way.
 * telegraf waits 500 s for an answer; a send must give up well inside the outbox lease, or the
 * row is claimed again while the first send may still land.
 */
export function createTimeoutAgent(apiRoot: string, timeoutMs: number): HttpAgent {
  // `timeout` here too: the agent resets a reused socket's timeout to its own option.
  const options = { keepAlive: true, keepAliveMsecs: 10_000, timeout: timeoutMs };
  const agent =
    new URL(apiRoot).protocol === 'http:' ? new HttpAgent(options) : new HttpsAgent(options);
  const connect: Connect = agent.createConnection.bind(agent);
  agent.createConnection = (args, callback) => {
    const socket = connect(args, callback) as Socket | null | undefined;
    socket?.setTimeout(timeoutMs);
    socket?.on('timeout', () => {
      socket.destroy(new Error(`Telegram sent no answer within ${timeoutMs} ms`));
    });
    return socket;
  };
  return agent;
}
