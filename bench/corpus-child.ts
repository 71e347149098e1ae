/**
 * A child process of the bench (its memory is its own): ingests `count` generated stories
 * through the whole pipeline into a fresh SQLite file, measures related-story latency when
 * the index holds `checkpoint` stories and again at the end, full-text search at the end, and
 * the process's peak RSS. Prints one JSON line.
 * Usage: node --expose-gc --import tsx bench/corpus-child.ts <dir> <count> <checkpoint> <queries>
 */
import { setFlagsFromString } from 'node:v8';
import { storyIdFromUrl } from '../src/domain/story-id.ts';
import { generateStories, seeded } from './generate.ts';
import { ingestAll, openIngestRig, type IngestRig } from './ingest-harness.ts';
import { cpuMs, summarize, type Summary } from './stats.ts';
import { join } from 'node:path';

export interface CorpusResult {
  count: number;
  ingest: { seconds: number; cpuMs: number; added: number; duplicates: number; rejected: number };
  related: { size: number; latency: Summary }[];
  search: { size: number; latency: Summary; hitsMean: number };
  maxRssMb: number;
  settledRssMb: number;
}

// As bin/herald.js does for the app (see there).
setFlagsFromString('--no-allocation-site-pretenuring');

const rand = seeded(1234);
const ids: string[] = [];
const titles: string[] = [];

async function timeAsync(inputs: readonly string[], run: (input: string) => Promise<unknown>) {
  const times: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await run(input);
    times.push(performance.now() - started);
  }
  return times;
}

function sample<T>(list: readonly T[], n: number): T[] {
  return Array.from({ length: n }, () => list[Math.floor(rand() * list.length)] as T);
}

function relatedLatency(rig: IngestRig, queries: number): { size: number; latency: Summary } {
  const ask = (id: string) => rig.engine.related(id, 10);
  sample(ids, Math.min(200, queries)).forEach(ask); // warm up
  const times = sample(ids, queries).map((id) => {
    const started = performance.now();
    ask(id);
    return performance.now() - started;
  });
  return { size: rig.engine.size, latency: summarize(times) };
}

/** Two words of a stored story's title: what a reader types after seeing a headline. */
function searchQueries(n: number): string[] {
  return sample(titles, n).map((title) => {
    const words = title
      .toLowerCase()
      .split(' ')
      .filter((w) => w.length > 3);
    return sample(words, 2).join(' ');
  });
}

async function main(dir: string, count: number, checkpoint: number, queries: number) {
  const rig = await openIngestRig(join(dir, 'herald.db'));
  const related: CorpusResult['related'] = [];
  const source = function* () {
    for (const raw of generateStories(count)) {
      if (raw.id.endsWith('0')) ids.push(storyIdFromUrl(raw.url));
      if (raw.id.endsWith('00')) titles.push(raw.title);
      yield raw;
    }
  };
  const cpuStart = cpuMs();
  let checkpointCpu = 0;
  const tally = await ingestAll(rig, source(), 500, (done) => {
    if (done !== checkpoint || done === count) return;
    const c = cpuMs();
    related.push(relatedLatency(rig, queries));
    checkpointCpu += cpuMs() - c;
  });
  const ingestCpu = cpuMs() - cpuStart - checkpointCpu;
  related.push(relatedLatency(rig, queries));
  const hits: number[] = [];
  const latency = await timeAsync(searchQueries(queries), async (q) => {
    hits.push((await rig.store.stories.searchStories(q, 10)).length);
  });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const result: CorpusResult = {
    count,
    ingest: { ...tally, cpuMs: ingestCpu },
    related,
    search: {
      size: await rig.store.stories.countStories(),
      latency: summarize(latency),
      hitsMean: hits.reduce((a, b) => a + b, 0) / hits.length,
    },
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    settledRssMb: process.memoryUsage().rss / 2 ** 20,
  };
  await rig.engine.close();
  await rig.store.close();
  return result;
}

const [dir, count, checkpoint, queries] = process.argv.slice(2);
if (dir === undefined || count === undefined || checkpoint === undefined || queries === undefined) {
  process.stderr.write('usage: corpus-child.ts <dir> <count> <checkpoint> <queries>\n');
  process.exit(2);
}
const result = await main(dir, Number(count), Number(checkpoint), Number(queries));
process.stdout.write(`${JSON.stringify(result)}\n`);
