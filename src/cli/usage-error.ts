/** A mistake in how the CLI was called: reported as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses a positive whole number option, or throws a UsageError naming the option. */
export function parsePositiveInt(value: string, option: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new UsageError(`${option} takes a whole number from 1 to ${max}, not "${value}"`);
  }
  return n;
}

/** The option's value if it is one of `allowed`, or throws a UsageError listing them. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    throw new UsageError(`${option} takes one of ${allowed.join(', ')}, not "${value}"`);
  return found;
}
