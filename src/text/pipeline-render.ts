// Replies and alerts of pipeline management, short enough for a phone (WeCom markdown subset:
// bold, quotes, font colour; no lists or tables). Fixed sentences live in PIPELINE_TEXT.
import { markdown, text, type OutboundMessage } from '../core/message.ts';
import { CATEGORY_LABELS, type SignalCategory } from '../domain/insight/signal.ts';
import { stageName, type OpenStage, type Stage } from '../domain/stages.ts';
import type { FactCheck } from '../domain/pipeline/mot-gate.ts';
import { FACTOR_LABELS, type Factor, type FactorLine } from '../domain/pipeline/bottleneck.ts';
import type { AssessedDeal } from '../domain/pipeline/deal-risk.ts';
import { LISTED_DEALS, type ForecastDeal } from '../domain/pipeline/forecast.ts';
import type { RecoveryPlan } from '../domain/pipeline/reserve-plan.ts';
import type { ReserveCheck, Trend } from '../domain/funnel/funnel-math.ts';
import type { DealRow } from '../store/pipeline-store.ts';
import type { MoveResult } from '../services/stage-move-service.ts';
import type { ForecastReport } from '../services/forecast-service.ts';
import type { BottleneckReport } from '../services/bottleneck-service.ts';
import { percent, shortDateOf, signed, sparkline, wan } from './format.ts';

const warn = (s: string) => `<font color="warning">${s}</font>`;
const good = (s: string) => `<font color="info">${s}</font>`;

/** What a rep calls a deal: its name, else the customer's name. */
export const dealLabel = (d: { name: string | null; customerName: string }): string => d.name ?? d.customerName;

/** Seed 001's wording for the MOT facts; other facts use the signal category's label. */
const FACT_LABELS: Partial<Record<SignalCategory, string>> = {
  budget: '预算范围',
  timeline: '决策时间',
  decision_maker: '关键决策人',
  contract: '签约意向',
};
export const factLabel = (fact: SignalCategory): string => FACT_LABELS[fact] ?? CATEGORY_LABELS[fact];

function nameList(names: string[]): string {
  return names.length > LISTED_DEALS ? `${names.slice(0, LISTED_DEALS).join('、')} 等${names.length}个` : names.join('、');
}

/** User-typed text echoed back, cut short so a pasted essay does not come back whole. */
const clip = (s: string, max = 24) => (s.length > max ? `${s.slice(0, max)}…` : s);

export const PIPELINE_TEXT = {
  stageUsage: '<客户或商机> <阶段> [确认]',
  dealNotFound: (q: string) => `没有找到「${clip(q)}」相关的商机。发送 /商机 查看你的商机。`,
  notYourDeal: (label: string, owner: string) => `「${label}」是${owner}的商机，只有${owner}本人或其主管可以调整。`,
  ambiguousDeal: (q: string, deals: DealRow[]) =>
    [`「${clip(q)}」对应${deals.length}个商机，请用编号指定：`, ...deals.slice(0, 10).map((d) => `${d.id}：${d.customerName}${d.name ? ` · ${d.name}` : ''}（${d.stage}）`)].join('\n'),
  sameStage: (label: string, stage: Stage) => `「${label}」已经在 ${stageName(stage)}。`,
  unknownStage: (value: string) => `没有阶段「${clip(value)}」。可填 T0–T4、赢单、输单，或阶段名（如 方案报价）。`,
  lostReasonNeeded: (label: string, reasons: string[], given?: string) =>
    [
      given ? `「${clip(given)}」不在可选原因里。` : '输单需要选择原因并写一句说明。',
      `用法：/推进 ${label} 输单 <原因> <说明>`,
      `原因可选：${reasons.join('、')}`,
      `例如：/推进 ${label} 输单 ${reasons[0]} 客户认为报价高出预算两成`,
    ].join('\n'),
  movedOnBehalf: (by: string, label: string, from: Stage, to: Stage) =>
    `${by} 将你的商机「${label}」从 ${stageName(from)} 调整为 ${stageName(to)}。`,
  followUpUsage: '<客户或商机> [天数|明天|YYYY-MM-DD]',
  badFollowUpDate: (value: string) => `看不懂日期「${clip(value)}」。可填天数（如 3）、明天、后天，或日期（如 2026-05-20、5/20）。`,
  followUpTooFar: (days: number) => `跟进日期请定在${days}天以内。`,
  followUpScheduled: (label: string, date: string) => `已约 ${shortDateOf(date)} 跟进「${label}」，当天上午提醒你；在此之前不再提示它停滞。`,
  followUpReminder: (d: DealRow): OutboundMessage =>
    text(`⏰ 今天约了跟进「${dealLabel(d)}」（${d.stage} · ${wan(d.amount)}）。有进展请发送 /推进 ${dealLabel(d)} <阶段>。`),
};

function factLine(c: FactCheck): string {
  const label = factLabel(c.fact);
  switch (c.status) {
    case 'signal':
      return `✓ ${label}：客户说「${c.quote}」`;
    case 'confirmed':
      return `✓ ${label}：已确认`;
    case 'negative':
      return `✗ ${label}：客户说「${c.quote}」`;
    case 'missing':
      return `✗ ${label}：还没有客户信号`;
  }
}

export function renderMove(result: MoveResult, committedStages: readonly OpenStage[], ownerName: string): OutboundMessage {
  const label = dealLabel(result.deal);
  if (result.status === 'recorded') return text(`已记录「${label}」客户签约意向，计入承诺预测。`);
  if (result.status === 'blocked') {
    const missing = result.gate.missing.length;
    return {
      kind: 'card',
      card: {
        title: 'MOT 未通过',
        description: `「${label}」还不能进入 ${stageName(result.to)}：MOT 要素缺 ${missing} 项。`,
        body: [...result.gate.checks.map(factLine), '请先向客户确认；如客户已明确告知，可一键确认并推进。'].join('\n'),
        buttons: [{ label: '已向客户确认，推进', command: `/推进 ${result.deal.id} ${result.to} 确认` }],
        refId: result.deal.id,
      },
    };
  }
  const lines = [`已将「${label}」从 ${stageName(result.from)} 调整为 ${stageName(result.to)}。`];
  if (result.gate) lines.push(`MOT 三要素：${result.gate.checks.map((c) => `${factLabel(c.fact)}${c.status === 'confirmed' ? '（已确认）' : '✓'}`).join(' ')}`);
  if (result.confirmed.length) lines.push(`已记录你确认的：${result.confirmed.map(factLabel).join('、')}。`);
  if (result.onBehalf) lines.push(`已记录为你代${ownerName}调整，并通知了${ownerName}。`);
  if ((committedStages as readonly Stage[]).includes(result.to) && !result.confirmed.includes('contract')) {
    lines.push(`> 客户已签意向书或合同时，发送 /推进 ${result.deal.id} ${result.to} 确认，计入承诺预测。`);
  }
  return text(lines.join('\n'));
}

export function renderForecast(r: ForecastReport): OutboundMessage {
  const { forecast: f, error: e } = r;
  const title = `${r.scope.title}的销售预测`;
  const owner = (d: ForecastDeal) => (r.scope.kind === 'person' ? '' : `(${r.ownerNames.get(d.ownerId) ?? d.ownerId})`);
  const month = Number(f.today.slice(5, 7));
  const quarter = Math.floor((month - 1) / 3) + 1;
  const lines = [`**${title}** ${f.today}`];
  const period = (name: string, p: ForecastReport['forecast']['month']) =>
    `${name}：已赢单 ${wan(p.won)} ｜ 承诺 ${wan(p.committed)} ｜ 加权 ${wan(p.weighted)}（${p.deals}个待成交）`;
  lines.push(period(`本月（${month}月）`, f.month), period(`本季（Q${quarter}）`, f.quarter));
  lines.push('', `**${f.weeks.length}周滚动**（按预计成交周，加权）`);
  lines.push(`${sparkline(f.weeks.map((w) => w.weighted))}  合计加权 ${wan(f.weeks.reduce((s, w) => s + w.weighted, 0))}`);
  for (const w of f.weeks) {
    if (w.deals === 0) continue;
    lines.push(`${shortDateOf(w.week)}周：${w.deals}个 · 加权 ${wan(w.weighted)}${w.committed ? ` · 承诺 ${wan(w.committed)}` : ''}`);
  }
  if (f.weeks.every((w) => w.deals === 0)) lines.push('未来13周没有预计成交的商机。');
  if (f.beyond.deals) lines.push(`${f.weeks.length}周以后：${f.beyond.deals}个 · 加权 ${wan(f.beyond.weighted)}`);
  if (f.overdue.length) {
    lines.push(`> ${warn(`已过预计成交日 ${f.overdue.length}个`)}（${wan(f.overdue.reduce((s, d) => s + d.amount, 0))}）：${nameList(f.overdue.map((d) => d.label + owner(d)))}。请更新日期、推进或关闭。`);
  }
  if (f.undated.length) {
    lines.push(`> 未填预计成交日 ${f.undated.length}个（${wan(f.undated.reduce((s, d) => s + d.amount, 0))}，不计入以上）：${nameList(f.undated.map((d) => d.label + owner(d)))}。`);
  }
  lines.push('', renderForecastError(e));
  return markdown(title, lines.join('\n'));
}

function renderForecastError(e: ForecastReport['error']): string {
  const n = e.weeks.length;
  if (n === 0) return '**预测准确度**：还没有历史周预测记录（每周一自动记录），满几周后显示偏差。';
  const head = `**预测准确度（近${n}周）**：每周初加权预测合计 ${wan(e.forecastTotal)}，实际赢单 ${wan(e.actualTotal)}`;
  if (e.wape === null || e.bias === null) return `${head}。这几周没有赢单，无法计算偏差比例。`;
  const direction = Math.abs(e.bias) < 0.05 ? '基本持平' : e.bias > 0 ? `偏高${percent(e.bias)}` : `偏低${percent(-e.bias)}`;
  const trust = e.enough ? '' : `（仅${n}周，仅供参考）`;
  return `${head}，总体${direction}，逐周平均偏差 ${percent(e.wape)}${trust}。`;
}

const FACTOR_QUESTIONS: Record<Factor, string> = {
  leads: '知道去哪找客户吗？有没有目标客户画像？',
  reach: '接触到的是拍板人吗？有没有组织图谱？',
  conversion: '方案打动客户了吗？有没有差异化？',
  dealSize: '能不能卖出好价格？有没有议价策略？',
  repeat: '客户会不会再来找你？有没有沉淀长期关系？',
};

const FACTOR_ACTIONS: Record<Factor, string> = {
  leads: '按目标客户画像列出 20 家新客户名单，每天新增 2 条线索',
  reach: '为每个 T2 以上商机画出组织图谱，约见关键决策人（请主管陪访）',
  conversion: '复盘近期输单原因，演示前按客户现状准备差异化方案',
  dealSize: '报价前做 TCO 对比，按折扣阶梯谈判，守住价格底线',
  repeat: '给已成交客户排回访计划，每月一次使用回顾，挖掘增购需求',
};

function factorValue(factor: Factor, value: number, perHead: boolean): string {
  if (factor === 'leads') return `${perHead ? '每人 ' : ''}${Number(value.toFixed(1))}个`;
  if (factor === 'dealSize') return wan(value);
  return percent(value);
}

function factorRow(l: FactorLine, perHead: boolean): string {
  const label = FACTOR_LABELS[l.factor];
  if (l.value === null) return `${label}：无法计算——${l.reason}`;
  const value = factorValue(l.factor, l.value, perHead);
  if (l.median === null) return `${label}：${value}（对比组无数据）`;
  const median = factorValue(l.factor, l.median, false);
  const mark = l.ratio! < 0.9 ? warn('▼ 偏弱') : l.ratio! > 1.1 ? good('▲') : '≈';
  return `${label}：${value}（中位数 ${median}）${mark}`;
}

export function renderBottleneck(r: BottleneckReport): OutboundMessage {
  const title = `${r.scope.title}的业绩瓶颈`;
  const d = r.diagnosis;
  const perHead = r.scope.kind !== 'person';
  const lines = [
    `**${title}**（近${r.windowDays}天，对比${r.baseline === 'team' ? '团队' : '全员'}中位数）`,
    '业绩 = 潜客数 × 触达率 × 转化率 × 客单价 × 复购率',
    ...d.lines.map((l) => factorRow(l, perHead)),
    '',
  ];
  if (!d.focus) {
    lines.push('数据不足，暂时无法定位瓶颈：需要近期的商机、赢单/输单记录。');
    return markdown(title, lines.join('\n'));
  }
  lines.push(`**3 个潜在瓶颈**：${d.weakest.map((l) => FACTOR_LABELS[l.factor]).join('、')}`);
  lines.push(`**2 个核心症结**：结合陪访和复盘，从中确认两个——${d.weakest.slice(0, 2).map((l) => `${FACTOR_LABELS[l.factor]}：${FACTOR_QUESTIONS[l.factor]}`).join(' ')}`);
  const uplift = d.focusUplift !== null ? `（若达到中位数，业绩约 ${signed(d.focusUplift * 100, 0)}%）` : '';
  const atOrAbove = d.focus.ratio !== null && d.focus.ratio >= 1;
  lines.push(`**1 个关键动作**：${atOrAbove ? '各项不低于中位数，可继续巩固' : '提升'}${FACTOR_LABELS[d.focus.factor]}${uplift}——${FACTOR_ACTIONS[d.focus.factor]}。`);
  if (r.laggards.length) lines.push(`> ${FACTOR_LABELS[d.focus.factor]}低于中位数：${nameList(r.laggards)}`);
  const unknown = d.lines.filter((l) => l.value === null).map((l) => FACTOR_LABELS[l.factor]);
  if (unknown.length) lines.push(`> ${unknown.join('、')}无法计算，未参与排序。`);
  return markdown(title, lines.join('\n'));
}

const MAX_DEAL_LINES = 15;

export function renderDeals(name: string, deals: AssessedDeal[]): OutboundMessage {
  const title = `${name}的商机`;
  if (deals.length === 0) return markdown(title, `**${title}**\n暂无进行中的商机。`);
  const risky = deals.filter((d) => d.warnings.length).length;
  const lines = [`**${title}**（按风险排序）共 ${deals.length}个，${risky}个有风险`];
  deals.slice(0, MAX_DEAL_LINES).forEach((a, i) => {
    const head = `${i + 1}. ${a.deal.label}（${a.deal.stage} · ${wan(a.deal.amount)}）`;
    lines.push(a.warnings.length ? `${warn('⚠'.repeat(Math.min(3, Math.ceil(a.score / 3))))} ${head}：${a.warnings.map((w) => w.text).join(' · ')}` : `${head} ✓`);
  });
  if (deals.length > MAX_DEAL_LINES) lines.push(`……另有 ${deals.length - MAX_DEAL_LINES}个风险较低的商机未列出。`);
  lines.push('> 调整阶段：/推进 <名称> <阶段>；约跟进：/跟进 <名称> [天数]');
  return markdown(title, lines.join('\n'));
}

export interface ReserveCheckView {
  title: string;
  date: string;
  below: { name: string; checks: ReserveCheck[]; openDeals: number; plans: RecoveryPlan[] }[];
  series: { stage: OpenStage; values: number[]; trend: Trend }[];
  reps: number;
}

export function renderReserveCheck(v: ReserveCheckView): OutboundMessage {
  const title = `${v.title} 本周储备检查`;
  const lines = [`**${title}** ${v.date}`];
  if (v.below.length === 0) lines.push(good(`${v.reps} 人全部达到安全水位。`));
  else {
    const who = v.below.map((b) => `${b.name}（${b.checks.filter((c) => !c.ok).map((c) => `${c.stage}+ ${c.count}/${c.level}`).join('，')}）`);
    lines.push(`${warn(`低于安全水位 ${v.below.length}人`)}：${who.join('、')}`);
  }
  lines.push('', `**团队近${v.series[0]?.values.length ?? 0}周储备**`);
  for (const s of v.series) {
    const r2 = s.trend.r2 === null ? '—' : s.trend.r2.toFixed(2);
    const direction = s.trend.slope < -0.05 ? warn('下降') : s.trend.slope > 0.05 ? good('上升') : '持平';
    lines.push(`${s.stage}及以上：${sparkline(s.values)} ${s.values.join(' ')}`);
    lines.push(`趋势 y=${signed(s.trend.slope, 2)}x${s.trend.intercept >= 0 ? '+' : ''}${s.trend.intercept.toFixed(1)}，每周 ${signed(s.trend.slope)}个，${direction}，R² ${r2}`);
  }
  if (v.below.length) {
    lines.push('', '**灌溉计划**');
    for (const b of v.below) {
      const plans = b.plans.map((p) =>
        p.leadsPerWeek === null
          ? `${p.stage}+ 差${p.gap}个（团队转化数据不足，先每周补 ${Math.ceil(p.gap / p.weeks)}个 ${p.stage} 商机）`
          : `${p.stage}+ 差${p.gap}个，${p.weeks}周内补齐需每周新增约 ${p.leadsPerWeek}个线索`,
      );
      lines.push(`${b.name}：在跟 ${b.openDeals}个；${plans.join('；')}`);
    }
    lines.push('> 建议本周与以上同事一对一：盘点在跟项目、补充线索、安排陪访。');
  }
  return markdown(title, lines.join('\n'));
}

export function renderStaleAlert(deal: DealRow, days: number, lastCustomerAt: string | null, demoteTo: Stage | null, followUpDays: number): OutboundMessage {
  const label = dealLabel(deal);
  const buttons = [
    ...(demoteTo ? [{ label: `降为 ${demoteTo}`, command: `/推进 ${deal.id} ${demoteTo}` }] : []),
    { label: `${followUpDays}天后跟进`, command: `/跟进 ${deal.id} ${followUpDays}` },
  ];
  return {
    kind: 'card',
    card: {
      title: '商机停滞提醒',
      description: `「${label}」已${days}天没有客户消息、阶段未变。`,
      fields: [
        { label: '阶段', value: `${stageName(deal.stage)} · ${wan(deal.amount)}` },
        { label: '客户最后消息', value: lastCustomerAt ? shortDateOf(lastCustomerAt) : '无记录' },
      ],
      body: '两周未响应的商机建议降级，或约定下一次跟进。',
      buttons,
      refId: deal.id,
    },
  };
}

export const renderStaleSummary = (more: number, days: number): OutboundMessage =>
  text(`另有 ${more}个商机也已超过${days}天没有客户消息、阶段未变。发送 /商机 查看并处理。`);

export const renderAutoDemoted = (deal: DealRow, from: Stage, to: Stage, days: number): OutboundMessage =>
  text(`「${dealLabel(deal)}」已${days}天没有客户消息、阶段未变，按规则自动从 ${stageName(from)} 降为 ${stageName(to)}。有新进展请发送 /推进 ${dealLabel(deal)} <阶段>。`);
