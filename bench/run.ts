/**
 * Herald's benchmark: `npm run bench [-- --quick] [-- --json] [-- --only 1,3]`.
 * Runs the scenarios of issue 11 on this machine and prints each figure beside its goal.
 * Comparisons are ratios within one run (the machine may be shared); see docs/adr/0013-benchmark.md.
 */
import { parseArgs } from 'node:util';
import { corpusSizes, SIZES, type Sizes } from './sizes.ts';
import { memoryFigures, relatedFigures, searchFigures } from './corpus-figures.ts';
import { machine } from './env.ts';
import { benchCli, buildDist } from './cli.ts';
import { benchFanOut } from './fan-out.ts';
import { benchBatch } from './batch.ts';
import { benchFeeds } from './feeds.ts';
import { Results } from './figures.ts';
import { eventsCost, ingestBbc, ingestGenerated } from './ingest.ts';
import { benchLimiter } from './limiter.ts';
import { benchPlatformsMemory } from './platforms.ts';
import { benchPostgres } from './postgres.ts';
import { benchStart, benchStartAt } from './start.ts';
import { benchSummary } from './summary.ts';
import { renderJson, renderTable } from './table.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

const wanted = new Set((values.only ?? '1,2,3,4,5,6,7,8,9').split(',').map((s) => s.trim()));
const has = (n: string) => wanted.has(n);
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function runAll(sizes: Sizes, results: Results): Promise<void> {
  // `herald` as `npm ci` leaves it: compiled into dist/ (scenarios 6 and 8 spawn it).
  if (has('6') || has('8') || has('9')) buildDist();
  if (has('8')) {
    log('cli');
    benchCli(results, sizes.cliRuns);
  }
  if (has('2')) {
    log('summary');
    benchSummary(results, sizes.summaryArticles, sizes.summaryPasses);
  }
  if (has('1')) {
    log('ingest: BBC');
    await ingestBbc(results, sizes.bbcArticles);
    log('ingest: event assignment, with and without (BBC, alternated)');
    await eventsCost(results, sizes.bbcArticles);
  }
  if (has('1') || has('3') || has('4') || has('6')) {
    const { count, checkpoint } = corpusSizes(sizes);
    log(`ingest: ${count} generated stories (child process), then related, search, memory`);
    const atSize = async (dataDir: string) => {
      if (!has('6')) return;
      log(`start: herald start on the ${count} stories`);
      await benchStartAt(results, dataDir, count);
      log(`memory: herald start with every platform on the ${count} stories`);
      await benchPlatformsMemory(results, dataDir, count);
    };
    const corpus = await ingestGenerated(results, count, checkpoint, sizes.queries, atSize);
    relatedFigures(results, corpus);
    searchFigures(results, corpus);
    memoryFigures(results, corpus);
  }
  if (has('5')) {
    log('fan-out: instant sends');
    await benchFanOut(results, sizes.subscribers, sizes.perSec, false);
    log('fan-out: sends of 50 +/- 20 ms');
    await benchFanOut(results, sizes.subscribers, sizes.perSec, true);
    log(`fan-out: ${sizes.batchChats} chats x 5 stories waiting, batched and not`);
    await benchBatch(results, sizes.batchChats, sizes.perSec);
    log('limiter');
    await benchLimiter(results, sizes.limiterPerSec, sizes.limiterSeconds);
  }
  if (has('6')) {
    log('start');
    await benchStart(results, sizes.startRuns);
  }
  if (has('9')) {
    log(`feeds: ${sizes.feeds.feeds} feeds every ${sizes.feeds.periodS} s`);
    await benchFeeds(results, sizes.feeds);
  }
  if (has('7')) {
    log('postgres');
    await benchPostgres(results, sizes.pgChats, sizes.pgStories, sizes.pgTelegramChats);
  }
}

const sizes = values.quick ? SIZES.quick : SIZES.full;
const results = new Results();
const started = performance.now();
await runAll(sizes, results);
const seconds = (performance.now() - started) / 1000;
results.note('run', `${values.quick ? 'quick' : 'full'} run in ${seconds.toFixed(0)} s`);
const info = machine();
if (values.json) process.stdout.write(`${renderJson(results, info)}\n`);
else {
  process.stdout.write(
    `Herald bench (${values.quick ? 'quick' : 'full'}): ${Object.values(info).join(', ')}\n\n`,
  );
  process.stdout.write(`${renderTable(results)}\n`);
}
