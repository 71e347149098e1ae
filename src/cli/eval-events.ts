import { progressCallback } from '../app/progress.ts';
import { createTerminal } from '../app/terminal.ts';
import type { Command } from 'commander';
import type { ArrivalOrder, EventScores } from '../eval/events.ts';
import { readArticles, writeJsonLines } from './eval-input.ts';
import { oneOf, UsageError } from './usage-error.ts';

interface EvalEventsOptions {
  out?: string;
  order: string;
  half?: string;
  seed?: string;
}

const ORDERS: readonly ArrivalOrder[] = ['file', 'reversed', 'shuffle'];

/** `herald eval events <file.jsonl> [--out pred.jsonl] [--order ...] [--half odd|even]`. */
export function registerEvalEvents(evalCommand: Command): void {
  evalCommand
    .command('events <file>')
    .description(
      'cluster the articles of a JSONL file into events online, in arrival order, and print ' +
        'B-cubed and pairwise precision, recall and F1 x100',
    )
    .option('--out <file>', 'write one {"id","event"} line per article')
    .option('--order <order>', 'arrival order: file, reversed or shuffle (seeded)', 'file')
    .option('--half <half>', 'only the topics of odd or even number')
    .option('--seed <n>', "the shuffle's seed, a whole number (default: the eval's fixed one)")
    .action(async (file: string, options: EvalEventsOptions) => {
      const { arrange, clusterEvents, halfOf, HALVES, scoreEvents } =
        await import('../eval/events.ts');
      const order = oneOf(options.order, ORDERS, '--order');
      const half = options.half === undefined ? undefined : oneOf(options.half, HALVES, '--half');
      const all = await readArticles(file);
      const chosen = half === undefined ? all : halfOf(all, half);
      if (chosen.length === 0) throw new UsageError(`${file}: no articles in the ${half} half`);
      const articles = arrange(chosen, order, seedOf(options.seed));
      const events = clusterEvents(articles, {}, progressCallback('clustering', createTerminal()));
      if (options.out !== undefined)
        await writeJsonLines(
          options.out,
          articles.map((a) => ({ id: a.id, event: events.get(a.id) })),
        );
      process.stdout.write(formatEventScores(scoreEvents(articles, events)));
    });
}

function seedOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--seed takes a whole number, not "${text}"`);
  return Number(text);
}

export function formatEventScores(scores: EventScores): string {
  const lines = [
    `articles: ${scores.articles} in ${scores.clusters} clusters, ${scores.events} events found`,
    `B-cubed P: ${scores.bcubedPrecision.toFixed(2)}`,
    `B-cubed R: ${scores.bcubedRecall.toFixed(2)}`,
    `B-cubed F1: ${scores.bcubedF1.toFixed(2)}`,
    `pairwise P: ${scores.pairPrecision.toFixed(2)}`,
    `pairwise R: ${scores.pairRecall.toFixed(2)}`,
    `pairwise F1: ${scores.pairF1.toFixed(2)}`,
  ];
  return lines.join('\n') + '\n';
}
