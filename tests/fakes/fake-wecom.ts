// A loopback WeCom server API that speaks the real wire protocol (protocols.md A6/A7, Part C):
// gettoken with early revocation and expiry, message/send with invaliduser / 81013 / rate-limit
// silent drops, single-use response codes for update_template_card, user/get from a member
// directory, and switchable failures (an errcode, an HTTP status, a slow answer).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface FakeMember {
  userid: string;
  name: string;
  department?: number[];
  position?: string;
  status?: number;
  direct_leader?: string[];
}

export interface SentMessage {
  touser: string;
  msgtype: string;
  body: Record<string, any>;
  at: number;
  /** Over WeCom's per-member limit: accepted with errcode 0 but never shown. */
  dropped: boolean;
  responseCode?: string;
}

export interface Failure {
  errcode?: number;
  errmsg?: string;
  /** HTTP status instead of a JSON error. */
  status?: number;
  /** Answer this late (with success unless errcode/status is set too). */
  delayMs?: number;
}

export type FakePath = 'gettoken' | 'message/send' | 'message/update_template_card' | 'user/get';

export interface FakeWecomOptions {
  corpId: string;
  secret: string;
  agentId: number;
  tokenLifetimeS?: number;
  now?: () => number;
}

const MAX_CONTENT_BYTES = 2048;

/** The fake app's credentials, shared by tests and the benchmark. */
export const FAKE_APP = {
  corpId: 'ww7c1f0a9e3b2d4c11',
  agentId: 1000002,
  secret: 'fake-secret-Xz81kLq0pP2mN4vB6cD8eF0gH2',
  token: 'Rad4rT0kenForTests',
  encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
};

/** The WECOM_* environment that points the app at a fake on `apiBase`. */
export function wecomEnv(apiBase: string, app = FAKE_APP): Record<string, string> {
  return {
    WECOM_CORP_ID: app.corpId,
    WECOM_AGENT_ID: String(app.agentId),
    WECOM_SECRET: app.secret,
    WECOM_TOKEN: app.token,
    WECOM_ENCODING_AES_KEY: app.encodingAesKey,
    WECOM_API_BASE: apiBase,
  };
}

export async function startFakeWecom(options: FakeWecomOptions) {
  const now = options.now ?? Date.now;
  const lifetime = options.tokenLifetimeS ?? 7200;
  const tokens = new Map<string, { expiresAt: number; revoked: boolean; expired: boolean }>();
  let current: string | null = null;
  const members = new Map<string, FakeMember>();
  const invalidUsers = new Set<string>();
  const failures = new Map<FakePath, Failure[]>();
  const responseCodes = new Map<string, { userid: string; taskId: string; used: boolean }>();
  const taskIds = new Set<string>();
  const sent: SentMessage[] = [];
  const cardUpdates: { userids: string[]; responseCode: string; replaceName: string }[] = [];
  const calls: Record<FakePath, number> = { gettoken: 0, 'message/send': 0, 'message/update_template_card': 0, 'user/get': 0 };
  let rateLimit = { perMinute: 30, perHour: 1000 };
  const waiters = new Set<() => void>();
  const sentListeners = new Set<(m: SentMessage) => void>();

  const json = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const err = (res: ServerResponse, errcode: number, errmsg: string) =>
    json(res, { errcode, errmsg: `${errmsg}, hint: [${randomBytes(4).toString('hex')}], from ip: 127.0.0.1` });

  function tokenProblem(token: string | null): [number, string] | null {
    const t = token ? tokens.get(token) : undefined;
    if (!t || t.revoked) return [40014, 'invalid access_token'];
    if (t.expired || now() >= t.expiresAt) return [42001, 'access_token expired'];
    return null;
  }

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const shownAt = new Map<string, number[]>();
  function deliveredRecently(userid: string, windowMs: number): number {
    const since = now() - windowMs;
    const times = shownAt.get(userid.toLowerCase()) ?? [];
    let n = 0;
    for (let i = times.length - 1; i >= 0 && times[i]! >= since; i -= 1) n += 1;
    return n;
  }

  function validateSend(body: Record<string, any>): [number, string] | null {
    if (body.agentid !== options.agentId) return [40056, 'invalid agentid'];
    const type = body.msgtype;
    if (type === 'text' || type === 'markdown') {
      const content = body[type]?.content;
      if (typeof content !== 'string' || content === '') return [44004, 'empty content'];
      if (Buffer.byteLength(content) > MAX_CONTENT_BYTES) return [45002, 'content size out of limit'];
      return null;
    }
    if (type === 'template_card') {
      const card = body.template_card ?? {};
      if (!['text_notice', 'button_interaction'].includes(card.card_type)) return [40058, 'invalid card_type'];
      if (!card.main_title?.title && !card.sub_title_text) return [40058, 'main_title.title or sub_title_text required'];
      if (card.card_type === 'text_notice' && !card.card_action?.url) return [40058, 'card_action required'];
      if (card.card_type === 'button_interaction') {
        if (!/^[0-9A-Za-z_\-@]{1,128}$/.test(card.task_id ?? '')) return [40058, 'invalid task_id'];
        if (taskIds.has(card.task_id)) return [40058, 'task_id already used'];
        const buttons = card.button_list ?? [];
        if (buttons.length < 1 || buttons.length > 6) return [40058, 'button_list needs 1–6 buttons'];
        if (buttons.some((b: any) => !b.key || Buffer.byteLength(b.key) > 1024)) return [40058, 'invalid button key'];
      }
      return null;
    }
    return [40008, 'invalid message type'];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/cgi-bin\//, '') as FakePath;
    if (!(path in calls)) return json(res, { errcode: 404, errmsg: 'not found' }, 404);
    calls[path] += 1;
    const raw = req.method === 'POST' ? await readBody(req) : '';
    const failure = failures.get(path)?.shift();
    if (failure?.delayMs) await new Promise((r) => setTimeout(r, failure.delayMs));
    if (failure?.status) return json(res, { error: 'injected' }, failure.status);
    if (failure?.errcode !== undefined) return err(res, failure.errcode, failure.errmsg ?? 'injected failure');

    if (path === 'gettoken') {
      if (url.searchParams.get('corpid') !== options.corpId) return err(res, 40013, 'invalid corpid');
      if (url.searchParams.get('corpsecret') !== options.secret) return err(res, 40001, 'invalid credential, access_token is invalid or not latest');
      // Within its lifetime gettoken returns the same token.
      if (!current || tokenProblem(current)) {
        current = randomBytes(48).toString('base64url');
        tokens.set(current, { expiresAt: now() + lifetime * 1000, revoked: false, expired: false });
      }
      return json(res, { errcode: 0, errmsg: 'ok', access_token: current, expires_in: Math.round((tokens.get(current)!.expiresAt - now()) / 1000) });
    }

    const problem = tokenProblem(url.searchParams.get('access_token'));
    if (problem) return err(res, ...problem);

    if (path === 'user/get') {
      const m = members.get(url.searchParams.get('userid') ?? '');
      if (!m) return err(res, 60111, 'userid not found');
      return json(res, { errcode: 0, errmsg: 'ok', department: [1], status: 1, direct_leader: [], ...m });
    }

    let body: Record<string, any>;
    try {
      body = JSON.parse(raw);
    } catch {
      return err(res, 47001, 'data format error');
    }

    if (path === 'message/update_template_card') {
      const rc = responseCodes.get(body.response_code);
      if (!rc || rc.used) return err(res, 40058, 'invalid response_code');
      if (body.agentid !== options.agentId) return err(res, 40056, 'invalid agentid');
      rc.used = true;
      cardUpdates.push({ userids: body.userids ?? [], responseCode: body.response_code, replaceName: body.button?.replace_name ?? '' });
      return json(res, { errcode: 0, errmsg: 'ok' });
    }

    // message/send
    const invalidBody = validateSend(body);
    if (invalidBody) return err(res, ...invalidBody);
    const recipients = String(body.touser ?? '').split('|').filter(Boolean);
    const invalid = recipients.filter((u) => invalidUsers.has(u.toLowerCase()));
    const valid = recipients.filter((u) => !invalidUsers.has(u.toLowerCase()));
    if (valid.length === 0) return err(res, 81013, 'user & party & tag all invalid');
    let responseCode: string | undefined;
    if (body.msgtype === 'template_card' && body.template_card.card_type === 'button_interaction') {
      responseCode = `RC${randomBytes(12).toString('hex')}`;
      taskIds.add(body.template_card.task_id);
      responseCodes.set(responseCode, { userid: valid[0]!, taskId: body.template_card.task_id, used: false });
    }
    for (const touser of valid) {
      // WeCom drops the excess silently: the sender gets errcode 0 either way.
      const dropped = deliveredRecently(touser, 60_000) >= rateLimit.perMinute || deliveredRecently(touser, 3_600_000) >= rateLimit.perHour;
      const m: SentMessage = { touser, msgtype: body.msgtype, body, at: now(), dropped, responseCode };
      if (!dropped) shownAt.set(touser.toLowerCase(), [...(shownAt.get(touser.toLowerCase()) ?? []).slice(-1000), m.at]);
      sent.push(m);
      for (const l of sentListeners) l(m);
    }
    for (const w of [...waiters]) w();
    return json(res, {
      errcode: 0,
      errmsg: 'ok',
      invaliduser: invalid.map((u) => u.toLowerCase()).join('|'),
      invalidparty: '',
      invalidtag: '',
      unlicenseduser: '',
      msgid: randomBytes(16).toString('hex'),
      ...(responseCode ? { response_code: responseCode } : {}),
    });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => json(res, { errcode: -1, errmsg: String(e) }, 500));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    sent,
    cardUpdates,
    calls,
    members,
    /** Messages actually shown to members (not silently dropped). */
    delivered: (touser?: string) => sent.filter((m) => !m.dropped && (!touser || m.touser === touser)),
    /** Plain content of what a member was shown (text, markdown, or the card title). */
    contents(touser?: string): string[] {
      return this.delivered(touser).map((m) =>
        m.msgtype === 'template_card' ? `[card] ${m.body.template_card.main_title?.title ?? ''}` : m.body[m.msgtype].content,
      );
    },
    addMember(m: FakeMember): void {
      members.set(m.userid, m);
    },
    markInvalid(userid: string): void {
      invalidUsers.add(userid.toLowerCase());
    },
    /** The next `times` calls to `path` fail this way. */
    failNext(path: FakePath, failure: Failure, times = 1): void {
      const list = failures.get(path) ?? [];
      for (let i = 0; i < times; i += 1) list.push(failure);
      failures.set(path, list);
    },
    clearFailures(): void {
      failures.clear();
    },
    /** WeCom can revoke a token before it expires (40014 on its next use). */
    revokeToken(): void {
      if (current) tokens.get(current)!.revoked = true;
    },
    /** The token expires now (42001 on its next use). */
    expireToken(): void {
      if (current) tokens.get(current)!.expired = true;
    },
    setRateLimit(limit: { perMinute: number; perHour: number }): void {
      rateLimit = limit;
    },
    responseCodeUsed: (code: string) => responseCodes.get(code)?.used ?? false,
    /** Called for every message/send recipient as it is recorded (benchmarks time replies with it). */
    onSent(listener: (m: SentMessage) => void): () => void {
      sentListeners.add(listener);
      return () => sentListeners.delete(listener);
    },
    /** Resolves once `predicate` holds (checked after every message/send), or rejects after `ms`. */
    waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake WeCom: condition not met within ${ms} ms (sent: ${sent.length})`));
        }, ms);
        const poll = setInterval(check, 20);
        const cleanup = () => {
          clearTimeout(timer);
          clearInterval(poll);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeWecom = Awaited<ReturnType<typeof startFakeWecom>>;
