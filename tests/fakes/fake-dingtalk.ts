// A loopback DingTalk that speaks the real wire protocol (protocols.md B1–B8, Part C):
// - gateway: POST /v1.0/gateway/connections/open → ws:// endpoint + single-use ticket (90 s);
//   a WebSocket that sends SYSTEM ping (checks the echo) and disconnect frames, CALLBACK robot
//   frames whose `data` is a JSON string, records acks, re-sends unacknowledged frames after a
//   delay and on every new connection, can drop or stall the socket; a newer connection
//   displaces the older one (one Stream connection per app);
// - OpenAPI: /v1.0/oauth2/accessToken, robot batchSend and groupMessages/send (token checked,
//   msgParam must be a JSON string, flow control and invalid staff reported in the 200 body),
//   and per-message session webhooks with an expiry; any endpoint can be told to fail.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export type FakeEndpoint = 'open' | 'token' | 'batchSend' | 'groupSend' | 'webhook';

export interface FakeDingtalkOptions {
  clientId?: string;
  clientSecret?: string;
  /** Unacknowledged robot frames are pushed again after this long (DingTalk: about 60 s). */
  redeliverAfterMs?: number;
  /** Send a SYSTEM ping this often; 0 = only when `sendPing()` is called. */
  pingIntervalMs?: number;
  ticketTtlMs?: number;
  /** accessToken lifetime in seconds. */
  tokenExpireIn?: number;
  /** staffIds the robot can reach; others land in invalidStaffIdList. Unset: everyone. */
  knownStaff?: string[];
}

export interface RecordedSend {
  via: 'webhook' | 'batchSend' | 'groupSend';
  /** staffId (batchSend), openConversationId (groupSend) or conversationId (webhook). */
  to: string;
  msgKey?: string;
  /** batchSend/groupSend: msgParam parsed; webhook: the whole body. */
  param: any;
  body: any;
  at: number;
}

export interface AckRecord {
  messageId: string;
  code: number;
  data: unknown;
  connection: number;
  latencyMs: number;
  at: number;
}

export interface RobotMessageInput {
  text?: string;
  staffId?: string | null;
  senderNick?: string;
  group?: boolean;
  /** In a group: whether the robot was @-ed (the real gateway only pushes those). */
  atBot?: boolean;
  msgtype?: string;
  content?: Record<string, unknown>;
  msgId?: string;
  /** Session webhook expiry (epoch ms); default 90 min from now. */
  webhookExpiresAt?: number;
  conversationId?: string;
}

interface Pending {
  frame: Record<string, unknown>;
  sentAt: number;
  acked: boolean;
  timer?: NodeJS.Timeout;
  sends: number;
}

interface Session {
  conversationId: string;
  expiresAt: number;
}

interface Conn {
  ws: WebSocket;
  socket: Socket;
  n: number;
}

const APP_ID = 'fake-app-id';

export async function startFakeDingtalk(options: FakeDingtalkOptions = {}) {
  const clientId = options.clientId ?? 'dingfakeclient';
  const clientSecret = options.clientSecret ?? 'fake-secret';
  const redeliverAfterMs = options.redeliverAfterMs ?? 60_000;
  const ticketTtlMs = options.ticketTtlMs ?? 90_000;
  const tokenExpireIn = options.tokenExpireIn ?? 7200;
  const knownStaff = options.knownStaff ? new Set(options.knownStaff) : null;

  const tickets = new Map<string, { expiresAt: number; used: boolean }>();
  const tokens = new Set<string>();
  const sessions = new Map<string, Session>();
  const pending = new Map<string, Pending>();
  const pings = new Map<string, string>();
  const failures = new Map<FakeEndpoint, { status: number; body: unknown; times: number }[]>();
  const flowControlled = new Map<string, number>();
  const connections: Conn[] = [];
  let current: Conn | null = null;
  let refusing = false;
  let seq = 0;
  let pingTimer: NodeJS.Timeout | undefined;

  const state = {
    openRequests: [] as any[],
    connectionCount: 0,
    tokenRequests: 0,
    acks: [] as AckRecord[],
    pingEchoes: { ok: 0, bad: 0 },
    sent: [] as RecordedSend[],
    /** Robot frames pushed again (timer, reconnect or forced). */
    redeliveries: 0,
    /** Requests the fake answered with an error (for assertions on retries). */
    rejected: [] as { endpoint: FakeEndpoint | 'auth'; status: number; code?: string }[],
  };

  function takeFailure(endpoint: FakeEndpoint) {
    const list = failures.get(endpoint);
    const f = list?.[0];
    if (!f) return null;
    f.times -= 1;
    if (f.times <= 0) list!.shift();
    return f;
  }

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function parseJson(raw: string): any {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  }

  function send(conn: Conn | null, frame: unknown): boolean {
    if (!conn || conn.ws.readyState !== conn.ws.OPEN) return false;
    conn.ws.send(JSON.stringify(frame));
    return true;
  }

  function headers(topic: string, messageId: string) {
    return {
      appId: APP_ID,
      connectionId: current ? `conn-${current.n}` : 'conn-none',
      contentType: 'application/json',
      messageId,
      time: String(Date.now()),
      topic,
    };
  }

  function deliver(messageId: string, redelivery: boolean): void {
    const p = pending.get(messageId);
    if (!p) return;
    if (redelivery) state.redeliveries += 1;
    p.sends += 1;
    p.sentAt = Date.now();
    send(current, { ...p.frame, headers: { ...(p.frame.headers as object), time: String(p.sentAt) } });
    armRedelivery(messageId);
  }

  function armRedelivery(messageId: string): void {
    const p = pending.get(messageId);
    if (!p) return;
    clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      if (!p.acked) deliver(messageId, true);
    }, redeliverAfterMs);
    p.timer.unref();
  }

  function onClientFrame(conn: Conn, raw: string): void {
    const msg = parseJson(raw);
    const messageId = msg?.headers?.messageId;
    if (typeof messageId !== 'string') return;
    const opaque = pings.get(messageId);
    if (opaque !== undefined) {
      pings.delete(messageId);
      const ok = msg.code === 200 && msg.data === JSON.stringify({ opaque });
      if (ok) state.pingEchoes.ok += 1;
      else state.pingEchoes.bad += 1;
      return;
    }
    const p = pending.get(messageId);
    let data: unknown = msg.data;
    if (typeof msg.data === 'string') data = parseJson(msg.data) ?? msg.data;
    state.acks.push({ messageId, code: msg.code, data, connection: conn.n, latencyMs: p ? Date.now() - p.sentAt : -1, at: Date.now() });
    if (p && msg.code === 200) {
      p.acked = true;
      clearTimeout(p.timer);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = req.method === 'POST' ? await readBody(req) : '';
    const isJson = (req.headers['content-type'] ?? '').includes('application/json');
    const body = isJson ? parseJson(raw) : undefined;

    if (url.pathname === '/v1.0/gateway/connections/open' && req.method === 'POST') {
      state.openRequests.push(body);
      const f = takeFailure('open');
      if (f) return json(res, f.status, f.body);
      if (refusing) return json(res, 503, { code: 'ServiceUnavailable', message: 'fake: refusing connections' });
      if (!(req.headers.accept ?? '').includes('application/json')) {
        // What the real endpoint does without the Accept header (B1).
        res.writeHead(200, { 'content-type': 'application/xml' });
        return void res.end('<OpenConnectionResponse><endpoint/></OpenConnectionResponse>');
      }
      if (!body || body.clientId !== clientId || body.clientSecret !== clientSecret) {
        state.rejected.push({ endpoint: 'open', status: 401, code: 'authFailed' });
        return json(res, 401, { requestid: randomUUID(), code: 'authFailed', message: '鉴权失败' });
      }
      const ticket = randomUUID();
      tickets.set(ticket, { expiresAt: Date.now() + ticketTtlMs, used: false });
      return json(res, 200, { endpoint: `ws://127.0.0.1:${port}/connect`, ticket });
    }

    if (url.pathname === '/v1.0/oauth2/accessToken' && req.method === 'POST') {
      state.tokenRequests += 1;
      const f = takeFailure('token');
      if (f) return json(res, f.status, f.body);
      if (!body) return json(res, 400, { code: 'invalidParameter', message: 'body must be JSON' });
      if (body.appKey !== clientId || body.appSecret !== clientSecret) {
        return json(res, 400, { code: 'invalidClientSecret', message: 'appkey or appsecret is wrong' });
      }
      const accessToken = `tok-${randomUUID()}`;
      tokens.add(accessToken);
      return json(res, 200, { accessToken, expireIn: tokenExpireIn });
    }

    if (url.pathname === '/robot/sendBySession' && req.method === 'POST') {
      const f = takeFailure('webhook');
      if (f) return json(res, f.status, f.body);
      const session = sessions.get(url.searchParams.get('session') ?? '');
      if (!session) return json(res, 200, { errcode: 300001, errmsg: 'fake: unknown session' });
      if (Date.now() >= session.expiresAt) return json(res, 200, { errcode: 300002, errmsg: 'fake: session expired' });
      if (!body || !['text', 'markdown', 'actionCard'].includes(body.msgtype)) {
        return json(res, 200, { errcode: 40035, errmsg: 'fake: bad msgtype' });
      }
      state.sent.push({ via: 'webhook', to: session.conversationId, param: body, body, at: Date.now() });
      return json(res, 200, { errcode: 0, errmsg: 'ok' });
    }

    const robotPath = url.pathname === '/v1.0/robot/oToMessages/batchSend' || url.pathname === '/v1.0/robot/groupMessages/send';
    if (robotPath && req.method === 'POST') {
      const endpoint: FakeEndpoint = url.pathname.endsWith('batchSend') ? 'batchSend' : 'groupSend';
      const token = req.headers['x-acs-dingtalk-access-token'];
      if (typeof token !== 'string' || !tokens.has(token)) {
        state.rejected.push({ endpoint: 'auth', status: 401, code: 'InvalidAuthentication' });
        return json(res, 401, { requestid: randomUUID(), code: 'InvalidAuthentication', message: '不合法的access_token' });
      }
      const f = takeFailure(endpoint);
      if (f) {
        state.rejected.push({ endpoint, status: f.status, code: (f.body as { code?: string })?.code });
        return json(res, f.status, f.body);
      }
      const bad = (message: string) => json(res, 400, { requestid: randomUUID(), code: 'invalidParameter', message });
      if (!body) return bad('body must be JSON');
      if (body.robotCode !== clientId) return bad('robotCode is wrong');
      if (typeof body.msgKey !== 'string') return bad('msgKey is required');
      if (typeof body.msgParam !== 'string') return bad('msgParam must be a JSON string');
      const param = parseJson(body.msgParam);
      if (param === undefined) return bad('msgParam is not JSON');
      if (endpoint === 'groupSend') {
        if (typeof body.openConversationId !== 'string') return bad('openConversationId is required');
        state.sent.push({ via: 'groupSend', to: body.openConversationId, msgKey: body.msgKey, param, body, at: Date.now() });
        return json(res, 200, { processQueryKey: randomUUID() });
      }
      if (!Array.isArray(body.userIds) || body.userIds.length === 0 || body.userIds.length > 20) {
        return bad('userIds must hold 1 to 20 ids');
      }
      const invalid: string[] = [];
      const throttled: string[] = [];
      for (const id of body.userIds as string[]) {
        if (knownStaff && !knownStaff.has(id)) {
          invalid.push(id);
          continue;
        }
        const left = flowControlled.get(id) ?? 0;
        if (left > 0) {
          flowControlled.set(id, left - 1);
          throttled.push(id);
          continue;
        }
        state.sent.push({ via: 'batchSend', to: id, msgKey: body.msgKey, param, body, at: Date.now() });
      }
      return json(res, 200, { processQueryKey: randomUUID(), invalidStaffIdList: invalid, flowControlledStaffIdList: throttled });
    }

    json(res, 404, { code: 'NotFound', message: `fake: no route ${req.method} ${url.pathname}` });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => json(res, 500, { code: 'fake', message: String(error) }));
  });
  const wss = new WebSocketServer({ noServer: true });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = tickets.get(url.searchParams.get('ticket') ?? '');
    if (url.pathname !== '/connect' || !ticket || ticket.used || Date.now() > ticket.expiresAt || refusing) {
      state.rejected.push({ endpoint: 'open', status: 401, code: 'ticket' });
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    ticket.used = true;
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.connectionCount += 1;
      const conn: Conn = { ws, socket: socket as Socket, n: state.connectionCount };
      connections.push(conn);
      const previous = current;
      current = conn;
      // One Stream connection per app: the newer one displaces the older.
      if (previous && previous.ws.readyState === previous.ws.OPEN) previous.ws.close(4000, 'displaced');
      ws.on('message', (data) => onClientFrame(conn, data.toString()));
      ws.on('close', () => {
        if (current === conn) current = null;
      });
      ws.on('error', () => {});
      // Whatever is still unacknowledged goes to the new connection.
      for (const [id, p] of pending) if (!p.acked) deliver(id, true);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  function sendPing(): string | null {
    const messageId = `ping-${++seq}`;
    const opaque = randomUUID();
    const frame = { specVersion: '1.0', type: 'SYSTEM', headers: headers('ping', messageId), data: JSON.stringify({ opaque }) };
    if (!send(current, frame)) return null;
    pings.set(messageId, opaque);
    return messageId;
  }

  if (options.pingIntervalMs) {
    pingTimer = setInterval(() => void sendPing(), options.pingIntervalMs);
    pingTimer.unref();
  }

  const fake = {
    acks: state.acks,
    pingEchoes: state.pingEchoes,
    sent: state.sent,
    rejected: state.rejected,
    get openRequests() {
      return state.openRequests;
    },
    get connectionCount() {
      return state.connectionCount;
    },
    get tokenRequests() {
      return state.tokenRequests;
    },
    get redeliveries() {
      return state.redeliveries;
    },
    baseUrl,
    gatewayUrl: `${baseUrl}/v1.0/gateway/connections/open`,
    apiBase: baseUrl,
    clientId,
    clientSecret,

    /** Env for an app talking to this fake. */
    env(extra: Record<string, string> = {}): Record<string, string> {
      return {
        DINGTALK_CLIENT_ID: clientId,
        DINGTALK_CLIENT_SECRET: clientSecret,
        DINGTALK_GATEWAY_URL: `${baseUrl}/v1.0/gateway/connections/open`,
        DINGTALK_API_BASE: baseUrl,
        ...extra,
      };
    },

    isConnected: (): boolean => current !== null && current.ws.readyState === current.ws.OPEN,

    /** A robot message as DingTalk sends it (B3), with a session webhook served by this fake. */
    robotMessage(input: RobotMessageInput = {}): Record<string, unknown> {
      const group = input.group ?? false;
      const conversationId = input.conversationId ?? (group ? 'cidGroupFake==' : `cidDirect-${input.staffId ?? 'anon'}==`);
      const session = randomUUID();
      const createAt = Date.now();
      const expiresAt = input.webhookExpiresAt ?? createAt + 90 * 60_000;
      sessions.set(session, { conversationId, expiresAt });
      const msgtype = input.msgtype ?? 'text';
      const m: Record<string, unknown> = {
        conversationId,
        conversationType: group ? '2' : '1',
        msgId: input.msgId ?? `msg${randomUUID().replace(/-/g, '')}==`,
        msgtype,
        senderId: `$:LWCP_v1:$${input.staffId ?? 'external'}`,
        senderNick: input.senderNick ?? '测试用户',
        senderCorpId: 'dingfakecorp',
        isAdmin: false,
        chatbotUserId: '$:LWCP_v1:$robot',
        chatbotCorpId: 'dingfakecorp',
        robotCode: clientId,
        createAt,
        sessionWebhook: `${baseUrl}/robot/sendBySession?session=${session}`,
        sessionWebhookExpiredTime: expiresAt,
        senderPlatform: 'Mac',
      };
      if (input.staffId !== null) m.senderStaffId = input.staffId ?? 'staff-anon';
      if (group) {
        m.conversationTitle = '华东销售群';
        m.isInAtList = input.atBot ?? true;
        if (m.isInAtList) m.atUsers = [{ dingtalkId: '$:LWCP_v1:$robot' }];
      }
      if (msgtype === 'text') m.text = { content: ` ${input.text ?? ''}` };
      else m.content = input.content ?? {};
      return m;
    },

    /** Pushes a CALLBACK robot frame (`data` is the JSON-encoded message). Returns its messageId. */
    push(message: Record<string, unknown>): string {
      const messageId = `${randomUUID().slice(0, 8)}_${++seq}_${Date.now().toString(16)}`;
      const frame = {
        specVersion: '1.0',
        type: 'CALLBACK',
        headers: headers(TOPIC_ROBOT, messageId),
        data: JSON.stringify(message),
      };
      pending.set(messageId, { frame, sentAt: Date.now(), acked: false, sends: 0 });
      deliver(messageId, false);
      return messageId;
    },

    /** Sends any frame as is (broken ones included). */
    pushRaw(frame: string): void {
      if (current && current.ws.readyState === current.ws.OPEN) current.ws.send(frame);
    },

    /** Pushes a frame again, acknowledged or not (DingTalk sometimes does). */
    redeliver(messageId: string): void {
      deliver(messageId, true);
    },

    isAcked: (messageId: string): boolean => pending.get(messageId)?.acked ?? false,
    acksFor: (messageId: string): AckRecord[] => state.acks.filter((a) => a.messageId === messageId),
    sendsOf: (messageId: string): number => pending.get(messageId)?.sends ?? 0,

    sendPing,

    /** SYSTEM disconnect, then the server closes the socket after `closeAfterMs` (about 10 s live). */
    sendDisconnect(closeAfterMs = 10_000): void {
      const conn = current;
      send(conn, {
        specVersion: '1.0',
        type: 'SYSTEM',
        headers: headers('disconnect', `disc-${++seq}`),
        data: JSON.stringify({ reason: 'connection is expired' }),
      });
      setTimeout(() => conn?.ws.close(1000, 'expired'), closeAfterMs).unref();
    },

    /** Kills the TCP connection without a close frame. */
    dropSocket(): void {
      current?.ws.terminate();
    },

    /** The socket goes silent both ways and never closes: what a dead NAT mapping looks like. */
    stall(): void {
      const conn = current;
      if (!conn) return;
      current = null;
      conn.socket.pause();
      // Frames the client sends are no longer read, and nothing is written.
    },

    /** connections/open answers 503 and tickets are refused while set. */
    refuseConnections(refuse: boolean): void {
      refusing = refuse;
    },

    /** The next `times` calls to an endpoint answer this status and body. */
    failNext(endpoint: FakeEndpoint, status: number, body: unknown, times = 1): void {
      const list = failures.get(endpoint) ?? [];
      list.push({ status, body, times });
      failures.set(endpoint, list);
    },

    /** The next `times` batchSends to this staffId report it in flowControlledStaffIdList. */
    flowControl(staffId: string, times = 1): void {
      flowControlled.set(staffId, times);
    },

    /** Every issued access token stops working (revoked early). */
    revokeTokens(): void {
      tokens.clear();
    },

    /** All session webhooks given out so far expire now. */
    expireSessions(): void {
      for (const s of sessions.values()) s.expiresAt = 0;
    },

    sentTo: (to: string): RecordedSend[] => state.sent.filter((s) => s.to === to),

    async close(): Promise<void> {
      clearInterval(pingTimer);
      for (const p of pending.values()) clearTimeout(p.timer);
      for (const c of connections) {
        c.socket.resume();
        c.ws.terminate();
      }
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

export type FakeDingtalk = Awaited<ReturnType<typeof startFakeDingtalk>>;

/** Text of what DingTalk would show for a recorded send (markdown, card or text). */
export function shownText(s: RecordedSend): string {
  const p = s.via === 'webhook' ? (s.body.markdown ?? s.body.actionCard ?? s.body.text) : s.param;
  return [p?.title, p?.text, p?.content].filter(Boolean).join('\n');
}
