import { parseCommand } from '../../src/commands/parse.ts';
import { cleanInput } from '../../src/commands/text.ts';
import { parseContentFile } from '../../src/ingest/content-file.ts';
import { htmlToParagraphs } from '../../src/ingest/feeds/html-text.ts';
import { cleanTitle, parseFeedDate } from '../../src/ingest/feeds/item-fields.ts';
import { isBlockHeading, isBoilerplateLine } from '../../src/text/boilerplate.ts';
import { cleanScrapedText } from '../../src/text/clean.ts';
import { parseNewsDate } from '../../src/text/clean-date.ts';
import { isDateStamp, isHeaderLine } from '../../src/text/clean-header.ts';
import { createTextEngine, DEFAULT_TEXT_ENGINE_OPTIONS } from '../../src/text/engine.ts';
import { markdownBlocks } from '../../src/text/markdown.ts';
import { prepareText } from '../../src/text/prepared-text.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import type { Verdict } from './hostile-harness.ts';
import { asText, type Input } from './hostile-inputs.ts';

type Target = (input: Input) => Verdict | Promise<Verdict>;

const taken: Verdict = { problems: [] };
const ran = (work: () => unknown): Verdict => {
  work();
  return taken;
};

/** Text that came out of a cleaner must carry no control character (newline and tab aside). */
function controlProblems(what: string, text: string): string[] {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)
    ? [`${what} keeps a control character`]
    : [];
}

function contentFile(name: string, text: string): Verdict {
  const result = parseContentFile(name, Buffer.from(text, 'utf8'));
  if (!result.ok) return { rejected: result.reason, problems: [] };
  const { title, body } = result.story;
  return { problems: [...controlProblems('title', title), ...controlProblems('body', body)] };
}

const engine = createTextEngine();

/** The pure text functions: cleaners, Markdown, HTML, sentences, the enrichment, dates. */
export const TEXT_TARGETS: Record<string, Target> = {
  'clean-scraped': (i) => ran(() => cleanScrapedText(asText(i))),
  'header-line': (i) => ran(() => isHeaderLine(asText(i))),
  'date-stamp': (i) => ran(() => isDateStamp(asText(i))),
  'boilerplate-line': (i) => ran(() => isBoilerplateLine(asText(i))),
  'block-heading': (i) => ran(() => isBlockHeading(asText(i))),
  markdown: (i) => ran(() => markdownBlocks(asText(i))),
  'html-text': (i) => ran(() => htmlToParagraphs(asText(i))),
  'feed-title': (i) => ({ problems: controlProblems('title', cleanTitle(asText(i))) }),
  sentences: (i) => ran(() => splitSentences(asText(i))),
  enrich: (i) =>
    ran(() =>
      engine.enrich(
        prepareText(
          { title: asText(i).slice(0, 2_000), body: asText(i) },
          DEFAULT_TEXT_ENGINE_OPTIONS.summarySentences,
        ),
      ),
    ),
  'news-date': (i) => ran(() => parseNewsDate(asText(i))),
  'feed-date': (i) => ran(() => parseFeedDate(asText(i))),
  command: (i) => {
    const parsed = parseCommand(cleanInput(asText(i).slice(0, 2_000)));
    return parsed.ok
      ? taken
      : { rejected: `command refused: ${parsed.failure.kind}`, problems: [] };
  },
  'content-md-body': (i) => contentFile('story.md', `---\ntitle: A title\n---\n${asText(i)}`),
  'content-md-title': (i) =>
    contentFile('story.md', `---\ntitle: ${JSON.stringify(asText(i))}\n---\nA body line.`),
  'content-txt': (i) => contentFile('story.txt', `A headline for the story\n\n${asText(i)}`),
};
