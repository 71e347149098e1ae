import type { RowCodec } from '../columns.ts';

/** pg keeps lists as text[], documents as jsonb, times as timestamptz (a Date), flags as booleans. */
export const POSTGRES_CODEC: RowCodec = {
  list: { to: (v) => v, from: (v) => v as string[] },
  json: { to: (v) => JSON.stringify(v), from: (v) => v },
  time: { to: (v) => v, from: (v) => v as Date },
  flag: { to: (v) => v, from: (v) => v as boolean },
};
