import type { Command } from 'commander';

/**
 * `herald eval summaries|related <file.jsonl>`: measure the text engine on the public data in
 * ../shared/eval/. Each subcommand registers itself here.
 */
export function registerEvalCommands(program: Command): void {
  program
    .command('eval')
    .description('measure summaries and related stories on a labelled JSONL file');
}
