import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorpusResult } from './corpus-child.ts';
import { readBbc, runChild } from './env.ts';
import type { Results } from './figures.ts';
import type { RawStory } from './generate.ts';
import { ingestAll, openIngestRig } from './ingest-harness.ts';
import { cpuMs } from './stats.ts';

const GOAL = { op: '>=', value: 1000 } as const;
const S = '1 ingest';

export function bbcRaw(articles: NonNullable<ReturnType<typeof readBbc>['articles']>): RawStory[] {
  return articles.map((a, i) => ({
    id: a.id,
    url: `https://bbc.example/${a.id}`,
    title: a.title,
    body: a.body,
    topics: [a.id.split('-')[1] ?? 'news'],
    publishedAt: new Date(Date.UTC(2005, 0, 1) + i * 60_000),
  }));
}

/** The BBC dev articles through the whole pipeline, in this process, into a fresh file. */
export async function ingestBbc(results: Results, limit: number): Promise<void> {
  const bbc = readBbc();
  if (bbc.articles === undefined) {
    results.note(S, `BBC file not found at ${bbc.path} (set HERALD_EVAL_DIR): BBC ingest skipped`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-bbc-'));
  try {
    const rig = await openIngestRig(join(dir, 'herald.db'));
    const raws = bbcRaw(bbc.articles.slice(0, limit));
    const cpu = cpuMs();
    const tally = await ingestAll(rig, raws, 500);
    const cpuSpent = cpuMs() - cpu;
    await rig.engine.close();
    await rig.store.close();
    results.add(
      S,
      `BBC dev (${tally.stories} articles), wall`,
      tally.stories / tally.seconds,
      'stories/s',
      GOAL,
    );
    results.add(S, 'BBC dev, per CPU second', tally.stories / (cpuSpent / 1000), 'stories/s');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The generated corpus in a child process: ingest, then related, search and memory. */
export async function ingestGenerated(
  results: Results,
  count: number,
  checkpoint: number,
  queries: number,
  /** Runs on the data dir the corpus was stored in, before it is removed. */
  afterwards?: (dataDir: string) => Promise<void>,
): Promise<CorpusResult> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-corpus-'));
  try {
    const args = [dir, String(count), String(checkpoint), String(queries)];
    const corpus = await runChild<CorpusResult>('corpus-child.ts', args, ['--expose-gc']);
    const { ingest } = corpus;
    const label = `${count.toLocaleString('en-US')} generated, wall`;
    results.add(S, label, count / ingest.seconds, 'stories/s', GOAL);
    results.add(S, 'generated, per CPU second', count / (ingest.cpuMs / 1000), 'stories/s');
    results.note(
      S,
      `generated: ${ingest.added} new, ${ingest.duplicates} near-duplicates, ${ingest.rejected} rejected`,
    );
    await afterwards?.(dir);
    return corpus;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
