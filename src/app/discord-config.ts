import { z } from 'zod';

const snowflake = (what: string) =>
  z.string().regex(/^\d{17,20}$/, `${what}: a Discord id (17 to 20 digits)`);

/** The DISCORD_* keys of the environment (the rate keys live with the delivery keys). */
export const DISCORD_KEYS = {
  DISCORD_TOKEN: z
    .string()
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'the bot token from the Developer Portal (Bot page)')
    .optional(),
  DISCORD_APPLICATION_ID: snowflake(
    'the Application ID of the General Information page',
  ).optional(),
  DISCORD_GUILD_ID: snowflake('the server to register the commands in').optional(),
  DISCORD_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL such as https://discord.com/api' })
    .default('https://discord.com/api'),
  DISCORD_SHARDS: z
    .string()
    .regex(
      /^(auto|[1-9]\d{0,4})$/,
      'auto, or a number of shards from 1 (discord.js ShardingManager)',
    )
    .optional(),
};

type DiscordRaw = z.infer<z.ZodObject<typeof DISCORD_KEYS>>;

export interface DiscordConfig {
  token: string;
  /** The application whose commands are registered; by default the token's own. */
  applicationId?: string;
  /** Register the commands in this server only (instant); globally when absent. */
  guildId?: string;
  /** Discord's REST root (tests point it at a stand-in). */
  apiRoot: string;
  /** Run the gateway in shard processes under discord.js's ShardingManager. */
  shards?: 'auto' | number;
}

/** The discord section, only when a token is set (the other keys mean nothing without it). */
export function discordSection(raw: DiscordRaw): { discord?: DiscordConfig } {
  const token = raw.DISCORD_TOKEN;
  if (token === undefined) return {};
  const shards = raw.DISCORD_SHARDS;
  const discord: DiscordConfig = {
    token,
    apiRoot: raw.DISCORD_API_ROOT.replace(/\/+$/, ''),
    ...(raw.DISCORD_APPLICATION_ID === undefined
      ? {}
      : { applicationId: raw.DISCORD_APPLICATION_ID }),
    ...(raw.DISCORD_GUILD_ID === undefined ? {} : { guildId: raw.DISCORD_GUILD_ID }),
    ...(shards === undefined ? {} : { shards: shards === 'auto' ? 'auto' : Number(shards) }),
  };
  return { discord };
}
