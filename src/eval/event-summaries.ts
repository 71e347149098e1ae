import { hasDangling } from '../text/leaning.ts';
import { profileFor } from '../text/language/profile.ts';
import { splitSentences } from '../text/sentences.ts';
import { sentenceTerms } from '../text/summarize.ts';
import {
  EVENT_SUMMARY_REDUNDANCY,
  sentenceCosine,
  summarizeEvent,
  type EventReport,
} from '../text/summarize-event.ts';
import type { LabelledArticle } from './related.ts';

export interface EventSummaryScores {
  /** Events summarised (those of at least two reports). */
  events: number;
  meanSentences: number;
  /** Mean number of outlets a summary quotes. */
  meanSources: number;
  /** Mean, over the summaries, of the highest cosine between two of its sentences. */
  meanMaxCosine: number;
  /** Summaries with two sentences at or above the redundancy cosine. */
  redundant: number;
  /** Summaries with a sentence that leans on one left out. */
  dangling: number;
}

/**
 * Summarises each event (`cluster`) of a labelled file from its first `reports` reports in
 * file order, each report's id standing for its outlet, and measures what the summaries are
 * made of: how many outlets they quote, how alike their sentences are, whether one dangles.
 */
export function scoreEventSummaries(
  articles: readonly LabelledArticle[],
  options: { reports?: number; redundancy?: number } = {},
): EventSummaryScores {
  const byEvent = new Map<string, LabelledArticle[]>();
  for (const a of articles) {
    const list = byEvent.get(a.cluster);
    if (list) list.push(a);
    else byEvent.set(a.cluster, [a]);
  }
  const profile = profileFor('en');
  const scores = {
    events: 0,
    meanSentences: 0,
    meanSources: 0,
    meanMaxCosine: 0,
    redundant: 0,
    dangling: 0,
  };
  for (const event of byEvent.values()) {
    if (event.length < 2) continue;
    const reports: EventReport[] = event
      .slice(0, options.reports ?? 5)
      .map((a) => ({ source: a.id, title: a.title, text: a.body }));
    const summary = summarizeEvent(
      reports,
      options.redundancy === undefined ? {} : { redundancy: options.redundancy },
    );
    scores.events += 1;
    scores.meanSentences += summary.length;
    scores.meanSources += new Set(summary.map((s) => s.source)).size;
    const terms = summary.map((s) => sentenceTerms(s.sentence, profile));
    let max = 0;
    for (let i = 0; i < terms.length; i += 1)
      for (let j = 0; j < i; j += 1)
        max = Math.max(max, sentenceCosine(terms[i] as string[], terms[j] as string[]));
    scores.meanMaxCosine += max;
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
  scores.meanMaxCosine /= n;
  return scores;
}
