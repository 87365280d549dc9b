// OutboundMessage → DingTalk bodies: session-webhook JSON (B6) or robot-API msgKey + msgParam
// (B7). Cards become actionCards whose buttons send a command back as the user through a
// dtmd:// link, so SOP feedback works without a card-callback service.
import type { CardView, OutboundMessage } from '../../core/message.ts';
import type { RobotMsgKey, WebhookBody } from './wire-types.ts';

/** Conservative cap for markdown/text bodies (DingTalk documents no exact figure). */
export const MAX_TEXT_CHARS = 5000;
/** The notification preview shows only a short title. */
export const MAX_TITLE_CHARS = 40;
/** The robot API has templates for at most five buttons (sampleActionCard2…5). */
export const MAX_BUTTONS = 5;

const HEADING = /^#{1,6}\s/;
const blockOf = (line: string): string => (/^>/.test(line) ? 'quote' : /^\s*([-*+]|\d+\.)\s/.test(line) ? 'list' : 'text');

const TRUNCATED = '\n\n……（内容过长，已截断）';

// WeCom-style colour names used by our renderers → colours DingTalk's <font> accepts.
const FONT_COLOURS: Record<string, string> = { warning: '#FF6A00', info: '#1AAD19', comment: '#999999' };

function clip(text: string, max: number, suffix = '…'): string {
  return text.length <= max ? text : text.slice(0, max - suffix.length) + suffix;
}

/** A link that, tapped in DingTalk, sends `command` to the robot as the user. */
export function commandLink(command: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
}

/**
 * Our markdown → DingTalk's: colour names mapped, and a hard break ("  \n") between lines,
 * because DingTalk joins single-newline lines into one paragraph.
 */
export function toDingtalkMarkdown(md: string): string {
  const coloured = md.replace(/<font color="?([a-z]+)"?>/g, (tag, name: string) =>
    FONT_COLOURS[name] ? `<font color="${FONT_COLOURS[name]}">` : tag,
  );
  const lines = coloured.split('\n').map((l) => l.trimEnd());
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (line === '' || next === undefined || next === '' || HEADING.test(line)) {
      out.push(line);
    } else if (blockOf(line) !== blockOf(next)) {
      // A plain line right after a quote or list item would be swallowed into it ("lazy continuation").
      out.push(line, '');
    } else {
      out.push(`${line}  `);
    }
  }
  return clip(out.join('\n'), MAX_TEXT_CHARS, TRUNCATED);
}

export function cardMarkdown(card: CardView, overflow: CardView['buttons'] = []): string {
  const lines = [`### ${card.title}`];
  if (card.description) lines.push(card.description);
  for (const f of card.fields ?? []) lines.push(`**${f.label}**：${f.value}`);
  if (card.body) lines.push('', card.body);
  if (overflow?.length) lines.push('', `> 更多选项可直接发送：${overflow.map((b) => b.command).join('；')}`);
  return toDingtalkMarkdown(lines.join('\n'));
}

function splitButtons(card: CardView) {
  const all = card.buttons ?? [];
  return { shown: all.slice(0, MAX_BUTTONS), overflow: all.slice(MAX_BUTTONS) };
}

export function renderWebhook(message: OutboundMessage): WebhookBody {
  switch (message.kind) {
    case 'text':
      return { msgtype: 'text', text: { content: clip(message.text, MAX_TEXT_CHARS, TRUNCATED) } };
    case 'markdown':
      return {
        msgtype: 'markdown',
        markdown: { title: clip(message.title, MAX_TITLE_CHARS), text: toDingtalkMarkdown(message.markdown) },
      };
    case 'card': {
      const { card } = message;
      const { shown, overflow } = splitButtons(card);
      const title = clip(card.title, MAX_TITLE_CHARS);
      const text = cardMarkdown(card, overflow);
      if (shown.length === 0) return { msgtype: 'markdown', markdown: { title, text } };
      if (shown.length === 1) {
        return { msgtype: 'actionCard', actionCard: { title, text, singleTitle: shown[0]!.label, singleURL: commandLink(shown[0]!.command) } };
      }
      return {
        msgtype: 'actionCard',
        actionCard: { title, text, btnOrientation: '0', btns: shown.map((b) => ({ title: b.label, actionURL: commandLink(b.command) })) },
      };
    }
  }
}

export interface RobotApiMessage {
  msgKey: RobotMsgKey;
  /** A JSON string, as the API requires (B7). */
  msgParam: string;
}

export function renderRobotApi(message: OutboundMessage): RobotApiMessage {
  const body = renderWebhook(message);
  switch (body.msgtype) {
    case 'text':
      return { msgKey: 'sampleText', msgParam: JSON.stringify({ content: body.text.content }) };
    case 'markdown':
      return { msgKey: 'sampleMarkdown', msgParam: JSON.stringify(body.markdown) };
    case 'actionCard': {
      const { title, text, singleTitle, singleURL, btns } = body.actionCard;
      if (!btns) return { msgKey: 'sampleActionCard', msgParam: JSON.stringify({ title, text, singleTitle, singleURL }) };
      const param: Record<string, string> = { title, text };
      btns.forEach((b, i) => {
        param[`actionTitle${i + 1}`] = b.title;
        param[`actionURL${i + 1}`] = b.actionURL;
      });
      return { msgKey: `sampleActionCard${btns.length}` as RobotMsgKey, msgParam: JSON.stringify(param) };
    }
  }
}
