import { progressCallback } from '../app/progress.ts';
import { createTerminal } from '../app/terminal.ts';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { SummaryArticle, SummaryPrediction, SummaryScores } from '../eval/summaries.ts';
import { writeJsonLines } from './eval-input.ts';
import { oneOf, parsePositiveInt, UsageError } from './usage-error.ts';

interface EvalSummariesOptions {
  sentences: string;
  out?: string;
  standAlone?: boolean;
  half?: string;
}

/**
 * `herald eval summaries <file.jsonl> [--sentences 3] [--out pred.jsonl] [--stand-alone]
 * [--half odd|even]`.
 */
export function registerEvalSummaries(evalCommand: Command): void {
  evalCommand
    .command('summaries <file>')
    .description('summarise each article of a JSONL file and print ROUGE-1/2/L F1 x100')
    .option('--sentences <n>', 'sentences per summary', '3')
    .option('--out <file>', 'write one {"id","summary"} line per article')
    .option(
      '--stand-alone',
      'take a sentence that leans on the one before it ("He said...") only with that one',
    )
    .option('--half <half>', 'only the articles at odd or even places in the file')
    .action(async (file: string, options: EvalSummariesOptions) => {
      const { HALVES } = await import('../eval/events.ts');
      const { halfOfFile, predictSummaries, scoreSummaries } = await import('../eval/summaries.ts');
      const sentences = parsePositiveInt(options.sentences, '--sentences', 20);
      const half = options.half === undefined ? undefined : oneOf(options.half, HALVES, '--half');
      const all = await readArticles(file);
      const articles = half === undefined ? all : halfOfFile(all, half);
      const predictions = predictSummaries(
        articles,
        sentences,
        options.standAlone === true,
        progressCallback('summarising', createTerminal()),
      );
      if (options.out !== undefined) await writePredictions(options.out, predictions);
      process.stdout.write(formatScores(scoreSummaries(articles, predictions)));
    });
}

async function readArticles(file: string): Promise<SummaryArticle[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const { parseSummaryArticles } = await import('../eval/summaries.ts');
  const parsed = parseSummaryArticles(text);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.reason}`);
  return parsed.articles;
}

async function writePredictions(
  file: string,
  predictions: readonly SummaryPrediction[],
): Promise<void> {
  await writeJsonLines(
    file,
    predictions.map((p) => ({ id: p.id, summary: p.summary })),
  );
}

export function formatScores(scores: SummaryScores): string {
  const lines = [
    `articles: ${scores.articles} (${scores.empty} left unsummarised as too short)`,
    `ROUGE-1 F1: ${scores.rouge1.toFixed(2)}`,
    `ROUGE-2 F1: ${scores.rouge2.toFixed(2)}`,
    `ROUGE-L F1: ${scores.rougeL.toFixed(2)}`,
    `mean summary length: ${scores.meanWords.toFixed(1)} words`,
    `summaries with a dangling sentence: ${scores.dangling} ` +
      `(${((100 * scores.dangling) / Math.max(1, scores.articles)).toFixed(2)}%)`,
  ];
  return lines.join('\n') + '\n';
}
