export { createCommandHandler } from './handler.ts';
export type { CommandDeps, RelatedStories } from './deps.ts';
export { COMMAND_LIMITS, type CommandLimits } from './limits.ts';
export { parseCommand, type ParseResult, type ParseFailure } from './parse.ts';
export { COMMAND_NAMES, USAGE, type Command, type CommandName } from './command.ts';
