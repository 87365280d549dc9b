// The platform-neutral message types: channels decode wire payloads into InboundMessage and
// render OutboundMessage; nothing of HTTP, XML or WebSocket crosses this line.

export type ChannelName = 'console' | 'wecom' | 'dingtalk';

/**
 * Where a reply or push goes. Opaque to the core: each channel fills `address` with what it
 * needs (a WeCom userid, a DingTalk staffId or session webhook) and reads it back in `send`.
 */
export interface ReplyTarget {
  channel: ChannelName;
  /** Our user id when the recipient is known to the store (used for pacing and audit). */
  userId?: string;
  address: Record<string, string>;
}

export interface InboundMessage {
  /** Platform message id: the dedup key together with `channel`. */
  id: string;
  channel: ChannelName;
  /** Platform sender id (WeCom userid, DingTalk staffId, console user id). */
  senderId: string;
  text: string;
  conversation: { id: string; kind: 'direct' | 'group' };
  mentionsBot: boolean;
  receivedAt: Date;
  replyTarget: ReplyTarget;
  /** What kind of content arrived; voice without transcript has empty text. */
  contentType?: 'text' | 'voice' | 'event';
  /** Channel-specific extras the core stores but does not interpret (e.g. media id). */
  extra?: Record<string, unknown>;
}

export interface CardButton {
  /** Label shown on the button. */
  label: string;
  /** The command the button sends back as the user, e.g. `/反馈 12 完全适用`. */
  command: string;
  /** A stable key for platforms with button callbacks (WeCom template cards). */
  key?: string;
}

export interface CardView {
  title: string;
  /** Short text under the title. */
  description?: string;
  fields?: { label: string; value: string }[];
  /** Free markdown body (WeCom subset: headings, bold, quotes; no lists or tables). */
  body?: string;
  buttons?: CardButton[];
  /** Opaque id of what the card is about (e.g. an SOP push id), for callbacks. */
  refId?: string;
}

export type OutboundMessage =
  | { kind: 'text'; text: string }
  | { kind: 'markdown'; title: string; markdown: string }
  | { kind: 'card'; card: CardView };

export type Reply = OutboundMessage | OutboundMessage[] | null | undefined;

export const text = (value: string): OutboundMessage => ({ kind: 'text', text: value });
export const markdown = (title: string, body: string): OutboundMessage => ({
  kind: 'markdown',
  title,
  markdown: body,
});

export function replyList(reply: Reply): OutboundMessage[] {
  if (!reply) return [];
  return Array.isArray(reply) ? reply : [reply];
}

/** Plain text of any outbound message, for channels (and logs) without rich rendering. */
export function toPlainText(message: OutboundMessage): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'markdown':
      return stripMarkdown(message.markdown);
    case 'card': {
      const c = message.card;
      const lines = [`【${c.title}】`];
      if (c.description) lines.push(c.description);
      for (const f of c.fields ?? []) lines.push(`${f.label}：${f.value}`);
      if (c.body) lines.push(stripMarkdown(c.body));
      if (c.buttons?.length) lines.push(c.buttons.map((b) => `[${b.label}] ${b.command}`).join('\n'));
      return lines.join('\n');
    }
  }
}

export function stripMarkdown(md: string): string {
  return md
    .replace(/<font[^>]*>(.*?)<\/font>/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/^>\s?/gm, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
}
