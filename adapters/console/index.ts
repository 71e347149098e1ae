import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import {
  CONSOLE_TARGET,
  type Log,
  type CommandContext,
  type CommandHandler,
  type Platform,
  type PlatformState,
  type SendOutcome,
  type Reply,
  type Target,
  type Terminal,
} from '../../src/index.ts';
import { renderReply } from './render.ts';

export { CONSOLE_TARGET };

export interface ConsoleOptions {
  timeZone: string;
  log: Log;
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream;
  /** Read commands from the input (false under `--once`: broadcasts only). */
  readInput?: boolean;
  /** Prompt and line editing; defaults to whether the input is a terminal. */
  interactive?: boolean;
  /** Ctrl-C at the prompt (the terminal swallows the signal): raises SIGINT by default. */
  onInterrupt?: () => void;
  /** The terminal the log shares: its lines are written above the prompt, never into it. */
  terminal?: Terminal;
}

export interface ConsolePlatform extends Platform {
  /** Resolves once the input has ended and every typed line was answered. */
  inputEnded(): Promise<void>;
}

/**
 * The console platform: broadcasts printed as a reader sees them, and a line reader that hands
 * each typed line to the core's command handler and prints the reply. Works on a pipe too: it
 * reads lines until the end of input, then goes on printing broadcasts.
 */
export function createConsolePlatform(options: ConsoleOptions): ConsolePlatform {
  const output = options.output ?? process.stdout;
  const input = options.input ?? process.stdin;
  const interactive = options.interactive ?? input.isTTY === true;
  let state: PlatformState = 'stopped';
  let reader: Interface | undefined;
  let queue: Promise<void> = Promise.resolve();
  let sent = 0;
  let endInput: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (endInput = resolve));

  const print = (text: string) => {
    if (interactive && reader !== undefined) {
      clearLine(output, 0);
      cursorTo(output, 0);
    }
    output.write(`${text}\n`);
    if (interactive) reader?.prompt(true);
  };
  const render = (reply: Reply) => renderReply(reply, { timeZone: options.timeZone });

  const answer = async (commands: CommandHandler, line: string) => {
    const reply = await commands.handleText(consoleContext(), line);
    print(reply === undefined ? '(not a command: type help for the list)' : render(reply));
  };

  const readLines = (commands: CommandHandler) => {
    reader = createInterface(interactive ? { input, output, terminal: true } : { input });
    reader.on('line', (raw) => {
      const line = raw.trim();
      if (line === '' || state !== 'ready') return;
      queue = queue
        .then(() => answer(commands, line))
        .catch((err: unknown) => {
          options.log.error({ err }, 'console command failed');
        });
    });
    reader.on('SIGINT', options.onInterrupt ?? (() => process.kill(process.pid, 'SIGINT')));
    reader.on('close', () => {
      reader = undefined;
      options.terminal?.setPrompt(undefined);
      if (state === 'ready') options.log.info({}, 'console input ended; broadcasts still print');
      void queue.then(endInput);
    });
    if (interactive) {
      output.write('Herald console: type help for the commands, Ctrl-C to quit.\n');
      options.terminal?.setPrompt({
        lift: () => {
          clearLine(output, 0);
          cursorTo(output, 0);
        },
        redraw: () => reader?.prompt(true),
      });
      reader.prompt();
    }
  };

  return {
    name: 'console',
    start(commands) {
      state = 'ready';
      if (options.readInput === false) endInput();
      else readLines(commands);
      return Promise.resolve();
    },
    async stop() {
      state = 'stopped';
      reader?.close();
      await queue;
    },
    send(target, message, sendOptions) {
      const to = sendOptions?.replyTo;
      return Promise.resolve(
        sendTo(target, message, to === undefined ? '' : `(in reply to ${to.messageId})`),
      );
    },
    // A terminal cannot change what it printed: the edit is printed again, marked.
    edit(target, message, of) {
      const outcome = sendTo(target, message, `(edit of ${of.messageId})`);
      return Promise.resolve(
        outcome.kind === 'sent' ? { kind: 'sent', messageId: of.messageId } : outcome,
      );
    },
    state: () => state,
    inputEnded: () => ended,
  };

  function sendTo(target: Target, message: Reply, note: string): SendOutcome {
    if (state !== 'ready') return { kind: 'unavailable', reason: 'the console is not running' };
    if (target.platform !== 'console') return { kind: 'invalid', reason: 'not a console target' };
    print(note === '' ? render(message) : `${note}\n${render(message)}`);
    sent += 1;
    return { kind: 'sent', messageId: `console-${sent}` };
  }
}

function consoleContext(): CommandContext {
  return {
    platform: 'console',
    target: CONSOLE_TARGET,
    user: { id: 'console', name: 'console' },
    isAdmin: () => Promise.resolve(true),
  };
}
