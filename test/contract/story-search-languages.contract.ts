import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoryStore } from '../../src/store/story-store.ts';
import { makeDraft } from '../support/drafts.ts';
import { STORIES, storyIn } from '../support/multilingual-stories.ts';
import type { StoreHarness } from './story-store.contract.ts';

const NOW = new Date('2026-06-01T12:00:00Z');

/** Another form of a word of each story (not in its text): its stem must find the story. */
const INFLECTED: readonly [string, string][] = [
  ['ru', 'правительством'],
  ['es', 'embajadores'],
  ['pt', 'embaixadores'],
  ['fr', 'ambassadeurs'],
  ['de', 'botschaftern'],
  ['ar', 'الحكومة'],
];

/** Search in every language: every implementation runs this suite unchanged. */
export function storySearchLanguagesContract(name: string, harness: StoreHarness): void {
  describe(`StoryStore search in every language: ${name}`, () => {
    let store: StoryStore;
    const ids = new Map<string, string>();
    const idOf = (language: string) => ids.get(language) ?? 'none';
    const found = async (text: string) =>
      (await store.searchStories(text, 10)).map((hit) => hit.story.id);
    beforeEach(async () => {
      store = await harness.open();
      for (const story of STORIES) {
        const { language, title, body } = story;
        const draft = makeDraft({ language, title, body });
        ids.set(language, draft.id);
        await store.upsertStory(draft, NOW);
      }
    });
    afterEach(async () => {
      await (harness.dispose ?? ((s: StoryStore) => s.close()))(store);
    });

    it.each(STORIES.map((s) => [s.language, s.word] as const))(
      'finds the %s story by a word of it (%s)',
      async (language, word) => {
        expect((await found(word))[0]).toBe(idOf(language));
      },
    );

    it('finds a Chinese and a Japanese word inside a title or a body without spaces', async () => {
      expect(await found('塔利班')).toEqual([idOf('zh')]);
      expect(await found('喀布尔')).toEqual([idOf('zh')]);
      expect(await found('政権')).toEqual([idOf('ja')]);
      expect(await found('カブール')).toEqual([idOf('ja')]);
      expect(await found('大使 カブール')).toEqual([idOf('ja')]);
    });

    it.each(INFLECTED)(
      'finds the %s story by another form of its word (%s)',
      async (lang, form) => {
        expect(storyIn(lang).body).not.toContain(form);
        expect(await found(form)).toContain(idOf(lang));
      },
    );

    it('keeps English search as it was: stemmed by the store, no search text', async () => {
      expect((await found('recognises'))[0]).toBe(idOf('en'));
      expect(await found('ambassadors')).toEqual([idOf('en')]);
    });

    it('keeps the language and searches the new text of a changed story', async () => {
      const zh = storyIn('zh');
      const changed = makeDraft({
        language: 'zh',
        url: `https://news.example/changed-zh`,
        title: zh.title,
        body: zh.body,
      });
      await store.upsertStory(changed, NOW);
      const body = '联合国秘书长周五在纽约发表讲话。他呼吁各方保持克制。';
      const { story } = await store.upsertStory({ ...changed, body }, NOW);
      expect(story.language).toBe('zh');
      expect(await found('秘书长')).toEqual([changed.id]);
      expect(await found('喀布尔')).toEqual([idOf('zh')]);
    });
  });
}
