import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every key Herald reads, with its default. `.env.example` lists the same keys. */
const ConfigSchema = z.object({
  HERALD_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z.string().min(1).optional(),
  CONTENT_DIR: z.string().min(1).default('content'),
  HERALD_SOURCE_NAME: z.string().min(1).max(100).default('Herald'),
  HERALD_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en or pt-BR')
    .default('en'),
  HERALD_MAX_FUTURE_SKEW_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  dataDir: string;
  /** A SQLite file path (the default) or, later, a postgres:// URL. */
  database: { kind: 'sqlite'; path: string };
  contentDir: string;
  sourceName: string;
  language: string;
  /** A publishedAt further ahead than this is clamped to the ingest time. */
  maxFutureSkewMs: number;
  logLevel: (typeof LOG_LEVELS)[number];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once, reporting every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  return toConfig(parsed.data);
}

function toConfig(raw: RawConfig): Config {
  return {
    dataDir: raw.HERALD_DATA_DIR,
    database: { kind: 'sqlite', path: raw.DATABASE_URL ?? `${raw.HERALD_DATA_DIR}/herald.db` },
    contentDir: raw.CONTENT_DIR,
    sourceName: raw.HERALD_SOURCE_NAME,
    language: raw.HERALD_LANGUAGE,
    maxFutureSkewMs: raw.HERALD_MAX_FUTURE_SKEW_MINUTES * 60_000,
    logLevel: raw.LOG_LEVEL,
  };
}

/** An empty value in .env means "not set", so the default applies. */
function emptyToUndefined(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value;
  }
  return out;
}
