import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreCrossLanguage } from '../../src/eval/cross-language.ts';
import { parseArticles, type LabelledArticle } from '../../src/eval/related.ts';
import {
  anchorsOf,
  CrossLanguageIndex,
  numbersIn,
  skeleton,
  type LinkOptions,
} from '../../src/text/crosslang/index.ts';

// English openings of two ECB+ events of one topic (CC BY 3.0, ECB+, Cybulska & Vossen 2014).
const RAHMAN: LabelledArticle = {
  id: 'ecbplus-7_2ecb',
  cluster: 'ecbplus-t7-ecb',
  topic: 't7',
  title:
    'Wladimir Klitschko defended his IBF heavyweight crown with ease after stopping American Hasim Rahman after 44 seconds of the seventh round of their contest at the SAP Arena in Germany.',
  body: '',
};
const THOMPSON: LabelledArticle = {
  id: 'ecbplus-7_2ecbplus',
  cluster: 'ecbplus-t7-ecbplus',
  topic: 't7',
  title: 'Wladimir Klitschko retains titles stopping Thompson in six rounds',
  body: 'Wladimir Klitschko stopped Tony Thompson in the sixth round to retain his WBA, IBF and WBO heavyweight title belts on Saturday.',
};

const translated = parseArticles(
  readFileSync(
    new URL('../../eval/cross-language/ecbplus-translated.jsonl', import.meta.url),
    'utf8',
  ),
);
const articles = translated.ok ? translated.articles : [];
const byId = (id: string): LabelledArticle => {
  const found = articles.find((a) => a.id === id);
  if (found === undefined) throw new Error(`no ${id} in the translated set`);
  return found;
};

function linksOf(story: LabelledArticle, options: Partial<LinkOptions> = {}): string[] {
  const index = new CrossLanguageIndex();
  for (const s of [RAHMAN, THOMPSON]) index.add({ ...s, language: 'en' });
  return index.links({ ...story, language: story.language ?? 'en' }, options).map((l) => l.id);
}

describe('cross-language links', () => {
  it('links a Russian and a Chinese report of an English event, not the other event of its topic', () => {
    expect(linksOf(byId('xl-ru-7_2ecb'))).toEqual([RAHMAN.id]);
    expect(linksOf(byId('xl-zh-7_2ecb'))).toEqual([RAHMAN.id]);
  });

  it('links the reports of the other event to it alone, by names when no number is shared', () => {
    // The Thompson reports share no number ("sixth round", "Saturday"): no link by default.
    expect(linksOf(byId('xl-ru-7_2ecbplus'))).toEqual([]);
    expect(linksOf(byId('xl-ru-7_2ecbplus'), { minFacts: 0 })).toEqual([THOMPSON.id]);
    expect(linksOf(byId('xl-es-7_2ecbplus'), { minFacts: 0 })).toEqual([THOMPSON.id]);
  });

  it('links two stories whichever of them asks (coverage of the lighter of the two)', () => {
    const index = new CrossLanguageIndex();
    const zh = { ...byId('xl-zh-7_2ecb'), language: 'zh' };
    for (const s of [{ ...RAHMAN, language: 'en' }, zh]) index.add(s);
    expect(index.links({ ...RAHMAN, language: 'en' }).map((l) => l.id)).toEqual([zh.id]);
    expect(index.links(zh).map((l) => l.id)).toEqual([RAHMAN.id]);
  });

  it('does not link on shared names alone', () => {
    const index = new CrossLanguageIndex();
    const ru = { ...byId('xl-ru-7_2ecb'), language: 'ru' };
    index.add(ru);
    // Wladimir, Klitschko and IBF, but no number or link in common.
    expect(index.links({ ...THOMPSON, language: 'en' })).toEqual([]);
    expect(index.links({ ...THOMPSON, language: 'en' }, { minFacts: 0 }).map((l) => l.id)).toEqual([
      ru.id,
    ]);
  });

  it('never links stories of one language', () => {
    const index = new CrossLanguageIndex();
    index.add({ ...RAHMAN, language: 'en' });
    expect(index.links({ ...RAHMAN, id: 'copy', language: 'en-GB' })).toEqual([]);
  });

  it('gives one skeleton to one name in several scripts and spellings', () => {
    expect(skeleton('Рахмана'.slice(0, -1))).toBe(skeleton('Rahman'));
    expect(skeleton('Гастингс')).toBe(skeleton('Hastings'));
    expect(skeleton('Кличко')).toBe(skeleton('Klitschko'));
    expect(skeleton('ريد', true)).toBe(skeleton('Reid'));
    expect(skeleton('Thompson')).not.toBe(skeleton('Rahman'));
  });

  it('names a country alike in every language, inflected or not', () => {
    const places = (text: string, language: string) =>
      [...anchorsOf(text, '', language)].filter((a) => a.startsWith('p:'));
    expect(places('Kämpfe in Deutschland', 'de')).toEqual(['p:DE']);
    expect(places('Бой в Германии', 'ru')).toEqual(['p:DE']);
    expect(places('在德国的比赛', 'zh')).toEqual(['p:DE']);
    expect(places('Combat en Allemagne et aux États-Unis', 'fr')).toEqual(['p:DE', 'p:US']);
    expect(places('Pirates from Somalia and Yemen', 'en')).toEqual(['p:SO', 'p:YE']);
    expect(places('قراصنة من الصومال', 'ar')).toEqual(['p:SO']);
    expect(places('Troops left Mali for Malaysia', 'en')).toEqual(['p:ML', 'p:MY']);
  });

  it('reads numbers the same in every notation', () => {
    expect(numbersIn('120, 000 people; $137-million')).toEqual(['120000', '137000000']);
    expect(numbersIn('120 000 человек; 1,37亿美元; 2,6 млн')).toEqual([
      '120000',
      '137000000',
      '2600000',
    ]);
    expect(numbersIn('magnitude 5,6 or 5.6')).toEqual(['5.6', '5.6']);
  });

  it('scores the links per language against the labels', () => {
    const set = [byId('xl-ru-7_2ecb'), byId('xl-zh-7_2ecb'), byId('xl-ru-7_2ecbplus')];
    const rows = scoreCrossLanguage([...set, { ...RAHMAN, id: 'rahman-2' }, THOMPSON], [], {
      minFacts: 0,
    });
    const all = rows.find((r) => r.language === 'all');
    // Each translation's source is left out: the Rahman reports find the copy; the Thompson
    // report, its own event gone, falls to the other event, and that counts as a sibling link.
    expect(all).toMatchObject({ stories: 3, links: 3, correct: 2, sibling: 1, reachable: 2 });
    expect(all?.precision).toBeCloseTo(2 / 3);
    expect(all?.recall).toBe(1);
    expect(rows.map((r) => r.language)).toEqual(['ru', 'zh', 'all']);
  });
});
