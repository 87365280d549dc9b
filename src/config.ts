// Configuration comes only from environment variables, validated once at start so a bad
// deployment fails fast with one readable line per wrong or missing variable.
import { z } from 'zod';
import cron from 'node-cron';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const port = z.coerce.number().int().min(0).max(65535);

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid IANA time zone (e.g. Asia/Shanghai)' },
);

export const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('./data/sales-radar.db'),
  API_TOKEN: optionalString.pipe(
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  TZ: timeZone.default('Asia/Shanghai'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RULES_FILE: optionalString,
  NODE_ENV: z.string().optional(),

  // --- Conversation insight (issue 4): lexicon folder and the daily 沟通洞察简报 ---
  /** Folder with the signal lexicon (keywords/*.yaml); defaults to the bundled one. */
  KEYWORDS_DIR: optionalString,
  /** When the daily brief goes out; `off` disables it. WeCom is congested at :00 and :30. */
  BRIEF_CRON: z
    .string()
    .trim()
    .default('20 8 * * 1-5')
    .refine((v) => v === 'off' || cron.validate(v), { message: 'is not a valid cron expression (e.g. "20 8 * * 1-5") or "off"' }),
  /** Time zone of the brief schedule and of its business days (defaults to TZ). */
  BRIEF_TZ: optionalString.pipe(timeZone.optional()),
  /** A process that starts after the scheduled time catches up until this local time (HH:MM). */
  BRIEF_CATCHUP_UNTIL: z
    .string()
    .trim()
    .default('11:00')
    .refine((v) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(v), { message: 'must be a time like 11:00' }),
  /** People with nothing to report get a `short` brief or `none`. */
  BRIEF_EMPTY: z.enum(['short', 'none']).default('short'),
  /** Upper bound for one brief message in UTF-8 bytes (WeCom markdown allows 4096). */
  BRIEF_MAX_BYTES: z.coerce.number().int().min(500).max(20_000).default(4000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  apiToken: string | undefined;
  timeZone: string;
  logLevel: Env['LOG_LEVEL'];
  rulesFile: string | undefined;
  /** Conversation insight (issue 4). */
  insight: InsightConfig;
}

export interface InsightConfig {
  keywordsDir: string | undefined;
  brief: {
    /** null when BRIEF_CRON=off. */
    cron: string | null;
    timeZone: string;
    catchUpUntil: string;
    empty: 'short' | 'none';
    maxBytes: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Formats zod issues as "NAME: reason" lines, one per variable. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${issue.message}`;
  });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    apiToken: e.API_TOKEN,
    timeZone: e.TZ,
    logLevel: e.LOG_LEVEL,
    rulesFile: e.RULES_FILE,
    insight: {
      keywordsDir: e.KEYWORDS_DIR,
      brief: {
        cron: e.BRIEF_CRON === 'off' ? null : e.BRIEF_CRON,
        timeZone: e.BRIEF_TZ ?? e.TZ,
        catchUpUntil: e.BRIEF_CATCHUP_UNTIL,
        empty: e.BRIEF_EMPTY,
        maxBytes: e.BRIEF_MAX_BYTES,
      },
    },
  };
}
