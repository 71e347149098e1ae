import { hasDangling } from '../text/leaning.ts';
import { splitSentences } from '../text/sentences.ts';
import {
  EVENT_SUMMARY_REDUNDANCY,
  sentenceSimilarity,
  summarizeEvent,
  type EventReport,
} from '../text/summarize-event.ts';
import { z } from 'zod';
import { parseJsonLines, type JsonLinesResult } from './json-lines.ts';
import { byCluster, type LabelledArticle } from './related.ts';

/** Two sentences of an event's summary, judged by reading: do they say the same thing? */
export const JudgedPairSchema = z.object({
  event: z.string(),
  a: z.string(),
  b: z.string(),
  same: z.boolean(),
});
export type JudgedPair = z.infer<typeof JudgedPairSchema>;

export interface EventSummaryScores {
  /** Events summarised (those of at least two reports). */
  events: number;
  meanSentences: number;
  /** Mean number of outlets a summary quotes. */
  meanSources: number;
  /** Mean, over the summaries, of the highest similarity between two of its sentences. */
  meanMaxSimilarity: number;
  /** Summaries with two sentences at or above the redundancy similarity. */
  redundant: number;
  /** Summaries with a sentence that leans on one left out. */
  dangling: number;
  /** With judged pairs: the summaries' pairs judged alike, judged, and not judged. */
  judged?: { same: number; pairs: number; unjudged: number; summariesWithSame: number };
}

/** How a pair is looked up among the judged ones (either order). */
export function pairKey(event: string, a: string, b: string): string {
  return [event, ...[a, b].sort()].join('\u0000');
}

/** The reports of each event (`cluster`) of two or more: its first `reports`, in file order. */
function eventsOf(articles: readonly LabelledArticle[], reports: number) {
  const out = new Map<string, EventReport[]>();
  for (const [event, list] of byCluster(articles)) {
    if (list.length < 2) continue;
    out.set(
      event,
      list.slice(0, reports).map((a) => ({ source: a.id, title: a.title, text: a.body })),
    );
  }
  return out;
}

/**
 * Summarises each event (`cluster`) of a labelled file from its first `reports` reports in
 * file order, each report's id standing for its outlet, and measures what the summaries are
 * made of: how many outlets they quote, how alike their sentences are, whether one dangles,
 * and, given judged pairs, how many of their pairs of sentences say the same thing.
 */
export function scoreEventSummaries(
  articles: readonly LabelledArticle[],
  options: { reports?: number; redundancy?: number; judged?: readonly JudgedPair[] } = {},
): EventSummaryScores {
  const judged = new Map(options.judged?.map((p) => [pairKey(p.event, p.a, p.b), p.same]));
  const scores: EventSummaryScores = {
    events: 0,
    meanSentences: 0,
    meanSources: 0,
    meanMaxSimilarity: 0,
    redundant: 0,
    dangling: 0,
  };
  const tally = { same: 0, pairs: 0, unjudged: 0, summariesWithSame: 0 };
  for (const [event, reports] of eventsOf(articles, options.reports ?? 5)) {
    const summary = summarizeEvent(
      reports,
      options.redundancy === undefined ? {} : { redundancy: options.redundancy },
    );
    const similarity = sentenceSimilarity(reports);
    scores.events += 1;
    scores.meanSentences += summary.length;
    scores.meanSources += new Set(summary.map((s) => s.source)).size;
    let max = 0;
    let withSame = false;
    for (const [i, s] of summary.entries()) {
      for (const t of summary.slice(0, i)) {
        max = Math.max(max, similarity(s.sentence, t.sentence));
        const same = judged.get(pairKey(event, s.sentence, t.sentence));
        if (same === undefined) tally.unjudged += 1;
        else {
          tally.pairs += 1;
          if (same) tally.same += 1;
          withSame ||= same;
        }
      }
    }
    if (withSame) tally.summariesWithSame += 1;
    scores.meanMaxSimilarity += max;
    if (max >= EVENT_SUMMARY_REDUNDANCY) scores.redundant += 1;
    const dangles = reports.some((report) =>
      hasDangling(
        summary.filter((s) => s.source === report.source).map((s) => s.sentence),
        splitSentences(report.text),
      ),
    );
    if (dangles) scores.dangling += 1;
  }
  const n = Math.max(1, scores.events);
  scores.meanSentences /= n;
  scores.meanSources /= n;
  scores.meanMaxSimilarity /= n;
  if (options.judged !== undefined) scores.judged = tally;
  return scores;
}

/** How well the redundancy rule tells the judged pairs apart, at its threshold. */
export interface RuleScores {
  pairs: number;
  same: number;
  precision: number;
  recall: number;
}

/**
 * The redundancy rule on judged pairs (each pair's similarity among its event's first
 * `reports` reports): of the pairs it calls alike, the share judged alike, and of those
 * judged alike, the share it calls alike.
 */
export function scoreRedundancyRule(
  articles: readonly LabelledArticle[],
  judged: readonly JudgedPair[],
  options: { reports?: number; threshold?: number } = {},
): RuleScores {
  const events = eventsOf(articles, options.reports ?? 5);
  const threshold = options.threshold ?? EVENT_SUMMARY_REDUNDANCY;
  let hit = 0;
  let called = 0;
  let same = 0;
  let pairs = 0;
  const similarities = new Map<string, ReturnType<typeof sentenceSimilarity>>();
  for (const pair of judged) {
    const reports = events.get(pair.event);
    if (reports === undefined) continue;
    let similarity = similarities.get(pair.event);
    if (similarity === undefined) {
      similarity = sentenceSimilarity(reports);
      similarities.set(pair.event, similarity);
    }
    const alike = similarity(pair.a, pair.b) >= threshold;
    pairs += 1;
    if (pair.same) same += 1;
    if (alike) called += 1;
    if (alike && pair.same) hit += 1;
  }
  return {
    pairs,
    same,
    precision: called === 0 ? 1 : hit / called,
    recall: same === 0 ? 1 : hit / same,
  };
}

/** Judged pairs from JSONL (`{"event","a","b","same"}` lines), or the reason they are not. */
export function parseJudgedPairs(text: string): JsonLinesResult<JudgedPair> {
  return parseJsonLines(text, JudgedPairSchema);
}
