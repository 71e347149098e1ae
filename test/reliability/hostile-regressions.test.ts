import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../adapters/discord/render.ts';
import { toCard } from '../../src/domain/reply.ts';
import { htmlDepth, parseHtmlDocument } from '../../src/ingest/feeds/dom.ts';
import { htmlToParagraphs } from '../../src/ingest/feeds/html-text.ts';
import { parseFeedText } from '../../src/ingest/feeds/parse.ts';
import { prepareXml } from '../../src/ingest/feeds/xml-repair.ts';
import { normalizeText } from '../../src/text/clean.ts';
import { isHeaderLine } from '../../src/text/clean-header.ts';
import { markdownBlocks } from '../../src/text/markdown.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { makeDraft } from '../support/drafts.ts';

/** One small case per bug the hostile suites found; what each fix must keep doing. */
describe('regressions found by the hostile inputs', () => {
  it('toCard never cuts a title or an excerpt inside a surrogate pair', () => {
    const title = `${'x'.repeat(249)}😀 more`;
    const body = `${'y'.repeat(400)}${'😀'.repeat(200)}`;
    const card = toCard({
      ...makeDraft({ title, body }),
      ingestedAt: new Date(),
      updatedAt: new Date(),
    });
    expect(card.title).toBe('x'.repeat(249));
    expect(card.excerpt).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('normalizeText replaces lone surrogates and drops bidi overrides', () => {
    expect(normalizeText('a\uD800b\uDFFFc😀')).toBe('a\uFFFDb\uFFFDc😀');
    expect(normalizeText('evil\u202Etxt.exe \u2066x\u2069')).toBe('eviltxt.exe x');
  });

  it('Discord embeds and text carry no control characters', () => {
    const card = toCard({
      ...makeDraft({ title: 'T\u0000i\u001b[2Jtle', body: 'B\u0007ody' }),
      source: 'S\u0001rc',
      ingestedAt: new Date(),
      updatedAt: new Date(),
    });
    const json = JSON.stringify(renderMessage({ kind: 'card', card }));
    expect(json).not.toMatch(/\\u00(0|1)[0-9a-f]/);
    expect(JSON.stringify(renderMessage({ kind: 'notice', text: 'a\u0000b' }))).toContain('ab');
  });

  it('HTML nested past 512 levels is read as text (no stack overflow, no minutes in linkedom)', () => {
    const deep = `${'<div>'.repeat(20_000)}deep text${'</div>'.repeat(20_000)}`;
    expect(htmlDepth(deep)).toBeGreaterThan(512);
    expect(htmlToParagraphs(deep)).toEqual(['deep text']);
    expect(htmlDepth('<p>a<br><img src=x><b>b</b></p>')).toBe(2);
    expect(parseHtmlDocument('<p>fine</p>').body?.textContent).toBe('fine');
  });

  it('a flood of unclosed DOCTYPEs is refused; several DOCTYPEs are all removed', () => {
    expect(prepareXml(`${'<!DOCTYPE a ['.repeat(1000)}<rss/>`).error).toMatch(/never closed/);
    const two = prepareXml('<!DOCTYPE a><!DOCTYPE b [<!ENTITY x "y">]><rss></rss>');
    expect(two.xml).toBe('<rss></rss>');
    const parsed = parseFeedText(
      '<?xml version="1.0"?><!DOCTYPE rss><rss><channel><item><title>T</title></item></channel></rss>',
    );
    expect(parsed.ok).toBe(true);
  });

  it('the sentence splitter, header lines and Markdown keep their answers', () => {
    expect(splitSentences('It rained!!! Then it stopped… Then? Yes.')).toEqual([
      'It rained!!!',
      'Then it stopped…',
      'Then?',
      'Yes.',
    ]);
    expect(isHeaderLine('By Jane Doe   |   3 July 2025   |   5 min read')).toBe(true);
    expect(markdownBlocks('a <!-- x --> b <!-- open\n\nc').map((b) => b.text)).toEqual([
      'a b <!-- open',
      'c',
    ]);
    expect(markdownBlocks('see <https://a.example/x> and `` a`b ``').map((b) => b.text)).toEqual([
      'see https://a.example/x and a`b',
    ]);
  });
});
