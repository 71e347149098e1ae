import { progressCallback } from '../app/progress.ts';
import { createTerminal } from '../app/terminal.ts';
import type { Command } from 'commander';
import type { RelatedScores } from '../eval/related.ts';
import { readArticles, writeJsonLines } from './eval-input.ts';
import { parsePositiveInt } from './usage-error.ts';

interface EvalRelatedOptions {
  k: string;
  out?: string;
}

/** `herald eval related <file.jsonl> [--k 10] [--out pred.jsonl]`. */
export function registerEvalRelated(evalCommand: Command): void {
  evalCommand
    .command('related <file>')
    .description(
      'rank related stories for each article of a JSONL file and print P@5 and R@10 x100',
    )
    .option('--k <n>', 'related stories listed per article in --out', '10')
    .option('--out <file>', 'write one {"id","related"} line per article')
    .action(async (file: string, options: EvalRelatedOptions) => {
      const { rankRelated, scoreRelated } = await import('../eval/related.ts');
      const k = parsePositiveInt(options.k, '--k', 1000);
      const articles = await readArticles(file);
      const ranked = rankRelated(
        articles,
        Math.max(k, 10),
        {},
        progressCallback('ranking', createTerminal()),
      );
      if (options.out !== undefined) await writePredictions(options.out, ranked, k);
      process.stdout.write(formatScores(scoreRelated(articles, ranked)));
    });
}

async function writePredictions(
  file: string,
  ranked: ReadonlyMap<string, readonly string[]>,
  k: number,
): Promise<void> {
  await writeJsonLines(
    file,
    [...ranked].map(([id, related]) => ({ id, related: related.slice(0, k) })),
  );
}

export function formatScores(scores: RelatedScores): string {
  const lines = [
    `articles: ${scores.articles}`,
    `P@5: ${scores.precisionAt5.toFixed(2)}`,
    `R@10: ${scores.recallAt10.toFixed(2)}`,
  ];
  return lines.join('\n') + '\n';
}
