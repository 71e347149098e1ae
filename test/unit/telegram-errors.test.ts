import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import {
  describeFailure,
  scrub,
  startError,
  TelegramTokenError,
  toOutcome,
} from '../../adapters/telegram/errors.ts';
import { commandText } from '../../adapters/telegram/incoming.ts';
import { deliver, type SendApi } from '../../adapters/telegram/send.ts';

const TOKEN = '123456:secret-token-value';
const tgError = (code: number, description: string, retry?: number) =>
  new TelegramError({
    error_code: code,
    description,
    ...(retry === undefined ? {} : { parameters: { retry_after: retry } }),
  });
const outcomeOf = (err: unknown) => toOutcome(describeFailure(err, TOKEN)).kind;

describe('telegram errors to outcomes', () => {
  it.each([
    [tgError(429, 'Too Many Requests: retry after 5', 5), 'retry'],
    [tgError(403, 'Forbidden: bot was blocked by the user'), 'rejected'],
    [tgError(403, 'Forbidden: bot was kicked from the supergroup chat'), 'rejected'],
    [tgError(400, 'Bad Request: chat not found'), 'rejected'],
    [tgError(400, 'Bad Request: TOPIC_CLOSED'), 'rejected'],
    [tgError(400, 'Bad Request: TOPIC_DELETED'), 'rejected'],
    [tgError(400, 'Bad Request: message thread not found'), 'rejected'],
    [tgError(400, 'Bad Request: group chat was upgraded to a supergroup chat'), 'rejected'],
    [tgError(400, 'Bad Request: message is too long'), 'invalid'],
    [tgError(400, "Bad Request: can't parse entities: Unsupported start tag"), 'invalid'],
    [tgError(502, 'Bad Gateway'), 'transient'],
    [tgError(401, 'Unauthorized'), 'transient'],
    [
      Object.assign(
        new Error('request to http://x/bot1:abc/sendMessage failed, reason: ECONNRESET'),
        { name: 'FetchError' },
      ),
      'transient',
    ],
  ])('%s -> %s', (err, kind) => {
    expect(outcomeOf(err)).toBe(kind);
  });

  it('follows a group upgraded to a supergroup to its new id', () => {
    const err = new TelegramError({
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1001234567890 },
    });
    expect(toOutcome(describeFailure(err, TOKEN))).toMatchObject({
      kind: 'moved',
      chatId: '-1001234567890',
    });
  });

  it('waits exactly retry_after', () => {
    expect(toOutcome(describeFailure(tgError(429, 'Too Many Requests', 7), TOKEN))).toMatchObject({
      kind: 'retry',
      afterMs: 7000,
    });
  });

  it('never lets the token into a message', () => {
    const err = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`);
    expect(describeFailure(err, TOKEN).description).not.toContain('secret-token-value');
    expect(scrub(`token ${TOKEN} and /botabc:def/ too`, TOKEN)).toBe(
      'token [redacted] and /bot[redacted]/ too',
    );
    const fatal = startError('getMe', tgError(401, 'Unauthorized'), TOKEN);
    expect(fatal).toBeInstanceOf(TelegramTokenError);
    expect(fatal.message).toContain('TELEGRAM_BOT_TOKEN');
    expect(startError('getMe', err, TOKEN).message).not.toContain(TOKEN);
  });
});

describe('telegram sending fallbacks', () => {
  function fakeApi(script: (Error | undefined)[]) {
    const sent: { text: string; extra: unknown }[] = [];
    const api = {
      sendMessage: (_chat: string | number, text: string, extra?: unknown) => {
        const failure = script.shift();
        if (failure !== undefined) return Promise.reject(failure);
        sent.push({ text, extra });
        return Promise.resolve({ message_id: sent.length });
      },
      sendPhoto: () =>
        Promise.reject(tgError(400, 'Bad Request: wrong file identifier/HTTP URL specified')),
    } as unknown as SendApi;
    return { api, sent };
  }
  const message = { lines: [[{ text: 'Hello <you>', style: 'b' as const }]] };

  it('sends once more as plain text when Telegram cannot parse the HTML', async () => {
    const { api, sent } = fakeApi([tgError(400, "Bad Request: can't parse entities: bad")]);
    expect(await deliver(api, TOKEN, { chatId: '1' }, message)).toEqual({
      kind: 'sent',
      messageId: '1',
    });
    expect(sent[0]?.text).toBe('Hello <you>');
    expect(sent[0]?.extra).not.toHaveProperty('parse_mode');
  });

  it('gives up as invalid when the plain text fails too', async () => {
    const parse = tgError(400, "Bad Request: can't parse entities: bad");
    const { api } = fakeApi([parse, tgError(400, 'Bad Request: message text is empty')]);
    expect((await deliver(api, TOKEN, { chatId: '1' }, message)).kind).toBe('invalid');
  });

  it('goes straight to text for a photo Telegram refused before', async () => {
    const { api, sent } = fakeApi([tgError(429, 'Too Many Requests', 1)]);
    const withPhoto = {
      ...message,
      photo: { url: 'https://img.example/x.jpg', caption: message.lines },
    };
    const photos = new Set<string>();
    expect((await deliver(api, TOKEN, { chatId: '1' }, withPhoto, photos)).kind).toBe('retry');
    expect(photos.has('https://img.example/x.jpg')).toBe(true);
    expect((await deliver(api, TOKEN, { chatId: '1' }, withPhoto, photos)).kind).toBe('sent');
    expect(sent).toHaveLength(1);
  });
});

describe('telegram command text', () => {
  it.each([
    ['/latest 3', 'private', '/latest 3'],
    ['/summary@HeraldTestBot 2', 'group', '/summary 2'],
    ['/summary@heraldtestbot 2', 'group', '/summary 2'],
    ['/help@OtherBot', 'group', undefined],
    ['latest', 'group', undefined],
    ['latest', 'private', 'latest'],
    ['/start s_abc123', 'private', '/summary abc123'],
    ['/start r_abc123', 'private', '/related abc123'],
    ['/start c_abc123', 'private', '/coverage abc123'],
    ['/start', 'private', '/start'],
    ['   ', 'private', undefined],
  ] as const)('%s in a %s chat -> %s', (text, type, expected) => {
    expect(commandText(text, 'HeraldTestBot', type)).toBe(expected);
  });
});
