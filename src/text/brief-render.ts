// Renders the 沟通洞察简报 as phone-sized markdown (WeCom subset: bold, quotes, font colour; no
// lists or tables). Platforms cap message size (WeCom markdown: 4096 bytes), so blocks are
// added in order of importance while they fit, and the end says what was left out.
import { markdown, type OutboundMessage } from '../core/message.ts';
import type { CustomerDigest, ManagerBrief, RepBrief } from '../domain/insight/brief.ts';
import type { SignalCategory } from '../domain/insight/signal.ts';
import { localParts } from '../domain/time.ts';
import { reserveVerdict } from './funnel-render.ts';
import { SENTIMENT_LABELS } from './insight-text.ts';
import { shortQuote } from '../domain/quote.ts';

const warn = (s: string) => `<font color="warning">${s}</font>`;
const good = (s: string) => `<font color="info">${s}</font>`;
const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export type Labeler = (category: SignalCategory) => string;

export function dayLabel(date: string, tz: string): string {
  const [, m, d] = date.split('-').map(Number);
  const noon = Date.parse(`${date}T12:00:00Z`);
  return `${m}月${d}日 ${WEEKDAYS[localParts(noon, tz).isoWeekday]}`;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

interface Block {
  text: string;
  /** Always kept (the header, the reserve warning). */
  required?: boolean;
  /** What to name in the "left out" note when the block does not fit. */
  omitted?: string;
}

/**
 * Keeps every required block and, in order, each other block that still fits in maxBytes;
 * a note naming what was left out goes before a trailing required block (or at the end).
 */
function fit(blocks: Block[], maxBytes: number, omittedNote: (omitted: string[]) => string): string {
  let budget = maxBytes - 200; // room for the note on what was left out
  for (const b of blocks) if (b.required) budget -= bytes(b.text) + 1;
  const kept: Block[] = [];
  const omitted: string[] = [];
  for (const b of blocks) {
    const size = bytes(b.text) + 1;
    if (b.required) kept.push(b);
    else if (size <= budget) {
      kept.push(b);
      budget -= size;
    } else if (b.omitted) omitted.push(b.omitted);
  }
  const lines = kept.map((b) => b.text);
  if (omitted.length) {
    const note = `\n> ${omittedNote(omitted)}`;
    const last = kept.at(-1);
    if (last?.required && last === blocks.at(-1) && kept.length > 1) lines.splice(lines.length - 1, 0, note);
    else lines.push(note);
  }
  return lines.join('\n');
}

function customerBlock(c: CustomerDigest, label: Labeler): string {
  const head = c.newRisk ? `${warn('⚠')} **${c.name}** ${warn('新风险')}` : c.negative ? `${warn('⚠')} **${c.name}**` : `**${c.name}**`;
  const lines = [c.reportedBy.length ? `${head}（另有${c.reportedBy.join('、')}记录）` : head];
  if (c.lines.length === 0) lines.push(`沟通${c.conversations}次，未发现关键信号`);
  for (const l of c.lines) {
    const tag = `${label(l.category)}（${SENTIMENT_LABELS[l.sentiment]}）`;
    const shown = l.sentiment === 'negative' ? warn(tag) : l.sentiment === 'positive' ? good(tag) : tag;
    // The latest direction leads; earlier other directions are named, so a turn is not hidden.
    const before = (['negative', 'positive', 'neutral'] as const)
      .filter((s) => l.otherwise[s])
      .map((s) => `${SENTIMENT_LABELS[s]}${l.otherwise[s]}次`);
    lines.push(`> ${shown}「${l.quote}」${l.count > 1 ? ` ×${l.count}` : ''}${before.length ? `（期间另有${before.join('、')}）` : ''}`);
  }
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  lines.push(`MOT：预算范围${mark(c.mot.budget)} 决策时间${mark(c.mot.timeline)} 关键决策人${mark(c.mot.decisionMaker)}`);
  return lines.join('\n');
}

export function renderRepBrief(b: RepBrief, opts: { label: Labeler; timeZone: string; maxBytes: number }): OutboundMessage {
  const title = `沟通洞察简报 · ${b.name}`;
  const header = [`**${title}** ${dayLabel(b.date, opts.timeZone)}`];
  const reserveBlock = b.reserve.length ? b.reserve.map(reserveVerdict).join('\n') : '';
  if (b.conversations === 0 && b.customers.length === 0) {
    header.push('上次简报以来没有记录到客户沟通。把与客户的聊天发给我，或用 /记录 客户名 内容 补记。');
    if (b.section) header.push('', b.section);
    if (b.belowSafety && reserveBlock) header.push(reserveBlock);
    return markdown(title, header.join('\n'));
  }
  header.push(
    `上次简报以来沟通 ${b.customers.length} 位客户 · ${b.signals} 条信号${b.risks ? ` · ${warn(`风险 ${b.risks}`)}` : ''}`,
  );
  const blocks: Block[] = [{ text: header.join('\n'), required: true }];
  for (const c of b.customers) blocks.push({ text: `\n${customerBlock(c, opts.label)}`, omitted: c.customerId });
  if (b.unattributed > 0) {
    const example = b.unattributedQuote ? `（如「${shortQuote(b.unattributedQuote, 24)}」）` : '';
    blocks.push({ text: `\n另有 ${b.unattributed} 条带信号的沟通未关联客户${example}：发送 /归属 查看并关联。` });
  }
  if (b.section) blocks.push({ text: `\n${b.section}`, omitted: '附加内容' });
  if (reserveBlock) blocks.push({ text: `\n${b.belowSafety ? `${warn('储备预警')}\n` : ''}${reserveBlock}`, required: true });
  const body = fit(blocks, opts.maxBytes, (omitted) => {
    const left = b.customers.filter((c) => omitted.includes(c.customerId));
    return `篇幅所限，另有 ${left.length} 位客户（${left.reduce((n, c) => n + c.signalCount, 0)} 条信号）未展开：${left
      .slice(0, 5)
      .map((c) => c.name)
      .join('、')}${left.length > 5 ? '等' : ''}。`;
  });
  return markdown(title, body);
}

function percentChange(change: number | null): string {
  if (change === null) return '新出现';
  const p = Math.round(change * 100);
  if (Math.abs(p) < 10) return '持平';
  return p > 0 ? warn(`↑${p}%`) : `↓${-p}%`;
}

export function renderManagerBrief(b: ManagerBrief, opts: { label: Labeler; timeZone: string; maxBytes: number }): OutboundMessage {
  const title = `团队沟通洞察 · ${b.name}`;
  const header = [`**${title}** ${dayLabel(b.date, opts.timeZone)}`];
  header.push(`${b.teamSize} 位销售 · 沟通 ${b.customers} 位客户 · ${b.signals} 条信号`);
  if (b.conversations === 0) header.push('上次简报以来团队没有记录到客户沟通。');
  const blocks: Block[] = [{ text: header.join('\n'), required: true }];
  if (b.keywords.length) {
    const lines = ['\n**客户提及最多的关键词**'];
    b.keywords.forEach((k, i) => {
      const label = opts.label(k.category);
      // 预算（预算） says nothing twice: the category shows only when the term is another word.
      const word = k.term === label ? k.term : `${k.term}（${label}）`;
      const trend = k.change === null ? percentChange(null) : `7日均 ${k.average7.toFixed(1)} ${percentChange(k.change)}`;
      lines.push(`${i + 1}. ${word}×${k.count} ｜ ${trend}`);
    });
    blocks.push({ text: lines.join('\n'), required: true });
  }
  // Each list quotes what put the customer on it: the good news for hot ones, the bad for risks.
  const customerLine = (m: ManagerBrief['hot'][number]) =>
    `${m.name}（${m.owner}）：${m.categories.map((c) => `${opts.label(c.category)}「${c.quote}」`).join('、')}`;
  if (b.hot.length) {
    const more = b.hotTotal > b.hot.length ? `（另有 ${b.hotTotal - b.hot.length} 位）` : '';
    blocks.push({ text: ['\n**🔥 热点客户**' + more, ...b.hot.map(customerLine)].join('\n'), omitted: '热点客户' });
  }
  if (b.atRisk.length) {
    const more = b.atRiskTotal > b.atRisk.length ? `（另有 ${b.atRiskTotal - b.atRisk.length} 位）` : '';
    blocks.push({ text: [`\n**${warn('⚠ 风险客户')}**` + more, ...b.atRisk.map(customerLine)].join('\n'), omitted: '风险客户' });
  }
  const people: string[] = [];
  if (b.belowSafety.length) people.push(`${warn('低于安全水位')}：${b.belowSafety.join('、')}`);
  if (b.silent.length) people.push(`无沟通记录：${b.silent.join('、')}`);
  if (people.length) blocks.push({ text: `\n${people.join('\n')}`, required: true });
  const repLines = ['\n**每人一行**（客户 · 信号 · 风险 · 储备）'];
  for (const r of b.reps) {
    const reserve = r.reserve ? `${r.reserve.stage}+ ${r.reserve.count}/${r.reserve.level}` : '';
    const line = `${r.name}：客户${r.customers} · 信号${r.signals} · 风险${r.risks}${reserve ? ` · ${reserve}` : ''}`;
    repLines.push(r.belowSafety || r.silent ? `${warn('⚠')} ${line}` : line);
  }
  blocks.push({ text: repLines.join('\n'), omitted: '每人一行' });
  const body = fit(blocks, opts.maxBytes, (omitted) => `篇幅所限，未展开：${omitted.join('、')}。发送 /团队漏斗 查看每人明细。`);
  return markdown(title, body);
}
