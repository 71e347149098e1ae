import type { Command } from 'commander';
import type { CrossLanguageScores } from '../eval/cross-language.ts';
import { readArticles } from './eval-input.ts';

interface EvalCrossLanguageOptions {
  against?: string;
}

/** `herald eval cross-language <file.jsonl> [--against english.jsonl]`. */
export function registerEvalCrossLanguage(evalCommand: Command): void {
  evalCommand
    .command('cross-language <file>')
    .description(
      'link each story not in English to the English stories (of the file and --against) by ' +
        'names, numbers and links, and print precision and recall per language',
    )
    .option('--against <file>', 'more English stories to link to (e.g. the ECB+ dev file)')
    .action(async (file: string, options: EvalCrossLanguageOptions) => {
      const { scoreCrossLanguage } = await import('../eval/cross-language.ts');
      const articles = await readArticles(file);
      const against = options.against === undefined ? [] : await readArticles(options.against);
      process.stdout.write(formatCrossLanguageScores(scoreCrossLanguage(articles, against)));
    });
}

export function formatCrossLanguageScores(rows: readonly CrossLanguageScores[]): string {
  const lines = ['language stories linked links correct sibling precision recall'];
  for (const r of rows)
    lines.push(
      [
        r.language,
        r.stories,
        r.linked,
        r.links,
        r.correct,
        r.sibling,
        r.precision.toFixed(2),
        r.recall.toFixed(2),
      ].join(' '),
    );
  return lines.join('\n') + '\n';
}
