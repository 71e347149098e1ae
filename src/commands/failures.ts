import type { Reply } from '../domain/reply.ts';
import type { CommandLimits } from './limits.ts';
import type { ParseFailure } from './parse.ts';
import { HELP_HINT, notice, usageError } from './replies.ts';
import { quote } from './text.ts';

/** The reply to a text that is not a valid command; undefined when it was not meant for us. */
export function failureReply(failure: ParseFailure, limits: CommandLimits): Reply | undefined {
  switch (failure.kind) {
    case 'empty':
      return { kind: 'error', text: `That is not a command. ${HELP_HINT}` };
    case 'unknown': {
      const word = quote(failure.word, limits.echoChars);
      const guess = failure.suggestion === undefined ? '' : ` Did you mean ${failure.suggestion}?`;
      return { kind: 'error', text: `I don't know the command ${word}.${guess} ${HELP_HINT}` };
    }
    case 'invalid':
      return usageError(failure.name, failure.message);
    case 'elsewhere':
      return undefined;
  }
}

export function tooLong(length: number, limits: CommandLimits): Reply {
  return {
    kind: 'error',
    text: `That message is too long (${length} characters); a command takes at most ${limits.maxInputChars}. ${HELP_HINT}`,
  };
}

export function slowDown(retryAfterMs: number): Reply {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return notice(
    `You are sending commands faster than I can answer. Please wait ${seconds} s; until then I will stay quiet.`,
  );
}
