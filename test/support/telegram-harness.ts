import {
  createTelegramPlatform,
  type TelegramOptions,
  type TelegramPlatform,
} from '../../adapters/telegram/index.ts';
import type { Log } from '../../src/domain/log.ts';
import type { CommandHandler } from '../../src/domain/platform.ts';
import { TelegramStandIn, type StandInOptions, type User } from './telegram-stand-in.ts';

/** A log that keeps every line (to check what is logged, and that no token is). */
export function createMemoryLog(): Log & {
  lines: { level: string; fields: object; message: string }[];
} {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) => {
    lines.push({ level, fields, message });
  };
  const log = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => log,
  };
  return log;
}

export interface TelegramRig {
  standIn: TelegramStandIn;
  platform: TelegramPlatform;
  log: ReturnType<typeof createMemoryLog>;
  stop(): Promise<void>;
}

/** The stand-in Bot API on 127.0.0.1 and the real adapter (real telegraf) pointed at it. */
export async function startTelegramRig(
  commands: CommandHandler,
  options: { standIn?: StandInOptions; platform?: Partial<TelegramOptions> } = {},
): Promise<TelegramRig> {
  const standIn = new TelegramStandIn(options.standIn);
  const apiRoot = await standIn.listen();
  const log = createMemoryLog();
  const platform = createTelegramPlatform({
    token: standIn.token,
    apiRoot,
    timeZone: 'UTC',
    log,
    ...options.platform,
  });
  await platform.start(commands);
  return {
    standIn,
    platform,
    log,
    stop: async () => {
      await platform.stop();
      await standIn.close();
    },
  };
}

export const alice: User = { id: 501, is_bot: false, first_name: 'Alice', username: 'alice' };
export const bob: User = { id: 502, is_bot: false, first_name: 'Bob' };
export const carol: User = { id: 503, is_bot: false, first_name: 'Carol' };
