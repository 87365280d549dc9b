// Risk warnings for one open deal and the order /商机 lists them in: a deal with more and
// heavier warnings comes first, then the larger amount.
import type { Rules } from '../rules.ts';
import { OPEN_STAGES, isOpenStage, stageRank, type OpenStage } from '../stages.ts';
import { CATEGORY_LABELS, type SignalCategory } from '../insight/signal.ts';
import { DAY_MS } from '../time.ts';
import type { StageChange } from '../types.ts';
import { median } from './bottleneck.ts';
import { daysBetween } from './forecast.ts';
import { groupBy } from './group-by.ts';

export interface DealFacts {
  id: string;
  label: string;
  stage: OpenStage;
  amount: number;
  expectedCloseDate: string | null;
  stageChangedAt: number;
  /** Last conversation line about the customer, from either side. */
  lastConversationAt: number | null;
  /** Last line from our side and from the customer's side. */
  lastOursAt: number | null;
  lastTheirsAt: number | null;
  /** Customer contacts known (external contact ids and distinct customer-side senders). */
  contacts: number;
  decisionMakerKnown: boolean;
  priceDiscussed: boolean;
  /** Categories with a negative signal in the recent window. */
  negativeCategories: SignalCategory[];
  /** The team's median time in this stage, or null when there are too few examples. */
  typicalStageMs: number | null;
}

export type RiskCode =
  | 'noActivity'
  | 'customerSilent'
  | 'overdue'
  | 'negativeSignals'
  | 'stuck'
  | 'noDecisionMaker'
  | 'priceNotDiscussed'
  | 'singleContact';

const WEIGHTS: Record<RiskCode, number> = {
  noActivity: 3,
  overdue: 3,
  negativeSignals: 3,
  customerSilent: 2,
  stuck: 2,
  noDecisionMaker: 2,
  priceNotDiscussed: 1,
  singleContact: 1,
};

export interface RiskWarning {
  code: RiskCode;
  text: string;
}

export interface AssessedDeal {
  deal: DealFacts;
  warnings: RiskWarning[];
  score: number;
}

const daysSince = (now: number, t: number) => Math.floor((now - t) / DAY_MS);

export function assessDeal(
  d: DealFacts,
  now: number,
  today: string,
  rules: Pick<Rules, 'staleDays' | 'dealRisk'>,
): AssessedDeal {
  const r = rules.dealRisk;
  const w: RiskWarning[] = [];
  const lastActivity = Math.max(d.stageChangedAt, d.lastConversationAt ?? 0);
  if (daysSince(now, lastActivity) >= rules.staleDays) w.push({ code: 'noActivity', text: `${daysSince(now, lastActivity)}天无动态` });
  if (d.lastOursAt !== null && (d.lastTheirsAt === null || d.lastTheirsAt < d.lastOursAt) && daysSince(now, d.lastOursAt) >= r.silentDays) {
    w.push({ code: 'customerSilent', text: `客户${daysSince(now, d.lastOursAt)}天未回复` });
  }
  if (d.expectedCloseDate && d.expectedCloseDate < today) {
    w.push({ code: 'overdue', text: `已过预计成交日${daysBetween(d.expectedCloseDate, today)}天` });
  }
  if (d.negativeCategories.length) {
    w.push({ code: 'negativeSignals', text: `负面信号：${d.negativeCategories.map((c) => CATEGORY_LABELS[c]).join('、')}` });
  }
  if (d.typicalStageMs !== null && now - d.stageChangedAt > d.typicalStageMs * r.stuckMultiplier) {
    w.push({
      code: 'stuck',
      text: `在${d.stage}已${daysSince(now, d.stageChangedAt)}天（团队通常${Math.max(1, Math.round(d.typicalStageMs / DAY_MS))}天）`,
    });
  }
  if (stageRank(d.stage) >= stageRank(r.decisionMakerFromStage) && !d.decisionMakerKnown) w.push({ code: 'noDecisionMaker', text: '未接触决策人' });
  if (stageRank(d.stage) >= stageRank(r.priceFromStage) && !d.priceDiscussed) w.push({ code: 'priceNotDiscussed', text: '未谈过价格' });
  if (d.contacts === 1) w.push({ code: 'singleContact', text: '仅1位联系人' });
  return { deal: d, warnings: w, score: w.reduce((s, x) => s + WEIGHTS[x.code], 0) };
}

export function rankDeals(deals: AssessedDeal[]): AssessedDeal[] {
  return [...deals].sort((a, b) => b.score - a.score || b.deal.amount - a.deal.amount || a.deal.label.localeCompare(b.deal.label, 'zh'));
}

/**
 * The team's usual time in each open stage: the median of completed stints that ended on or after
 * `since`, for stages with at least `minSamples` of them.
 */
export function typicalStageTimes(history: StageChange[], since: number, minSamples: number): Partial<Record<OpenStage, number>> {
  const byOpp = groupBy(history, (c) => c.opportunityId);
  const stints = new Map<OpenStage, number[]>(OPEN_STAGES.map((s) => [s, []]));
  for (const changes of byOpp.values()) {
    changes.sort((a, b) => a.changedAt - b.changedAt);
    for (let i = 0; i + 1 < changes.length; i++) {
      const cur = changes[i]!;
      const next = changes[i + 1]!;
      if (isOpenStage(cur.toStage) && next.changedAt >= since) stints.get(cur.toStage)!.push(next.changedAt - cur.changedAt);
    }
  }
  const result: Partial<Record<OpenStage, number>> = {};
  for (const [stage, list] of stints) if (list.length >= minSamples) result[stage] = median(list)!;
  return result;
}
