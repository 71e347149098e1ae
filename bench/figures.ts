/** One measured figure, with its goal when the issue sets one. */
export interface Figure {
  scenario: string;
  name: string;
  value: number;
  unit: string;
  /** At least (>=) or at most (<=) this value. */
  goal?: { op: '>=' | '<='; value: number };
}

export type Verdict = 'PASS' | 'MISS' | '';

export interface Note {
  scenario: string;
  text: string;
}

export function verdict(figure: Figure): Verdict {
  const { goal } = figure;
  if (goal === undefined) return '';
  if (Number.isNaN(figure.value)) return 'MISS';
  const ok = goal.op === '>=' ? figure.value >= goal.value : figure.value <= goal.value;
  return ok ? 'PASS' : 'MISS';
}

/** What every scenario fills: its figures and its notes (skips, sizes, caveats). */
export class Results {
  readonly figures: Figure[] = [];
  readonly notes: Note[] = [];

  add(scenario: string, name: string, value: number, unit: string, goal?: Figure['goal']): void {
    this.figures.push({ scenario, name, value, unit, ...(goal === undefined ? {} : { goal }) });
  }

  note(scenario: string, text: string): void {
    this.notes.push({ scenario, text });
  }
}
