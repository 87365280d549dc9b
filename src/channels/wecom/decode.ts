// Decrypted WeCom XML → validated payload → platform-neutral InboundMessage. Pure functions,
// tested on fixtures. The dedup id follows WeCom's advice: MsgId for messages, sender + create
// time + event key for events, plus ChangeType + UserID for contact changes.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { z } from 'zod';
import type { InboundMessage } from '../../core/message.ts';
import {
  anyPayloadSchema,
  cardEventSchema,
  contactEventSchema,
  enterAgentSchema,
  envelopeSchema,
  textSchema,
  voiceSchema,
  type ContactEventPayload,
} from './wire-types.ts';

export class WecomDecodeError extends Error {
  constructor(
    readonly reason: 'not_xml' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'WecomDecodeError';
  }
}

// Values stay strings (MsgId is 64-bit); CDATA and plain text read the same.
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true, processEntities: true });

/** Parses one `<xml>…</xml>` document into its top-level fields. */
export function parseXml(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  // No DTDs: WeCom never sends them and entity expansion is an attack surface.
  if (!trimmed.startsWith('<') || /<!DOCTYPE|<!ENTITY/i.test(trimmed)) throw new WecomDecodeError('not_xml', 'body is not XML');
  const valid = XMLValidator.validate(trimmed);
  if (valid !== true) throw new WecomDecodeError('not_xml', `malformed XML: ${valid.err.msg}`);
  const doc = parser.parse(trimmed) as Record<string, unknown>;
  const root = doc.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new WecomDecodeError('not_xml', 'no <xml> root element');
  return root as Record<string, unknown>;
}

function validate<S extends z.ZodType>(schema: S, fields: Record<string, unknown>, what: string): z.infer<S> {
  const r = schema.safeParse(fields);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new WecomDecodeError('invalid', `${what}: ${issues}`);
  }
  return r.data;
}

export function parseEnvelope(body: string): { encrypt: string; toUserName?: string; agentId?: string } {
  const e = validate(envelopeSchema, parseXml(body), 'envelope');
  return { encrypt: e.Encrypt, toUserName: e.ToUserName, agentId: e.AgentID };
}

/** What the channel does with a callback; `extra.wecom` carries it through the inbox. */
export type WecomKind = 'text' | 'voice' | 'card_click' | 'enter_agent' | 'contact';

export interface WecomExtra {
  kind: WecomKind;
  createTime: string;
  agentId?: string;
  mediaId?: string;
  voiceFormat?: string;
  taskId?: string;
  responseCode?: string;
  eventKey?: string;
  contact?: ContactEventPayload;
}

export type Decoded =
  | { kind: WecomKind; inbound: InboundMessage }
  | { kind: 'ignored'; msgType: string; event?: string; from?: string };

export function wecomExtra(m: InboundMessage): WecomExtra | undefined {
  return m.extra?.wecom as WecomExtra | undefined;
}

function inbound(id: string, from: string, textValue: string, extra: WecomExtra, at: Date, contentType: InboundMessage['contentType']): InboundMessage {
  return {
    id,
    channel: 'wecom',
    senderId: from,
    text: textValue,
    conversation: { id: `wecom:${from}`, kind: 'direct' },
    mentionsBot: true,
    receivedAt: at,
    replyTarget: { channel: 'wecom', address: { userId: from } },
    contentType,
    extra: { wecom: extra },
  };
}

const eventId = (...parts: (string | undefined)[]) => `evt:${parts.map((p) => p ?? '').join(':')}`;

/** Decrypted plaintext → Decoded. Throws WecomDecodeError for broken XML or a bad known shape. */
export function decodePayload(plaintext: string, at: Date): Decoded {
  const fields = parseXml(plaintext);
  const head = validate(anyPayloadSchema, fields, 'payload');
  const msgType = head.MsgType;
  if (msgType === 'text') {
    const p = validate(textSchema, fields, 'text message');
    return { kind: 'text', inbound: inbound(p.MsgId, p.FromUserName, p.Content, { kind: 'text', createTime: p.CreateTime, agentId: p.AgentID }, at, 'text') };
  }
  if (msgType === 'voice') {
    const p = validate(voiceSchema, fields, 'voice message');
    const extra: WecomExtra = { kind: 'voice', createTime: p.CreateTime, agentId: p.AgentID, mediaId: p.MediaId, voiceFormat: p.Format };
    return { kind: 'voice', inbound: inbound(p.MsgId, p.FromUserName, '', extra, at, 'voice') };
  }
  if (msgType === 'event') {
    switch (head.Event) {
      case 'template_card_event': {
        const p = validate(cardEventSchema, fields, 'template_card_event');
        const extra: WecomExtra = {
          kind: 'card_click',
          createTime: p.CreateTime,
          agentId: p.AgentID,
          taskId: p.TaskId,
          responseCode: p.ResponseCode,
          eventKey: p.EventKey,
        };
        // The button key is the command the button stands for (see render.ts).
        const id = eventId(p.FromUserName, p.CreateTime, p.Event, p.EventKey, p.TaskId);
        return { kind: 'card_click', inbound: inbound(id, p.FromUserName, p.EventKey, extra, at, 'event') };
      }
      case 'enter_agent': {
        const p = validate(enterAgentSchema, fields, 'enter_agent');
        const id = eventId(p.FromUserName, p.CreateTime, p.Event, p.EventKey);
        return { kind: 'enter_agent', inbound: inbound(id, p.FromUserName, '', { kind: 'enter_agent', createTime: p.CreateTime, agentId: p.AgentID }, at, 'event') };
      }
      case 'change_contact': {
        const p = validate(contactEventSchema, fields, 'change_contact');
        if (!['create_user', 'update_user', 'delete_user'].includes(p.ChangeType)) {
          return { kind: 'ignored', msgType, event: `change_contact/${p.ChangeType}`, from: p.FromUserName };
        }
        if (!p.UserID) throw new WecomDecodeError('invalid', `change_contact/${p.ChangeType}: UserID missing`);
        const id = eventId(p.FromUserName, p.CreateTime, p.Event, p.ChangeType, p.UserID);
        return { kind: 'contact', inbound: inbound(id, p.FromUserName, '', { kind: 'contact', createTime: p.CreateTime, contact: p }, at, 'event') };
      }
    }
  }
  return { kind: 'ignored', msgType, event: head.Event, from: head.FromUserName };
}
