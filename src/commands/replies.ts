import { toCard, type Reply } from '../domain/reply.ts';
import type { Story } from '../domain/story.ts';
import { USAGE, type CommandName } from './command.ts';

export const HELP_HINT = 'Send help to see what I can do.';

export const SOMETHING_WENT_WRONG: Reply = {
  kind: 'error',
  text: 'Something went wrong; try again in a moment.',
};

export function notice(text: string): Reply {
  return { kind: 'notice', text };
}

/** A mistake in a command: what was wrong, and that command's usage line. */
export function usageError(name: CommandName, text: string): Reply {
  return { kind: 'error', text, usage: USAGE[name] };
}

/**
 * A numbered list of story cards ("summary 2" then refers to the 2nd), with the number of
 * outlets that reported each one's event where known.
 */
export function listing(
  heading: string,
  stories: readonly Story[],
  footer?: string,
  outlets: readonly (number | undefined)[] = [],
): Reply {
  return {
    kind: 'cards',
    heading,
    cards: stories.map((story, i) => toCard(story, i + 1, outlets[i])),
    ...(footer === undefined ? {} : { footer }),
  };
}

export const LISTING_FOOTER =
  'Send summary <number>, related <number> or coverage <number> for more.';
