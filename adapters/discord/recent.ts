import type { CommandContext, CommandHandler, Reply, StoryCard } from '../../src/index.ts';
import { DISCORD_LIMITS as L, cut } from './limits.ts';

export interface Choice {
  name: string;
  value: string;
}

export interface RecentTitles {
  /** Remembers the stories of a reply or a broadcast (newest first). */
  note(reply: Reply): void;
  /** Up to 25 choices whose title holds the typed text, newest first. */
  choices(typed: string): Promise<Choice[]>;
}

const KEEP = 200;
const REFRESH_MS = 60_000;

/** The pseudo-chat autocomplete reads the latest stories as (its own rate-limit key). */
const AUTOCOMPLETE_CONTEXT: CommandContext = {
  platform: 'discord',
  target: { platform: 'discord', chatId: 'herald-autocomplete', kind: 'private' },
  user: { id: 'herald-autocomplete' },
  isAdmin: () => Promise.resolve(false),
};

/**
 * Recent titles for the story autocomplete. Autocomplete fires on every keystroke, so it is
 * answered from memory: the titles of every reply and broadcast this adapter rendered, and a
 * "latest 20" asked of the core at most once a minute.
 */
export function createRecentTitles(commands: CommandHandler, now: () => number): RecentTitles {
  const titles = new Map<string, string>();
  let refreshedAt = Number.NEGATIVE_INFINITY;
  const note = (reply: Reply) => {
    const cards = cardsOf(reply);
    for (const card of [...cards].reverse()) {
      titles.delete(card.id);
      titles.set(card.id, card.title);
    }
    for (const id of titles.keys()) {
      if (titles.size <= KEEP) break;
      titles.delete(id);
    }
  };
  const refresh = async () => {
    if (now() - refreshedAt < REFRESH_MS) return;
    refreshedAt = now();
    const reply = await commands.handleText(AUTOCOMPLETE_CONTEXT, `latest 20`);
    if (reply !== undefined) note(reply);
  };
  return {
    note,
    async choices(typed) {
      await refresh();
      const words = typed
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== '');
      const newestFirst = [...titles].reverse();
      return newestFirst
        .filter(([, title]) => words.every((w) => title.toLowerCase().includes(w)))
        .slice(0, L.autocompleteChoices)
        .map(([id, title]) => ({ name: cut(title, L.choiceNameChars), value: id }));
    },
  };
}

function cardsOf(reply: Reply): StoryCard[] {
  switch (reply.kind) {
    case 'card':
      return [reply.card];
    case 'cards':
      return reply.cards;
    case 'notice':
    case 'error':
      return [];
  }
}
