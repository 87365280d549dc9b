// Robot CALLBACK frame → InboundMessage. Pure: no socket, no store, so it is tested on fixtures.
// The reply address keeps everything a later send needs (session webhook + expiry, conversation,
// staffId), because the reply may go out after the webhook expired (then through the robot API).
import type { InboundMessage, ReplyTarget } from '../../core/message.ts';
import { stripLeadingMentions } from '../../core/command-parser.ts';
import { robotMessageSchema, type RobotMessage, type StreamFrame } from './wire-types.ts';

export type DecodeResult = { ok: true; inbound: InboundMessage } | { ok: false; reason: string };

/** Keys of ReplyTarget.address on this channel. */
export interface DingtalkAddress {
  staffId?: string;
  conversationId?: string;
  conversationKind?: 'direct' | 'group';
  sessionWebhook?: string;
  /** Epoch ms, as a string (addresses are string maps). */
  sessionWebhookExpiredTime?: string;
}

export function dingtalkTarget(address: DingtalkAddress, userId?: string): ReplyTarget {
  const clean = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  return { channel: 'dingtalk', ...(userId ? { userId } : {}), address: clean };
}

function messageText(m: RobotMessage): { text: string; contentType: InboundMessage['contentType'] } {
  switch (m.msgtype) {
    case 'text':
      return { text: (m.text?.content ?? '').trim(), contentType: 'text' };
    case 'richText': {
      const parts = (m.content?.richText ?? []).map((item) => item.text ?? '');
      return { text: parts.join('').trim(), contentType: 'text' };
    }
    case 'audio':
      // DingTalk's own speech-to-text; may be missing, then the text stays empty.
      return { text: (m.content?.recognition ?? '').trim(), contentType: 'voice' };
    default:
      // picture, file, video: nothing to read as a command.
      return { text: '', contentType: 'text' };
  }
}

export function decodeRobotMessage(m: RobotMessage, fallbackId: string, now: number): InboundMessage {
  const kind = m.conversationType === '1' ? 'direct' : 'group';
  const { text: raw, contentType } = messageText(m);
  // In groups the text may still start with "@someone"; the command parser needs it gone.
  const text = kind === 'group' ? stripLeadingMentions(raw).trim() : raw;
  const staffId = m.senderStaffId || undefined;
  const address: DingtalkAddress = {
    staffId,
    conversationId: m.conversationId,
    conversationKind: kind,
    sessionWebhook: m.sessionWebhook,
    sessionWebhookExpiredTime: m.sessionWebhookExpiredTime !== undefined ? String(m.sessionWebhookExpiredTime) : undefined,
  };
  const extra: Record<string, unknown> = { msgtype: m.msgtype };
  if (m.senderNick) extra.senderNick = m.senderNick;
  if (m.conversationTitle) extra.conversationTitle = m.conversationTitle;
  if (m.content?.downloadCode) extra.downloadCode = m.content.downloadCode;
  return {
    id: m.msgId || fallbackId,
    channel: 'dingtalk',
    // External users have no staffId; their opaque senderId keeps the message traceable.
    senderId: staffId ?? m.senderId ?? '',
    text,
    conversation: { id: m.conversationId, kind },
    mentionsBot: kind === 'direct' || m.isInAtList === true,
    receivedAt: new Date(m.createAt ?? now),
    replyTarget: dingtalkTarget(address),
    contentType,
    extra,
  };
}

/** Parses a CALLBACK frame's `data` (a JSON string inside the JSON frame) and decodes it. */
export function decodeRobotFrame(frame: StreamFrame, now: number): DecodeResult {
  let data: unknown;
  try {
    data = JSON.parse(frame.data);
  } catch {
    return { ok: false, reason: 'frame data is not JSON' };
  }
  const parsed = robotMessageSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `robot message invalid: ${first ? `${first.path.join('.')} ${first.message}` : 'unknown'}` };
  }
  return { ok: true, inbound: decodeRobotMessage(parsed.data, frame.headers.messageId, now) };
}

const TRAILING_PUNCTUATION = /[\s。．.!！?？,，、~～]+$/u;

/**
 * Speech recognition never yields the slash: "我的漏斗。" becomes "/我的漏斗" when that is a
 * command name, so a spoken command works like a typed one. Anything else is left as said.
 */
export function spokenCommand(text: string, isCommand: (name: string) => boolean): string {
  const t = text.replace(TRAILING_PUNCTUATION, '').trim();
  if (!t || t.startsWith('/') || t.startsWith('／')) return t || text;
  const head = t.split(/[\s\u3000]+/)[0]!;
  return isCommand(`/${head}`) ? `/${t}` : text;
}
