import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = (
  'harbour council budget river school vaccine election drought bridge factory festival ' +
  'railway museum satellite hospital orchard glacier tariff union verdict reactor harvest ' +
  'pipeline stadium volcano treaty ferry mine archive bakery subway canal vineyard airport ' +
  'lighthouse library copper wheat turbine cathedral market refinery forest island'
).split(' ');

/** A small deterministic generator (mulberry32), so the files are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The title of generated story `n` (0-based). */
export const storyTitle = (n: number) => `Story ${n} on the ${WORDS[n % WORDS.length]} report`;

/**
 * Writes `count` distinct Markdown stories into `dir`, story n dated n hours after the start
 * of 2026, so the last ones are the newest. Their texts differ enough not to be near-duplicates.
 */
export function writeStoryFiles(dir: string, count: number, from = 0): void {
  mkdirSync(dir, { recursive: true });
  for (let n = from; n < from + count; n += 1) {
    const next = random(n + 1);
    const word = () => WORDS[Math.floor(next() * WORDS.length)] ?? 'news';
    const sentence = () => `The ${word()} near the ${word()} saw ${word()} and ${word()} ${n}.`;
    const body = Array.from({ length: 6 }, sentence).join(' ');
    const date = new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString();
    const text = `---\ntitle: "${storyTitle(n)}"\ndate: ${date}\n---\n\n${body}\n`;
    writeFileSync(join(dir, `story-${String(n).padStart(5, '0')}.md`), text);
  }
}
