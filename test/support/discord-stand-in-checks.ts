import type { EmbedBody, MessageBody } from './discord-stand-in-payloads.ts';

/**
 * Discord's own checks, written again here (not imported from the adapter) so the stand-in
 * refuses what Discord would: 50035 Invalid Form Body.
 */
export function limitProblems(body: MessageBody): string[] {
  const problems: string[] = [];
  const embeds = body.embeds ?? [];
  if ((body.content ?? '').length > 2000) problems.push('content > 2000');
  if (embeds.length > 10) problems.push('more than 10 embeds');
  let total = 0;
  for (const e of embeds) {
    problems.push(...embedProblems(e));
    total += embedTotal(e);
  }
  if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  if ((body.content ?? '') === '' && embeds.length === 0) problems.push('empty message');
  return problems;
}

function embedProblems(e: EmbedBody): string[] {
  const problems: string[] = [];
  if ((e.title ?? '').length > 256) problems.push('title > 256');
  if ((e.description ?? '').length > 4096) problems.push('description > 4096');
  if ((e.footer?.text ?? '').length > 2048) problems.push('footer > 2048');
  if ((e.author?.name ?? '').length > 256) problems.push('author > 256');
  if ((e.fields ?? []).length > 25) problems.push('more than 25 fields');
  for (const url of [e.url, e.image?.url]) {
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) problems.push(`bad url ${url}`);
  }
  if (e.timestamp !== undefined && Number.isNaN(Date.parse(e.timestamp))) {
    problems.push('bad timestamp');
  }
  return problems;
}

function embedTotal(e: EmbedBody): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (e.title ?? '').length +
    (e.description ?? '').length +
    (e.footer?.text ?? '').length +
    (e.author?.name ?? '').length +
    fields
  );
}

/**
 * Whether this message would ping: @everyone/@here, a role or a user mentioned in its text,
 * unless allowed_mentions turns that off. Discord's default (no allowed_mentions) pings all.
 */
export function wouldPing(body: MessageBody): boolean {
  const text = [body.content ?? '', ...(body.embeds ?? []).map((e) => e.description ?? '')].join(
    '\n',
  );
  const allowed = body.allowed_mentions;
  const parse = new Set(
    allowed === undefined ? ['everyone', 'roles', 'users'] : (allowed.parse ?? []),
  );
  const everyone = /@(everyone|here)/.test(body.content ?? '') && parse.has('everyone');
  const roles =
    /<@&\d+>/.test(body.content ?? '') && (parse.has('roles') || (allowed?.roles ?? []).length > 0);
  const users =
    /<@!?\d+>/.test(body.content ?? '') &&
    (parse.has('users') || (allowed?.users ?? []).length > 0);
  return text !== '' && (everyone || roles || users);
}
