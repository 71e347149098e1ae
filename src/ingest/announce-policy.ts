import type { Story } from '../domain/story.ts';
import type { StoryStore } from '../store/story-store.ts';

/**
 * How many of an ingest's new stories are announced to subscribers (the rest are stored
 * quietly): `all`, `none`, the newest `n`, or `guarded`: every one, unless the store was
 * empty before (a first ingest, or a data folder lost under a running configuration) or more
 * than `above` stories are new at once; then only the newest `newest`.
 */
export type AnnouncePolicy =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'newest'; n: number }
  | { kind: 'guarded'; newest: number; above: number };

/** Parses `--announce all|none|<n>`; undefined for anything else. */
export function parseAnnounce(text: string): AnnouncePolicy | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'all' || value === 'none') return { kind: value };
  if (!/^\d{1,6}$/.test(value)) return undefined;
  return { kind: 'newest', n: Number(value) };
}

/** What the guard knows before the ingest stores anything. */
export interface GuardStart {
  storeWasEmpty: boolean;
}

export async function guardStart(
  policy: AnnouncePolicy | undefined,
  stories: Pick<StoryStore, 'countStories'>,
): Promise<GuardStart> {
  if (policy?.kind !== 'guarded') return { storeWasEmpty: false };
  return { storeWasEmpty: (await stories.countStories()) === 0 };
}

/** How many new stories may be announced, given how many this ingest added; undefined: all. */
export function announceCap(
  policy: AnnouncePolicy | undefined,
  start: GuardStart,
  added: number,
): number | undefined {
  switch (policy?.kind) {
    case undefined:
    case 'all':
      return undefined;
    case 'none':
      return 0;
    case 'newest':
      return policy.n;
    case 'guarded':
      return start.storeWasEmpty || added > policy.above ? policy.newest : undefined;
  }
}

/**
 * Marks every new story past the newest `cap` as announced without announcing it, before
 * the fan-out runs. Returns how many were stored quietly.
 */
export async function quietBeyond(
  stories: Pick<StoryStore, 'markAnnounced'>,
  added: readonly Story[],
  cap: number | undefined,
): Promise<number> {
  if (cap === undefined || added.length <= cap) return 0;
  const newestFirst = [...added].sort(
    (a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || a.id.localeCompare(b.id),
  );
  const quiet = newestFirst.slice(cap).map((story) => story.id);
  for (let i = 0; i < quiet.length; i += 500) {
    await stories.markAnnounced(quiet.slice(i, i + 500));
  }
  return quiet.length;
}
