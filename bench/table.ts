import { verdict, type Figure, type Results } from './figures.ts';

/** A number with a precision that suits its size: 0.123, 12.3, 1,234. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

function goalText(figure: Figure): string {
  const { goal } = figure;
  return goal === undefined ? '' : `${goal.op} ${formatNumber(goal.value)}`;
}

function row(figure: Figure): string[] {
  return [
    figure.scenario,
    figure.name,
    formatNumber(figure.value),
    figure.unit,
    goalText(figure),
    verdict(figure),
  ];
}

/** The figures as an aligned plain-text table, then the notes. */
export function renderTable(results: Results): string {
  const header = ['scenario', 'figure', 'value', 'unit', 'goal', ''];
  const rows = [header, ...results.figures.map(row)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 2 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = results.notes.map((n) => `* ${n.scenario}: ${n.text}`);
  return [line(header), rule, ...rows.slice(1).map(line), '', ...notes].join('\n');
}

export function renderJson(results: Results, machine: object): string {
  const figures = results.figures.map((f) => ({ ...f, verdict: verdict(f) || undefined }));
  return JSON.stringify({ machine, figures, notes: results.notes }, null, 2);
}
