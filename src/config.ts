// Configuration comes only from environment variables, validated once at start so a bad
// deployment fails fast with one readable line per wrong or missing variable.
import { z } from 'zod';
import cron from 'node-cron';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { QUIET_HOURS_PATTERN, parseQuietHours, type QuietHours } from './domain/sop/quiet-hours.ts';

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

const cronExpression = z.string().trim().refine((v) => cron.validate(v), { message: 'is not a valid cron expression' });
const percentage = z.coerce.number().min(0).max(100);
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

  // --- SOP cards (issue 5) ---
  /** Folder of card files; defaults to templates/sop in the install. */
  SOP_CARDS_DIR: optionalString,
  /** A user hired within this many days is a new hire (learning cards in the morning brief). */
  NEW_HIRE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Monthly review: retire a card used below this % with 不适用 above that %, after this many pushes. */
  SOP_RETIRE_USAGE_BELOW: percentage.default(15),
  SOP_RETIRE_NEGATIVE_ABOVE: percentage.default(40),
  SOP_RETIRE_MIN_PUSHES: z.coerce.number().int().min(1).default(10),
  /** No proactive card pushes in this local window; they are held until it ends. */
  SOP_QUIET_HOURS: z.string().trim().regex(QUIET_HOURS_PATTERN, 'must look like 21:00-08:00').default('21:00-08:00'),
  SOP_REVIEW_CRON: cronExpression.default('0 9 1 * *'),
  SOP_REMINDER_CRON: cronExpression.default('5 * * * *'),
  // DingTalk Stream-mode robot (issue 3). The channel starts when id and secret are both set.
  DINGTALK_CLIENT_ID: optionalString,
  DINGTALK_CLIENT_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_GATEWAY_URL: optionalString.pipe(z.url('must be a URL').optional()),
  DINGTALK_API_BASE: optionalString.pipe(z.url('must be a URL').optional()),
  DINGTALK_WATCHDOG_MS: z.coerce.number().int().min(100).default(60_000),
  DINGTALK_RECONNECT_MS: z.coerce.number().int().min(10).default(1_000),
  // --- WeCom (企业微信) self-built app: the five credentials are all-or-none (checked below) ---
  WECOM_CORP_ID: optionalString,
  WECOM_AGENT_ID: optionalString.pipe(z.string().regex(/^[1-9]\d{0,9}$/, 'must be the numeric AgentId').transform(Number).optional()),
  WECOM_SECRET: optionalString,
  WECOM_TOKEN: optionalString.pipe(z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits').optional()),
  WECOM_ENCODING_AES_KEY: optionalString.pipe(
    z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey from the WeCom console').optional(),
  ),
  WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com'),
  WECOM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WECOM_CARD_URL: z.url().default('https://work.weixin.qq.com/'),
  // --- Pipeline jobs ---
  PIPELINE_RESERVE_CRON: cronSetting('0 9 * * 1'),
  PIPELINE_STALE_CRON: cronSetting('10 9 * * 1-5'),
  PIPELINE_FORECAST_CRON: cronSetting('0 6 * * 1'),
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

export interface WecomConfig {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  apiBase: string;
  /** Per-request timeout for WeCom API calls. */
  timeoutMs: number;
  /** Where a tap on a plain (text_notice) card leads; WeCom requires one. */
  cardUrl: string;
}

const WECOM_REQUIRED = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;

/** The WeCom group is all-or-none: a partial set is a start-up error naming what is missing. */
function wecomConfig(e: Env): { config?: WecomConfig; problem?: string } {
  const missing = WECOM_REQUIRED.filter((k) => e[k] === undefined);
  if (missing.length === WECOM_REQUIRED.length) return {};
  if (missing.length) return { problem: `${missing.join(', ')}: missing (the WeCom channel needs all of ${WECOM_REQUIRED.join(', ')})` };
  return {
    config: {
      corpId: e.WECOM_CORP_ID!,
      agentId: e.WECOM_AGENT_ID!,
      secret: e.WECOM_SECRET!,
      token: e.WECOM_TOKEN!,
      encodingAesKey: e.WECOM_ENCODING_AES_KEY!,
      apiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
      timeoutMs: e.WECOM_TIMEOUT_MS,
      cardUrl: e.WECOM_CARD_URL,
    },
  };
}

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  apiToken: string | undefined;
  timeZone: string;
  logLevel: Env['LOG_LEVEL'];
  rulesFile: string | undefined;
  newHireDays: number;
  sop: SopConfig;
  dingtalk: DingtalkConfig | undefined;
  /** Set when the five WECOM_* variables are. */
  wecom?: WecomConfig;
  /** Pipeline job schedules; null when switched off. */
  pipelineCron: { reserveCheck: string | null; stale: string | null; forecastSnapshot: string | null };
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

export interface DingtalkConfig {
  clientId: string;
  clientSecret: string;
  /** The robot's code; for an internal app this is the client id (AppKey). */
  robotCode: string;
  gatewayUrl: string;
  apiBase: string;
  /** No frame (ping included) for this long forces a fresh connection. */
  watchdogMs: number;
  /** First reconnect delay; later ones double up to ten times this. */
  reconnectMs: number;
}

export const DINGTALK_DEFAULT_GATEWAY_URL = 'https://api.dingtalk.com/v1.0/gateway/connections/open';
export const DINGTALK_DEFAULT_API_BASE = 'https://api.dingtalk.com';

function dingtalkConfig(e: Env, problems: string[]): DingtalkConfig | undefined {
  if (!e.DINGTALK_CLIENT_ID && !e.DINGTALK_CLIENT_SECRET) return undefined;
  if (!e.DINGTALK_CLIENT_ID || !e.DINGTALK_CLIENT_SECRET) {
    const [missing, given] = e.DINGTALK_CLIENT_ID
      ? ['DINGTALK_CLIENT_SECRET', 'DINGTALK_CLIENT_ID']
      : ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET'];
    problems.push(`${missing}: is required when ${given} is set (set both to enable DingTalk, or neither)`);
    return undefined;
  }
  return {
    clientId: e.DINGTALK_CLIENT_ID,
    clientSecret: e.DINGTALK_CLIENT_SECRET,
    robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
    gatewayUrl: e.DINGTALK_GATEWAY_URL ?? DINGTALK_DEFAULT_GATEWAY_URL,
    apiBase: (e.DINGTALK_API_BASE ?? DINGTALK_DEFAULT_API_BASE).replace(/\/+$/, ''),
    watchdogMs: e.DINGTALK_WATCHDOG_MS,
    reconnectMs: e.DINGTALK_RECONNECT_MS,
  };
}

export interface SopConfig {
  cardsDir: string;
  retire: { usageBelowPct: number; negativeAbovePct: number; minPushes: number };
  quietHours: QuietHours;
  reviewCron: string;
  reminderCron: string;
}

export const DEFAULT_SOP_CARDS_DIR = fileURLToPath(new URL('../templates/sop', import.meta.url));

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
  const problems: string[] = [];
  const dingtalk = dingtalkConfig(e, problems);
  const wecom = wecomConfig(e);
  if (wecom.problem) problems.push(wecom.problem);
  if (problems.length) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    apiToken: e.API_TOKEN,
    timeZone: e.TZ,
    logLevel: e.LOG_LEVEL,
    rulesFile: e.RULES_FILE,
    newHireDays: e.NEW_HIRE_DAYS,
    sop: {
      cardsDir: e.SOP_CARDS_DIR ? resolve(e.SOP_CARDS_DIR) : DEFAULT_SOP_CARDS_DIR,
      retire: { usageBelowPct: e.SOP_RETIRE_USAGE_BELOW, negativeAbovePct: e.SOP_RETIRE_NEGATIVE_ABOVE, minPushes: e.SOP_RETIRE_MIN_PUSHES },
      quietHours: parseQuietHours(e.SOP_QUIET_HOURS)!,
      reviewCron: e.SOP_REVIEW_CRON,
      reminderCron: e.SOP_REMINDER_CRON,
    },
    dingtalk,
    ...(wecom.config ? { wecom: wecom.config } : {}),
    pipelineCron: {
      reserveCheck: cronOrNull(e.PIPELINE_RESERVE_CRON),
      stale: cronOrNull(e.PIPELINE_STALE_CRON),
      forecastSnapshot: cronOrNull(e.PIPELINE_FORECAST_CRON),
    },
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
