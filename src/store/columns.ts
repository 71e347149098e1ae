/**
 * Columns described once for both engines: a column's name, the kind of value it keeps and
 * where that value sits in the domain object. Each engine gives a `RowCodec` saying how it
 * keeps each kind (SQLite: JSON text, epoch ms, 0/1; PostgreSQL: arrays, jsonb, Dates,
 * booleans); the mapping of rows and parameters is then the same code for both.
 */
export type ColumnKind = 'text' | 'optional' | 'number' | 'list' | 'json' | 'time' | 'flag';

export interface Column {
  /** The column's name in both engines' table. */
  name: string;
  kind: ColumnKind;
  /** Where the value sits in the domain object: a key, or `parent.key` one level down. */
  field: string;
  /** A null column is left out of the object (`optional` always is). */
  nullable?: boolean;
}

export const column = (
  name: string,
  kind: ColumnKind,
  field: string,
  nullable = kind === 'optional',
): Column => ({ name, kind, field, nullable });

/** How one engine keeps lists, JSON documents, times and flags. */
export interface RowCodec {
  list: { to(value: readonly string[]): unknown; from(value: unknown): string[] };
  json: { to(value: unknown): unknown; from(value: unknown): unknown };
  time: { to(value: Date): unknown; from(value: unknown): Date };
  flag: { to(value: boolean): unknown; from(value: unknown): boolean };
}

const paths = new WeakMap<Column, string[]>();
const pathOf = (c: Column): string[] => {
  let path = paths.get(c);
  if (path === undefined) paths.set(c, (path = c.field.split('.')));
  return path;
};

function readField(object: object, c: Column): unknown {
  const [head = '', leaf] = pathOf(c);
  const top = (object as Record<string, unknown>)[head];
  return leaf === undefined ? top : (top as Record<string, unknown> | undefined)?.[leaf];
}

function encode(codec: RowCodec, kind: ColumnKind, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (kind) {
    case 'text':
    case 'optional':
    case 'number':
      return value;
    case 'list':
      return codec.list.to(value as string[]);
    case 'json':
      return codec.json.to(value);
    case 'time':
      return codec.time.to(value as Date);
    case 'flag':
      return codec.flag.to(value as boolean);
  }
}

function decode(codec: RowCodec, kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case 'text':
    case 'optional':
      return value;
    case 'number':
      return Number(value);
    case 'list':
      return codec.list.from(value);
    case 'json':
      return codec.json.from(value);
    case 'time':
      return codec.time.from(value);
    case 'flag':
      return codec.flag.from(value);
  }
}

/** The object's values in the columns' order (positional parameters). */
export function valuesOf(object: object, columns: readonly Column[], codec: RowCodec): unknown[] {
  return columns.map((c) => encode(codec, c.kind, readField(object, c)));
}

/** The object's values by column name (named parameters). */
export function paramsOf(
  object: object,
  columns: readonly Column[],
  codec: RowCodec,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const c of columns) params[c.name] = encode(codec, c.kind, readField(object, c));
  return params;
}

/** A row, as either engine returns it, as the domain object the columns describe. */
export function fromRow(
  row: Record<string, unknown>,
  columns: readonly Column[],
  codec: RowCodec,
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const c of columns) {
    const raw = row[c.name];
    if (raw === null || raw === undefined) {
      if (c.nullable === true) continue;
    }
    const value = decode(codec, c.kind, raw);
    const [head = '', leaf] = pathOf(c);
    if (leaf === undefined) object[head] = value;
    else ((object[head] ??= {}) as Record<string, unknown>)[leaf] = value;
  }
  return object;
}
