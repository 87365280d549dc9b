// Builds and sends callbacks exactly as WeCom does (protocols.md A1/A3/A4): AES-encrypts the
// plaintext XML with the corp id as receive id, signs token+timestamp+nonce+Encrypt, wraps it
// in the <xml><ToUserName/><Encrypt/><AgentID/></xml> envelope, and re-sends on a non-200 or a
// 5-second silence (1 + 3 tries). Uses @wecom/crypto directly, never the code under test.
import { encrypt, getSignature } from '@wecom/crypto';
import { randomBytes } from 'node:crypto';
import http from 'node:http';

export interface CallbackClientOptions {
  /** Full callback URL, e.g. http://127.0.0.1:PORT/wecom/callback */
  url: string;
  token: string;
  encodingAesKey: string;
  corpId: string;
  agentId: number;
  /** Clock for the timestamp (seconds are derived from it). */
  now?: () => number;
}

export interface Envelope {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
  encrypt: string;
}

export interface Sent {
  status: number;
  body: string;
  ms: number;
}

const cdata = (v: string | number) => `<![CDATA[${v}]]>`;

/** `<xml>` with each field as CDATA (WeCom's usual form) or plain text (also seen in samples). */
export function xml(fields: Record<string, string | number | undefined>, plain: string[] = []): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${typeof v === 'number' || plain.includes(k) ? v : cdata(v!)}</${k}>`);
  return `<xml>${parts.join('')}</xml>`;
}

let msgSeq = 4561255354251345929n;

export function createCallbackClient(o: CallbackClientOptions) {
  const now = o.now ?? Date.now;
  const seconds = () => Math.floor(now() / 1000);

  function envelope(plaintext: string, opts: { timestamp?: string | number; nonce?: string; random?: Buffer } = {}): Envelope {
    const timestamp = String(opts.timestamp ?? seconds());
    const nonce = opts.nonce ?? String(Math.floor(Math.random() * 1e10));
    const enc = encrypt(o.encodingAesKey, plaintext, o.corpId, opts.random ?? randomBytes(16));
    return {
      query: { msg_signature: getSignature(o.token, timestamp, nonce, enc), timestamp, nonce },
      body: xml({ ToUserName: o.corpId, Encrypt: enc, AgentID: o.agentId }),
      encrypt: enc,
    };
  }

  // node:http with keep-alive, like WeCom's own long-lived connections (and cheap enough for the benchmark).
  // Idle sockets close (4 s) before the server's keep-alive timeout (5 s) could race a reuse.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });
  function postRaw(body: string | Buffer, query: Record<string, string>, timeoutMs = 5000): Promise<Sent> {
    const started = performance.now();
    const payload = typeof body === 'string' ? Buffer.from(body) : body;
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${o.url}?${new URLSearchParams(query)}`,
        { method: 'POST', agent, headers: { 'content-type': 'text/xml', 'content-length': payload.length } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started });
          });
        },
      );
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs);
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      req.end(payload);
    });
  }

  const base = (from: string, extra: Record<string, string | number | undefined> = {}) => ({
    ToUserName: o.corpId,
    FromUserName: from,
    CreateTime: seconds(),
    ...extra,
  });

  return {
    envelope,
    postRaw,
    /** One POST of an encrypted, signed callback. */
    post: (plaintext: string, opts?: Parameters<typeof envelope>[1]) => {
      const e = envelope(plaintext, opts);
      return postRaw(e.body, e.query);
    },
    /** As WeCom delivers: the identical request again after a non-200 or a 5 s silence, 1 + 3 tries. */
    async deliver(plaintext: string, timeoutMs = 5000): Promise<(number | 'timeout')[]> {
      const e = envelope(plaintext);
      const outcomes: (number | 'timeout')[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        try {
          const r = await postRaw(e.body, e.query, timeoutMs);
          outcomes.push(r.status);
          if (r.status === 200 && r.body === '') break;
        } catch {
          outcomes.push('timeout');
        }
      }
      return outcomes;
    },
    /** URL verification GET, as the WeCom console sends it when the admin saves the URL. */
    async verifyUrl(echo = String(Math.floor(Math.random() * 1e18)), opts: { tamper?: boolean } = {}): Promise<Sent> {
      const timestamp = String(seconds());
      const nonce = String(Math.floor(Math.random() * 1e9));
      const echostr = encrypt(o.encodingAesKey, echo, o.corpId);
      const sig = getSignature(o.token, timestamp, nonce, echostr);
      const q = new URLSearchParams({ msg_signature: opts.tamper ? sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) : sig, timestamp, nonce, echostr });
      const started = performance.now();
      const res = await fetch(`${o.url}?${q}`);
      return { status: res.status, body: await res.text(), ms: performance.now() - started };
    },

    // --- plaintext builders (protocols.md A4) ---
    text: (from: string, content: string, msgId: string = String((msgSeq += 1n))) =>
      xml({ ...base(from), MsgType: 'text', Content: content, MsgId: msgId, AgentID: o.agentId }, ['MsgId', 'CreateTime']),
    voice: (from: string, mediaId: string, msgId: string = String((msgSeq += 1n))) =>
      xml({ ...base(from), MsgType: 'voice', MediaId: mediaId, Format: 'amr', MsgId: msgId, AgentID: o.agentId }, ['MsgId']),
    image: (from: string) =>
      xml({ ...base(from), MsgType: 'image', PicUrl: 'https://example.invalid/p.jpg', MediaId: 'M1', MsgId: String((msgSeq += 1n)), AgentID: o.agentId }),
    enterAgent: (from: string) => xml({ ...base(from), MsgType: 'event', Event: 'enter_agent', EventKey: '', AgentID: o.agentId }),
    cardClick: (from: string, c: { eventKey: string; taskId: string; responseCode: string }) =>
      xml({
        ...base(from),
        MsgType: 'event',
        Event: 'template_card_event',
        EventKey: c.eventKey,
        TaskId: c.taskId,
        CardType: 'button_interaction',
        ResponseCode: c.responseCode,
        AgentID: o.agentId,
      }),
    /** change_contact; `plain` writes ChangeType without CDATA as the official samples do. */
    contact: (changeType: string, fields: Record<string, string | number | undefined>) =>
      xml({ ...base('sys'), MsgType: 'event', Event: 'change_contact', ChangeType: changeType, ...fields }, ['ChangeType']),
  };
}

export type CallbackClient = ReturnType<typeof createCallbackClient>;
