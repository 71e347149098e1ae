import type { Terminal } from '../domain/terminal.ts';

export interface Progress {
  /** `done` of the total so far. */
  update(done: number): void;
  /** Clears the line (the summary or the log says what came of it). */
  end(): void;
}

export interface ProgressOptions {
  terminal: Terminal;
  /** Where the line is drawn (stderr); nothing is drawn unless it is a terminal. */
  stream: { write(text: string): unknown; isTTY?: boolean };
  /** Milliseconds now (tests pass a fake). */
  now?: () => number;
  /** Fewer items than this and no line is drawn (default 50). */
  minimum?: number;
}

const NONE: Progress = { update: () => undefined, end: () => undefined };
const REDRAW_MS = 100;

/**
 * One line at the bottom of a terminal while long work runs: `ingesting 400/1400 (29%),
 * 350/s, 3 s left`. Log lines are written above it. Off a terminal it draws nothing.
 */
export function createProgress(label: string, total: number, options: ProgressOptions): Progress {
  if (options.stream.isTTY !== true || total < (options.minimum ?? 50)) return NONE;
  const now = options.now ?? Date.now;
  const started = now();
  let line = '';
  let drawnAt = 0;
  const clear = () => options.stream.write('\r\x1b[2K');
  options.terminal.setPrompt({ lift: clear, redraw: () => options.stream.write(line) });
  return {
    update(done) {
      const at = now();
      if (at - drawnAt < REDRAW_MS && done < total) return;
      drawnAt = at;
      line = progressLine(label, done, total, (at - started) / 1000);
      clear();
      options.stream.write(line);
    },
    end() {
      clear();
      options.terminal.setPrompt(undefined);
    },
  };
}

/** `ingesting 400/1400 (29%), 350/s, 3 s left`. */
export function progressLine(label: string, done: number, total: number, seconds: number): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 ? `, ${Math.ceil((total - done) / rate)} s left` : '';
  return `${label} ${done}/${total} (${percent}%), ${Math.round(rate)}/s${left}`;
}

/**
 * An `onProgress(done, total)` callback drawing one progress line on stderr when it is a
 * terminal; the line goes away once done reaches the total.
 */
export function progressCallback(
  label: string,
  terminal: Terminal | undefined,
  stream: ProgressOptions['stream'] = process.stderr,
): (done: number, total: number) => void {
  let progress: Progress | undefined;
  return (done, total) => {
    if (terminal === undefined) return;
    progress ??= createProgress(label, total, { terminal, stream });
    progress.update(done);
    if (done >= total) {
      progress.end();
      progress = undefined;
    }
  };
}
