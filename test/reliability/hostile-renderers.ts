import { renderReply as renderConsole } from '../../adapters/console/render.ts';
import { renderMessage } from '../../adapters/discord/render.ts';
import { splitLines, toHtml, visibleLength } from '../../adapters/telegram/html.ts';
import { renderReply as renderTelegram } from '../../adapters/telegram/render.ts';
import { TELEGRAM_LIMITS } from '../../adapters/telegram/limits.ts';
import { renderReply as renderWhatsApp, WHATSAPP_LIMITS } from '../../adapters/whatsapp/render.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { limitProblems, wouldPing } from '../support/discord-stand-in-checks.ts';
import { parseTelegramHtml } from '../support/telegram-html.ts';

/**
 * Every renderer on one reply, each checked the way its platform would check it. Returns the
 * broken rules ("telegram: ..."), empty when every platform would take the message.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function textProblems(where: string, text: string): string[] {
  const problems: string[] = [];
  if (LONE_SURROGATE.test(text)) problems.push(`${where}: a lone surrogate (not UTF-8)`);
  if (CONTROL.test(text)) problems.push(`${where}: a control character`);
  return problems;
}

function telegramHtml(where: string, html: string, max: number): string[] {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) return [`${where}: Telegram refuses the HTML (${parsed.error})`];
  const problems = textProblems(where, html);
  if (parsed.text.length > max)
    problems.push(`${where}: ${parsed.text.length} > ${max} characters`);
  if (parsed.text.trim() === '') problems.push(`${where}: empty message`);
  return problems;
}

export function telegramProblems(reply: Reply): string[] {
  const problems: string[] = [];
  for (const mode of ['broadcast', 'reply'] as const) {
    const message = renderTelegram(reply, { timeZone: 'UTC', mode });
    for (const chunk of splitLines(message.lines)) {
      problems.push(...telegramHtml(`telegram ${mode}`, toHtml(chunk), TELEGRAM_LIMITS.textChars));
    }
    if (message.photo !== undefined) {
      const caption = message.photo.caption;
      if (visibleLength(caption) > TELEGRAM_LIMITS.captionChars)
        problems.push('telegram caption too long');
      problems.push(
        ...telegramHtml(`telegram caption`, toHtml(caption), TELEGRAM_LIMITS.captionChars),
      );
    }
    for (const button of message.keyboard?.inline_keyboard.flat() ?? []) {
      if (Buffer.byteLength(button.callback_data) > TELEGRAM_LIMITS.callbackDataBytes)
        problems.push('telegram callback_data over 64 bytes');
    }
  }
  return problems;
}

export function discordProblems(reply: Reply): string[] {
  const message = renderMessage(reply);
  const body = { ...message, embeds: message.embeds.map((e) => ({ ...e })) };
  const problems = limitProblems(body).map((p) => `discord: ${p}`);
  if (wouldPing(body)) problems.push('discord: the message would ping');
  if (JSON.stringify(message.allowed_mentions) !== '{"parse":[]}')
    problems.push('discord: allowed_mentions is not empty');
  problems.push(
    ...textProblems('discord', JSON.stringify(message.embeds) + (message.content ?? '')),
  );
  return problems;
}

export function whatsappProblems(reply: Reply): string[] {
  const problems: string[] = [];
  for (const images of [true, false]) {
    const message = renderWhatsApp(reply, { timeZone: 'UTC', images });
    const text = 'text' in message ? message.text : message.caption;
    const max = 'text' in message ? WHATSAPP_LIMITS.textChars : WHATSAPP_LIMITS.captionChars;
    if (text.length > max) problems.push(`whatsapp: ${text.length} > ${max} characters`);
    problems.push(...textProblems('whatsapp', text));
  }
  return problems;
}

export function consoleProblems(reply: Reply): string[] {
  const text = renderConsole(reply, { timeZone: 'UTC' });
  return textProblems('console', text);
}

export function rendererProblems(reply: Reply): string[] {
  return [
    ...telegramProblems(reply),
    ...discordProblems(reply),
    ...whatsappProblems(reply),
    ...consoleProblems(reply),
  ];
}
