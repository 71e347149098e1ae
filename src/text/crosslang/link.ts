import { baseLanguage } from '../language/base-language.ts';
import { anchorsOf } from './anchors.ts';

/** A story as the cross-language links read it. */
export interface CrossLanguageStory {
  id: string;
  title: string;
  body: string;
  language: string;
}

/** A story in another language that reports the same event. */
export interface CrossLanguageLink {
  id: string;
  language: string;
  /** The summed rarity (IDF) of the anchors the two stories share. */
  score: number;
  /** The shared anchors (`n:` names, `#` numbers, `@` domains), rarest first. */
  shared: string[];
}

export interface LinkOptions {
  /** The least summed IDF of the shared anchors for a link. */
  minScore: number;
  /** The least number of shared anchors for a link. */
  minShared: number;
  /** The least share of the story's own anchor weight (IDF) that the other story carries. */
  minCoverage: number;
}

/** Chosen on the translated ECB+ set (README, "Across languages"; ADR 0029-crosslang). */
export const LINK_DEFAULTS = {
  minScore: 14,
  minShared: 2,
  minCoverage: 0.3,
} as const satisfies Required<LinkOptions>;

interface Entry {
  language: string;
  anchors: Set<string>;
}

/**
 * The stories of a pool (say, the last days' stories), by what survives translation, and the
 * links of a story to those of the pool in other languages that share enough rare anchors.
 * An anchor's rarity is its IDF in the pool, so "2013" or "Iran" weigh little where many
 * stories carry them.
 */
export class CrossLanguageIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly df = new Map<string, number>();

  add(story: CrossLanguageStory): void {
    if (this.entries.has(story.id)) return;
    const anchors = anchorsOf(story.title, story.body, story.language);
    this.entries.set(story.id, { language: baseLanguage(story.language), anchors });
    for (const a of anchors) this.df.set(a, (this.df.get(a) ?? 0) + 1);
  }

  /** The pool's stories in other languages linked to this one, best first. */
  links(
    story: CrossLanguageStory,
    options: Partial<LinkOptions> = {},
    exclude: ReadonlySet<string> = new Set(),
  ): CrossLanguageLink[] {
    const { minScore, minShared, minCoverage } = { ...LINK_DEFAULTS, ...options };
    const language = baseLanguage(story.language);
    const anchors =
      this.entries.get(story.id)?.anchors ?? anchorsOf(story.title, story.body, language);
    const weight = [...anchors].reduce((sum, a) => sum + this.idf(a), 0);
    const links: CrossLanguageLink[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.language === language || id === story.id || exclude.has(id)) continue;
      const shared = [...anchors].filter((a) => entry.anchors.has(a));
      if (shared.length < minShared) continue;
      const score = shared.reduce((sum, a) => sum + this.idf(a), 0);
      if (score >= minScore && score >= minCoverage * weight)
        links.push({ id, language: entry.language, score, shared: this.rarestFirst(shared) });
    }
    return links.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  private idf(anchor: string): number {
    return Math.log((this.entries.size + 1) / ((this.df.get(anchor) ?? 0) + 1));
  }

  private rarestFirst(anchors: string[]): string[] {
    return anchors.sort((a, b) => this.idf(b) - this.idf(a) || a.localeCompare(b));
  }
}
