import { translator, type Translate } from '../domain/i18n.ts';
import { toCard, type Reply } from '../domain/reply.ts';
import type { Story } from '../domain/story.ts';
import { usageOf, type CommandName } from './command.ts';

export function helpHint(t: Translate): string {
  return t('hint.help');
}

export function somethingWentWrong(t: Translate): Reply {
  return { kind: 'error', text: t('reply.wrong') };
}

export function notice(text: string): Reply {
  return { kind: 'notice', text };
}

/** A mistake in a command: what was wrong, and that command's usage line. */
export function usageError(t: Translate, name: CommandName, text: string): Reply {
  return { kind: 'error', text, usage: usageOf(t, name) };
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

export function listingFooter(t: Translate): string {
  return t('reply.listingFooter');
}

/** The English one (tests compare replies with it). */
export const SOMETHING_WENT_WRONG: Reply = somethingWentWrong(translator('en'));
