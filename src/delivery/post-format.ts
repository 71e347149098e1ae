import {
  PLACEHOLDERS,
  PostFormatSchema,
  type Placeholder,
  type PostFormat,
} from '../domain/post-format.ts';
import { shownDate, type CardPart, type Reply, type StoryCard } from '../domain/reply.ts';
import type { PlatformName } from '../domain/subscription.ts';
import type { Log } from '../domain/log.ts';
import type { SendOutcome } from '../domain/platform.ts';
import type { PostFormatStore } from '../store/post-format-store.ts';

/**
 * What a header and footer together may come to on each platform, with every placeholder at
 * its longest: room left in a Telegram photo caption (1,024), a Discord message (2,000) and a
 * WhatsApp or console message beside the card.
 */
export const FORMAT_BUDGET: Record<PlatformName, number> = {
  telegram: 700,
  discord: 1_500,
  whatsapp: 1_500,
  console: 2_000,
};

/** The longest each placeholder may become (titles are cut at 250, links kept whole). */
const PLACEHOLDER_MAX: Record<Placeholder, number> = {
  title: 250,
  source: 100,
  link: 300,
  topics: 200,
  date: 40,
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

export type FormatCheck = { ok: true; format: PostFormat } | { ok: false; problems: string[] };

/** Validates a format for a platform: its shape, its placeholders, its longest length. */
export function validateFormat(input: unknown, platform: PlatformName): FormatCheck {
  const parsed = PostFormatSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  const problems: string[] = [];
  for (const [name, text] of [
    ['header', parsed.data.header],
    ['footer', parsed.data.footer],
  ] as const) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1] ?? ''))
        problems.push(
          `${name}: unknown placeholder {${m[1] ?? ''}} (use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
        );
    }
  }
  const longest = longestLength(parsed.data.header) + longestLength(parsed.data.footer);
  if (longest > FORMAT_BUDGET[platform])
    problems.push(
      `header and footer can reach ${longest} characters with long titles and links; ${platform} leaves room for ${FORMAT_BUDGET[platform]}`,
    );
  return problems.length === 0 ? { ok: true, format: parsed.data } : { ok: false, problems };
}

function longestLength(text: string): number {
  return text.replace(PLACEHOLDER, (_m, name: string) =>
    'x'.repeat(PLACEHOLDER_MAX[name as Placeholder]),
  ).length;
}

/** `{title}`, `{source}`, ... filled in from the card, as plain text (each platform escapes it). */
export function fillPlaceholders(text: string, card: StoryCard): string {
  const values: Record<Placeholder, string> = {
    title: card.title,
    source: card.source,
    link: card.url ?? '',
    topics: card.topics
      .map(hashtag)
      .filter((t) => t !== '#')
      .join(' '),
    date: shownDate(card, card.publishedAt.toISOString().slice(0, 10)),
  };
  return text
    .replace(PLACEHOLDER, (m, name: string) => (name in values ? values[name as Placeholder] : m))
    .trim();
}

function hashtag(topic: string): string {
  return `#${topic
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')}`;
}

/**
 * A single-story post with the format applied: parts left out, header and footer filled in.
 * Other replies, and any failure on the way, give the reply unchanged (the default card).
 */
export function applyFormat(reply: Reply, format: PostFormat | undefined): Reply {
  if (format === undefined || reply.kind !== 'card') return reply;
  try {
    const { parts } = format;
    const card: StoryCard = { ...reply.card };
    if (!parts.summary) Object.assign(card, { summary: [], excerpt: '' });
    if (!parts.image) delete card.imageUrl;
    const hide: CardPart[] = [];
    if (!parts.sourceTime) hide.push('meta');
    if (!parts.buttons) hide.push('buttons');
    const header = fillPlaceholders(format.header, reply.card);
    const footer = fillPlaceholders(format.footer, reply.card);
    if (!parts.link) delete card.url;
    return {
      kind: 'card',
      card,
      ...(header === ''
        ? reply.heading === undefined
          ? {}
          : { heading: reply.heading }
        : { heading: header }),
      ...(footer === '' ? {} : { footer }),
      ...(hide.length === 0 ? {} : { hide }),
    };
  } catch {
    return reply;
  }
}

/** The reply in the subscription's saved format; the reply itself when there is none or it fails. */
export async function formattedReply(
  deps: { postFormats?: Pick<PostFormatStore, 'getFormat'>; log: Pick<Log, 'warn'> },
  subscriptionId: string,
  reply: Reply,
): Promise<Reply> {
  if (deps.postFormats === undefined || reply.kind !== 'card') return reply;
  try {
    return applyFormat(reply, (await deps.postFormats.getFormat(subscriptionId))?.format);
  } catch (err) {
    deps.log.warn({ subscriptionId, err }, 'post format unreadable; sending the default card');
    return reply;
  }
}

/**
 * Sends the post in the subscription's format; a format that cannot be read or applied, or a
 * formatted post the platform refuses as invalid, goes out as the default card instead.
 */
export async function sendWithFallback(
  deps: { postFormats?: Pick<PostFormatStore, 'getFormat'>; log: Pick<Log, 'warn'> },
  subscriptionId: string,
  reply: Reply,
  send: (reply: Reply) => Promise<SendOutcome>,
  /** Applied last, to either (an edit's "Also reported by", a follow-up's heading). */
  finish: (reply: Reply) => Reply = (r) => r,
): Promise<SendOutcome> {
  const formatted = await formattedReply(deps, subscriptionId, reply);
  const outcome = await send(finish(formatted));
  if (outcome.kind !== 'invalid' || formatted === reply) return outcome;
  deps.log.warn(
    { subscriptionId, reason: outcome.reason },
    'formatted post refused; sending the default card',
  );
  return send(finish(reply));
}
