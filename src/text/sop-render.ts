// Rendering of SOP cards, the customer card, card statistics and the monthly review, in the
// markdown subset every platform shows (bold, quotes; numbered lines rather than lists).
import type { FactCheck } from '../domain/pipeline/mot-gate.ts';
import { factLabel } from './pipeline-render.ts';
import type { CardView, OutboundMessage } from '../core/message.ts';
import { markdown } from '../core/message.ts';
import { SECTION_KEYS, SECTION_TITLES, type SopCard } from '../domain/sop/card.ts';
import { shortQuote, type CardMatch } from '../domain/sop/matching.ts';
import { VERDICT_LABELS, usageRate, negativeRate, type CardPeriodStats, type MonthReview, type Verdict } from '../domain/sop/review.ts';
import { CATEGORY_LABELS, type StoredSignal } from '../domain/insight/signal.ts';
import { stageName, type Stage } from '../domain/stages.ts';
import type { Customer, Opportunity, User } from '../domain/types.ts';
import { DAY_MS } from '../domain/time.ts';
import { percent, wan } from './format.ts';
// One wording of sentiment everywhere the rep reads signals (replies, briefs, cards).
import { SENTIMENT_LABELS } from './insight-text.ts';

export const VERDICTS: Verdict[] = ['full', 'partial', 'none'];
const AUDIENCE_LABELS = { all: '全员', new_hires: '新人' } as const;

export const LEARNING_MARK = '学习材料·';

/** The /反馈 text a button sends; the push id after # ties the answer to this very push. */
export const feedbackCommand = (cardId: string, pushId: number, verdict: Verdict): string =>
  `/反馈 ${cardId}#${pushId} ${VERDICT_LABELS[verdict]}`;

export function relativeDay(at: number, now: number): string {
  const d = Math.floor((now - at) / DAY_MS);
  return d <= 0 ? '今天' : d === 1 ? '昨天' : `${d}天前`;
}

/** Section text with "- " bullets turned into "· " (WeCom markdown has no lists). */
function sectionText(text: string): string {
  return text.replace(/^\s*[-*]\s+/gm, '· ');
}

export function cardSectionsMarkdown(card: SopCard): string {
  return SECTION_KEYS.map((k) => `**${SECTION_TITLES[k]}**\n${sectionText(card.sections[k])}`).join('\n');
}

export function cardTitle(card: SopCard, learning = false): string {
  return `${learning ? LEARNING_MARK : ''}${card.id} ${card.title}`;
}

export interface PushedCardView {
  card: SopCard;
  pushId: number;
  customerName: string;
  /** What set the push off, e.g. "商机进入 T3 方案报价". */
  context: string;
  reason: string;
  learning: boolean;
}

function feedbackButtons(cardId: string, pushId: number): CardView['buttons'] {
  return VERDICTS.map((v) => {
    const command = feedbackCommand(cardId, pushId, v);
    return { label: VERDICT_LABELS[v], command, key: command };
  });
}

/** A pushed card: four sections, the reason, and 完全适用 / 部分适用 / 不适用 buttons. */
export function renderPushedCard(p: PushedCardView): OutboundMessage {
  const description = [`客户：${p.customerName} · ${p.context}`, `为什么推荐：${p.reason}`];
  if (p.learning) description.push('新人学习材料：照着必做动作做一遍，用完点下方按钮反馈。');
  return {
    kind: 'card',
    card: {
      title: cardTitle(p.card, p.learning),
      description: description.join('\n'),
      body: cardSectionsMarkdown(p.card),
      buttons: feedbackButtons(p.card.id, p.pushId),
      refId: `sop-push:${p.pushId}`,
    },
  };
}

export function renderReminder(card: SopCard, pushId: number, customerName: string, deliveredAt: number, now: number): OutboundMessage {
  return {
    kind: 'card',
    card: {
      title: `请反馈：${card.id} ${card.title}`,
      description: `${relativeDay(deliveredAt, now)}推送给你（客户：${customerName}），用过了吗？点一下是否适用；想说原因请发 /反馈 ${card.id}#${pushId} 不适用 原因`,
      buttons: feedbackButtons(card.id, pushId),
      refId: `sop-push:${pushId}`,
    },
  };
}

function triggerText(card: SopCard): string {
  if (!card.triggers.length) return '无';
  return card.triggers.map((t) => `${CATEGORY_LABELS[t.category]}${t.sentiment ? `（${SENTIMENT_LABELS[t.sentiment]}）` : ''}`).join('、');
}

/** The whole card for /卡片 <编号>: its settings and the four sections. */
export function renderCardDetail(card: SopCard, retiredNote: string | null): OutboundMessage {
  const meta = [
    `阶段：${card.stages.join('/')} · 行业：${card.industries ? card.industries.join('、') : '全部'} · 客户：${card.tier === 'all' ? 'K/R 均可' : `${card.tier}类`}`,
    `触发信号：${triggerText(card)} · 对象：${AUDIENCE_LABELS[card.audience]} · 维护：${card.owner} · 第${card.version}版`,
  ];
  if (retiredNote) meta.unshift(`**${retiredNote}**`);
  return markdown(cardTitle(card), `**${cardTitle(card)}**\n${meta.join('\n')}\n${cardSectionsMarkdown(card)}`);
}

export function cardLine(card: SopCard, retired = false): string {
  return `${card.id} ${card.title}（${card.stages.join('/')}${card.industries ? ` · ${card.industries.join('、')}` : ''}${card.tier === 'all' ? '' : ` · ${card.tier}类`}）${retired ? ' 【已停用】' : ''}`;
}

export interface CustomerView {
  customer: Customer;
  owner: User | null;
  opportunity: Opportunity | null;
  otherOpen: number;
  stage: Stage;
  /** Signals of the last 14 days, newest first. */
  recent: StoredSignal[];
  /** The MOT facts as the /推进 gate judges them. */
  mot: FactCheck[];
  now: number;
}

export function renderCustomerCard(v: CustomerView, matches: CardMatch[], ownerView: boolean): OutboundMessage {
  const c = v.customer;
  const lines = [`**${c.name}**`];
  lines.push(
    [c.industry ? `行业：${c.industry}` : '行业：未填', c.tier ? `${c.tier}类客户` : null, `负责人：${v.owner?.name ?? c.ownerId}`]
      .filter(Boolean)
      .join(' · '),
  );
  if (v.opportunity) {
    const o = v.opportunity;
    lines.push(`阶段：${stageName(o.stage)} · 金额：${wan(o.amount)}${o.expectedCloseDate ? ` · 预计${o.expectedCloseDate}成交` : ''}`);
    if (v.otherOpen > 0) lines.push(`另有 ${v.otherOpen} 个进行中的商机`);
  } else {
    lines.push('阶段：还没有商机（按 T0 线索匹配卡片）');
  }
  lines.push('**近14天客户信号**');
  if (v.recent.length === 0) lines.push('暂无。多记录几次沟通，卡片会更准。');
  for (const s of v.recent.slice(0, 5)) {
    lines.push(`> ${relativeDay(s.at, v.now)} ${CATEGORY_LABELS[s.category]}（${SENTIMENT_LABELS[s.sentiment]}）：“${shortQuote(s.quote, 30)}”`);
  }
  lines.push('**MOT 检查（进入方案报价前要齐）**');
  for (const m of v.mot) lines.push(motLine(m));
  lines.push(`**推荐卡片${ownerView ? '' : '（会推送给负责人）'}**`);
  if (matches.length === 0) lines.push('当前阶段没有匹配的卡片。');
  matches.forEach((m, i) => lines.push(`${i + 1}. ${m.card.id} ${m.card.title} — ${m.reason}`));
  return markdown(c.name, lines.join('\n'));
}

export interface StatsLine {
  card: SopCard;
  retired: boolean;
  current: CardPeriodStats;
  previous: CardPeriodStats | undefined;
}

function trend(cur: CardPeriodStats, prev: CardPeriodStats | undefined): string {
  const now = usageRate(cur);
  const before = prev ? usageRate(prev) : null;
  if (now === null) return '';
  if (before === null) return ' 新';
  const delta = Math.round((now - before) * 100);
  return delta >= 5 ? ` ↑${delta}pt` : delta <= -5 ? ` ↓${-delta}pt` : ' →';
}

export function renderCardStats(scope: string, lines: StatsLine[], idle: SopCard[], days: number): OutboundMessage {
  const out = [`**SOP 卡片统计（${scope}，近${days}天）**`, '推送 · 使用率 · 完全/部分/不适用 · 使用率趋势（对比前' + days + '天）'];
  if (lines.length === 0) out.push('这段时间没有推送过卡片。');
  for (const l of lines) {
    const s = l.current;
    out.push(
      `${l.card.id} ${l.card.title}${l.retired ? '【已停用】' : ''}：推送${s.pushes} · 使用${percent(usageRate(s))} · ${s.full}/${s.partial}/${s.none}${trend(s, l.previous)}`,
    );
  }
  if (idle.length) out.push(`未推送：${idle.map((c) => c.id).join('、')}`);
  return markdown('SOP 卡片统计', out.join('\n'));
}

export interface ReviewReport {
  period: string;
  review: MonthReview;
  retired: CardPeriodStats[];
  titles: Map<string, string>;
  reasons: Map<string, string[]>;
  thresholds: { usageBelowPct: number; negativeAbovePct: number; minPushes: number };
}

export function renderReviewReport(r: ReviewReport): OutboundMessage {
  const [y, m] = r.period.split('-');
  const t = r.review.totals;
  const name = (id: string) => `${id} ${r.titles.get(id) ?? ''}`.trim();
  const figures = (s: CardPeriodStats) => `推送${s.pushes} · 使用${percent(usageRate(s))} · 不适用${percent(negativeRate(s))}`;
  const lines = [`**SOP 卡片月度复盘（${y}年${Number(m)}月）**`];
  lines.push(`${t.cards} 张在用卡片，共推送 ${t.pushes} 次，使用率 ${percent(t.pushes ? t.used / t.pushes : null)}，不适用 ${percent(t.used ? t.none / t.used : null)}。`);
  lines.push(
    `**本月停用（${r.retired.length}张）** 规则：推送≥${r.thresholds.minPushes}次、使用率<${r.thresholds.usageBelowPct}%且不适用>${r.thresholds.negativeAbovePct}%`,
  );
  if (r.retired.length === 0) lines.push('无');
  for (const s of r.retired) lines.push(`${name(s.cardId)}：${figures(s)}`);
  lines.push(`**优先改进（${r.review.improve.length}张）**`);
  if (r.review.improve.length === 0) lines.push('暂无负面反馈');
  r.review.improve.forEach((s, i) => {
    const why = r.reasons.get(s.cardId) ?? [];
    lines.push(`${i + 1}. ${name(s.cardId)}：${figures(s)}${why.length ? `；销售说：${why.map((w) => `“${shortQuote(w, 24)}”`).join(' ')}` : '；没有填写原因'}`);
  });
  lines.push('**最有用**');
  if (r.review.useful.length === 0) lines.push('暂无足够反馈');
  r.review.useful.forEach((s, i) => lines.push(`${i + 1}. ${name(s.cardId)}：完全适用${s.full}次 · ${figures(s)}`));
  if (r.retired.length) lines.push('误停的卡片可用 /卡片 恢复 <编号> 恢复。');
  return markdown('SOP 卡片月度复盘', lines.join('\n'));
}

/** One MOT checklist line: known from the customer's words, confirmed by the rep, taken back, or unknown. */
export function motLine(m: FactCheck): string {
  const label = factLabel(m.fact);
  switch (m.status) {
    case 'signal':
      return `✅ ${label}：已知（“${shortQuote(m.quote ?? '', 20)}”）`;
    case 'confirmed':
      return `✅ ${label}：已确认`;
    case 'negative':
      return `⚠️ ${label}：客户说“${shortQuote(m.quote ?? '', 20)}”，需重新确认`;
    case 'missing':
      return `❌ ${label}：未知，下次沟通先问清`;
  }
}
