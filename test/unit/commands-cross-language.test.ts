import { describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/commands/handler.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteEventStore } from '../../src/store/sqlite/event-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { fingerprint } from '../../src/text/fingerprint.ts';
import { storyFeatures } from '../../src/text/events/index.ts';
import { makeDraft } from '../support/drafts.ts';
import { createMemorySubscriptionStore } from '../support/memory-subscription-store.ts';
import { privateChat } from '../support/commands-fixture.ts';

const T0 = new Date('2026-06-01T08:00:00Z');

// An ECB+ report (CC BY 3.0) and the Herald project's Russian and Chinese translations of it.
const STORIES = [
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

async function handlerWith(crossLanguage: boolean) {
  const db = openSqliteDatabase(':memory:');
  const stories = createSqliteStoryStore(db);
  for (const [i, s] of STORIES.entries()) {
    const draft = makeDraft({
      ...s,
      url: `https://news.example/${s.slug}`,
      publishedAt: new Date(T0.getTime() + i * 60_000),
      fingerprint: fingerprint(s.title, s.body),
    });
    const features = storyFeatures({ ...draft, fingerprint: fingerprint(s.title, s.body) });
    await stories.upsertStory(draft, T0, { event: features });
  }
  const handler = createCommandHandler({
    stories,
    events: createSqliteEventStore(db),
    subscriptions: createMemorySubscriptionStore(),
    related: { related: () => [] },
    clock: createManualClock(T0),
    log: silentLog,
    crossLanguage,
  });
  return async (text: string): Promise<string> => {
    const reply: Reply | undefined = await handler.handleText(privateChat(), text);
    return reply?.kind === 'notice' ? reply.text : JSON.stringify(reply);
  };
}

describe('reports in other languages (SQLite)', () => {
  it('coverage and related name the Russian report of the event', async () => {
    const send = await handlerWith(true);
    const coverage = await send('coverage https://news.example/klitschko-en');
    expect(coverage).toContain('Also reported in Russian by RIA');
    const related = await send('related https://news.example/klitschko-en');
    expect(related).toContain('Also reported in Russian by RIA');
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
