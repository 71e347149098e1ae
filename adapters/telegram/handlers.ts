import type { Telegraf, Telegram } from 'telegraf';
import { callbackQuery, channelPost, message } from 'telegraf/filters';
import type { Log, CommandHandler, Reply, Target } from '../../src/index.ts';
import { languageOfLocale, translate } from '../../src/index.ts';
import { describeFailure, scrub } from './errors.ts';
import {
  commandContext,
  commandText,
  deepLink,
  type ContextDeps,
  type IncomingText,
} from './incoming.ts';
import { REPLY_RETRY_MAX_WAIT_MS } from './limits.ts';
import { ACTION_CODES, decodeAction, renderReply, type ButtonAction } from './render.ts';
import { deliver } from './send.ts';

export type HandlerApi = Pick<Telegram, 'sendMessage' | 'sendPhoto' | 'answerCbQuery'>;

export interface HandlerDeps extends ContextDeps {
  commands: CommandHandler;
  api: HandlerApi;
  token: string;
  log: Log;
  timeZone: string;
  botName: () => string;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Wires text messages, channel posts and button presses to the core. Every handler is wrapped:
 * an update the bot does not understand, or a failure while answering, is logged and skipped.
 */
export function installHandlers(bot: Telegraf, deps: HandlerDeps): void {
  bot.on(message('text'), (ctx) =>
    guard(deps, ctx.update.update_id, () => onText(deps, fromMessage(ctx.message))),
  );
  bot.on(channelPost('text'), (ctx) =>
    guard(deps, ctx.update.update_id, () => onText(deps, fromMessage(ctx.channelPost))),
  );
  bot.on(callbackQuery('data'), (ctx) =>
    guard(deps, ctx.update.update_id, () => onButton(deps, ctx.callbackQuery)),
  );
  bot.catch((err, ctx) => {
    const failure = describeFailure(err, deps.token);
    deps.log.error({ updateId: ctx.update.update_id, failure }, 'telegram: update failed');
  });
}

async function guard(
  deps: HandlerDeps,
  updateId: number,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    const failure = describeFailure(err, deps.token);
    deps.log.error({ updateId, failure }, 'telegram: update failed; going on');
  }
}

interface TextMessageLike {
  chat: IncomingText['chat'];
  message_id: number;
  text: string;
  message_thread_id?: number;
  is_topic_message?: boolean;
  from?: { id: number; username?: string; first_name?: string };
  sender_chat?: { id: number };
}

function fromMessage(m: TextMessageLike): IncomingText {
  const threadId = m.is_topic_message === true ? m.message_thread_id : undefined;
  return {
    chat: { id: m.chat.id, type: m.chat.type },
    messageId: m.message_id,
    text: m.text,
    ...(threadId === undefined ? {} : { threadId }),
    ...(m.from === undefined ? {} : { from: m.from }),
    ...(m.sender_chat === undefined ? {} : { senderChatId: m.sender_chat.id }),
  };
}

async function onText(deps: HandlerDeps, incoming: IncomingText): Promise<void> {
  const text = commandText(incoming.text, deps.botName(), incoming.chat.type);
  if (text === undefined) return;
  const context = commandContext(deps, incoming);
  const reply = await deps.commands.handleText(context, text);
  if (reply !== undefined) await answer(deps, context.target, reply, incoming.messageId);
}

interface ButtonPress {
  id: string;
  data: string;
  from: { id: number; username?: string; first_name?: string; language_code?: string };
  message?: {
    chat: IncomingText['chat'];
    message_id: number;
    message_thread_id?: number;
    is_topic_message?: boolean;
  };
}

async function onButton(deps: HandlerDeps, press: ButtonPress): Promise<void> {
  const action = decodeAction(press.data);
  const where = press.message;
  if (action === undefined || where === undefined) {
    // Only the one who pressed sees the answer: in their Telegram's language, when Herald has it.
    const language = languageOfLocale(press.from.language_code);
    await deps.api.answerCbQuery(press.id, translate(language, 'adapter.staleButton'));
    return;
  }
  if (where.chat.type === 'channel') {
    // A channel is read by many: the answer opens a private chat instead of posting here.
    await deps.api.answerCbQuery(press.id, undefined, {
      url: deepLink(deps.botName(), linkPayload(action)),
    });
    return;
  }
  await deps.api.answerCbQuery(press.id);
  const incoming = fromMessage({ ...where, text: '', from: press.from });
  const context = commandContext(deps, incoming);
  const reply = await deps.commands.handleText(context, `/${action.kind} ${action.storyId}`);
  if (reply !== undefined) await answer(deps, context.target, reply, where.message_id);
}

const linkPayload = (action: ButtonAction) => `${ACTION_CODES[action.kind]}_${action.storyId}`;

/** Sends a command's reply in the chat (and topic) it came from; one more try after a 429. */
async function answer(
  deps: HandlerDeps,
  target: Target,
  reply: Reply,
  replyTo: number,
): Promise<void> {
  const rendered = renderReply(reply, { timeZone: deps.timeZone, mode: 'reply' });
  const dest = {
    chatId: target.chatId,
    replyTo,
    ...(target.threadId === undefined ? {} : { threadId: Number(target.threadId) }),
  };
  let outcome = await deliver(deps.api, deps.token, dest, rendered);
  if (outcome.kind === 'retry' && outcome.afterMs <= REPLY_RETRY_MAX_WAIT_MS) {
    await (deps.sleep ?? wait)(outcome.afterMs);
    outcome = await deliver(deps.api, deps.token, dest, rendered);
  }
  if (outcome.kind !== 'sent') {
    const reason = scrub(outcome.reason, deps.token);
    deps.log.warn(
      { chatId: target.chatId, outcome: outcome.kind, reason },
      'telegram: reply not sent',
    );
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
