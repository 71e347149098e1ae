import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Routes, type RESTOptions } from 'discord.js';
import type { Log } from '../../src/domain/log.ts';
import type {
  CommandHandler,
  Platform,
  PlatformState,
  SendOutcome,
} from '../../src/domain/platform.ts';
import type { Reply } from '../../src/domain/reply.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { COMMAND_DEFINITIONS } from './commands.ts';
import { DiscordLoginError, DiscordTokenError, describe, loginError, safeError } from './errors.ts';
import { handleInteraction } from './interactions.ts';
import { createRecentTitles, type RecentTitles } from './recent.ts';
import { createChannelSender, type ChannelSender, type RestSlice } from './send.ts';

export { DiscordTokenError, DiscordLoginError } from './errors.ts';

export interface DiscordPlatformOptions {
  token: string;
  applicationId: string;
  /** Register the commands in this guild only (instant); globally when absent. */
  guildId?: string;
  /** The REST root (default Discord's own, https://discord.com/api). */
  apiRoot?: string;
  log: Log;
  /** An answer not ready by then is deferred, then edited in (Discord allows 3 s). */
  deferAfterMs?: number;
  /** A 429 asking to wait longer than this is handed to the core as `retry`; shorter ones
   * are waited out by discord.js's own queue. */
  longRateLimitMs?: number;
  now?: () => number;
}

export const DISCORD_DEFAULTS = {
  apiRoot: 'https://discord.com/api',
  deferAfterMs: 1_500,
  longRateLimitMs: 10_000,
} as const;

/** The discord.js REST options: our API root, few retries (the dispatcher retries), 429s. */
export function restOptions(
  options: Pick<DiscordPlatformOptions, 'apiRoot' | 'longRateLimitMs'>,
): Partial<RESTOptions> {
  const longMs = options.longRateLimitMs ?? DISCORD_DEFAULTS.longRateLimitMs;
  return {
    api: options.apiRoot ?? DISCORD_DEFAULTS.apiRoot,
    retries: 1,
    rejectOnRateLimit: (limit) => Math.max(limit.retryAfter, limit.timeToReset) > longMs,
  };
}

/** Bulk overwrite: the same definitions every start, so registering twice changes nothing. */
export async function registerCommands(
  rest: Pick<RestSlice, never> & { put: Client['rest']['put'] },
  applicationId: string,
  guildId: string | undefined,
): Promise<void> {
  const route =
    guildId === undefined
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guildId);
  await rest.put(route, { body: COMMAND_DEFINITIONS });
}

/**
 * The Discord platform: slash commands and buttons in (gateway, intent Guilds only), story
 * embeds out (REST). Only this folder imports discord.js.
 */
export function createDiscordPlatform(options: DiscordPlatformOptions): Platform {
  const log = options.log;
  let state: PlatformState = 'stopped';
  let client: Client | undefined;
  let sender: ChannelSender | undefined;
  let recent: RecentTitles | undefined;

  const watch = (c: Client) => {
    c.on(Events.ShardDisconnect, (event, shardId) => {
      if (state !== 'stopped') state = 'degraded';
      log.warn({ shardId, code: event.code }, 'discord shard disconnected');
    });
    c.on(Events.ShardReconnecting, () => state !== 'stopped' && (state = 'degraded'));
    c.on(Events.ShardResume, () => state !== 'stopped' && (state = 'ready'));
    c.on(Events.ShardReady, () => state !== 'stopped' && (state = 'ready'));
    c.on(Events.Error, (err) => {
      log.warn({ err: safeError(err) }, 'discord client error');
    });
  };

  return {
    name: 'discord',
    async start(commands: CommandHandler) {
      state = 'starting';
      const c = new Client({
        intents: [GatewayIntentBits.Guilds],
        rest: restOptions(options),
        allowedMentions: { parse: [] },
      });
      client = c;
      recent = createRecentTitles(commands, options.now ?? Date.now);
      const deps = {
        commands,
        recent,
        log,
        deferAfterMs: options.deferAfterMs ?? DISCORD_DEFAULTS.deferAfterMs,
      };
      c.on(Events.InteractionCreate, (interaction) => void handleInteraction(deps, interaction));
      watch(c);
      try {
        await connect(c, options.token);
        await registerCommands(c.rest, options.applicationId, options.guildId);
      } catch (err) {
        state = 'stopped';
        await c.destroy();
        throw startError(err);
      }
      sender = createChannelSender(c.rest);
      state = 'ready';
      log.info({ guilds: c.guilds.cache.size, user: c.user?.id }, 'discord ready');
    },
    async stop() {
      state = 'stopped';
      await client?.destroy();
      client = undefined;
    },
    send(target: Target, reply: Reply): Promise<SendOutcome> {
      if (target.platform !== 'discord') {
        return Promise.resolve({ kind: 'invalid', reason: 'not a discord target' });
      }
      if (sender === undefined || state === 'stopped' || state === 'starting') {
        return Promise.resolve({ kind: 'transient', reason: 'discord is not connected' });
      }
      recent?.note(reply);
      return sender.send(target.chatId, reply);
    },
    state: () => state,
  };
}

/** Logs in and waits for every guild; a 4004 close (token refused by the gateway) is fatal. */
async function connect(client: Client, token: string): Promise<void> {
  const ready = once(client, Events.ClientReady);
  const refused = new Promise<never>((_, reject) => {
    client.on(Events.ShardDisconnect, (event) => {
      if (event.code === 4004) reject(new DiscordTokenError());
    });
  });
  refused.catch(() => undefined);
  try {
    await client.login(token);
  } catch (err) {
    throw loginError(err);
  }
  await Promise.race([ready, refused]);
}

function startError(err: unknown): Error {
  if (err instanceof DiscordTokenError || err instanceof DiscordLoginError) return err;
  return new DiscordLoginError(
    `registering the slash commands failed (check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID): ${describe(err)}`,
    { cause: safeError(err) },
  );
}
