import { summarize as summarizeText } from '../src/text/summarize.ts';
import { readBbc } from './env.ts';
import type { Results } from './figures.ts';
import { generateStories } from './generate.ts';
import { cleanRaw } from './ingest-harness.ts';
import { summarize } from './stats.ts';

const S = '2 summary';

/** µs of process CPU (user + system) and of wall time spent in one call. */
function measure(run: () => void): { cpu: number; wall: number } {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  run();
  const used = process.cpuUsage(cpu);
  return { cpu: used.user + used.system, wall: Number(process.hrtime.bigint() - wall) / 1000 };
}

function texts(
  limit: number,
  results: Results,
): { label: string; items: { title: string; body: string }[] } {
  const bbc = readBbc();
  if (bbc.articles !== undefined) {
    return { label: 'BBC dev', items: bbc.articles.slice(0, limit) };
  }
  results.note(S, `BBC file not found at ${bbc.path}: measured on generated stories instead`);
  return { label: 'generated', items: [...generateStories(limit)].map(cleanRaw) };
}

/**
 * Summary cost per article, the ingest's summariser on its default options: process CPU time
 * around each call (the kernel's accounting: coarse per call, exact in sum) and wall time.
 */
export function benchSummary(results: Results, limit: number, passes: number): void {
  const { label, items } = texts(limit, results);
  const run = (a: { title: string; body: string }) => () =>
    summarizeText(a.body, { title: a.title });
  items.slice(0, 100).forEach((a) => run(a)()); // warm up
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let p = 0; p < passes; p += 1) {
    for (const a of items) {
      const m = measure(run(a));
      cpu.push(m.cpu);
      wall.push(m.wall);
    }
  }
  const c = summarize(cpu);
  const w = summarize(wall);
  results.add(S, `CPU per article, mean (${label}, ${items.length} x ${passes})`, c.mean, 'µs');
  results.add(S, 'CPU per article, p99', c.p99, 'µs');
  results.add(S, 'wall per article, p50', w.p50, 'µs');
  results.add(S, 'wall per article, p99', w.p99, 'µs');
}
