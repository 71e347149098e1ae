import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wouldPing } from './discord-stand-in-checks.ts';
import type { StandInFaults } from './fault-http.ts';
import { createGatewayStandIn } from './discord-stand-in-gateway.ts';
import { interactionBuilders } from './discord-stand-in-interactions.ts';
import {
  CHANNEL_TYPES,
  nextId,
  type StandInChannel,
  type StandInUser,
} from './discord-stand-in-payloads.ts';
import {
  json,
  restRoutes,
  type DiscordError,
  type RestState,
  type SentMessage,
} from './discord-stand-in-rest.ts';

export { CHANNEL_TYPES, PERMISSIONS } from './discord-stand-in-payloads.ts';
export { UNKNOWN_CHANNEL, type DiscordError, type SentMessage } from './discord-stand-in-rest.ts';

export const MISSING_PERMISSIONS: DiscordError = {
  status: 403,
  code: 50013,
  message: 'Missing Permissions',
};

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  /** The Authorization header as sent (the test checks it never leaks elsewhere). */
  authorization: string | undefined;
}

export interface StandInOptions {
  token?: string;
  channels?: StandInChannel[];
  heartbeatIntervalMs?: number;
  /** Random faults on message posts (429, 5xx, dropped, slow); none by default. */
  faults?: StandInFaults;
  /** The gateway lets a dropped client resume (see `dropGateway`); off by default. */
  resumable?: boolean;
}

/** Routes that carry their own credential (the interaction token) instead of the bot's. */
const TOKENLESS = /^(interactions|webhooks)\//;

/**
 * A stand-in Discord on 127.0.0.1 (port 0): REST under /api/v10 and the gateway WebSocket on
 * the same port. It checks every message against Discord's limits, records allowed_mentions,
 * answers 429 with Retry-After, and can be told to refuse a channel.
 */
export async function startDiscordStandIn(options: StandInOptions = {}) {
  const token = options.token ?? 'stand-in-token.abc.def';
  const applicationId = nextId();
  const bot: StandInUser = { id: applicationId, username: 'Herald' };
  const channels = options.channels ?? [{ id: nextId(), name: 'news', type: CHANNEL_TYPES.text }];
  const guild = { id: nextId(), name: 'Stand-in Guild', channels };
  const requests: Recorded[] = [];
  const server = createServer((req, res) => void handle(req, res));
  const gateway = createGatewayStandIn({
    server,
    token,
    applicationId,
    bot,
    guild,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 500,
    resumable: options.resumable === true,
  });
  const interactions = interactionBuilders({
    applicationId,
    guild,
    push: (t, d) => {
      gateway.push(t, d);
    },
  });
  let port = 0;
  const state: RestState = {
    port: () => port,
    applicationId,
    bot,
    guild,
    messages: [],
    violations: [],
    failures: new Map(),
    rateLimits: new Map(),
    interactionOfToken: (t) => interactions.byToken(t) ?? t,
    dms: [],
    dmRequests: [],
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  };
  const routes = restRoutes(state);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // `@original` arrives URL-encoded (%40original).
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10\//, '');
    const text = await readBody(req);
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    const authorization = req.headers.authorization;
    requests.push({ method: req.method ?? 'GET', path, body, authorization });
    if (authorization !== `Bot ${token}` && !TOKENLESS.test(path)) {
      json(res, 401, { code: 0, message: '401: Unauthorized' });
      return;
    }
    const route = routes.find(([m, re]) => m === req.method && re.test(path));
    if (route === undefined) json(res, 404, { code: 0, message: '404: Not Found' });
    else route[2](res, path.split('/'), body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    token,
    applicationId,
    guild,
    apiRoot: `http://127.0.0.1:${port}/api`,
    requests,
    messages: state.messages,
    violations: state.violations,
    gateway: gateway.record,
    ...interactions.api,
    /** Every later request about this channel answers this error. */
    failChannel: (id: string, e: DiscordError) => state.failures.set(id, e),
    /** The channel answers normally again. */
    healChannel: (id: string) => state.failures.delete(id),
    /** The next request about this channel answers 429 with Retry-After: seconds. */
    rateLimitChannel: (id: string, seconds: number) => state.rateLimits.set(id, seconds),
    /** What reached a channel: its messages, or its forum's new posts. */
    channelMessages: (id: string): SentMessage[] =>
      state.messages.filter((m) => m.where === id && (m.kind === 'channel' || m.kind === 'post')),
    /** The messages a person got in their DM channel, and how often it was opened. */
    directMessages: (userId: string): SentMessage[] => {
      const dm = state.dms.find((c) => c.name === `dm-${userId}`);
      return dm === undefined ? [] : state.messages.filter((m) => m.where === dm.id);
    },
    dmRequests: state.dmRequests,
    /** Messages whose text would have pinged someone. */
    pinged: () => state.messages.filter((m) => wouldPing(m.body)),
    connections: gateway.connections,
    /** Drops every gateway connection (close 4000): the client reconnects and resumes. */
    dropGateway: () => {
      gateway.drop();
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

export type DiscordStandIn = Awaited<ReturnType<typeof startDiscordStandIn>>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
