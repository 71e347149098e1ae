import type { Translate } from '../domain/i18n.ts';
import type { Reply } from '../domain/reply.ts';
import { invalidMessage } from './command.ts';
import type { CommandLimits } from './limits.ts';
import type { ParseFailure } from './parse.ts';
import { helpHint, notice, usageError } from './replies.ts';
import { quote } from './text.ts';

/** The reply to a text that is not a valid command; undefined when it was not meant for us. */
export function failureReply(
  t: Translate,
  failure: ParseFailure,
  limits: CommandLimits,
): Reply | undefined {
  switch (failure.kind) {
    case 'empty':
      return { kind: 'error', text: t('fail.empty', { help: helpHint(t) }) };
    case 'unknown': {
      const word = quote(failure.word, limits.echoChars);
      const guess =
        failure.suggestion === undefined ? '' : t('fail.guess', { name: failure.suggestion });
      return { kind: 'error', text: t('fail.unknown', { word, guess, help: helpHint(t) }) };
    }
    case 'invalid':
      return usageError(t, failure.name, invalidMessage(t, failure.message));
    case 'elsewhere':
      return undefined;
  }
}

export function tooLong(t: Translate, length: number, limits: CommandLimits): Reply {
  return {
    kind: 'error',
    text: t('fail.tooLong', { length, max: limits.maxInputChars, help: helpHint(t) }),
  };
}

export function slowDown(t: Translate, retryAfterMs: number): Reply {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return notice(t('fail.slowDown', { seconds }));
}
