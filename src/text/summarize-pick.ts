/** How sentences are picked for a summary. */
export interface PickRules<T> {
  /** At most this many sentences. */
  count: number;
  /** Word budget: a sentence (with those it leans on) that would pass it is skipped. */
  budget: number;
  /**
   * The sentence a candidate leans on: `undefined` when it leans on none, `null` when it leans
   * on one that cannot be taken (so neither can it).
   */
  antecedent: (candidate: T) => T | null | undefined;
  /** Whether a unit (a sentence and those it leans on) may join the ones picked. */
  admits?: (unit: readonly T[], picked: readonly T[]) => boolean;
  /**
   * A candidate's score. Given, each step takes the unit of the best mean score (the first of
   * equals in the given order); else the first unit that fits, in the given order.
   */
  score?: (candidate: T) => number;
}

/**
 * Picks candidates, each with the sentences it leans on (so none is left dangling), within
 * the count and the word budget; the first unit is always taken when it fits the count.
 * Returns them in the order picked.
 */
export function pickWithAntecedents<T extends { readonly words: number }>(
  ordered: readonly T[],
  rules: PickRules<T>,
): T[] {
  const picked: T[] = [];
  const chosen = new Set<T>();
  let used = 0;
  while (picked.length < rules.count) {
    const next = nextUnit(ordered, rules, picked, chosen, used);
    if (next === undefined) break;
    for (const c of next.unit) {
      picked.push(c);
      chosen.add(c);
    }
    used += next.words;
  }
  return picked;
}

function nextUnit<T extends { readonly words: number }>(
  ordered: readonly T[],
  rules: PickRules<T>,
  picked: readonly T[],
  chosen: ReadonlySet<T>,
  used: number,
): { unit: T[]; words: number } | undefined {
  let best: { unit: T[]; words: number; value: number } | undefined;
  for (const candidate of ordered) {
    if (chosen.has(candidate)) continue;
    const unit = withAntecedents(candidate, chosen, rules);
    if (unit === undefined || picked.length + unit.length > rules.count) continue;
    const words = unit.reduce((sum, c) => sum + c.words, 0);
    if (picked.length > 0 && used + words > rules.budget) continue;
    if (rules.admits !== undefined && !rules.admits(unit, picked)) continue;
    const { score } = rules;
    if (score === undefined) return { unit, words };
    const value = unit.reduce((sum, c) => sum + score(c), 0) / unit.length;
    if (best === undefined || value > best.value) best = { unit, words, value };
  }
  return best;
}

/** The candidate and the sentences it leans on not yet chosen, or undefined if one cannot be. */
function withAntecedents<T>(
  candidate: T,
  chosen: ReadonlySet<T>,
  rules: PickRules<T>,
): T[] | undefined {
  const unit = [candidate];
  for (let current = candidate; ;) {
    const before = rules.antecedent(current);
    if (before === undefined) return unit;
    if (before === null) return undefined;
    if (chosen.has(before)) return unit;
    if (unit.length >= rules.count) return undefined;
    unit.unshift(before);
    current = before;
  }
}
