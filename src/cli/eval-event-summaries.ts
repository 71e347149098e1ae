import type { Command } from 'commander';
import type { EventSummaryScores } from '../eval/event-summaries.ts';
import { readArticles } from './eval-input.ts';
import { parsePositiveInt } from './usage-error.ts';

interface EvalEventSummariesOptions {
  reports: string;
}

/** `herald eval event-summaries <file.jsonl> [--reports 5]`. */
export function registerEvalEventSummaries(evalCommand: Command): void {
  evalCommand
    .command('event-summaries <file>')
    .description(
      'summarise each event of a labelled JSONL file from its first reports and print how ' +
        'many outlets the summaries quote, how alike their sentences are, and how many dangle; ' +
        'the same without the redundancy rule for comparison',
    )
    .option('--reports <n>', 'reports of each event read', '5')
    .action(async (file: string, options: EvalEventSummariesOptions) => {
      const { scoreEventSummaries } = await import('../eval/event-summaries.ts');
      const { EVENT_SUMMARY_REDUNDANCY } = await import('../text/summarize-event.ts');
      const reports = parsePositiveInt(options.reports, '--reports', 100);
      const articles = await readArticles(file);
      const rows = [
        formatRow('event summary', scoreEventSummaries(articles, { reports })),
        formatRow(
          'without redundancy rule',
          scoreEventSummaries(articles, { reports, redundancy: 1.01 }),
        ),
      ];
      const head =
        `redundant = two sentences at cosine >= ${EVENT_SUMMARY_REDUNDANCY}\n` +
        'summary                  events  sentences  outlets  max cosine  redundant  dangling';
      process.stdout.write([head, ...rows].join('\n') + '\n');
    });
}

function formatRow(name: string, s: EventSummaryScores): string {
  const share = (k: number): string => `${((100 * k) / Math.max(1, s.events)).toFixed(1)}%`;
  return [
    name.padEnd(23),
    String(s.events).padStart(7),
    s.meanSentences.toFixed(2).padStart(10),
    s.meanSources.toFixed(2).padStart(8),
    s.meanMaxCosine.toFixed(3).padStart(11),
    share(s.redundant).padStart(10),
    share(s.dangling).padStart(9),
  ].join(' ');
}
