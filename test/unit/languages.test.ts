import { describe, expect, it } from 'vitest';
import { createTextEngine } from '../../src/text/engine.ts';
import { detectLanguage } from '../../src/text/language/detect.ts';
import { profileFor } from '../../src/text/language/profile.ts';
import { stopWordsOf } from '../../src/text/language/stop-lists.ts';
import { prepareText } from '../../src/text/prepared-text.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { STOP_WORDS } from '../../src/text/stop-words.ts';
import { readStory } from '../../src/text/story-text.ts';
import { summarize } from '../../src/text/summarize.ts';
import { STORIES, storyIn } from '../support/multilingual-stories.ts';

describe('language of a story', () => {
  it.each(STORIES.map((s) => [s.language, s] as const))('tells %s from its text', (_, story) => {
    expect(detectLanguage(story.title, story.body)).toBe(story.language);
  });

  it('tells nothing from a text too short to show its language', () => {
    expect(detectLanguage('Update', '')).toBeUndefined();
    expect(detectLanguage('Live: 3-1', 'Goal.')).toBeUndefined();
  });

  it('reads a text in the language given, else the one it shows, else the default', () => {
    const ru = storyIn('ru');
    expect(prepareText({ title: ru.title, body: ru.body }, 3).language).toBe('ru');
    expect(prepareText({ ...ru, language: 'uk' }, 3).language).toBe('uk');
    expect(prepareText({ title: 'Live', body: '3-1', defaultLanguage: 'de' }, 3).language).toBe(
      'de',
    );
  });
});

describe('keywords in every language', () => {
  it.each(STORIES.map((s) => [s.language, s] as const))(
    'holds no stop words in %s, and words of the text',
    (language, story) => {
      const engine = createTextEngine();
      const keywords = engine.enrich(
        prepareText({ title: story.title, body: story.body }, 3),
      ).keywords;
      const stop = language === 'en' ? STOP_WORDS : stopWordsOf(language);
      expect(keywords.length).toBeGreaterThanOrEqual(5);
      for (const keyword of keywords) {
        expect(stop.has(keyword), keyword).toBe(false);
        expect(`${story.title} ${story.body}`.toLowerCase()).toContain(keyword);
      }
      for (const word of story.stopWords) expect(keywords).not.toContain(word);
    },
  );

  it('counts the inflected forms of a Russian word as one term, shown as a word', () => {
    const ru = storyIn('ru');
    const { counts } = readStory(ru.title, ru.body, undefined, 'ru');
    const i = counts.terms.indexOf(profileFor('ru').term('правительство'));
    expect(i).toBeGreaterThanOrEqual(0);
    // "правительство" (title, body) and "правительства" (twice in the body) are one term.
    expect([counts.title[i], counts.body[i]]).toEqual([1, 3]);
    expect(counts.forms?.[i]).toBe('правительство');
  });

  it('sees words, not clauses, in Chinese and Japanese', () => {
    const zh = profileFor('zh').words(storyIn('zh').title);
    expect(zh).toEqual(expect.arrayContaining(['俄罗斯', '塔利班', '政府']));
    expect(Math.max(...zh.map((w) => w.length))).toBeLessThanOrEqual(4);
    expect(profileFor('ja').words(storyIn('ja').title)).toEqual(
      expect.arrayContaining(['ロシア', 'タリバン', '政権', '承認']),
    );
  });

  it('keeps a Japanese word written in hiragana alone out of the content words', () => {
    const ja = profileFor('ja');
    expect(ja.isContentWord('した')).toBe(false);
    expect(ja.isContentWord('大使')).toBe(true);
  });
});

describe('sentences and summaries in every language', () => {
  it('ends a sentence at 。！？ whatever follows, and at the Arabic question mark', () => {
    expect(splitSentences('他说了。她没说！真的吗？是的')).toEqual([
      '他说了。',
      '她没说！',
      '真的吗？',
      '是的',
    ]);
    expect(splitSentences('هل يفتح هذا القرار الباب؟ ترى الحكومات أن الخطوة خطأ.')).toEqual([
      'هل يفتح هذا القرار الباب؟',
      'ترى الحكومات أن الخطوة خطأ.',
    ]);
  });

  it('ends a sentence before a letter of a script without case', () => {
    expect(splitSentences('اعترفت روسيا بحكومة طالبان. وأعلن السفير القرار.')).toHaveLength(2);
  });

  it.each(['zh', 'ar', 'ru', 'fa'])('summarises a %s story in 2 or 3 of its sentences', (lang) => {
    const story = storyIn(lang);
    const summary = summarize(story.body, { language: lang });
    expect(summary.length).toBeGreaterThanOrEqual(2);
    expect(summary.length).toBeLessThanOrEqual(3);
    const sentences = splitSentences(story.body);
    for (const sentence of summary) expect(sentences).toContain(sentence);
  });

  it('budgets a Chinese summary in characters', () => {
    const body = storyIn('zh').body;
    const short = summarize(body, { language: 'zh', maxWords: 30 }).join('');
    expect(short.length).toBeLessThanOrEqual(60 + 10);
    expect(short.length).toBeGreaterThan(0);
    // Measured in words, the whole Chinese text would be a handful of "words" and never summarised.
    expect(summarize(body, { language: 'en' })).toEqual([]);
  });
});
