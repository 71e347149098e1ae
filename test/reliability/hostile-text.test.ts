import { describe, expect, it } from 'vitest';
import { cross, failures, runBounded, summaryLine } from './hostile-harness.ts';
import { shapeInputs, STORY_TEXTS } from './hostile-inputs.ts';

/**
 * Every pure text function (cleaners, Markdown, HTML, sentences, enrichment, dates, commands,
 * content files) on regex-hostile shapes of 50,000 characters and on hostile story texts, each
 * under a time budget far above linear work: a quadratic regex at this size takes minutes.
 */
const BUDGET_MS = 8_000;
/** The content-file targets run in hostile-content.test.ts. */
const TEXT_ONLY = [
  'clean-scraped',
  'header-line',
  'date-stamp',
  'boilerplate-line',
  'block-heading',
  'markdown',
  'html-text',
  'feed-title',
  'sentences',
  'enrich',
  'news-date',
  'feed-date',
  'command',
];

describe('hostile text through the cleaners and the text engine', () => {
  it('takes every shape with no crash and no hang', async () => {
    const inputs = [...shapeInputs(50_000), ...Object.keys(STORY_TEXTS)];
    const report = await runBounded(cross(TEXT_ONLY, inputs), BUDGET_MS);
    console.log(
      summaryLine(
        'hostile text (cleaners, markdown, html, sentences, enrich, dates, commands)',
        report,
      ),
    );
    expect(failures(report)).toEqual([]);
  }, 600_000);
});
