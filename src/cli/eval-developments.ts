import type { Command } from 'commander';
import { readArticles } from './eval-input.ts';

const THRESHOLDS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];

/** `herald eval developments <file.jsonl>`: how the development threshold separates. */
export function registerEvalDevelopments(evalCommand: Command): void {
  evalCommand
    .command('developments <file>')
    .description(
      'score each later report of an event against its first report, and a near-copy of ' +
        'the first, and print the share of each at or above each threshold (x100)',
    )
    .action(async (file: string) => {
      const { sampleDevelopments, thresholdTable } = await import('../eval/developments.ts');
      const { DEVELOPMENT_THRESHOLD } = await import('../text/events/index.ts');
      const sample = sampleDevelopments(await readArticles(file));
      const lines = [
        `later reports: ${sample.later.length}, near-copies: ${sample.copies.length}`,
        `highest near-copy: ${Math.max(0, ...sample.copies).toFixed(3)}, ` +
          `lowest later report: ${Math.min(1, ...sample.later).toFixed(3)}`,
        'threshold  later reports  near-copies',
        ...thresholdTable(sample, THRESHOLDS).map(
          (row) =>
            `${row.threshold.toFixed(2).padStart(9)}  ${row.later.toFixed(2).padStart(13)}  ` +
            row.copies.toFixed(2).padStart(11) +
            (row.threshold === DEVELOPMENT_THRESHOLD ? '  (the threshold)' : ''),
        ),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}
