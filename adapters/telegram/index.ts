import { Telegraf, Telegram } from 'telegraf';
import {
  COMMAND_NAMES,
  LANGUAGES,
  translator,
  usageOf,
  type Log,
  type CommandHandler,
  type Platform,
  type PlatformState,
  type EditTarget,
  type SendOptions,
  type SendOutcome,
  type Reply,
  type Target,
} from '../../src/index.ts';
import { editMessage, type EditApi } from './edit.ts';
import { createAdminCache } from './admins.ts';
import { channelTarget, resolveChannelId } from './channel.ts';
import { describeFailure, scrub, startError } from './errors.ts';
import { installHandlers } from './handlers.ts';
import { ADMIN_CACHE_MS, ALLOWED_UPDATES, SEND_TIMEOUT_MS, TELEGRAM_LIMITS } from './limits.ts';
import { renderReply } from './render.ts';
import { createPhotoMemory, deliver, type PhotoMemory, type SendApi } from './send.ts';
import { createTimeoutAgent } from './timeout-agent.ts';

export { TelegramStartError, TelegramTokenError } from './errors.ts';

export interface TelegramWebhookOptions {
  /** The public https URL Telegram posts updates to (its path is the route served). */
  url: string;
  /** The local port the webhook server listens on. */
  port: number;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every update. */
  secret?: string;
  host?: string;
}

export interface TelegramOptions {
  token: string;
  /** The Bot API server (default the official one); a path must end with "/". */
  apiRoot?: string;
  /** The channel every story is posted to (@name or -100...): see `channelTarget()`. */
  channelId?: string;
  /** Take commands (false under `herald start --once`: broadcasts only, no polling). */
  receive?: boolean;
  /** Telegram user ids treated as admins of every chat. */
  operatorIds?: readonly string[];
  /** Take updates by webhook instead of long polling. */
  webhook?: TelegramWebhookOptions;
  timeZone: string;
  log: Log;
  adminCacheMs?: number;
  /** A broadcast send with no answer by then is transient (default SEND_TIMEOUT_MS). */
  sendTimeoutMs?: number;
  now?: () => number;
}

export interface TelegramPlatform extends Platform {
  /** The configured channel as a subscription target (its numeric id once started), if any. */
  channelTarget(): Target | undefined;
  /** The bot's user name once started (commands may be addressed /cmd@this). */
  botName(): string | undefined;
}

/** Telegram through telegraf: broadcasts, command replies and button presses. */
export function createTelegramPlatform(options: TelegramOptions): TelegramPlatform {
  const { token } = options;
  const apiRoot = options.apiRoot ?? 'https://api.telegram.org';
  const bot = new Telegraf(token, { telegram: { apiRoot, webhookReply: false } });
  // Broadcasts go through their own client, whose sockets give up inside the outbox lease.
  const sendAgent = createTimeoutAgent(apiRoot, options.sendTimeoutMs ?? SEND_TIMEOUT_MS);
  const sendApi = new Telegram(token, { apiRoot, webhookReply: false, agent: sendAgent });
  // telegraf drops the agent of an http:// root (a local Bot API server): set it again.
  sendApi.options.agent = sendAgent;
  let state: PlatformState = 'stopped';
  let running: Promise<void> | undefined;
  let botName: string | undefined;
  const channel = options.channelId === undefined ? undefined : channelTarget(options.channelId);
  const channelAliases = new Map<string, string>();
  const log = options.log;
  const brokenPhotos = createPhotoMemory();

  const onStopped = (err: unknown) => {
    state = 'degraded';
    log.error({ failure: describeFailure(err, token) }, 'telegram: polling stopped');
  };
  const markReady = () => {
    if (state === 'starting') state = 'ready';
  };
  const start = async (commands: CommandHandler): Promise<void> => {
    state = 'starting';
    try {
      botName = await identify(bot, token);
      if (options.channelId !== undefined) {
        const me = { id: bot.botInfo?.id ?? 0, token, log };
        const id = await resolveChannelId(bot.telegram, options.channelId, me);
        if (id !== undefined) channelAliases.set(id, options.channelId);
      }
      if (options.receive !== false) {
        installHandlers(
          bot,
          handlerDeps(options, bot, commands, () => botName ?? '', channelAliases),
        );
        await announceCommands(bot, log, token);
        running = (await launch(bot, options, onStopped)).done;
      }
      markReady();
      const mode =
        options.receive === false ? 'send only' : options.webhook ? 'webhook' : 'polling';
      log.info({ bot: botName, mode }, 'telegram ready');
    } catch (err) {
      state = 'stopped';
      throw err;
    }
  };

  return {
    name: 'telegram',
    start,
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      try {
        bot.stop('shutdown');
      } catch {
        // not running: nothing to stop
      }
      await running;
      sendAgent.destroy();
    },
    send(target, reply, sendOptions) {
      return sendSafely({ api: sendApi, options, state, brokenPhotos }, target, reply, sendOptions);
    },
    edit(target, reply, of) {
      return editSafely({ api: sendApi, options, state, brokenPhotos }, target, reply, of);
    },
    state: () => state,
    channelTarget: () => channel,
    standingTargets: () => (channel === undefined ? [] : [channel]),
    botName: () => botName,
  };
}

function handlerDeps(
  options: TelegramOptions,
  bot: Telegraf,
  commands: CommandHandler,
  botName: () => string,
  channelAliases: ReadonlyMap<string, string>,
) {
  const admins = createAdminCache({
    api: bot.telegram,
    token: options.token,
    log: options.log,
    ttlMs: options.adminCacheMs ?? ADMIN_CACHE_MS,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return {
    commands,
    api: bot.telegram,
    token: options.token,
    log: options.log,
    timeZone: options.timeZone,
    botName,
    operatorIds: new Set(options.operatorIds ?? []),
    channelAliases,
    isGroupAdmin: (chatId: string, userId: string) => admins.isAdmin(chatId, userId),
  };
}

/** getMe: a refused token is a fatal TelegramTokenError naming TELEGRAM_BOT_TOKEN. */
async function identify(bot: Telegraf, token: string): Promise<string> {
  try {
    const me = await bot.telegram.getMe();
    bot.botInfo = me;
    return me.username;
  } catch (err) {
    throw startError('getMe', err, token);
  }
}

async function announceCommands(bot: Telegraf, log: Log, token: string): Promise<void> {
  // The menu in each language Herald answers in: English for everyone, the others for users
  // whose Telegram is set to them.
  for (const language of LANGUAGES) {
    const t = translator(language);
    const commands = COMMAND_NAMES.map((name) => ({
      command: name,
      description: (usageOf(t, name).split(': ')[1] ?? name).slice(
        0,
        TELEGRAM_LIMITS.commandDescriptionChars,
      ),
    }));
    try {
      const extra = language === 'en' ? undefined : { language_code: language };
      await bot.telegram.setMyCommands(commands, extra);
    } catch (err) {
      log.warn(
        { language, failure: describeFailure(err, token) },
        'telegram: setMyCommands failed',
      );
    }
  }
}

/**
 * Starts taking updates. Polling: resolves once getUpdates is about to run and returns the
 * loop's promise (it settles when polling stops). Webhook: resolves once setWebhook is done.
 */
async function launch(
  bot: Telegraf,
  options: TelegramOptions,
  onStopped: (err: unknown) => void,
): Promise<{ done: Promise<void> }> {
  const allowedUpdates = [...ALLOWED_UPDATES];
  if (options.webhook !== undefined) {
    const url = new URL(options.webhook.url);
    await bot
      .launch({
        allowedUpdates,
        webhook: {
          domain: url.host,
          path: url.pathname,
          port: options.webhook.port,
          ...(options.webhook.host === undefined ? {} : { host: options.webhook.host }),
          ...(options.webhook.secret === undefined ? {} : { secretToken: options.webhook.secret }),
        },
      })
      .catch((err: unknown) => {
        throw startError('setWebhook', err, options.token);
      });
    return { done: Promise.resolve() };
  }
  let launched: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (launched = resolve));
  // onLaunch runs once getMe is known, just before deleteWebhook and the first getUpdates.
  const done = bot.launch({ allowedUpdates }, () => {
    launched();
  });
  const settled = done.catch(onStopped);
  await Promise.race([ready, settled]);
  return { done: settled };
}

interface SendContext {
  api: SendApi & EditApi;
  options: TelegramOptions;
  state: PlatformState;
  brokenPhotos: PhotoMemory;
}

async function sendSafely(
  { api, options, state, brokenPhotos }: SendContext,
  target: Target,
  reply: Reply,
  sendOptions?: SendOptions,
): Promise<SendOutcome> {
  const refused = refusal(state, target);
  if (refused !== undefined) return refused;
  const message = renderReply(reply, { timeZone: options.timeZone, mode: 'broadcast' });
  const replyTo = Number(sendOptions?.replyTo?.messageId);
  const dest = {
    chatId: target.chatId,
    ...(target.threadId === undefined ? {} : { threadId: Number(target.threadId) }),
    ...(Number.isSafeInteger(replyTo) ? { replyTo } : {}),
  };
  try {
    return await deliver(api, options.token, dest, message, brokenPhotos);
  } catch (err) {
    return { kind: 'transient', reason: scrub(String(err), options.token) };
  }
}

/** An edit of a post: rendered as the post was (a photo's caption, or text). */
async function editSafely(
  { api, options, state, brokenPhotos }: SendContext,
  target: Target,
  reply: Reply,
  of: EditTarget,
): Promise<SendOutcome> {
  const refused = refusal(state, target);
  if (refused !== undefined) return refused;
  const rendered = renderReply(reply, { timeZone: options.timeZone, mode: 'broadcast' });
  // A photo Telegram refused went out as text: its edit is a text edit.
  const { photo, ...rest } = rendered;
  const message = photo === undefined || brokenPhotos.has(photo.url) ? rest : rendered;
  try {
    return await editMessage(api, options.token, target.chatId, of.messageId, message);
  } catch (err) {
    return { kind: 'transient', reason: scrub(String(err), options.token) };
  }
}

function refusal(state: PlatformState, target: Target): SendOutcome | undefined {
  if (state === 'stopped') return { kind: 'unavailable', reason: 'telegram is not running' };
  if (state === 'starting') return { kind: 'transient', reason: 'telegram is starting' };
  if (target.platform !== 'telegram') return { kind: 'invalid', reason: 'not a telegram target' };
  return undefined;
}
