// DingTalk OpenAPI client (protocols.md B6–B8): access token (cached, refreshed early, one
// refresh in flight, dropped and retried once on 401), robot batchSend / group send, and
// session-webhook posts. Never throws for platform trouble: answers say ok, retry or fail.
import type { Logger } from '../../logger.ts';
import {
  accessTokenSchema,
  apiErrorSchema,
  batchSendSchema,
  webhookResponseSchema,
  type BatchSendResponse,
  type RobotMsgKey,
  type WebhookBody,
} from './wire-types.ts';

export type ApiOutcome<T> = { ok: true; data: T } | { ok: false; retry: boolean; error: string };

export interface DingtalkApiOptions {
  apiBase: string;
  clientId: string;
  clientSecret: string;
  robotCode: string;
  logger: Logger;
  now?: () => number;
  timeoutMs?: number;
}

/** Refresh this long before expiry (as the Python SDK does), or at half-life for short tokens. */
export const TOKEN_EARLY_MS = 5 * 60_000;
/** batchSend takes at most this many userIds per call (B7). */
export const BATCH_LIMIT = 20;

const THROTTLE = /qpslimit|throttl|too\.?fast|too fast|flowcontrol|ratelimit|频繁|流控/i;

/** 429 and throttling codes, 5xx and 401 are worth another try later; other 4xx are not. */
export function classifyHttpError(status: number, code: string, message: string): { retry: boolean; error: string } {
  const error = `HTTP ${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`;
  if (status === 429 || THROTTLE.test(code)) return { retry: true, error };
  if (status >= 500 || status === 401 || status === 408) return { retry: true, error };
  return { retry: false, error };
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(res: Response): Promise<unknown> {
  const body = await res.text();
  if (!body) return {};
  try {
    return JSON.parse(body);
  } catch {
    return { message: body.slice(0, 200) };
  }
}

function networkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return `network: ${error.name === 'TimeoutError' ? 'timeout' : error.message}${cause ? ` (${cause})` : ''}`;
  }
  return `network: ${String(error)}`;
}

export function createDingtalkApi(options: DingtalkApiOptions) {
  const { apiBase, logger } = options;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let cached: { token: string; refreshAt: number } | null = null;
  let refreshing: Promise<string> | null = null;
  let tokenFetches = 0;

  async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, json: await readJson(res) };
  }

  // https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app
  async function fetchToken(): Promise<string> {
    tokenFetches += 1;
    const { status, json } = await postJson(`${apiBase}/v1.0/oauth2/accessToken`, {
      appKey: options.clientId,
      appSecret: options.clientSecret,
    });
    const parsed = accessTokenSchema.safeParse(json);
    if (status !== 200 || !parsed.success) {
      const err = apiErrorSchema.safeParse(json);
      const code = err.success ? (err.data.code ?? '') : '';
      logger.error({ status, code }, 'dingtalk: access token request failed');
      throw new HttpFailure(status === 200 ? 502 : status, code, err.success ? (err.data.message ?? 'no token') : 'no token');
    }
    const lifeMs = parsed.data.expireIn * 1000;
    cached = { token: parsed.data.accessToken, refreshAt: now() + lifeMs - Math.min(TOKEN_EARLY_MS, lifeMs / 2) };
    logger.info({ expireIn: parsed.data.expireIn }, 'dingtalk: access token refreshed');
    return parsed.data.accessToken;
  }

  function token(): Promise<string> {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
    refreshing ??= fetchToken().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Drops the cached token unless a newer one already replaced it. */
  function invalidate(stale: string): void {
    if (cached?.token === stale) cached = null;
  }

  async function openApi(path: string, body: unknown): Promise<ApiOutcome<unknown>> {
    try {
      for (let attempt = 1; ; attempt++) {
        const t = await token();
        const { status, json } = await postJson(`${apiBase}${path}`, body, { 'x-acs-dingtalk-access-token': t });
        if (status === 200) return { ok: true, data: json };
        const err = apiErrorSchema.safeParse(json);
        const code = err.success ? (err.data.code ?? '') : '';
        const message = err.success ? (err.data.message ?? '') : '';
        if (status === 401 && attempt === 1) {
          // Revoked or expired early: drop it and try once with a fresh token.
          logger.warn({ path, code }, 'dingtalk: access token rejected; refreshing once');
          invalidate(t);
          continue;
        }
        return { ok: false, ...classifyHttpError(status, code, message) };
      }
    } catch (error) {
      if (error instanceof HttpFailure) return { ok: false, ...classifyHttpError(error.status, error.code, `access token: ${error.message}`) };
      return { ok: false, retry: true, error: networkError(error) };
    }
  }

  return {
    /** How many token requests went out (for health details and tests of the cache). */
    tokenFetches: () => tokenFetches,

    // https://open.dingtalk.com/document/orgapp/chatbots-send-one-on-one-chat-messages-in-batches
    async sendToUsers(userIds: string[], msgKey: RobotMsgKey, msgParam: string): Promise<ApiOutcome<BatchSendResponse>> {
      if (userIds.length === 0 || userIds.length > BATCH_LIMIT) {
        return { ok: false, retry: false, error: `batchSend takes 1–${BATCH_LIMIT} userIds, got ${userIds.length}` };
      }
      const r = await openApi('/v1.0/robot/oToMessages/batchSend', { robotCode: options.robotCode, userIds, msgKey, msgParam });
      if (!r.ok) return r;
      const parsed = batchSendSchema.safeParse(r.data);
      return parsed.success ? { ok: true, data: parsed.data } : { ok: false, retry: true, error: 'batchSend: unexpected answer' };
    },

    // https://open.dingtalk.com/document/orgapp/the-robot-sends-a-group-message
    async sendToGroup(openConversationId: string, msgKey: RobotMsgKey, msgParam: string): Promise<ApiOutcome<unknown>> {
      return openApi('/v1.0/robot/groupMessages/send', { robotCode: options.robotCode, openConversationId, msgKey, msgParam });
    },

    /**
     * Posts to a message's session webhook (no token). A non-zero errcode other than
     * throttling means the webhook cannot take it (expired, invalid): `retry: false`.
     */
    async postWebhook(url: string, body: WebhookBody): Promise<ApiOutcome<null>> {
      try {
        const { status, json } = await postJson(url, body);
        const parsed = webhookResponseSchema.safeParse(json);
        if (status !== 200) {
          const msg = parsed.success ? (parsed.data.errmsg ?? '') : '';
          return { ok: false, ...classifyHttpError(status, parsed.success ? String(parsed.data.errcode) : '', msg) };
        }
        if (!parsed.success) return { ok: false, retry: false, error: 'session webhook: unexpected answer' };
        if (parsed.data.errcode === 0) return { ok: true, data: null };
        const error = `session webhook errcode ${parsed.data.errcode}: ${parsed.data.errmsg ?? ''}`;
        return { ok: false, retry: THROTTLE.test(parsed.data.errmsg ?? ''), error };
      } catch (error) {
        return { ok: false, retry: true, error: networkError(error) };
      }
    },
  };
}

export type DingtalkApi = ReturnType<typeof createDingtalkApi>;
