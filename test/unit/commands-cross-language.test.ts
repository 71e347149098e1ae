import { describe, expect, it } from 'vitest';
import { createAnchorMemory } from '../../src/commands/cross-language.ts';
import { createCommandHandler } from '../../src/commands/handler.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import type { StoryStore } from '../../src/store/story-store.ts';
import { createSqliteEventStore } from '../../src/store/sqlite/event-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { fingerprint } from '../../src/text/fingerprint.ts';
import { storyFeatures } from '../../src/text/events/index.ts';
import { makeDraft } from '../support/drafts.ts';
import { createMemorySubscriptionStore } from '../support/memory-subscription-store.ts';
import { privateChat } from '../support/commands-fixture.ts';

const T0 = new Date('2026-06-01T08:00:00Z');

interface Shown {
  slug: string;
  source: string;
  language: string;
  title: string;
  body: string;
}

// An ECB+ report (CC BY 3.0) and the Herald project's Russian and Chinese translations of it.
const STORIES: readonly [Shown, Shown, Shown, Shown] = [
  {
    slug: 'klitschko-en',
    source: 'Sky Sports',
    language: 'en',
    title: 'Klitschko stops Rahman to keep IBF crown',
    body: 'Wladimir Klitschko defended his IBF heavyweight crown with ease after stopping American Hasim Rahman after 44 seconds of the seventh round of their contest at the SAP Arena in Germany.',
  },
  {
    slug: 'klitschko-ru',
    source: 'RIA',
    language: 'ru',
    title: 'Кличко с лёгкостью защитил титул IBF',
    body: 'Владимир Кличко без труда защитил свой титул чемпиона мира IBF в супертяжёлом весе, остановив американца Хасима Рахмана на 44-й секунде седьмого раунда их боя на SAP Arena в Германии.',
  },
  {
    slug: 'klitschko-zh',
    source: 'Xinhua',
    language: 'zh',
    title: '克里琴科轻松卫冕IBF重量级金腰带',
    body: '弗拉基米尔·克里琴科在德国SAP竞技场的比赛中，于第七回合第44秒击倒美国拳手哈西姆·拉赫曼，轻松卫冕IBF重量级拳王头衔。',
  },
  {
    slug: 'thompson-en',
    source: 'ESPN',
    language: 'en',
    title: 'Wladimir Klitschko retains titles stopping Thompson in six rounds',
    body: 'Wladimir Klitschko stopped Tony Thompson in the sixth round to retain his WBA, IBF and WBO heavyweight title belts on Saturday.',
  },
];

async function storeWith(stories: StoryStore, s: Shown, i: number) {
  const draft = makeDraft({
    ...s,
    url: `https://news.example/${s.slug}`,
    publishedAt: new Date(T0.getTime() + i * 60_000),
    fingerprint: fingerprint(s.title, s.body),
  });
  const features = storyFeatures({ ...draft, fingerprint: fingerprint(s.title, s.body) });
  await stories.upsertStory(draft, T0, { event: features });
}

async function chatWith(crossLanguage: boolean, shown: readonly Shown[] = STORIES) {
  const db = openSqliteDatabase(':memory:');
  const stories = createSqliteStoryStore(db);
  for (const [i, s] of shown.entries()) await storeWith(stories, s, i);
  const handler = createCommandHandler({
    stories,
    events: createSqliteEventStore(db),
    subscriptions: createMemorySubscriptionStore(),
    related: { related: () => [] },
    clock: createManualClock(T0),
    log: silentLog,
    crossLanguage,
  });
  const send = async (text: string): Promise<string> => {
    const reply: Reply | undefined = await handler.handleText(privateChat(), text);
    return reply?.kind === 'notice' ? reply.text : JSON.stringify(reply);
  };
  return { send, stories };
}

async function handlerWith(crossLanguage: boolean) {
  return (await chatWith(crossLanguage)).send;
}

describe('reports in other languages (SQLite)', () => {
  it('coverage and related name the Russian and the Chinese reports of the event', async () => {
    const send = await handlerWith(true);
    for (const command of ['coverage', 'related']) {
      const reply = await send(`${command} https://news.example/klitschko-en`);
      expect(reply).toContain('Also reported in Russian by RIA');
      expect(reply).toContain('Also reported in Chinese by Xinhua');
    }
  });

  it('names a report ingested after the last call (its anchors not yet remembered)', async () => {
    const [en, ru, zh, thompson] = STORIES;
    const { send, stories } = await chatWith(true, [en, ru, thompson]);
    expect(await send('coverage https://news.example/klitschko-en')).not.toContain('Chinese');
    await storeWith(stories, zh, 3);
    expect(await send('coverage https://news.example/klitschko-en')).toContain(
      'Also reported in Chinese by Xinhua',
    );
  });

  it('does not name the reports of another fight of the same boxer', async () => {
    // Thompson's story shares only names with the Rahman reports (Klitschko, Wladimir, IBF).
    const send = await handlerWith(true);
    expect(await send('coverage https://news.example/thompson-en')).not.toContain('Also reported');
  });

  it('names the English report to a Russian story', async () => {
    const send = await handlerWith(true);
    expect(await send('coverage https://news.example/klitschko-ru')).toContain(
      'Also reported in English by Sky Sports',
    );
  });

  it('says nothing of other languages when HERALD_CROSS_LANGUAGE is off', async () => {
    const send = await handlerWith(false);
    expect(await send('coverage https://news.example/klitschko-en')).not.toContain('Also reported');
  });
});

describe('the anchor memory', () => {
  it('computes a story’s anchors once while its text stays the same', () => {
    const story = {
      ...makeDraft({ ...STORIES[1], language: 'ru' }),
      ingestedAt: T0,
      updatedAt: T0,
    };
    const memory = createAnchorMemory(2);
    expect(memory.known(story)).toBeUndefined();
    const anchors = memory.of(story);
    expect(anchors).toContain('#44');
    expect(memory.known(story)).toBe(anchors);
    const edited = { ...story, body: `${story.body} 45`, contentHash: 'f'.repeat(64) };
    expect(memory.known(edited)).toBeUndefined();
    expect(memory.of(edited)).toContain('#45');
  });
});
