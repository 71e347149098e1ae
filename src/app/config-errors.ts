import type { z } from 'zod';

/** Keys whose value is never repeated in an error (it may be a secret). */
const SECRET_KEY = /TOKEN|SECRET|PASSWORD|DATABASE_URL|API_KEY/;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** One problem in plain words: `HTTP_PORT: expected a number, got "abc"`. */
export function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string>): string {
  const key = issue.path.join('.') || '(env)';
  const given = env[key];
  const got = given === undefined || SECRET_KEY.test(key) ? '' : `, got ${JSON.stringify(given)}`;
  return `${key}: ${expectation(issue)}${got}`;
}

function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.expected === 'int' ? 'expected a whole number' : `expected a ${issue.expected}`;
  }
  if (issue.code === 'too_big') return `expected at most ${String(issue.maximum)}`;
  if (issue.code === 'too_small') return `expected at least ${String(issue.minimum)}`;
  if (issue.code === 'invalid_value') {
    if (issue.values.includes('true') && issue.values.includes('false')) {
      return 'expected true or false (or yes/no, on/off, 1/0)';
    }
    return `expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
  }
  return issue.message.startsWith('Invalid')
    ? issue.message.toLowerCase()
    : `expected ${issue.message}`;
}
