/**
 * The terminal shared by the log and the console chat: a log line is written above the
 * console's prompt (the prompt is lifted off the screen, then drawn again), never into it.
 */
export interface Terminal {
  /** Writes a log line (ending in a newline) to the log stream, above any prompt. */
  writeLog(text: string): void;
  /** The console adapter hands its prompt here while it has one (undefined: none). */
  setPrompt(prompt: TerminalPrompt | undefined): void;
}

export interface TerminalPrompt {
  /** Clears the prompt line, leaving the cursor at its start. */
  lift(): void;
  /** Draws the prompt again, with what was typed so far. */
  redraw(): void;
}
