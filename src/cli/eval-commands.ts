import type { Command } from 'commander';
import { registerEvalSummaries } from './eval-summaries.ts';
import { registerEvalRelated } from './eval-related.ts';
import { registerEvalEvents } from './eval-events.ts';
import { registerEvalCrossLanguage } from './eval-cross-language.ts';
import { registerEvalDevelopments } from './eval-developments.ts';
import { registerEvalEventSummaries } from './eval-event-summaries.ts';

/**
 * `herald eval summaries|related|events|developments|event-summaries|cross-language <file.jsonl>`: measure the text engine on the public data in
 * ../shared/eval/. Each subcommand registers itself here.
 */
export function registerEvalCommands(program: Command): void {
  const evalCommand = program
    .command('eval')
    .description('measure summaries, related stories and events on a labelled JSONL file');
  registerEvalSummaries(evalCommand);
  registerEvalRelated(evalCommand);
  registerEvalEvents(evalCommand);
  registerEvalCrossLanguage(evalCommand);
  registerEvalDevelopments(evalCommand);
  registerEvalEventSummaries(evalCommand);
}
