import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/app/metrics.ts';

const dashboard = JSON.parse(
  readFileSync(new URL('../../docs/grafana-dashboard.json', import.meta.url), 'utf8'),
) as { panels: { title: string; targets: { expr: string }[] }[] };

/** The metric names a PromQL expression reads (a histogram's series named by their family). */
function metricsIn(expr: string): string[] {
  const names = expr.match(/\b(?:herald|process|nodejs)_[a-z0-9_]+/g) ?? [];
  return names.map((name) => name.replace(/_(bucket|sum|count)$/, ''));
}

describe('docs/grafana-dashboard.json', () => {
  it('reads only metrics that Herald exports, and shows every herald_ metric', async () => {
    const exported = new Set(
      (await createMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name),
    );
    const used = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((t) => metricsIn(t.expr)),
    );
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
    const herald = [...exported].filter((name) => name.startsWith('herald_'));
    expect(herald.filter((name) => !used.includes(name))).toEqual([]);
  });

  it('gives every panel a title and at least one query', () => {
    for (const panel of dashboard.panels) {
      expect(panel.title.length).toBeGreaterThan(0);
      expect(panel.targets.length).toBeGreaterThan(0);
    }
  });
});
