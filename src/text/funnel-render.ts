// Renders funnel reports as short markdown for a phone screen (WeCom app markdown subset:
// headings, bold, quotes, font colour; no lists or tables).
import type { FunnelReport, ReserveReport } from '../services/funnel-service.ts';
import type { TeamView } from '../domain/funnel/team-view.ts';
import type { ReserveCheck } from '../domain/funnel/funnel-math.ts';
import { STAGE_LABELS, stageName } from '../domain/stages.ts';
import { markdown, type OutboundMessage } from '../core/message.ts';
import { percent, shortDateOf, signed, sparkline, wan } from './format.ts';

const warn = (s: string) => `<font color="warning">${s}</font>`;
const good = (s: string) => `<font color="info">${s}</font>`;

export function reserveVerdict(c: ReserveCheck): string {
  const head = `${c.stage}及以上储备 ${c.count}个（安全水位 ${c.level}个）`;
  return c.ok ? `${head} ${good('达标')}` : `${head} ${warn(`低于安全水位，差${c.gap}个`)}`;
}

export function renderFunnel(r: FunnelReport): OutboundMessage {
  const title = `${r.user.name}的销售漏斗`;
  if (r.summary.openCount === 0) {
    return markdown(title, `**${title}** ${r.date}\n暂无进行中的商机。\n请在CRM中录入商机（同步后即可查看），或联系主管分配线索。`);
  }
  const lines = [`**${title}** ${r.date}`];
  for (const l of r.summary.stages) lines.push(`${stageName(l.stage)}：${l.count}个 · ${wan(l.amount)}`);
  lines.push(`合计 ${r.summary.openCount}个 · ${wan(r.summary.openAmount)} ｜ 加权 ${wan(r.summary.weightedAmount)}`);
  const conv = r.conversion
    .filter((c) => c.entered > 0)
    .map((c) => `${c.from}→${c.to === 'WIN' ? STAGE_LABELS.WIN : c.to} ${percent(c.rate)}`);
  lines.push(conv.length ? `> 近${r.conversionWindowDays}天转化：${conv.join(' · ')}` : `> 近${r.conversionWindowDays}天没有阶段推进记录`);
  for (const c of r.reserve) lines.push(reserveVerdict(c));
  return markdown(title, lines.join('\n'));
}

export function renderReserve(r: ReserveReport): OutboundMessage {
  const title = `${r.user.name}的商机储备`;
  const lines = [`**${title}** ${r.date}`];
  for (const c of r.reserve) lines.push(reserveVerdict(c));
  for (const s of r.series) {
    const first = s.values[0] ?? 0;
    const last = s.values.at(-1) ?? 0;
    lines.push('');
    lines.push(`**${s.stage}及以上 近${s.values.length}周**（${shortDateOf(s.weeks[0]!)} 起）`);
    lines.push(`${sparkline(s.values)}  ${s.values.join(' ')}`);
    const r2 = s.trend.r2 === null ? '—' : s.trend.r2.toFixed(2);
    const direction = s.trend.slope < -0.05 ? warn('下降') : s.trend.slope > 0.05 ? good('上升') : '持平';
    lines.push(`趋势：每周 ${signed(s.trend.slope)}个，${direction}，R² ${r2}（${first}→${last}）`);
  }
  const short = r.reserve.filter((c) => !c.ok);
  if (short.length) {
    lines.push('');
    lines.push(`> 建议：本周先补 ${short.map((c) => `${c.stage}及以上 ${c.gap}个`).join('、')}；盘点在跟项目，约主管陪访推进。`);
  }
  return markdown(title, lines.join('\n'));
}

export function renderTeam(title: string, view: TeamView, level: number | undefined): OutboundMessage {
  if (view.rows.length === 0) return markdown(title, `**${title}**\n团队里还没有销售代表。请在CRM同步时为下属设置 managerId。`);
  const lines = [`**${title}**`, `共 ${view.rows.length} 人 · 在跟 ${view.totalOpen}个 · ${wan(view.totalAmount)} ｜ 加权 ${wan(view.totalWeighted)}`];
  const primary = view.rows[0]!.reserve.at(-1);
  if (primary) lines.push(`${primary.stage}及以上人均 ${view.average.toFixed(1)}个${level !== undefined ? `，安全水位 ${level}个` : ''}`);
  lines.push('');
  for (const row of view.rows) {
    const counts = row.summary.stages.map((l) => l.count).join('/');
    const p = row.reserve.at(-1);
    const flags = [row.belowSafety ? '低于安全水位' : '', row.belowAverage ? '低于均值' : ''].filter(Boolean).join('·');
    const reserveText = p ? `${p.stage}+ ${p.count}` : '';
    const line = `${row.name}：${counts} ｜ ${reserveText} ｜ ${wan(row.summary.openAmount)}`;
    lines.push(flags ? `${warn('⚠')} ${line} ${warn(flags)}` : `${line}`);
  }
  lines.push('');
  lines.push('> 数字依次为 T0/T1/T2/T3/T4 商机数；⚠ 者需重点辅导（共同盘点项目、补充线索、陪访）。');
  return markdown(title, lines.join('\n'));
}
