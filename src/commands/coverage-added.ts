import type { Story } from '../domain/story.ts';

/** Names and numbers listed at most in one "added" line. */
const MOST = 4;

const NUMBER = /\d+(?:[.,]\d+)*/g;

/**
 * One line of what a later report adds to the earlier ones: its names (the story's entities)
 * and numbers that none of them holds, or that it adds nothing new.
 */
export function addedBy(earlier: readonly Story[], later: Story): string {
  const before = earlier.map((s) => `${s.title}\n${s.body}`.toLowerCase()).join('\n');
  const names = later.entities.filter((name) => !before.includes(name.toLowerCase()));
  const text = `${later.title}\n${later.body}`;
  const seen = new Set((before.match(NUMBER) ?? []).map(String));
  const numbers = [...new Set(text.match(NUMBER) ?? [])].filter((n) => !seen.has(n));
  const parts: string[] = [];
  if (names.length > 0) parts.push(`names ${names.slice(0, MOST).join(', ')}`);
  if (numbers.length > 0) parts.push(`numbers ${numbers.slice(0, MOST).join(', ')}`);
  return parts.length === 0 ? 'nothing new' : parts.join('; ');
}
