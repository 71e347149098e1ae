import type { DiscordConfig, Log, Platform } from '../../src/index.ts';
import { createDiscordPlatform, type DiscordPlatformOptions } from './index.ts';

/** The platform options from the discord config section (present only with a token). */
export function discordOptions(
  config: DiscordConfig,
  log: Log,
  receive: boolean,
  sendTimeoutMs?: number,
): DiscordPlatformOptions {
  return {
    token: config.token,
    ...(sendTimeoutMs === undefined ? {} : { requestTimeoutMs: sendTimeoutMs }),
    apiRoot: config.apiRoot,
    log,
    receive,
    ...(config.applicationId === undefined ? {} : { applicationId: config.applicationId }),
    ...(config.guildId === undefined ? {} : { guildId: config.guildId }),
    // One pass (--once) takes no commands, so it needs no gateway and no shards.
    ...(config.shards === undefined || !receive ? {} : { shards: config.shards }),
  };
}

export function discordFromConfig(
  config: DiscordConfig | undefined,
  log: Log,
  receive: boolean,
  sendTimeoutMs?: number,
): Platform | undefined {
  return config === undefined
    ? undefined
    : createDiscordPlatform(discordOptions(config, log, receive, sendTimeoutMs));
}
