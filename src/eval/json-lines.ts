import type { z } from 'zod';

export type JsonLinesResult<T> = { ok: true; rows: T[] } | { ok: false; reason: string };

/**
 * Each non-blank line of a JSONL text read by `schema`, or the first line that is not valid
 * (its number and what is wrong: not JSON, not an object, the field and the problem, or what
 * `check` says of a row read before it).
 */
export function parseJsonLines<T>(
  text: string,
  schema: z.ZodType<T>,
  check?: (row: T, before: readonly T[]) => string | undefined,
): JsonLinesResult<T> {
  const rows: T[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const parsed = schema.safeParse(parseJson(line));
    const problem = parsed.success ? check?.(parsed.data, rows) : describe(parsed.error);
    if (problem !== undefined) return { ok: false, reason: `line ${index + 1}: ${problem}` };
    rows.push(parsed.data as T);
  }
  return { ok: true, rows };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return Symbol('not JSON');
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid line';
  if (issue.path.length === 0) return 'not a JSON object';
  return `"${issue.path.join('.')}": ${issue.message}`;
}
