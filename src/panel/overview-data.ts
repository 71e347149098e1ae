import type { OutboxActivity } from '../store/outbox-store.ts';

const HOUR_MS = 3_600_000;

/** A chart's data: hour starts (Unix seconds) and one named series of counts per line. */
export interface ChartData {
  x: number[];
  series: { label: string; values: number[] }[];
}

/** The last `hours` whole hours up to `now` (the current hour included), as their starts. */
export function hourStarts(now: Date, hours: number): number[] {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: hours }, (_, i) => current - (hours - 1 - i) * HOUR_MS);
}

/** Deliveries per hour, one line per platform and outcome (sent, failed, dead). */
export function deliveryChart(activity: readonly OutboxActivity[], hours: number[]): ChartData {
  const lines = new Map<string, number[]>();
  for (const a of activity) {
    const at = hours.indexOf(a.hour.getTime());
    if (at < 0) continue;
    const label = `${a.platform} ${a.state}`;
    const values = lines.get(label) ?? hours.map(() => 0);
    values[at] = (values[at] ?? 0) + a.count;
    lines.set(label, values);
  }
  const series = [...lines].sort(([a], [b]) => a.localeCompare(b));
  return {
    x: hours.map((h) => h / 1000),
    series: series.map(([label, values]) => ({ label, values })),
  };
}

/** Stories ingested per hour. */
export function storiesChart(ingestedAt: readonly Date[], hours: number[]): ChartData {
  const values = hours.map(() => 0);
  const first = hours[0] ?? 0;
  for (const at of ingestedAt) {
    const i = Math.floor((at.getTime() - first) / HOUR_MS);
    if (i >= 0 && i < values.length) values[i] = (values[i] ?? 0) + 1;
  }
  return { x: hours.map((h) => h / 1000), series: [{ label: 'stories', values }] };
}

/** Totals of each series (the chart's table, readable without script). */
export function totals(chart: ChartData): { label: string; total: number }[] {
  return chart.series.map((s) => ({ label: s.label, total: s.values.reduce((a, b) => a + b, 0) }));
}
