// Neutral OutboundMessage → WeCom message/send bodies (发送应用消息). Text and markdown are cut
// into parts of at most 2,048 UTF-8 bytes at line or character boundaries (never inside a
// character); markdown is reduced to the app subset; cards become text_notice or, with buttons,
// button_interaction whose button keys carry the command the click runs.
import { randomBytes } from 'node:crypto';
import { stripMarkdown, type CardView, type OutboundMessage } from '../../core/message.ts';
import type { SendBody, TemplateCard } from './wire-types.ts';

export const MAX_CONTENT_BYTES = 2048;
const MAX_BUTTON_KEY_BYTES = 1024;
const MAX_BUTTONS = 6;
const MAX_HORIZONTAL = 6;
// WeCom's recommended lengths; longer text is cut by the client, so we cut it ourselves and
// send the full content as a follow-up instead.
const TITLE_CHARS = 26;
const DESC_CHARS = 30;
const SUBTITLE_CHARS = 112;
const KEYNAME_CHARS = 10;
const VALUE_CHARS = 26;
const SOURCE = '销售雷达';

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Cuts a string into pieces of at most maxBytes, at code-point boundaries. */
function splitChars(line: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const b = utf8Bytes(ch);
    if (size + b > maxBytes && current) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += b;
  }
  if (current) parts.push(current);
  return parts;
}

/** Splits text into parts ≤ maxBytes, preferring line breaks, never cutting a character. */
export function splitByBytes(text: string, maxBytes = MAX_CONTENT_BYTES): string[] {
  if (utf8Bytes(text) <= maxBytes) return [text];
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) parts.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (utf8Bytes(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    flush();
    if (utf8Bytes(line) <= maxBytes) {
      current = line;
    } else {
      const pieces = splitChars(line, maxBytes);
      current = pieces.pop() ?? '';
      parts.push(...pieces);
    }
  }
  flush();
  return parts;
}

/** Cuts to n characters (code points) with an ellipsis. */
export function clip(s: string, n: number): string {
  const chars = Array.from(s);
  return chars.length <= n ? s : `${chars.slice(0, Math.max(1, n - 1)).join('')}…`;
}

/**
 * Reduces markdown to what WeCom app messages render: headings, bold, links, quotes, inline
 * code and <font color>. Lists become '·' lines, tables plain rows, code fences and images go.
 */
export function toWecomMarkdown(md: string): string {
  const out: string[] = [];
  for (const line of md.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*```/.test(line)) continue;
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue; // table rule
    let l = line.replace(/!\[([^\]]*)\]\(([^)]+)\)/g, '[$1]($2)');
    if (/^\s*\|.*\|\s*$/.test(l)) {
      l = l
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim())
        .join('  ');
    }
    l = l.replace(/^(\s*)[-*+]\s+/, '$1· ');
    out.push(l);
  }
  return out.join('\n');
}

export interface RenderContext {
  touser: string;
  agentId: number;
  cardUrl: string;
  /** Unique per app; injectable for tests. */
  newTaskId?: (refId?: string) => string;
}

export interface RenderedCard {
  taskId: string;
  buttons: { key: string; label: string }[];
}

export interface Rendered {
  bodies: SendBody[];
  /** Set for button cards: remembered so a click can show the chosen label. */
  card?: RenderedCard;
}

/** `[0-9A-Za-z_-@]`, ≤128 bytes, unique per app. */
export function defaultTaskId(refId?: string): string {
  const ref = (refId ?? 'card').replace(/[^0-9A-Za-z_\-@]/g, '_').slice(0, 48);
  return `sr_${ref}_${Date.now().toString(36)}_${randomBytes(5).toString('hex')}`;
}

function body(ctx: RenderContext, rest: Pick<SendBody, 'msgtype'> & Record<string, unknown>): SendBody {
  return { touser: ctx.touser, agentid: ctx.agentId, enable_duplicate_check: 0, ...rest } as SendBody;
}

function markdownBodies(ctx: RenderContext, content: string): SendBody[] {
  return splitByBytes(toWecomMarkdown(content)).map((part) => body(ctx, { msgtype: 'markdown', markdown: { content: part } }));
}

/** The whole card as markdown: sent after a card whose content did not fit. */
function cardAsMarkdown(card: CardView): string {
  const lines = [`**${card.title}**`];
  if (card.description) lines.push(card.description);
  for (const f of card.fields ?? []) lines.push(`${f.label}：${f.value}`);
  if (card.body) lines.push(card.body);
  return lines.join('\n');
}

function renderCard(ctx: RenderContext, card: CardView): Rendered {
  let overflow = false;
  const cut = (s: string, n: number) => {
    const c = clip(s, n);
    if (c !== s) overflow = true;
    return c;
  };
  const fields = card.fields ?? [];
  if (fields.length > MAX_HORIZONTAL) overflow = true;
  const buttons = (card.buttons ?? []).filter((b) => utf8Bytes(b.command) <= MAX_BUTTON_KEY_BYTES).slice(0, MAX_BUTTONS);
  const template: TemplateCard = {
    card_type: buttons.length ? 'button_interaction' : 'text_notice',
    source: { desc: SOURCE },
    main_title: { title: cut(card.title, TITLE_CHARS), ...(card.description ? { desc: cut(card.description, DESC_CHARS) } : {}) },
  };
  if (card.body) template.sub_title_text = cut(stripMarkdown(card.body).trim(), SUBTITLE_CHARS);
  if (fields.length) {
    template.horizontal_content_list = fields
      .slice(0, MAX_HORIZONTAL)
      .map((f) => ({ keyname: cut(f.label, KEYNAME_CHARS), value: cut(f.value || '—', VALUE_CHARS) }));
  }
  let rendered: RenderedCard | undefined;
  if (buttons.length) {
    const taskId = (ctx.newTaskId ?? defaultTaskId)(card.refId);
    template.task_id = taskId;
    template.button_list = buttons.map((b, i) => ({ text: clip(b.label, 10), style: i === 0 ? 1 : 2, key: b.command }));
    rendered = { taskId, buttons: buttons.map((b) => ({ key: b.command, label: b.label })) };
  } else {
    // text_notice requires a card action; a tap opens the configured page.
    template.card_action = { type: 1, url: ctx.cardUrl };
  }
  const bodies = [body(ctx, { msgtype: 'template_card', template_card: template })];
  if (overflow) bodies.push(...markdownBodies(ctx, cardAsMarkdown(card)));
  return { bodies, card: rendered };
}

export function renderOutbound(message: OutboundMessage, ctx: RenderContext): Rendered {
  switch (message.kind) {
    case 'text':
      return { bodies: splitByBytes(message.text).map((part) => body(ctx, { msgtype: 'text', text: { content: part } })) };
    case 'markdown': {
      // WeCom markdown has no title field: show it unless the body already does.
      const content = message.title && !message.markdown.includes(message.title) ? `**${message.title}**\n${message.markdown}` : message.markdown;
      return { bodies: markdownBodies(ctx, content) };
    }
    case 'card':
      return renderCard(ctx, message.card);
  }
}
