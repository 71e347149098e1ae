import type { Config, Log, Platform, Terminal } from '../src/index.ts';

export interface PlatformRegistryOptions {
  /** `herald start --once`: a single pass, so no adapter waits for incoming commands. */
  once?: boolean;
  /** The terminal the log writes to: the console keeps its prompt clear of log lines. */
  terminal?: Terminal;
}

/**
 * The adapter registry: every platform that has credentials in `config`, or the console when
 * none has. The entry point (bin/herald.js) hands it to the core; `src/` never imports it.
 * Each adapter (and so its SDK) is loaded only when configured: a Telegram-only bot does not
 * hold discord.js and baileys (together about 55 MB and half a second of start).
 */
export async function createPlatforms(
  config: Config,
  log: Log,
  options: PlatformRegistryOptions = {},
): Promise<Platform[]> {
  const platforms: Platform[] = [];
  const receive = options.once !== true;
  if (config.telegram !== undefined) {
    const { token, apiRoot, channelId, operatorIds, webhook } = config.telegram;
    const { createTelegramPlatform } = await import('./telegram/index.ts');
    platforms.push(
      createTelegramPlatform({
        token,
        apiRoot,
        operatorIds,
        timeZone: config.schedule.timezone,
        log,
        receive,
        sendTimeoutMs: config.delivery.sendTimeoutMs,
        ...(channelId === undefined ? {} : { channelId }),
        ...(webhook === undefined ? {} : { webhook }),
      }),
    );
  }
  if (config.whatsapp?.enabled === true) {
    const { whatsappFromConfig } = await import('./whatsapp/from-config.ts');
    const whatsapp = whatsappFromConfig(config, log, { receive });
    if (whatsapp !== undefined) platforms.push(whatsapp);
  }
  if (config.discord !== undefined) {
    const { discordFromConfig } = await import('./discord/from-config.ts');
    const discord = discordFromConfig(config.discord, log, receive, config.delivery.sendTimeoutMs);
    if (discord !== undefined) platforms.push(discord);
  }
  if (platforms.length === 0) {
    const { createConsolePlatform } = await import('./console/index.ts');
    platforms.push(
      createConsolePlatform({
        timeZone: config.schedule.timezone,
        log,
        readInput: receive,
        ...(options.terminal === undefined ? {} : { terminal: options.terminal }),
      }),
    );
  }
  return platforms;
}
