import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { EventSummaryScores, JudgedPair, RuleScores } from '../eval/event-summaries.ts';
import { readArticles } from './eval-input.ts';
import { parsePositiveInt, UsageError } from './usage-error.ts';

interface EvalEventSummariesOptions {
  reports: string;
  pairs?: string;
}

/** `herald eval event-summaries <file.jsonl> [--reports 5] [--pairs judged.jsonl]`. */
export function registerEvalEventSummaries(evalCommand: Command): void {
  evalCommand
    .command('event-summaries <file>')
    .description(
      'summarise each event of a labelled JSONL file from its first reports and print how ' +
        'many outlets the summaries quote, how alike their sentences are, and how many dangle; ' +
        'the same without the redundancy rule for comparison; with --pairs (sentence pairs ' +
        'judged by reading), how many of the summaries’ pairs say one thing, and how well the ' +
        'rule tells the judged pairs apart on the odd and the even topics',
    )
    .option('--reports <n>', 'reports of each event read', '5')
    .option('--pairs <file>', 'judged sentence pairs, {"event","a","b","same"} lines')
    .action(async (file: string, options: EvalEventSummariesOptions) => {
      const { parseJudgedPairs, scoreEventSummaries, scoreRedundancyRule } =
        await import('../eval/event-summaries.ts');
      const { halfOf } = await import('../eval/events.ts');
      const { EVENT_SUMMARY_REDUNDANCY } = await import('../text/summarize-event.ts');
      const reports = parsePositiveInt(options.reports, '--reports', 100);
      const articles = await readArticles(file);
      let judged: JudgedPair[] | undefined;
      if (options.pairs !== undefined) {
        const parsed = parseJudgedPairs(await readText(options.pairs));
        if (!parsed.ok) throw new UsageError(`${options.pairs}: ${parsed.reason}`);
        judged = parsed.rows;
      }
      const withJudged = judged === undefined ? {} : { judged };
      const variants: [string, EventSummaryScores][] = [
        ['event summary', scoreEventSummaries(articles, { reports, ...withJudged })],
        [
          'without redundancy rule',
          scoreEventSummaries(articles, { reports, redundancy: 1.01, ...withJudged }),
        ],
      ];
      const lines = [
        `redundant = two sentences at similarity >= ${EVENT_SUMMARY_REDUNDANCY}`,
        'summary                  events  sentences  outlets  max similarity  redundant  dangling',
        ...variants.map(([name, s]) => formatRow(name, s)),
      ];
      if (judged !== undefined) {
        lines.push('', 'pairs of sentences in the summaries, judged by reading:');
        for (const [name, s] of variants)
          if (s.judged) lines.push(formatJudged(name, s.judged, s.events));
        lines.push('', `the rule (similarity >= ${EVENT_SUMMARY_REDUNDANCY}) on the judged pairs:`);
        for (const half of ['odd', 'even'] as const)
          lines.push(
            formatRule(
              `${half} topics`,
              scoreRedundancyRule(halfOf(articles, half), judged, { reports }),
            ),
          );
        lines.push(formatRule('all', scoreRedundancyRule(articles, judged, { reports })));
      }
      process.stdout.write(lines.join('\n') + '\n');
    });
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function formatRow(name: string, s: EventSummaryScores): string {
  const share = (k: number): string => `${((100 * k) / Math.max(1, s.events)).toFixed(1)}%`;
  return [
    name.padEnd(23),
    String(s.events).padStart(7),
    s.meanSentences.toFixed(2).padStart(10),
    s.meanSources.toFixed(2).padStart(8),
    s.meanMaxSimilarity.toFixed(3).padStart(15),
    share(s.redundant).padStart(10),
    share(s.dangling).padStart(9),
  ].join(' ');
}

function formatJudged(
  name: string,
  j: NonNullable<EventSummaryScores['judged']>,
  events: number,
): string {
  return (
    `  ${name}: ${j.same} of ${j.pairs} judged pairs say one thing ` +
    `(${j.unjudged} pairs not judged); ${j.summariesWithSame} of ${events} summaries hold such a pair`
  );
}

function formatRule(name: string, r: RuleScores): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  return `  ${name}: ${r.pairs} pairs, ${r.same} say one thing; precision ${pct(r.precision)}%, recall ${pct(r.recall)}%`;
}
