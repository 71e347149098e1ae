import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  guildJson,
  userJson,
  type StandInChannel,
  type StandInUser,
} from './discord-stand-in-payloads.ts';

export interface GatewayOptions {
  server: Server;
  token: string;
  applicationId: string;
  bot: StandInUser;
  guild: { id: string; name: string; channels: StandInChannel[] };
  heartbeatIntervalMs: number;
  /** READY names this server as resume_gateway_url, and RESUME (op 6) is answered. */
  resumable?: boolean;
}

export interface GatewayRecord {
  identifies: { token: string; intents: number; shard: [number, number] | undefined }[];
  heartbeats: number;
  acks: number;
  /** RESUMEs answered with RESUMED (only with `resumable`). */
  resumes: number;
}

/**
 * The gateway half of the stand-in: plain JSON text frames (no zlib-sync), HELLO, IDENTIFY ->
 * READY then GUILD_CREATE, heartbeats answered with ACKs, and dispatches pushed by the test.
 */
export function createGatewayStandIn(options: GatewayOptions) {
  const wss = new WebSocketServer({ server: options.server });
  const sockets = new Set<WebSocket>();
  const record: GatewayRecord = { identifies: [], heartbeats: 0, acks: 0, resumes: 0 };
  const resumeUrl = () => {
    const address = options.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    return options.resumable === true ? `ws://127.0.0.1:${port}` : 'ws://127.0.0.1:1';
  };
  let sequence = 0;
  const send = (socket: WebSocket, payload: object) => {
    socket.send(JSON.stringify(payload));
  };
  const dispatch = (socket: WebSocket, t: string, d: object) => {
    send(socket, { op: 0, t, s: (sequence += 1), d });
  };

  const onIdentify = (
    socket: WebSocket,
    d: { token: string; intents: number; shard?: [number, number] },
  ) => {
    record.identifies.push({ token: d.token, intents: d.intents, shard: d.shard });
    if (d.token !== options.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    const { guild } = options;
    dispatch(socket, 'READY', {
      v: 10,
      user: userJson(options.bot, true),
      guilds: [{ id: guild.id, unavailable: true }],
      session_id: 'stand-in-session',
      resume_gateway_url: resumeUrl(),
      shard: d.shard ?? [0, 1],
      application: { id: options.applicationId, flags: 0 },
    });
    dispatch(socket, 'GUILD_CREATE', guildJson(guild.id, guild.name, guild.channels));
  };

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (raw: Buffer) => {
      const payload = JSON.parse(raw.toString('utf8')) as { op: number; d: unknown };
      if (payload.op === 1) {
        record.heartbeats += 1;
        send(socket, { op: 11 });
        record.acks += 1;
      } else if (payload.op === 2) {
        onIdentify(socket, payload.d as { token: string; intents: number });
      } else if (payload.op === 6 && options.resumable === true) {
        record.resumes += 1;
        dispatch(socket, 'RESUMED', {});
      }
    });
    send(socket, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs } });
  });

  return {
    record,
    /** Pushes one dispatch (INTERACTION_CREATE, ...) to every connected client. */
    push(t: string, d: object) {
      for (const socket of sockets) dispatch(socket, t, d);
    },
    connections: () => sockets.size,
    /** Closes every connection with 4000 (unknown error): a client resumes its session. */
    drop() {
      for (const socket of sockets) socket.close(4000, 'stand-in dropped the connection');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        wss.close(() => {
          resolve();
        });
      }),
  };
}
