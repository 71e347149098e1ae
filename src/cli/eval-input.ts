import { readFile, writeFile } from 'node:fs/promises';
import type { LabelledArticle } from '../eval/related.ts';
import { UsageError } from './usage-error.ts';

/** Reads a labelled JSONL file (the ECB+ format) or throws a UsageError naming the problem. */
export async function readArticles(file: string): Promise<LabelledArticle[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  // The eval modules load the text stack: only when a command runs, not for `herald --help`.
  const { parseArticles } = await import('../eval/related.ts');
  const parsed = parseArticles(text);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.reason}`);
  return parsed.articles;
}

/** Writes one JSON object per line, or throws a UsageError. */
export async function writeJsonLines(file: string, rows: readonly unknown[]): Promise<void> {
  const lines = rows.map((row) => JSON.stringify(row));
  try {
    await writeFile(file, lines.join('\n') + '\n', 'utf8');
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
