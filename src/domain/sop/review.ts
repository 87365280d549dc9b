// The monthly card review (seed 001): a card used by under 15% of its audience with over 40%
// negative feedback is retired; the report names the cards to improve first and the most useful.
// Rates are compared in integers so "exactly on the threshold" never depends on float rounding.

export type Verdict = 'full' | 'partial' | 'none';

export const VERDICT_LABELS: Record<Verdict, string> = { full: '完全适用', partial: '部分适用', none: '不适用' };

export interface CardPeriodStats {
  cardId: string;
  /** Pushes made in the period. */
  pushes: number;
  /** Of those, pushes the rep gave feedback on (feedback is how a rep says they used it). */
  used: number;
  full: number;
  partial: number;
  none: number;
}

export interface RetireThresholds {
  /** Retire only when usage is below this percentage … */
  usageBelowPct: number;
  /** … and the share of 不适用 among the feedback is above this percentage … */
  negativeAbovePct: number;
  /** … and the card was pushed at least this often in the period. */
  minPushes: number;
}

export const DEFAULT_THRESHOLDS: RetireThresholds = { usageBelowPct: 15, negativeAbovePct: 40, minPushes: 10 };

export const usageRate = (s: CardPeriodStats): number | null => (s.pushes ? s.used / s.pushes : null);
export const negativeRate = (s: CardPeriodStats): number | null => (s.used ? s.none / s.used : null);

export type RetireVerdict =
  | { retire: true }
  | { retire: false; because: 'too_few_pushes' | 'no_feedback' | 'usage_ok' | 'negative_ok' };

export function retireVerdict(s: CardPeriodStats, t: RetireThresholds): RetireVerdict {
  if (s.pushes < t.minPushes) return { retire: false, because: 'too_few_pushes' };
  if (s.used * 100 >= t.usageBelowPct * s.pushes) return { retire: false, because: 'usage_ok' };
  if (s.used === 0) return { retire: false, because: 'no_feedback' };
  if (s.none * 100 <= t.negativeAbovePct * s.used) return { retire: false, because: 'negative_ok' };
  return { retire: true };
}

export interface MonthReview {
  retire: CardPeriodStats[];
  /** Up to three cards with the most critical feedback, worst first. */
  improve: CardPeriodStats[];
  /** Up to three cards reps found most useful. */
  useful: CardPeriodStats[];
  totals: { cards: number; pushes: number; used: number; none: number };
}

const critical = (s: CardPeriodStats) => (s.none + 0.5 * s.partial) / s.used;
const helpful = (s: CardPeriodStats) => (s.full + 0.5 * s.partial) / s.used;

export function reviewMonth(stats: CardPeriodStats[], t: RetireThresholds): MonthReview {
  const byId = (a: CardPeriodStats, b: CardPeriodStats) => a.cardId.localeCompare(b.cardId);
  const retire = stats.filter((s) => retireVerdict(s, t).retire).sort(byId);
  const retired = new Set(retire.map((s) => s.cardId));
  const rest = stats.filter((s) => !retired.has(s.cardId) && s.used > 0);
  const improve = rest
    .filter((s) => s.none + s.partial > 0)
    .sort((a, b) => critical(b) - critical(a) || b.used - a.used || byId(a, b))
    .slice(0, 3);
  const improving = new Set(improve.map((s) => s.cardId));
  const useful = rest
    .filter((s) => !improving.has(s.cardId) && s.full > 0)
    .sort((a, b) => helpful(b) - helpful(a) || b.used - a.used || byId(a, b))
    .slice(0, 3);
  const sum = (f: (s: CardPeriodStats) => number) => stats.reduce((n, s) => n + f(s), 0);
  return {
    retire,
    improve,
    useful,
    totals: { cards: stats.length, pushes: sum((s) => s.pushes), used: sum((s) => s.used), none: sum((s) => s.none) },
  };
}
