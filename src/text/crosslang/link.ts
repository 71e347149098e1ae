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
  /** The least share of the anchor weight (IDF) of the shorter of the two that they share. */
  minCoverage: number;
  /** The least share of the best link's score in its language: a far weaker link is dropped. */
  minOfBest: number;
  /**
   * The least number of shared anchors that are not names (numbers, domains). Names alone link
   * the reports of one person or place, not of one event ("Klitschko", "IBF" in two fights).
   */
  minFacts: number;
}

/** Chosen on the translated ECB+ set (README, "Across languages"; ADR 0030). */
export const LINK_DEFAULTS = {
  minScore: 16,
  minShared: 2,
  minCoverage: 0.3,
  minOfBest: 0.5,
  minFacts: 1,
} as const satisfies Required<LinkOptions>;

/** A number (`#`) or a domain (`@`): an anchor that is not a name. */
function isFact(anchor: string): boolean {
  return !anchor.startsWith('n:');
}

/** See `idf`. */
const POOL_FLOOR = 1000;

interface Entry {
  language: string;
  anchors: ReadonlySet<string>;
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
    this.addAnchors(story.id, story.language, anchorsOf(story.title, story.body, story.language));
  }

  /** Adds a story by the anchors computed before (`anchorsOf` of its title and body). */
  addAnchors(id: string, language: string, anchors: ReadonlySet<string>): void {
    if (this.entries.has(id)) return;
    this.entries.set(id, { language: baseLanguage(language), anchors });
    for (const a of anchors) this.df.set(a, (this.df.get(a) ?? 0) + 1);
  }

  /** The pool's stories in other languages linked to this one, best first. */
  links(
    story: CrossLanguageStory,
    options: Partial<LinkOptions> = {},
    exclude: ReadonlySet<string> = new Set(),
  ): CrossLanguageLink[] {
    const { minScore, minShared, minCoverage, minOfBest, minFacts } = {
      ...LINK_DEFAULTS,
      ...options,
    };
    const language = baseLanguage(story.language);
    const anchors =
      this.entries.get(story.id)?.anchors ?? anchorsOf(story.title, story.body, language);
    const weight = this.weight(anchors);
    const links: CrossLanguageLink[] = [];
    for (const [id, entry] of this.entries) {
      if (entry.language === language || id === story.id || exclude.has(id)) continue;
      const shared = [...anchors].filter((a) => entry.anchors.has(a));
      if (shared.length < minShared || shared.filter(isFact).length < minFacts) continue;
      const score = shared.reduce((sum, a) => sum + this.idf(a), 0);
      const lighter = Math.min(weight, this.weight(entry.anchors));
      if (score >= minScore && score >= minCoverage * lighter)
        links.push({ id, language: entry.language, score, shared: this.rarestFirst(shared) });
    }
    const best = new Map<string, number>();
    for (const l of links) best.set(l.language, Math.max(best.get(l.language) ?? 0, l.score));
    return links
      .filter((l) => l.score >= minOfBest * (best.get(l.language) ?? 0))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  /**
   * An anchor's rarity. A pool smaller than `POOL_FLOOR` is read as that many stories, the
   * others without the anchor, so a few days' stories of a small publisher are not too few to
   * reach `minScore` (the thresholds were measured on a pool of 740).
   */
  private idf(anchor: string): number {
    const n = Math.max(this.entries.size, POOL_FLOOR);
    return Math.log((n + 1) / ((this.df.get(anchor) ?? 0) + 1));
  }

  private weight(anchors: ReadonlySet<string>): number {
    let sum = 0;
    for (const a of anchors) sum += this.idf(a);
    return sum;
  }

  private rarestFirst(anchors: string[]): string[] {
    return anchors.sort((a, b) => this.idf(b) - this.idf(a) || a.localeCompare(b));
  }
}
