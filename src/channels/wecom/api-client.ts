// The WeCom server API (https://qyapi.weixin.qq.com/cgi-bin). One access token per app, cached
// until five minutes before expires_in; one refresh in flight (concurrent callers await the
// same promise); on 40014/42001 (revoked or expired early) refresh once and retry once.
import http from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import {
  apiResultSchema,
  sendResultSchema,
  tokenResultSchema,
  userResultSchema,
  type SendBody,
  type SendResult,
  type UserResult,
} from './wire-types.ts';

/** Why a call failed: an errcode from WeCom, an HTTP status, or no answer at all. */
export class WecomApiError extends Error {
  constructor(
    readonly kind: 'api' | 'http' | 'network',
    readonly errcode: number | null,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'WecomApiError';
  }
}

export const TOKEN_INVALID_CODES = new Set([40014, 42001]);

export interface ApiClientOptions {
  apiBase: string;
  corpId: string;
  secret: string;
  timeoutMs: number;
  now?: () => number;
}

const REFRESH_MARGIN_MS = 5 * 60_000;

// Keep-alive agents: one TLS handshake per connection instead of per message (node:http is
// also several times cheaper per call than fetch, which matters when the outbox is busy).
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }) };

/** One HTTP exchange with a deadline for the whole answer. */
function request(url: URL, method: string, body: string | undefined, timeoutMs: number): Promise<{ status: number; text: string }> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method,
        agent: agents[url.protocol as keyof typeof agents],
        headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', fail);
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on('error', fail);
    req.end(body);
  });
}

export function createWecomApiClient(options: ApiClientOptions) {
  const now = options.now ?? Date.now;
  let token: { value: string; refreshAt: number } | null = null;
  let refreshing: Promise<string> | null = null;
  let tokenFetches = 0;

  async function http<S extends z.ZodType>(schema: S, path: string, init: { method: 'GET' | 'POST'; query: Record<string, string>; body?: unknown }): Promise<z.infer<S>> {
    const url = new URL(`${options.apiBase}/cgi-bin/${path}`);
    for (const [k, v] of Object.entries(init.query)) url.searchParams.set(k, v);
    let answer: { status: number; text: string };
    try {
      answer = await request(url, init.method, init.body === undefined ? undefined : JSON.stringify(init.body), options.timeoutMs);
    } catch (error) {
      throw new WecomApiError('network', null, null, `${path}: ${(error as Error).message}`);
    }
    if (answer.status < 200 || answer.status >= 300) throw new WecomApiError('http', null, answer.status, `${path}: HTTP ${answer.status}`);
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw new WecomApiError('http', null, answer.status, `${path}: answer is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new WecomApiError('http', null, answer.status, `${path}: unexpected answer shape`);
    const data = parsed.data as { errcode: number; errmsg: string };
    if (data.errcode !== 0) throw new WecomApiError('api', data.errcode, answer.status, `${path}: ${data.errcode} ${data.errmsg}`);
    return parsed.data;
  }

  async function fetchToken(): Promise<string> {
    tokenFetches += 1;
    // Doc: 获取access_token — GET /cgi-bin/gettoken?corpid&corpsecret
    const r = await http(tokenResultSchema, 'gettoken', { method: 'GET', query: { corpid: options.corpId, corpsecret: options.secret } });
    if (!r.access_token) throw new WecomApiError('http', null, null, 'gettoken: no access_token in the answer');
    const lifetimeMs = (r.expires_in ?? 7200) * 1000;
    // Refresh 5 min early; a very short lifetime (tests, odd proxies) refreshes at half-life.
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    token = { value: r.access_token, refreshAt: now() + lifetimeMs - margin };
    return r.access_token;
  }

  /** A valid token; `stale` is the token a call was just refused with (forces a refresh). */
  function accessToken(stale?: string): Promise<string> {
    if (token && now() < token.refreshAt && token.value !== stale) return Promise.resolve(token.value);
    if (!refreshing) {
      if (stale && token?.value === stale) token = null;
      refreshing = fetchToken().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  /** A call with the token; refreshed and retried once when WeCom says it is invalid. */
  async function call<S extends z.ZodType>(schema: S, path: string, init: { method: 'GET' | 'POST'; query?: Record<string, string>; body?: unknown }): Promise<z.infer<S>> {
    const first = await accessToken();
    try {
      return await http(schema, path, { ...init, query: { ...init.query, access_token: first } });
    } catch (error) {
      if (!(error instanceof WecomApiError) || error.errcode === null || !TOKEN_INVALID_CODES.has(error.errcode)) throw error;
      const fresh = await accessToken(first);
      return http(schema, path, { ...init, query: { ...init.query, access_token: fresh } });
    }
  }

  return {
    accessToken,
    /** Doc: 发送应用消息 — POST /cgi-bin/message/send */
    sendMessage: (body: SendBody): Promise<SendResult> => call(sendResultSchema, 'message/send', { method: 'POST', body }),
    /** Doc: 更新模版卡片消息 — POST /cgi-bin/message/update_template_card (response_code is single-use). */
    updateTemplateCard: (body: { userids: string[]; agentid: number; response_code: string; button: { replace_name: string } }) =>
      call(apiResultSchema, 'message/update_template_card', { method: 'POST', body }),
    /** Doc: 读取成员 — GET /cgi-bin/user/get?userid */
    getUser: (userid: string): Promise<UserResult> => call(userResultSchema, 'user/get', { method: 'GET', query: { userid } }),
    stats: () => ({ tokenFetches }),
  };
}

export type WecomApiClient = ReturnType<typeof createWecomApiClient>;
