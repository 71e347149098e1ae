import type { Terminal, TerminalPrompt } from '../domain/terminal.ts';

/** The process's terminal: logs on `stream` (stderr), above the console prompt when it shows. */
export function createTerminal(
  stream: { write(text: string): unknown } = process.stderr,
): Terminal {
  let prompt: TerminalPrompt | undefined;
  return {
    writeLog(text) {
      prompt?.lift();
      stream.write(text);
      prompt?.redraw();
    },
    setPrompt(next) {
      prompt = next;
    },
  };
}
