import { splitSentences } from '../text/sentences.ts';
import { developmentOf, type DevelopmentInput } from '../text/events/index.ts';
import { byCluster, type LabelledArticle } from './related.ts';

/** The scores of one kind of pair (a later report, or a near-copy, against a first report). */
export interface DevelopmentSample {
  later: number[];
  copies: number[];
}

/**
 * For each event (`cluster`) of the file, in file order: each later report scored against the
 * event's first report (what a channel was sent), and a near-copy of the first report scored
 * against it. The near-copy is what a syndicated repeat looks like: another report's headline
 * (its first HEADLINE_WORDS words) over the first report's body with its last sentence dropped.
 */
export function sampleDevelopments(articles: readonly LabelledArticle[]): DevelopmentSample {
  const sample: DevelopmentSample = { later: [], copies: [] };
  for (const reports of byCluster(articles).values()) {
    const [first, ...rest] = reports;
    if (first === undefined) continue;
    const sent: DevelopmentInput = { title: first.title, text: first.body };
    for (const later of rest) {
      sample.later.push(developmentOf([sent], { title: later.title, text: later.body }).score);
      const copy = nearCopy(first, later.title);
      if (copy !== undefined) sample.copies.push(developmentOf([sent], copy).score);
    }
  }
  return sample;
}

/** Words of another report's title kept as the near-copy's headline (a headline's length). */
const HEADLINE_WORDS = 8;

/** None for a report of fewer than two sentences: its "copy" would be a headline alone. */
function nearCopy(report: LabelledArticle, title: string): DevelopmentInput | undefined {
  const sentences = splitSentences(report.body);
  if (sentences.length < 2) return undefined;
  const kept = sentences.slice(0, -1);
  const headline = title.split(/\s+/).slice(0, HEADLINE_WORDS).join(' ');
  return { title: headline, text: kept.join('\n') };
}

export interface ThresholdRow {
  threshold: number;
  /** Shares (x100) of later reports and of near-copies at or above the threshold. */
  later: number;
  copies: number;
}

/** The share of each kind at or above each threshold. */
export function thresholdTable(
  sample: DevelopmentSample,
  thresholds: readonly number[],
): ThresholdRow[] {
  const share = (scores: readonly number[], t: number): number =>
    scores.length === 0 ? 0 : (100 * scores.filter((s) => s >= t).length) / scores.length;
  return thresholds.map((threshold) => ({
    threshold,
    later: share(sample.later, threshold),
    copies: share(sample.copies, threshold),
  }));
}
