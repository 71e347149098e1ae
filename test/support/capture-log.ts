import { createLogger, type Logger } from '../../src/app/log.ts';

/** A real pino logger whose JSON lines are kept in memory, for asserting on what was logged. */
export function createCaptureLog(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  const log = createLogger({ logLevel: 'debug' }, { write: (line: string) => raw.push(line) });
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines };
}
