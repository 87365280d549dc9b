// Configuration comes only from environment variables, validated once at start so a bad
// deployment fails fast with one readable line per wrong or missing variable.
import { z } from 'zod';

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
  /** Set when the five WECOM_* variables are. */
  wecom?: WecomConfig;
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
  const wecom = wecomConfig(e);
  if (wecom.problem) throw new ConfigError([wecom.problem]);
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    apiToken: e.API_TOKEN,
    timeZone: e.TZ,
    logLevel: e.LOG_LEVEL,
    rulesFile: e.RULES_FILE,
    ...(wecom.config ? { wecom: wecom.config } : {}),
  };
}
