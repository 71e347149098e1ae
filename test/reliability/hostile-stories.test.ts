import { describe, expect, it } from 'vitest';
import { cross, failures, runBounded, summaryLine } from './hostile-harness.ts';
import { STORY_TEXTS } from './hostile-inputs.ts';
import { STORY_TARGETS } from './hostile-targets-stories.ts';

/**
 * Hostile story text (HTML, Markdown, Telegram entities, Discord mentions, zero-width and
 * right-to-left characters, lone surrogates, NUL, 100,000-character titles) through the
 * pipeline (enrichment, near-duplicates, SQLite, related, search) and every renderer: the
 * Telegram HTML parses in the stand-in's checker within 4,096/1,024, Discord embeds stay within
 * their limits with allowed_mentions empty, WhatsApp within 4,096/1,024, no control character
 * or lone surrogate anywhere.
 */
const BUDGET_MS = 20_000;

describe('hostile story text through the pipeline and every renderer', () => {
  it('renders every story within every platform rule', async () => {
    // Every source refuses a blank title and replaces lone surrogates (normalizeText), so
    // the uncleaned path skips those two.
    const cleanedOnly = new Set(['whitespace_only', 'lone_surrogates']);
    const cases = cross(Object.keys(STORY_TARGETS), Object.keys(STORY_TEXTS)).filter(
      (c) => !(c.target === 'story-raw' && cleanedOnly.has(c.input)),
    );
    const report = await runBounded(cases, BUDGET_MS);
    console.log(
      summaryLine('hostile stories (pipeline + telegram, discord, whatsapp, console)', report),
    );
    expect(failures(report)).toEqual([]);
  }, 300_000);
});
