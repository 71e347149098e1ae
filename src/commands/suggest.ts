import { ALIASES, COMMAND_NAMES, type CommandName } from './command.ts';

const CANDIDATES: readonly [string, CommandName][] = [
  ...COMMAND_NAMES.map((n): [string, CommandName] => [n, n]),
  ...Object.entries(ALIASES).filter(([alias]) => alias.length >= 3),
];

/** The command a mistyped word most likely meant ("lastest" -> latest), if one is close. */
export function suggestName(word: string): CommandName | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 2 || lower.length > 20) return undefined;
  let best: { name: CommandName; distance: number } | undefined;
  for (const [candidate, name] of CANDIDATES) {
    const distance = editDistance(lower, candidate);
    if (distance <= maxDistance(candidate) && (best === undefined || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

function maxDistance(candidate: string): number {
  return candidate.length <= 4 ? 1 : 2;
}

/** Levenshtein distance (insert, delete, substitute), two rows at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
