import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dropAfterHeaders, holdBack, type StandInFaults } from './fault-http.ts';
import type { FaultKind } from './fault-plan.ts';
import { createMessageMethods, type Body } from './telegram-stand-in-methods.ts';
import {
  ApiError,
  RateWindows,
  type Chat,
  type Fault,
  type RateLimits,
  type StoredMessage,
  type User,
} from './telegram-stand-in-state.ts';

export type { Chat, StoredMessage, User } from './telegram-stand-in-state.ts';

export interface StandInOptions {
  token?: string;
  botUsername?: string;
  limits?: Partial<RateLimits>;
  /** The clock of the rate windows (a test's virtual clock, or Date.now). */
  now?: () => number;
  /** Random faults on sendMessage/sendPhoto (429, 5xx, dropped, slow); none by default. */
  faults?: StandInFaults;
}

const SEND_METHODS = new Set(['sendMessage', 'sendPhoto']);

export interface Call {
  method: string;
  body: Body;
  status: number;
}

interface Waiter {
  offset: number;
  resolve: (updates: object[]) => void;
}

/**
 * A stand-in for the Telegram Bot API on 127.0.0.1 (port 0): getMe, getUpdates (long polling
 * with offsets), sendMessage, sendPhoto, answerCallbackQuery, editMessageText,
 * editMessageCaption ("message is not modified" as Telegram answers it, each edit recorded),
 * setMyCommands, deleteWebhook, setWebhook, getChatAdministrators and getChat, with Telegram's
 * HTML check, length limits, rate limits (429 + retry_after) and faults a test can order.
 */
export class TelegramStandIn {
  readonly token: string;
  readonly bot: User;
  readonly chats = new Map<string, Chat>();
  readonly admins = new Map<number, number[]>();
  readonly messages: StoredMessage[] = [];
  readonly calls: Call[] = [];
  readonly callbackAnswers: Body[] = [];
  readonly commands: Body[] = [];
  readonly chatFaults = new Map<number, Fault>();
  readonly topicFaults = new Map<string, Fault>();
  /** Faults answered to the next send calls (sendMessage, sendPhoto), in order. */
  readonly nextSendFaults: Fault[] = [];
  readonly rates: RateWindows;
  webhookUrl: string | undefined;
  private readonly updates: { update_id: number }[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly events = new EventEmitter();
  private readonly server = createServer((req, res) => void this.route(req, res));
  private nextUpdateId = 1;
  private nextQueryId = 1;
  private readonly methods: Record<string, (body: Body) => unknown>;
  private readonly faults: StandInFaults | undefined;
  /** The response of the send being handled (handlers store synchronously). */
  private answering: ServerResponse | undefined;

  constructor(options: StandInOptions = {}) {
    this.faults = options.faults;
    this.token = options.token ?? '123456:stand-in-token-abcdefghijklmnop';
    this.bot = {
      id: 7_000_001,
      is_bot: true,
      first_name: 'Herald',
      username: options.botUsername ?? 'HeraldTestBot',
    };
    this.rates = new RateWindows(
      { perChatPerSec: 1, perGroupPerMin: 20, ...options.limits },
      options.now ?? Date.now,
    );
    this.methods = { ...createMessageMethods(this), ...this.baseMethods() };
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) waiter.resolve([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  /** A private chat (created on first use) or a registered group/channel. */
  privateChat(user: User): Chat {
    const chat: Chat = { id: user.id, type: 'private', first_name: user.first_name };
    if (user.username !== undefined) chat.username = user.username;
    this.chats.set(String(user.id), chat);
    return chat;
  }

  addGroup(id: number, title: string, adminIds: number[], forum = false): Chat {
    const chat: Chat = { id, type: 'supergroup', title, ...(forum ? { is_forum: true } : {}) };
    this.chats.set(String(id), chat);
    this.admins.set(id, adminIds);
    return chat;
  }

  /**
   * A basic group (type "group") that was upgraded to a supergroup: from now on every send to
   * its old id answers 400 with parameters.migrate_to_chat_id, as the Bot API does; the
   * supergroup takes messages under its new id.
   */
  upgradeGroup(groupId: number, supergroupId: number, title: string, adminIds: number[]): Chat {
    this.chats.set(String(groupId), { id: groupId, type: 'group', title });
    this.chatFaults.set(groupId, {
      code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      migrateToChatId: supergroupId,
    });
    return this.addGroup(supergroupId, title, adminIds);
  }

  /** An admin closed a forum topic: sends to it answer 400 TOPIC_CLOSED. */
  closeTopic(chatId: number, threadId: number): void {
    const description = 'Bad Request: TOPIC_CLOSED';
    this.topicFaults.set(`${chatId}:${threadId}`, { code: 400, description });
  }

  /** An admin deleted a forum topic: sends to it answer 400 "message thread not found". */
  deleteTopic(chatId: number, threadId: number): void {
    const description = 'Bad Request: message thread not found';
    this.topicFaults.set(`${chatId}:${threadId}`, { code: 400, description });
  }

  /** Queues an update for getUpdates; returns its update_id. */
  pushUpdate(update: object): number {
    const full = { update_id: this.nextUpdateId++, ...update };
    this.updates.push(full);
    for (const waiter of [...this.waiters]) this.wake(waiter);
    return full.update_id;
  }

  /** A person writes `text` in `chat` (their private chat by default). */
  say(from: User, text: string, chat: Chat = this.privateChat(from), threadId?: number): number {
    const entities = text.startsWith('/')
      ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]?.length ?? 1 }]
      : [];
    const topic =
      threadId === undefined ? {} : { message_thread_id: threadId, is_topic_message: true };
    const message = {
      message_id: 1_000_000 + this.nextUpdateId,
      date: 0,
      chat,
      from,
      text,
      entities,
      ...topic,
    };
    return this.pushUpdate({ message });
  }

  /** An admin posts `text` in a channel (a channel_post update, signed by the channel). */
  post(channel: Chat, text: string): number {
    const id = 2_000_000 + this.nextUpdateId;
    const post = { message_id: id, date: 0, chat: channel, sender_chat: channel, text };
    return this.pushUpdate({ channel_post: post });
  }

  /** A person presses an inline button of a message the bot sent. */
  press(from: User, message: StoredMessage, data: string): string {
    const id = `q${this.nextQueryId++}`;
    this.pushUpdate({
      callback_query: { id, from, chat_instance: 'ci', data, message: toApiMessage(message) },
    });
    return id;
  }

  messagesIn(chatId: number): StoredMessage[] {
    return this.messages.filter((m) => m.chat.id === chatId);
  }

  /** Resolves once `check` holds (checked after each API call); the test's timeout bounds it. */
  async until(check: () => boolean): Promise<void> {
    while (!check()) await new Promise((resolve) => this.events.once('call', resolve));
  }

  record(message: StoredMessage): StoredMessage {
    if (this.answering !== undefined) this.faults?.stored?.(this.answering);
    this.messages.push(message);
    return message;
  }

  private baseMethods(): Record<string, (body: Body) => unknown> {
    return {
      getMe: () => this.bot,
      getUpdates: (body) => this.getUpdates(body),
      deleteWebhook: () => ((this.webhookUrl = undefined), true),
      setWebhook: (body) => ((this.webhookUrl = String(body.url)), true),
      setMyCommands: (body) => (this.commands.push(body), true),
      answerCallbackQuery: (body) => (this.callbackAnswers.push(body), true),
    };
  }

  private getUpdates(body: Body): Promise<object[]> | object[] {
    if (this.webhookUrl !== undefined) {
      throw new ApiError({
        code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active",
      });
    }
    const offset = Number(body.offset ?? 0);
    const confirmed = this.updates.findIndex((u) => u.update_id >= offset);
    this.updates.splice(0, confirmed < 0 ? this.updates.length : confirmed);
    const limit = Number(body.limit ?? 100);
    if (this.updates.length > 0 || Number(body.timeout ?? 0) === 0)
      return this.updates.slice(0, limit);
    return new Promise((resolve) => this.waiters.add({ offset, resolve }));
  }

  private wake(waiter: Waiter): void {
    const ready = this.updates.filter((u) => u.update_id >= waiter.offset);
    if (ready.length === 0) return;
    this.waiters.delete(waiter);
    waiter.resolve(ready);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const body = await readJson(req);
    const [, token, method = ''] = match ?? [];
    const fault =
      token === this.token && SEND_METHODS.has(method) ? this.faults?.next() : undefined;
    const status =
      fault === undefined
        ? await this.answer(res, token, method, body)
        : await this.answerFaulty(res, fault, method, body);
    this.calls.push({ method, body, status });
    this.events.emit('call');
  }

  private async answer(res: ServerResponse, token: string | undefined, method: string, body: Body) {
    if (token !== this.token)
      return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const handler = this.methods[method];
    if (handler === undefined)
      return reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    try {
      const result = await this.handle(res, handler, body);
      return reply(res, 200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return replyFault(res, err.fault);
    }
  }

  private handle(res: ServerResponse, handler: (body: Body) => unknown, body: Body): unknown {
    this.answering = res;
    try {
      return handler(body);
    } finally {
      this.answering = undefined;
    }
  }

  /** 429 and 5xx before the message is read; `drop` and `slow` after it is stored. */
  private async answerFaulty(res: ServerResponse, fault: FaultKind, method: string, body: Body) {
    const retryAfter = this.faults?.retryAfterSec ?? 1;
    if (fault === 'tooMany') {
      const description = `Too Many Requests: retry after ${retryAfter}`;
      return replyFault(res, { code: 429, description, retryAfter });
    }
    if (fault === 'serverError') return replyFault(res, { code: 502, description: 'Bad Gateway' });
    let result: unknown;
    try {
      const handler = this.methods[method];
      result = handler === undefined ? undefined : await this.handle(res, handler, body);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return replyFault(res, err.fault);
    }
    if (fault === 'drop') return dropAfterHeaders(res);
    await holdBack(this.faults?.slowMs ?? 1000);
    return reply(res, 200, { ok: true, result });
  }
}

function replyFault(res: ServerResponse, fault: Fault): number {
  if (fault.code >= 500) {
    res.writeHead(fault.code, { 'content-type': 'text/plain' }).end(fault.description);
    return fault.code;
  }
  const given = {
    ...(fault.retryAfter === undefined ? {} : { retry_after: fault.retryAfter }),
    ...(fault.migrateToChatId === undefined ? {} : { migrate_to_chat_id: fault.migrateToChatId }),
  };
  const parameters = Object.keys(given).length === 0 ? {} : { parameters: given };
  return reply(res, fault.code, {
    ok: false,
    error_code: fault.code,
    description: fault.description,
    ...parameters,
  });
}

function reply(res: ServerResponse, status: number, payload: object): number {
  if (!res.destroyed)
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  return status;
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Body);
}

export function toApiMessage(m: StoredMessage): object {
  const {
    raw: _raw,
    parseMode: _mode,
    photo,
    reply_to: _to,
    edited: _edited,
    edits: _edits,
    ...rest
  } = m;
  return photo === undefined ? rest : { ...rest, photo: [{ file_id: photo, width: 1, height: 1 }] };
}
