import { readFileSync } from 'node:fs';
import { createManualClock } from '../../src/domain/clock.ts';
import type { CommandContext } from '../../src/domain/platform.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { createCommandHandler } from '../../src/commands/handler.ts';
import type { CommandDeps } from '../../src/commands/deps.ts';
import { silentLog, type Log } from '../../src/domain/log.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteEventStore } from '../../src/store/sqlite/event-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import type { StoryStore } from '../../src/store/story-store.ts';
import type { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { makeDraft } from './drafts.ts';
import { createMemorySubscriptionStore } from './memory-subscription-store.ts';

interface FixtureStory {
  slug: string;
  title: string;
  body: string;
  topics: string[];
  summary: string[];
  keywords: string[];
  entities: string[];
  publishedAt: string;
  imageUrl?: string;
}

const FIXTURE = new URL('../fixtures/commands/stories.json', import.meta.url);
export const START = new Date('2026-03-04T12:00:00Z');

/** The fixture stories, with the long one inflated past every reply limit. */
function fixtureStories(): FixtureStory[] {
  const list = JSON.parse(readFileSync(FIXTURE, 'utf8')) as FixtureStory[];
  const sentence = 'This sentence repeats to make the summary far too long for any reply. ';
  return list.map((s) => ({
    ...s,
    title: s.title.replace('LONGTITLE', 'more words '.repeat(40)),
    body: s.body.replace('LONGBODY', 'A long opening paragraph without a break. '.repeat(60)),
    summary: s.summary.flatMap((x) =>
      x === 'LONGSUMMARY' ? Array.from({ length: 40 }, () => sentence.trim()) : [x],
    ),
  }));
}

export function storyUrl(slug: string): string {
  return `https://news.example/2026/${slug}`;
}

export interface CommandFixture {
  stories: StoryStore;
  subscriptions: SubscriptionStore;
  clock: ReturnType<typeof createManualClock>;
  errors: { obj: object; msg: string }[];
  /** The story id of each fixture slug. */
  ids: Record<string, string>;
  handler: ReturnType<typeof createCommandHandler>;
  send(
    text: string,
    context?: CommandContext,
  ): ReturnType<ReturnType<typeof createCommandHandler>['handleText']>;
}

export interface FixtureOptions {
  subscriptions?: 'memory' | 'sqlite';
  deps?: Partial<CommandDeps>;
}

/** A real SQLite story store holding the fixture, a command handler over it, and a clock. */
export async function openCommandFixture(options: FixtureOptions = {}): Promise<CommandFixture> {
  const db = openSqliteDatabase(':memory:');
  const stories = createSqliteStoryStore(db);
  const ids: Record<string, string> = {};
  for (const s of fixtureStories()) {
    const { slug, publishedAt, ...rest } = s;
    const draft = makeDraft({ ...rest, url: storyUrl(slug), publishedAt: new Date(publishedAt) });
    ids[slug] = draft.id;
    await stories.upsertStory(draft, START);
  }
  const subscriptions =
    options.subscriptions === 'sqlite'
      ? createSqliteSubscriptionStore(db)
      : createMemorySubscriptionStore();
  const clock = createManualClock(START);
  const errors: { obj: object; msg: string }[] = [];
  const log: Log = { ...silentLog, error: (obj, msg) => errors.push({ obj, msg }) };
  const related = fakeRelated(ids);
  const handler = createCommandHandler({
    stories,
    events: createSqliteEventStore(db),
    subscriptions,
    related,
    clock,
    log,
    operators: new Set(['console:operator']),
    ...options.deps,
  });
  const send = (text: string, context: CommandContext = privateChat()) =>
    handler.handleText(context, text);
  return { stories, subscriptions, clock, errors, ids, handler, send };
}

/** Related stories by hand: the two transport stories, and the two sport stories. */
function fakeRelated(ids: Record<string, string>) {
  const groups = [
    ['harbour-bridge-reopens', 'tram-line-extension'],
    ['chess-final', 'marathon-record'],
  ].map((g) => g.map((slug) => ids[slug] ?? slug));
  return {
    related: (id: string, k: number) =>
      (groups.find((g) => g.includes(id)) ?? []).filter((other) => other !== id).slice(0, k),
  };
}

export function target(kind: Target['kind'], chatId = `${kind}-chat`): Target {
  return { platform: 'telegram', chatId, kind };
}

export function privateChat(userId = 'alice'): CommandContext {
  return context(target('private', `dm-${userId}`), userId, true);
}

export function groupChat(userId: string, admin: boolean, kind: 'group' | 'channel' = 'group') {
  return context(target(kind), userId, admin);
}

export function context(t: Target, userId: string, admin: boolean): CommandContext {
  return {
    platform: t.platform,
    target: t,
    user: { id: userId },
    isAdmin: () => Promise.resolve(admin),
  };
}
