import type { Config } from '../src/app/config.ts';
import type { Log } from '../src/domain/log.ts';
import type { Platform } from '../src/domain/platform.ts';
import { createConsolePlatform } from './console/index.ts';
import { discordFromConfig } from './discord/from-config.ts';
import { createTelegramPlatform } from './telegram/index.ts';
import { whatsappFromConfig } from './whatsapp/from-config.ts';

export interface PlatformRegistryOptions {
  /** `herald start --once`: a single pass, so no adapter waits for incoming commands. */
  once?: boolean;
}

/**
 * The adapter registry: every platform that has credentials in `config`, or the console when
 * none has. The entry point (bin/herald.js) hands it to the core; `src/` never imports it.
 */
export function createPlatforms(
  config: Config,
  log: Log,
  options: PlatformRegistryOptions = {},
): Platform[] {
  const platforms: Platform[] = [];
  if (config.telegram !== undefined) {
    const { token, apiRoot, channelId, operatorIds, webhook } = config.telegram;
    platforms.push(
      createTelegramPlatform({
        token,
        apiRoot,
        operatorIds,
        timeZone: config.schedule.timezone,
        log,
        receive: options.once !== true,
        ...(channelId === undefined ? {} : { channelId }),
        ...(webhook === undefined ? {} : { webhook }),
      }),
    );
  }
  const whatsapp = whatsappFromConfig(config, log, { receive: options.once !== true });
  if (whatsapp !== undefined) platforms.push(whatsapp);
  const discord = discordFromConfig(config.discord, log, options.once !== true);
  if (discord !== undefined) platforms.push(discord);
  if (platforms.length === 0) {
    platforms.push(
      createConsolePlatform({
        timeZone: config.schedule.timezone,
        log,
        readInput: options.once !== true,
      }),
    );
  }
  return platforms;
}
