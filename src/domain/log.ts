/**
 * Herald's one logger type: the slice of a structured logger (pino) every layer uses, ids in
 * fields, then a message. `child` adds fields to every line (the part, the job, the platform).
 * src/app/log.ts makes the pino logger behind it; tests pass `silentLog` or a recorder.
 */
export interface Log {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  child(fields: object): Log;
}

export const silentLog: Log = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLog,
};
