import type { ServerResponse } from 'node:http';
import { dropAfterHeaders, holdBack, type StandInFaults } from './fault-http.ts';
import type { FaultKind } from './fault-plan.ts';
import { limitProblems } from './discord-stand-in-checks.ts';
import {
  CHANNEL_TYPES,
  channelJson,
  messageJson,
  nextId,
  type MessageBody,
  type StandInChannel,
  type StandInUser,
} from './discord-stand-in-payloads.ts';

/**
 * One message-bearing request: a channel message, a forum post, an interaction's callback,
 * edit or follow-up, or an edit of a channel message (`message-edit`, PATCH).
 */
export interface SentMessage {
  kind: 'channel' | 'post' | 'callback' | 'edit' | 'followup' | 'message-edit';
  /** A channel message's or post's id (a post's is its thread's); an edit's, the edited one. */
  id?: string;
  /** The message a channel message replies to (message_reference.message_id). */
  replyTo?: string;
  /** How many edits a channel message or post took (PATCH). */
  edits?: number;
  /** Channel id, forum id, or interaction id. */
  where: string;
  body: MessageBody;
  /** The callback type (4 message, 5 deferred, 8 autocomplete, ...). */
  callbackType?: number;
  /** The post's (thread's) name. */
  name?: string;
}

export interface DiscordError {
  status: number;
  code: number;
  message: string;
}

export interface RestState {
  port: () => number;
  applicationId: string;
  bot: StandInUser;
  guild: { id: string; name: string; channels: StandInChannel[] };
  messages: SentMessage[];
  violations: string[];
  failures: Map<string, DiscordError>;
  rateLimits: Map<string, number>;
  interactionOfToken: (token: string) => string;
  /** People's DM channels (kept apart from the guild's), and each request for one, in order. */
  dms: StandInChannel[];
  dmRequests: string[];
  /** Random faults on message posts; none by default. */
  faults?: StandInFaults;
}

export const UNKNOWN_CHANNEL: DiscordError = {
  status: 404,
  code: 10003,
  message: 'Unknown Channel',
};

/** A post without applied_tags in a forum that requires one. */
export const TAG_REQUIRED: DiscordError = {
  status: 400,
  code: 40067,
  message: 'A tag is required to create a forum post in this channel',
};

export type Route = (res: ServerResponse, parts: string[], body: unknown) => void;

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** 204 carries no content-type: discord.js would try to parse an empty JSON body. */
function noContent(res: ServerResponse): void {
  res.writeHead(204).end();
}

function error(res: ServerResponse, e: DiscordError): void {
  json(res, e.status, { code: e.code, message: e.message });
}

/** 429 and 5xx answer before the message is read; undefined lets the request go on. */
function answeredByFault(res: ServerResponse, fault: FaultKind | undefined, f?: StandInFaults) {
  if (fault === 'tooMany') {
    const wait = f?.retryAfterSec ?? 1;
    const headers = { 'retry-after': String(wait), 'x-ratelimit-scope': 'user' };
    res.writeHead(429, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: wait }));
    return true;
  }
  if (fault !== 'serverError') return false;
  json(res, 502, { code: 0, message: '502: Bad Gateway' });
  return true;
}

/** The answer to a stored message: as asked, dropped after the headers, or too late. */
function answerStored(
  res: ServerResponse,
  fault: FaultKind | undefined,
  f: StandInFaults | undefined,
  answer: () => void,
): void {
  if (fault === 'drop') dropAfterHeaders(res);
  else if (fault === 'slow')
    void holdBack(f?.slowMs ?? 1000).then(() => {
      if (!res.destroyed) answer();
    });
  else answer();
}

/** The REST routes of the stand-in, under /api/v10 (paths given without that prefix). */
export function restRoutes(st: RestState): [string, RegExp, Route][] {
  /** Forum posts' threads, which take messages too. */
  const threads = new Map<string, StandInChannel>();
  const channel = (id: string) =>
    [...st.guild.channels, ...st.dms].find((c) => c.id === id) ?? threads.get(id);

  /** Records a message; refuses one over the limits as Discord does (400, 50035). */
  const accept = (res: ServerResponse, m: SentMessage): boolean => {
    st.messages.push(m);
    const problems = limitProblems(m.body);
    if (m.name !== undefined && (m.name.length > 100 || m.name === '')) problems.push('bad name');
    if (problems.length === 0) return true;
    st.violations.push(...problems);
    json(res, 400, { code: 50035, message: 'Invalid Form Body', errors: { problems } });
    return false;
  };

  /** Answers for a channel told to fail, or to answer 429 once; false when it may go on. */
  const refused = (res: ServerResponse, channelId: string): boolean => {
    if (channel(channelId) === undefined) {
      error(res, UNKNOWN_CHANNEL);
      return true;
    }
    const failure = st.failures.get(channelId);
    if (failure !== undefined) {
      error(res, failure);
      return true;
    }
    const wait = st.rateLimits.get(channelId);
    if (wait === undefined) return false;
    st.rateLimits.delete(channelId);
    const headers = { 'retry-after': String(wait), 'x-ratelimit-scope': 'user' };
    res.writeHead(429, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: wait }));
    return true;
  };

  const message = (channelId: string, body: MessageBody) => messageJson(channelId, st.bot, body);

  const gatewayBot: Route = (res) => {
    json(res, 200, {
      url: `ws://127.0.0.1:${st.port()}`,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
    });
  };
  const putCommands: Route = (res, _p, body) => {
    const commands = (body as object[]).map((c) => ({
      ...c,
      id: nextId(),
      application_id: st.applicationId,
      version: '1',
    }));
    json(res, 200, commands);
  };
  const getChannel: Route = (res, p) => {
    const c = channel(p[1] ?? '');
    if (c !== undefined && !refused(res, c.id)) json(res, 200, channelJson(st.guild.id, c));
    else if (c === undefined) error(res, UNKNOWN_CHANNEL);
  };
  const postMessage: Route = (res, p, body) => {
    const id = p[1] ?? '';
    const replyTo = (body as { message_reference?: { message_id?: string } }).message_reference
      ?.message_id;
    const m: SentMessage = {
      kind: 'channel',
      where: id,
      body: body as MessageBody,
      ...(replyTo === undefined ? {} : { replyTo }),
    };
    const fault = st.faults?.next();
    if (answeredByFault(res, fault, st.faults) || refused(res, id) || !accept(res, m)) return;
    st.faults?.stored?.(res);
    const answer = message(id, m.body);
    m.id = answer.id;
    answerStored(res, fault, st.faults, () => {
      json(res, 200, answer);
    });
  };
  /** PATCH of a message the bot posted (in a forum, the first message of a post's thread). */
  const patchMessage: Route = (res, p, body) => {
    const [where = '', id = ''] = [p[1], p[3]];
    const fault = st.faults?.next();
    if (answeredByFault(res, fault, st.faults) || refused(res, where)) return;
    const original = st.messages.find(
      (m) => m.id === id && (m.kind === 'channel' || m.kind === 'post'),
    );
    const inThread = original?.kind === 'post' && where === original.id;
    if (original === undefined || (original.where !== where && !inThread)) {
      error(res, { status: 404, code: 10008, message: 'Unknown Message' });
      return;
    }
    const m: SentMessage = { kind: 'message-edit', where, id, body: body as MessageBody };
    if (!accept(res, m)) return;
    original.body = { ...original.body, ...m.body };
    original.edits = (original.edits ?? 0) + 1;
    json(res, 200, {
      ...message(where, original.body),
      id,
      edited_timestamp: new Date().toISOString(),
    });
  };
  const postThread: Route = (res, p, body) => {
    const id = p[1] ?? '';
    const post = body as { name: string; message: MessageBody; applied_tags?: string[] };
    const forum = channel(id);
    if (forum?.type !== CHANNEL_TYPES.forum) {
      error(res, UNKNOWN_CHANNEL);
      return;
    }
    if (forum.requireTag === true && (post.applied_tags ?? []).length === 0) {
      error(res, TAG_REQUIRED);
      return;
    }
    const m: SentMessage = { kind: 'post', where: id, body: post.message, name: post.name };
    if (refused(res, id) || !accept(res, m)) return;
    const thread = { id: nextId(), name: post.name, type: CHANNEL_TYPES.publicThread };
    m.id = thread.id;
    threads.set(thread.id, { ...thread, parentId: id });
    const json201 = { ...channelJson(st.guild.id, { ...thread, parentId: id }) };
    json(res, 201, { ...json201, message: message(thread.id, post.message) });
  };
  const callback: Route = (res, p, body) => {
    const cb = body as { type: number; data?: MessageBody };
    const where = p[1] ?? '';
    const m: SentMessage = { kind: 'callback', where, body: cb.data ?? {}, callbackType: cb.type };
    if (cb.type === 4 || cb.type === 7) {
      if (accept(res, m)) noContent(res);
      return;
    }
    st.messages.push(m);
    noContent(res);
  };
  const webhookMessage =
    (kind: 'edit' | 'followup'): Route =>
    (res, p, body) => {
      const where = st.interactionOfToken(p[2] ?? '');
      const m: SentMessage = { kind, where, body: body as MessageBody };
      if (accept(res, m)) json(res, 200, message(st.guild.channels[0]?.id ?? '0', m.body));
    };

  /** A person's DM channel: the same one each time it is asked for (recorded in `dms`). */
  const openDm: Route = (res, _p, body) => {
    const userId = (body as { recipient_id: string }).recipient_id;
    const name = `dm-${userId}`;
    let dm = st.dms.find((c) => c.name === name);
    if (dm === undefined) {
      dm = { id: nextId(), name, type: CHANNEL_TYPES.dm };
      st.dms.push(dm);
    }
    st.dmRequests.push(userId);
    json(res, 200, { id: dm.id, type: CHANNEL_TYPES.dm, recipients: [{ id: userId }] });
  };

  return [
    ['GET', /^gateway\/bot$/, gatewayBot],
    ['POST', /^users\/@me\/channels$/, openDm],
    [
      'GET',
      /^applications\/@me$/,
      (res) => {
        json(res, 200, { id: st.applicationId, name: 'Herald', bot_public: false });
      },
    ],
    ['PUT', /^applications\/\d+(\/guilds\/\d+)?\/commands$/, putCommands],
    ['GET', /^channels\/\d+$/, getChannel],
    ['POST', /^channels\/\d+\/messages$/, postMessage],
    ['PATCH', /^channels\/\d+\/messages\/\d+$/, patchMessage],
    ['POST', /^channels\/\d+\/threads$/, postThread],
    ['POST', /^interactions\/\d+\/[^/]+\/callback$/, callback],
    ['PATCH', /^webhooks\/\d+\/[^/]+\/messages\/(@original|\d+)$/, webhookMessage('edit')],
    [
      'DELETE',
      /^webhooks\/\d+\/[^/]+\/messages\/(@original|\d+)$/,
      (res) => {
        noContent(res);
      },
    ],
    ['POST', /^webhooks\/\d+\/[^/]+$/, webhookMessage('followup')],
  ];
}
