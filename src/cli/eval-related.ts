import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  parseArticles,
  rankRelated,
  scoreRelated,
  type LabelledArticle,
  type RelatedScores,
} from '../eval/related.ts';
import { parsePositiveInt, UsageError } from './usage-error.ts';

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
      const k = parsePositiveInt(options.k, '--k', 1000);
      const articles = await readArticles(file);
      const ranked = rankRelated(articles, Math.max(k, 10));
      if (options.out !== undefined) await writePredictions(options.out, ranked, k);
      process.stdout.write(formatScores(scoreRelated(articles, ranked)));
    });
}

async function readArticles(file: string): Promise<LabelledArticle[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const parsed = parseArticles(text);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.reason}`);
  return parsed.articles;
}

async function writePredictions(
  file: string,
  ranked: ReadonlyMap<string, readonly string[]>,
  k: number,
) {
  const lines = [...ranked].map(([id, related]) =>
    JSON.stringify({ id, related: related.slice(0, k) }),
  );
  try {
    await writeFile(file, lines.join('\n') + '\n', 'utf8');
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

export function formatScores(scores: RelatedScores): string {
  const lines = [
    `articles: ${scores.articles}`,
    `P@5: ${scores.precisionAt5.toFixed(2)}`,
    `R@10: ${scores.recallAt10.toFixed(2)}`,
  ];
  return lines.join('\n') + '\n';
}
