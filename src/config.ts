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

// --- Pipeline jobs: cron expressions in TZ; "off" disables the job ---
const cronSetting = (fallback: string) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? fallback : value))
    .default(fallback)
    .refine((value) => value === 'off' || cron.validate(value), {
      message: 'is not a valid cron expression (five fields, e.g. "0 9 * * 1") or "off"',
    });
const cronOrNull = (value: string): string | null => (value === 'off' ? null : value);

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
  // --- Pipeline jobs ---
  PIPELINE_RESERVE_CRON: cronSetting('0 9 * * 1'),
  PIPELINE_STALE_CRON: cronSetting('10 9 * * 1-5'),
  PIPELINE_FORECAST_CRON: cronSetting('0 6 * * 1'),
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
  /** Pipeline job schedules; null when switched off. */
  pipelineCron: { reserveCheck: string | null; stale: string | null; forecastSnapshot: string | null };
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
    pipelineCron: {
      reserveCheck: cronOrNull(e.PIPELINE_RESERVE_CRON),
      stale: cronOrNull(e.PIPELINE_STALE_CRON),
      forecastSnapshot: cronOrNull(e.PIPELINE_FORECAST_CRON),
    },
  };
}
