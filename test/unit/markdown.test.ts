import { describe, expect, it } from 'vitest';
import { inlineToText, markdownBlocks, markdownToParagraphs } from '../../src/text/markdown.ts';

describe('inlineToText', () => {
  it.each([
    ['**bold**, __strong__, *em*, _em_ and ~~gone~~', 'bold, strong, em, em and gone'],
    ['***both***', 'both'],
    ['see [the report](https://example.com/r "Report") now', 'see the report now'],
    ['a [wiki link](https://en.wikipedia.org/wiki/Kabul_(city)) here', 'a wiki link here'],
    ['a [reference link][ref] here', 'a reference link here'],
    ['before ![a chart](chart.png) after', 'before after'],
    ['mail <https://example.com/x> me', 'mail https://example.com/x me'],
    ['<b>bold</b> and <a href="x">link</a><br/>next', 'bold and link next'],
    ['Tom &amp; Jerry &#8212; &quot;hi&quot; &rsquo;', 'Tom & Jerry — "hi" ’'],
    ['snake_case_name and 2*3*4 stay', 'snake_case_name and 2*3*4 stay'],
    ['\\*not emphasis\\*', '*not emphasis*'],
    ['code `a *b* [c](d)` kept', 'code a *b* [c](d) kept'],
    ['“Curly quotes” stay', '“Curly quotes” stay'],
  ])('%s', (markdown, text) => {
    expect(inlineToText(markdown)).toBe(text);
  });
});

describe('markdownBlocks', () => {
  it('reads headings (ATX and setext) without their markers', () => {
    expect(markdownBlocks('# One #\n\nTwo\n===\n\nThree\n---\n\n### Four')).toEqual([
      { kind: 'heading', text: 'One', level: 1 },
      { kind: 'heading', text: 'Two', level: 1 },
      { kind: 'heading', text: 'Three', level: 2 },
      { kind: 'heading', text: 'Four', level: 3 },
    ]);
  });

  it('joins the lines of a paragraph and separates paragraphs at blank lines', () => {
    expect(markdownToParagraphs('One line\nand the next.\n\nSecond paragraph.')).toEqual([
      'One line and the next.',
      'Second paragraph.',
    ]);
  });

  it('turns a list into lines, keeping the numbers of an ordered list', () => {
    const markdown = '- first\n* second\n  continued\n+ [x] done\n\n1. one\n2) two';
    expect(markdownToParagraphs(markdown)).toEqual([
      'first\nsecond continued\ndone',
      '1. one\n2. two',
    ]);
  });

  it('keeps fenced code as written', () => {
    const markdown = 'Before.\n\n```ts\nconst a = *b*;\n  call();\n```\n\n~~~\nplain\n~~~';
    expect(markdownBlocks(markdown)).toEqual([
      { kind: 'paragraph', text: 'Before.' },
      { kind: 'code', text: 'const a = *b*;\n  call();' },
      { kind: 'code', text: 'plain' },
    ]);
  });

  it('unwraps quotes, drops rules, comments and reference definitions', () => {
    const markdown =
      '> Quoted **text**\n> more\n\n---\n\n<!-- note\nhidden -->\n[ref]: https://x.y\nEnd.';
    expect(markdownToParagraphs(markdown)).toEqual(['Quoted text more', 'End.']);
  });

  it('reads a table as lines of cells', () => {
    expect(markdownToParagraphs('| a | b |\n|---|:-:|\n| 1 | 2 |')).toEqual(['a | b\n1 | 2']);
  });

  it('drops HTML tags but keeps their text', () => {
    expect(markdownToParagraphs('<div class="x">\n<p>Inside</p>\n</div>')).toEqual(['Inside']);
  });
});
