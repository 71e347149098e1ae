/**
 * Alternated A/B runs of the ingest of two checkouts, the way issues 18 and 23 ask for speed
 * to be compared on a machine whose speed moves by a third from hour to hour:
 *
 *   node --import tsx bench/ab-ingest.ts <old checkout> <new checkout> [bbc|gen] [--stories N]
 *     [--rounds R]
 *
 * e.g. `git worktree add ../old 26ea7a9 && ln -s "$PWD/node_modules" ../old/node_modules`, then
 * `node --import tsx bench/ab-ingest.ts ../old . gen --stories 30000 --rounds 4`.
 *
 * Each run is a fresh process (`--child`) that loads the checkout's own
 * `bench/ingest-harness.ts` and ingests the same items (this checkout makes them: the BBC dev
 * file read at run time, or generated stories) in calls of 500 into a new SQLite file, with the
 * harness's defaults (text thread on where the checkout has one; HERALD_BENCH_EVENTS and
 * HERALD_BENCH_TEXT_THREAD pass through: HERALD_BENCH_EVENTS=0 compares the ingest without the
 * event assignment, which a checkout before issue 19 does not have). The runs alternate old,
 * new, new, old... A run whose store does not hold every item is an error: a figure for fewer
 * stories than it counts is not a figure. A checkout whose dist/ is older than its sources is
 * refused (its text thread would run through tsx). Prints each run, the new/old ratio of each
 * round (wall and per CPU second), and their median and range.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bbcRaw } from './ingest.ts';
import { INGEST_BATCH } from './ingest-harness.ts';
import { readBbc, runChild } from './env.ts';
import { generateStories, type RawStory } from './generate.ts';
import { cpuMs, median } from './stats.ts';

interface RunFigures {
  stories: number;
  stored: number;
  perSecond: number;
  perCpuSecond: number;
}

function items(mode: string, stories: number): RawStory[] {
  if (mode === 'gen') return [...generateStories(stories)];
  const articles = readBbc().articles;
  if (articles === undefined) throw new Error('BBC dev file not found (set HERALD_EVAL_DIR)');
  return bbcRaw(articles.slice(0, stories));
}

/** One run in this process, in the checkout `tree`. */
async function child(tree: string, mode: string, stories: number): Promise<RunFigures> {
  const harness = (await import(
    pathToFileURL(join(tree, 'bench', 'ingest-harness.ts')).href
  )) as typeof import('./ingest-harness.ts');
  const raws = items(mode, stories);
  const dir = mkdtempSync(join(tmpdir(), 'herald-ab-'));
  try {
    const rig = await harness.openIngestRig(join(dir, 'herald.db'));
    const cpu = cpuMs();
    const tally = await harness.ingestAll(rig, raws, INGEST_BATCH);
    const cpuSeconds = (cpuMs() - cpu) / 1000;
    const stored = await rig.store.stories.countStories();
    await rig.engine.close();
    await rig.store.close();
    return {
      stories: tally.stories,
      stored,
      perSecond: tally.stories / tally.seconds,
      perCpuSecond: tally.stories / cpuSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A checkout whose dist/ is older than its sources runs its text thread through tsx (about
 * half a second more at each start, ADR 0018): its figures would not be its code's. A checkout
 * from before the build (no bin/built.js) has no such thread.
 */
async function refuseStaleBuild(tree: string): Promise<void> {
  const check = join(tree, 'bin', 'built.js');
  if (!existsSync(check)) return;
  const { builtIsCurrent } = (await import(pathToFileURL(check).href)) as {
    builtIsCurrent: () => boolean;
  };
  if (!builtIsCurrent()) throw new Error(`${tree}: dist/ is older than its sources: npm run build`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      child: { type: 'boolean', default: false },
      stories: { type: 'string' },
      rounds: { type: 'string', default: '3' },
    },
  });
  if (values.child) {
    const [tree, mode = 'gen'] = positionals;
    const figures = await child(resolve(tree ?? '.'), mode, Number(values.stories ?? 10_000));
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const [oldTree, newTree, mode = 'gen'] = positionals;
  if (oldTree === undefined || newTree === undefined || !['bbc', 'gen'].includes(mode)) {
    throw new Error(
      'usage: ab-ingest.ts <old checkout> <new checkout> [bbc|gen] [--stories N] [--rounds R]',
    );
  }
  for (const tree of [oldTree, newTree]) await refuseStaleBuild(resolve(tree));
  const stories = Number(values.stories ?? (mode === 'bbc' ? 100_000 : 10_000));
  const rounds = Number(values.rounds);
  const ratios = { wall: [] as number[], cpu: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    // old, new, then new, old: a machine that speeds up or slows down weighs on both alike.
    const order = round % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
    const got: Record<string, RunFigures> = {};
    for (const which of order) {
      const tree = resolve(which === 'old' ? oldTree : newTree);
      const figures = await runChild<RunFigures>(
        'ab-ingest.ts',
        ['--child', tree, mode, '--stories', String(stories)],
        ['--expose-gc'],
      );
      if (figures.stored !== figures.stories) {
        throw new Error(`${which}: ${figures.stories} items ingested but ${figures.stored} stored`);
      }
      got[which] = figures;
      console.log(
        `round ${round + 1} ${which}: ${figures.perSecond.toFixed(0)} stories/s wall, ` +
          `${figures.perCpuSecond.toFixed(0)} per CPU second (${figures.stored} stored)`,
      );
    }
    const [o, n] = [got.old as RunFigures, got.new as RunFigures];
    ratios.wall.push(n.perSecond / o.perSecond);
    ratios.cpu.push(n.perCpuSecond / o.perCpuSecond);
  }
  const show = (xs: number[]) =>
    `median ${median(xs).toFixed(3)} (range ${Math.min(...xs).toFixed(3)}-${Math.max(...xs).toFixed(3)}; ${xs.map((x) => x.toFixed(3)).join(', ')})`;
  console.log(`new/old, wall: ${show(ratios.wall)}`);
  console.log(`new/old, per CPU second: ${show(ratios.cpu)}`);
}

await main();
