import type { RowCodec } from '../columns.ts';

/** SQLite keeps lists and documents as JSON text, times as epoch milliseconds, flags as 0/1. */
export const SQLITE_CODEC: RowCodec = {
  list: { to: (v) => JSON.stringify(v), from: (v) => parseList(v as string) },
  json: { to: (v) => JSON.stringify(v), from: (v) => JSON.parse(v as string) as unknown },
  time: { to: (v) => v.getTime(), from: (v) => new Date(v as number) },
  flag: { to: (v) => (v ? 1 : 0), from: (v) => v === 1 },
};

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
