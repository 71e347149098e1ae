/**
 * The ingest's hot text functions were rewritten for speed (`npm run bench`); each must still
 * give exactly what its plain definition gives. Checked against that definition on seeded
 * random text that mixes ASCII, accented and non-Latin letters, digits, Unicode spaces and
 * punctuation.
 */
import { describe, expect, it } from 'vitest';
import { seeded } from '../../bench/generate.ts';
import { wordCount } from '../../src/text/boilerplate.ts';
import { normalizeText } from '../../src/text/clean.ts';
import { DATE_WORDS, isDateStamp } from '../../src/text/clean-header.ts';
import {
  FINGERPRINT_BYTES,
  fingerprint,
  keyTokens,
  minHashHere,
  minHashLoop,
  slotBytes,
} from '../../src/text/fingerprint.ts';
import { compileWat, WAT_PATH } from '../../src/text/wasm/compile-wat.ts';
import { MINHASH_WASM } from '../../src/text/wasm/minhash-wasm.ts';
import { heaviest, heaviestKeys } from '../../src/text/events/profile.ts';
import { keywordsOf, TermStats } from '../../src/text/keywords.ts';
import { DEFAULT_VECTOR_OPTIONS, nameWords, weightedTerms } from '../../src/text/related-vector.ts';
import { readStory } from '../../src/text/story-text.ts';
import { pageRank, similarityGraph, textRank } from '../../src/text/summarize-rank.ts';
import { countRougeTokens, rougeTokens } from '../../src/text/tokenize.ts';

const PIECES = [
  'news',
  'The',
  'Bank',
  'of',
  'England',
  'İstanbul',
  'Ölçek',
  'ÉTÉ',
  'été',
  'Москва',
  'данные',
  '東京',
  '2026',
  '3.5%',
  'x1',
  'A',
  'b',
  "don't",
  'O’Neil',
  '-',
  '.',
  ',',
  '!',
  '?',
  '—',
  '(',
  ')',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u2028',
  '\u200b',
  'ﬁ',
  '𝐀𝐁',
  '\r\n',
  '\u200d',
  '\u202e',
  '\u0007',
  '\ud800',
  'e\u0301',
  '\u2000',
];

/** Pieces of datelines, for `isDateStamp`. */
const DATE_PIECES = ['3', 'July', '2025', '10:42', 'GMT', 'ago', 'hours', 'Thu', 'today'];
const DATE_SEPARATORS = [' ', ', ', ' | ', ' (', ') ', '·', ' a.m. ', '.', ' the '];

function randomText(rand: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i += 1) {
    text += PIECES[Math.floor(rand() * PIECES.length)] ?? '';
    if (rand() < 0.5) text += ' ';
  }
  return text;
}

const rand = seeded(2026);
const TEXTS = Array.from({ length: 2000 }, (_, i) => randomText(rand, 1 + (i % 60)));
const ASCII_TEXTS = TEXTS.map((t) => t.replace(/[\u0080-\uffff]/g, 'e'));

describe('fast paths give what their definitions give', () => {
  it('wordCount is line.trim().split(/\\s+/).length (0 for a blank line)', () => {
    const reference = (line: string) => (line.trim() === '' ? 0 : line.trim().split(/\s+/).length);
    for (const text of [...TEXTS, ...ASCII_TEXTS, '', ' ', '\u00a0\u3000', 'one']) {
      expect(wordCount(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('normalizeText is its chain of passes (a text none of them changes is only NFC-ed)', () => {
    const reference = (raw: string) =>
      raw
        .replace(
          /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
          '\uFFFD',
        )
        .normalize('NFC')
        .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
        .replace(/[\u200B\u2060\uFEFF\u00AD\u180E]/g, '')
        .replace(
          /(?<![\p{L}\p{M}\p{Extended_Pictographic}])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{Extended_Pictographic}])/gu,
          '',
        )
        // eslint-disable-next-line no-control-regex -- control characters are what it removes
        .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
        .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
        .replace(/[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
    for (const text of [...TEXTS, ...ASCII_TEXTS, '', '\u2000', 'e\u0301', '\u2126']) {
      expect(normalizeText(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('isDateStamp: some digit or day word, and every token a number or a date word', () => {
    const reference = (text: string) => {
      const tokens = text
        .toLowerCase()
        .split(/[\s,|·•()]+/)
        .map((token) => token.replace(/^[^\p{L}\p{N}+-]+|[^\p{L}\p{N}.]+$/gu, ''))
        .filter((token) => token !== '');
      if (tokens.length === 0 || !/\d|\b(?:today|yesterday|just now)\b/i.test(text)) return false;
      const dateWord = (token: string) => DATE_WORDS.has(token.replace(/\.$/, ''));
      return tokens.every(
        (token) => /^[+-]?\d[\d:./-]*(?:st|nd|rd|th|am|pm|h|z)?$/i.test(token) || dateWord(token),
      );
    };
    const pick = (list: readonly string[]) => list[Math.floor(rand() * list.length)] ?? '';
    const lines = Array.from({ length: 3000 }, (_, i) => {
      let line = '';
      for (let j = 0; j < 1 + (i % 7); j += 1) line += pick(DATE_PIECES) + pick(DATE_SEPARATORS);
      return line;
    });
    let stamps = 0;
    for (const line of [...lines, ...TEXTS.slice(0, 300), '', '2025']) {
      expect(isDateStamp(line), JSON.stringify(line)).toBe(reference(line));
      if (isDateStamp(line)) stamps += 1;
    }
    expect(stamps).toBeGreaterThan(300);
  });

  it('countRougeTokens is rougeTokens(text).length', () => {
    for (const text of [...TEXTS, ...ASCII_TEXTS, '']) {
      expect(countRougeTokens(text), JSON.stringify(text)).toBe(rougeTokens(text).length);
    }
  });

  it('keyTokens are the capitalised or numeric [\\p{L}\\p{N}]+ tokens, lowercased', () => {
    const reference = (text: string) =>
      (text.match(/[\p{L}\p{N}]+/gu) ?? [])
        .filter((t) => /^\p{Lu}|\p{N}/u.test(t))
        .map((t) => t.toLowerCase());
    for (const text of [...TEXTS, ...ASCII_TEXTS]) {
      expect(keyTokens(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('textRank equals PageRank over the pairwise shared-word graph, bit for bit', () => {
    const vocabulary = ['bus', 'city', 'council', 'fare', 'route', 'night', 'mayor', 'driver'];
    for (let trial = 0; trial < 200; trial += 1) {
      const n = 1 + Math.floor(rand() * 25);
      const sentences = Array.from({ length: n }, () =>
        Array.from(
          { length: Math.floor(rand() * 12) },
          () => vocabulary[Math.floor(rand() * vocabulary.length)] as string,
        ),
      );
      expect(textRank(sentences)).toEqual(referenceTextRank(sentences));
    }
  });

  it('keywords and document counts by term number equal those by term', () => {
    const byTerm = new TermStats();
    const byId = new TermStats();
    const stories = Array.from({ length: 60 }, (_, i) =>
      readStory(`Story ${i} ${TEXTS[i] ?? ''}`, `${TEXTS[i + 100] ?? ''} ${ASCII_TEXTS[i] ?? ''}`),
    );
    for (const story of stories) {
      const ids = story.counts.terms.map((t) => byId.termId(t));
      expect(keywordsOf(story.counts, byId, 10, ids)).toEqual(keywordsOf(story.counts, byTerm, 10));
      byTerm.addDocument(story.counts.terms);
      byId.addDocumentIds(ids);
      expect([byId.docCount, byId.termCount]).toEqual([byTerm.docCount, byTerm.termCount]);
    }
    for (const term of stories.flatMap((s) => s.counts.terms)) {
      expect(byId.df(term)).toBe(byTerm.df(term));
    }
  });

  it('keywordsOf is the first k of all terms stably sorted by TF-IDF, numbers left out', () => {
    const stats = new TermStats();
    const reference = (counts: ReturnType<typeof readStory>['counts'], k: number) =>
      counts.terms
        .map((term, i) => ({
          term,
          score:
            (1 + Math.log((counts.body[i] ?? 0) + 2 * (counts.title[i] ?? 0))) * stats.idf(term),
        }))
        .filter((s) => !/^\d+$/.test(s.term))
        .sort((a, b) => b.score - a.score)
        .slice(0, k)
        .map((s) => s.term);
    for (let i = 0; i < 300; i += 1) {
      // Repeated words make ties: equal counts and equal document frequencies.
      const story = readStory(`Title ${TEXTS[i] ?? ''}`, `${TEXTS[i + 1] ?? ''} ${TEXTS[i] ?? ''}`);
      for (const k of [0, 1, 3, 10, 500]) {
        expect(keywordsOf(story.counts, stats, k)).toEqual(reference(story.counts, k));
      }
      stats.addDocument(story.counts.terms);
    }
  });

  it('weightedTerms keeps the heaviest terms as a full sort by weight, then term, would', () => {
    const stats = new TermStats();
    const reference = (story: ReturnType<typeof readStory>, maxTerms: number) => {
      const o = { ...DEFAULT_VECTOR_OPTIONS, maxTerms };
      const names = nameWords(story);
      const scored = story.counts.terms.map((term, i) => {
        const tf = (story.counts.body[i] ?? 0) + (1 + o.titleWeight) * (story.counts.title[i] ?? 0);
        const boost = names.has(term) ? o.entityBoost : /^\d+$/.test(term) ? o.numberBoost : 1;
        const id = stats.termId(term);
        return { term, id, weight: (1 + Math.log(tf)) ** o.tfPower * stats.idfOf(id) * boost };
      });
      scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
      const kept = scored.slice(0, o.maxTerms);
      const norm = Math.sqrt(kept.reduce((sum, s) => sum + s.weight * s.weight, 0)) || 1;
      return { ids: kept.map((s) => s.id), weights: kept.map((s) => s.weight / norm) };
    };
    for (let i = 0; i < 300; i += 1) {
      const story = readStory(`Title ${TEXTS[i] ?? ''}`, `${TEXTS[i + 1] ?? ''} ${TEXTS[i] ?? ''}`);
      for (const maxTerms of [0, 1, 5, 96]) {
        const options = { ...DEFAULT_VECTOR_OPTIONS, maxTerms };
        expect(weightedTerms(story, stats, options)).toEqual(reference(story, maxTerms));
      }
      stats.addDocument(story.counts.terms);
    }
  });

  it('heaviestKeys picks the keys a full sort by weight, then key, would (events)', () => {
    const random = seeded(19);
    for (let round = 0; round < 200; round += 1) {
      // Few distinct weights, so that most keys tie (as a story's term frequencies do).
      const map = new Map<string, number>();
      const size = Math.floor(random() * 300);
      for (let i = 0; i < size; i += 1) {
        const key = `t${Math.floor(random() * 1000).toString(36)}${i % 3 === 0 ? 'é' : ''}`;
        map.set(key, 1 + Math.log(1 + Math.floor(random() * 4)));
      }
      for (const k of [0, 1, 24, 64, 200, 400]) {
        expect(heaviestKeys(map, k).sort()).toEqual([...heaviest(map, k).keys()].sort());
      }
    }
  });

  it('minHash in WebAssembly SIMD gives the minima of the JavaScript loop', () => {
    const values = (n: number) =>
      Uint32Array.from({ length: n }, () => Math.floor(rand() * 2 ** 32));
    // Lengths around the four-value steps, a long text's, and extremes of the value range.
    const lists = [0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 391, 5000].map(values);
    lists.push(Uint32Array.of(0, 0xffffffff, 0x80000000, 0x7fffffff, 1));
    for (const list of lists) {
      for (const [first, slots] of [
        [0, FINGERPRINT_BYTES],
        [64, 32],
        [5, 1],
      ] as const) {
        const simd = new Uint32Array(FINGERPRINT_BYTES);
        const loop = new Uint32Array(FINGERPRINT_BYTES);
        expect(minHashHere(list, simd, first, slots)).toBe('simd');
        minHashLoop(list, loop, first, slots);
        expect(simd).toEqual(loop);
      }
    }
  });

  it('runs the WebAssembly compiled from minhash.wat', async () => {
    expect(await compileWat(WAT_PATH)).toBe(MINHASH_WASM);
  });

  it('slotBytes reads a fingerprint as its hex says, and refuses anything else', () => {
    const reference = (fp: string) =>
      Uint8Array.from({ length: FINGERPRINT_BYTES }, (_, i) =>
        parseInt(fp.slice(2 * i, 2 * i + 2), 16),
      );
    for (const text of TEXTS.slice(0, 200)) {
      const fp = fingerprint('A title', text);
      expect(slotBytes(fp)).toEqual(reference(fp));
    }
    const good = fingerprint('A title', 'A body of text.');
    for (const bad of [
      '',
      good.slice(1),
      `${good}0`,
      good.toUpperCase(),
      `g${good.slice(1)}`,
      `${good.slice(0, -1)} `,
    ]) {
      if (bad === good) continue;
      expect(() => slotBytes(bad), JSON.stringify(bad)).toThrow(/not a story fingerprint/);
    }
  });

  it('pageRank spreads a node without links evenly and sums to one', () => {
    const graph = similarityGraph([['a', 'b'], ['a', 'b', 'c'], ['z']]);
    const rank = pageRank(graph, 3);
    expect(rank.reduce((s, r) => s + r, 0)).toBeCloseTo(1, 12);
    expect(rank[0]).toBeCloseTo(rank[1] ?? 0, 12);
    expect(rank[2]).toBeLessThan(rank[0] ?? 0);
  });
});

/** The definition: every pair's distinct shared words over log|a| + log|b|, then PageRank. */
function referenceTextRank(sentences: string[][]): number[] {
  const sets = sentences.map((words) => new Set(words));
  const weights = sentences.map((a, i) =>
    sentences.map((b, j) => {
      if (i === j || a.length < 2 || b.length < 2) return 0;
      let shared = 0;
      for (const word of sets[i] ?? []) if (sets[j]?.has(word)) shared += 1;
      return shared / (Math.log(a.length) + Math.log(b.length));
    }),
  );
  const n = weights.length;
  const outSums = weights.map((row) => row.reduce((sum, w) => sum + w, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    const next = new Array<number>(n).fill((1 - 0.85) / n);
    rank.forEach((r, j) => {
      for (let i = 0; i < n; i += 1) {
        const out = outSums[j] ?? 0;
        const share = out === 0 ? 1 / n : (weights[j]?.[i] ?? 0) / out;
        next[i] = (next[i] ?? 0) + 0.85 * r * share;
      }
    });
    const change = next.reduce((sum, r, i) => sum + Math.abs(r - (rank[i] ?? 0)), 0);
    rank = next;
    if (change < 1e-9) break;
  }
  return rank;
}
