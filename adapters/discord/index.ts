import { REST, Routes, type Client, type RESTOptions } from 'discord.js';
import type {
  Log,
  CommandHandler,
  Platform,
  PlatformState,
  SendOptions,
  SendOutcome,
  EditTarget,
  Reply,
  Target,
} from '../../src/index.ts';
import { COMMAND_DEFINITIONS } from './commands.ts';
import {
  DiscordLoginError,
  DiscordTokenError,
  describe,
  loginError,
  safeError,
  toOutcome,
} from './errors.ts';
import { openGateway } from './gateway.ts';
import { createRecentTitles, type RecentTitles } from './recent.ts';
import { createDmChannels } from './dm.ts';
import { createChannelSender, type ChannelSender } from './send.ts';
import {
  createShardingManager,
  resolveShardCount,
  spawnShards,
  type ShardedGateway,
} from './sharding.ts';

export { DiscordTokenError, DiscordLoginError } from './errors.ts';

export interface DiscordPlatformOptions {
  token: string;
  /** The application whose commands are registered; by default the token's own (READY). */
  applicationId?: string;
  /** Register the commands in this guild only (instant); globally when absent. */
  guildId?: string;
  /** The REST root (default Discord's own, https://discord.com/api). */
  apiRoot?: string;
  log: Log;
  /** Take commands (gateway); false: broadcasts only, by REST (`herald start --once`). */
  receive?: boolean;
  /** Run the gateway in shard processes under discord.js's ShardingManager. */
  shards?: 'auto' | number;
  /** An answer not ready by then is deferred, then edited in (Discord allows 3 s). */
  deferAfterMs?: number;
  /** A 429 asking to wait longer than this is handed to the core as `retry`; shorter ones
   * are waited out by discord.js's own queue. */
  longRateLimitMs?: number;
  /** A REST request with no answer by then is aborted (discord.js's default: 15 s). */
  requestTimeoutMs?: number;
  now?: () => number;
}

export const DISCORD_DEFAULTS = {
  apiRoot: 'https://discord.com/api',
  deferAfterMs: 1_500,
  longRateLimitMs: 10_000,
} as const;

/** The discord.js REST options: our API root, few retries (the dispatcher retries), 429s. */
export function restOptions(
  options: Pick<DiscordPlatformOptions, 'apiRoot' | 'longRateLimitMs' | 'requestTimeoutMs'>,
): Partial<RESTOptions> {
  const longMs = options.longRateLimitMs ?? DISCORD_DEFAULTS.longRateLimitMs;
  return {
    api: options.apiRoot ?? DISCORD_DEFAULTS.apiRoot,
    retries: 1,
    rejectOnRateLimit: (limit) => Math.max(limit.retryAfter, limit.timeToReset) > longMs,
    ...(options.requestTimeoutMs === undefined ? {} : { timeout: options.requestTimeoutMs }),
  };
}

/** Bulk overwrite: the same definitions every start, so registering twice changes nothing. */
export async function registerCommands(
  rest: Pick<REST, 'put'>,
  applicationId: string,
  guildId: string | undefined,
): Promise<void> {
  const route =
    guildId === undefined
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guildId);
  await rest.put(route, { body: COMMAND_DEFINITIONS });
}

/** What is running: a gateway client, shard processes, or nothing (REST only). */
type Connection = { kind: 'client'; client: Client } | { kind: 'shards'; shards: ShardedGateway };

/**
 * The Discord platform: slash commands and buttons in (gateway, intent Guilds only), story
 * embeds out (REST). Only this folder imports discord.js.
 */
export function createDiscordPlatform(options: DiscordPlatformOptions): Platform {
  let state: PlatformState = 'stopped';
  let connection: Connection | undefined;
  let sender: ChannelSender | undefined;
  let channelOf: ((chatId: string) => Promise<string>) | undefined;
  let recent: RecentTitles | undefined;
  const setState = (next: PlatformState) => {
    if (state !== 'stopped') state = next;
  };
  const refusal = (target: Target): SendOutcome | undefined => {
    if (target.platform !== 'discord') return { kind: 'invalid', reason: 'not a discord target' };
    if (sender === undefined || state === 'stopped')
      return { kind: 'unavailable', reason: 'discord is not running' };
    if (state === 'starting') return { kind: 'transient', reason: 'discord is not connected yet' };
    return undefined;
  };

  return {
    name: 'discord',
    async start(commands: CommandHandler) {
      state = 'starting';
      recent = createRecentTitles(commands, options.now ?? Date.now);
      try {
        const started = await connect(options, commands, recent, setState);
        connection = started.connection;
        sender = createChannelSender(started.rest);
        channelOf = createDmChannels(started.rest);
      } catch (err) {
        state = 'stopped';
        throw err;
      }
      state = 'ready';
    },
    async stop() {
      state = 'stopped';
      if (connection?.kind === 'client') await connection.client.destroy();
      if (connection?.kind === 'shards') await connection.shards.stop();
      connection = undefined;
    },
    send(target: Target, reply: Reply, sendOptions?: SendOptions): Promise<SendOutcome> {
      const refused = refusal(target);
      if (refused !== undefined) return Promise.resolve(refused);
      recent?.note(reply);
      const to = sender as ChannelSender;
      // An operator (`user:<id>`) is written to in their DM channel.
      return (channelOf?.(target.chatId) ?? Promise.resolve(target.chatId)).then(
        (channelId) => to.send(channelId, reply, sendOptions),
        toOutcome,
      );
    },
    edit(target: Target, reply: Reply, of: EditTarget): Promise<SendOutcome> {
      const refused = refusal(target);
      if (refused !== undefined) return Promise.resolve(refused);
      return (sender as ChannelSender).edit(target.chatId, reply, of);
    },
    state: () => state,
  };
}

async function connect(
  options: DiscordPlatformOptions,
  commands: CommandHandler,
  recent: RecentTitles,
  setState: (state: PlatformState) => void,
): Promise<{ rest: REST; connection?: Connection }> {
  const log = options.log;
  if (options.receive === false || options.shards !== undefined) {
    const rest = new REST(restOptions(options)).setToken(options.token);
    const applicationId = await checkToken(rest, options.applicationId);
    if (options.shards === undefined) return { rest };
    await register(rest, applicationId, options.guildId);
    const total = await resolveShardCount(options.shards, rest);
    const manager = createShardingManager(options.token, total);
    log.info({ shards: total }, 'discord: spawning shards');
    return {
      rest,
      connection: { kind: 'shards', shards: await spawnShards(manager, commands, log) },
    };
  }
  const deferAfterMs = options.deferAfterMs ?? DISCORD_DEFAULTS.deferAfterMs;
  const interactions = { commands, recent, log, deferAfterMs };
  const rest = restOptions(options);
  const client = await openGateway({ token: options.token, rest, log, interactions, setState });
  try {
    await register(client.rest, options.applicationId ?? client.application.id, options.guildId);
  } catch (err) {
    await client.destroy();
    throw err;
  }
  log.info({ guilds: client.guilds.cache.size, user: client.user.id }, 'discord ready');
  return { rest: client.rest, connection: { kind: 'client', client } };
}

/** GET /oauth2/applications/@me: proves the token and names its application. */
async function checkToken(rest: REST, configured: string | undefined): Promise<string> {
  try {
    const app = (await rest.get(Routes.currentApplication())) as { id: string };
    return configured ?? app.id;
  } catch (err) {
    throw loginError(err);
  }
}

async function register(rest: Pick<REST, 'put'>, applicationId: string, guildId?: string) {
  try {
    await registerCommands(rest, applicationId, guildId);
  } catch (err) {
    if (err instanceof DiscordTokenError) throw err;
    const reason = `registering the slash commands failed (check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID): ${describe(err)}`;
    throw new DiscordLoginError(reason, { cause: safeError(err) });
  }
}
