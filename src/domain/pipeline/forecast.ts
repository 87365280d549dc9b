// Seed 004's forecast: committed deals (a signed intent or contract) kept apart from the
// probability-weighted pipeline, this month and quarter, and a 13-week rolling view by expected
// close week. Deals without an expected close date are listed, never guessed. Past weekly
// forecasts are compared with what was actually won, so the reader knows how far to trust them.
import type { Rules } from '../rules.ts';
import type { OpenStage } from '../stages.ts';
import { addDays } from '../time.ts';

/** How many overdue and undated deals a forecast names; the rest are counted. */
export const LISTED_DEALS = 8;

export interface ForecastDeal {
  id: string;
  /** What the rep calls it: the opportunity name or the customer's name. */
  label: string;
  ownerId: string;
  stage: OpenStage;
  amount: number;
  expectedCloseDate: string | null;
  committed: boolean;
}

export interface WonDeal {
  amount: number;
  /** Local date the deal was won. */
  date: string;
}

export interface PeriodForecast {
  from: string;
  /** Exclusive. */
  to: string;
  won: number;
  committed: number;
  weighted: number;
  deals: number;
}

export interface WeekBucket {
  /** Monday of the week. */
  week: string;
  deals: number;
  amount: number;
  weighted: number;
  committed: number;
}

export interface Forecast {
  today: string;
  month: PeriodForecast;
  quarter: PeriodForecast;
  weeks: WeekBucket[];
  /** Open deals whose expected close date is before this week. */
  overdue: ForecastDeal[];
  /** Expected after the rolling view. */
  beyond: { deals: number; weighted: number; committed: number };
  undated: ForecastDeal[];
  totalWeighted: number;
  totalCommitted: number;
}

/** Monday of the week containing a calendar date (calendar dates have no time zone). */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

export function monthRange(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${date.slice(0, 7)}-01`, to: next };
}

export function quarterRange(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  const from = `${y}-${String(first).padStart(2, '0')}-01`;
  const to = first === 10 ? `${y + 1}-01-01` : `${y}-${String(first + 3).padStart(2, '0')}-01`;
  return { from, to };
}

const inRange = (date: string, r: { from: string; to: string }) => date >= r.from && date < r.to;

export function weightOf(deal: Pick<ForecastDeal, 'stage' | 'amount'>, rules: Pick<Rules, 'stageProbabilities'>): number {
  return deal.amount * rules.stageProbabilities[deal.stage];
}

export function buildForecast(
  input: { today: string; deals: ForecastDeal[]; wins: WonDeal[] },
  rules: Pick<Rules, 'stageProbabilities' | 'forecast'>,
): Forecast {
  const { today, deals, wins } = input;
  const period = (r: { from: string; to: string }): PeriodForecast => ({
    ...r,
    won: wins.filter((w) => inRange(w.date, r)).reduce((s, w) => s + w.amount, 0),
    committed: 0,
    weighted: 0,
    deals: 0,
  });
  const month = period(monthRange(today));
  const quarter = period(quarterRange(today));
  const thisWeek = mondayOf(today);
  const weeks: WeekBucket[] = Array.from({ length: rules.forecast.weeks }, (_, k) => ({
    week: addDays(thisWeek, 7 * k),
    deals: 0,
    amount: 0,
    weighted: 0,
    committed: 0,
  }));
  const end = addDays(thisWeek, 7 * rules.forecast.weeks);
  const overdue: ForecastDeal[] = [];
  const undated: ForecastDeal[] = [];
  const beyond = { deals: 0, weighted: 0, committed: 0 };
  let totalWeighted = 0;
  let totalCommitted = 0;

  for (const deal of deals) {
    const weighted = weightOf(deal, rules);
    const committed = deal.committed ? deal.amount : 0;
    totalWeighted += weighted;
    totalCommitted += committed;
    const date = deal.expectedCloseDate;
    if (!date) {
      undated.push(deal);
      continue;
    }
    for (const p of [month, quarter]) {
      if (!inRange(date, p)) continue;
      p.deals += 1;
      p.weighted += weighted;
      p.committed += committed;
    }
    if (date < thisWeek) overdue.push(deal);
    else if (date >= end) {
      beyond.deals += 1;
      beyond.weighted += weighted;
      beyond.committed += committed;
    } else {
      const bucket = weeks[Math.floor(daysBetween(thisWeek, date) / 7)]!;
      bucket.deals += 1;
      bucket.amount += deal.amount;
      bucket.weighted += weighted;
      bucket.committed += committed;
    }
  }
  const byAmount = (a: ForecastDeal, b: ForecastDeal) => b.amount - a.amount;
  return { today, month, quarter, weeks, overdue: overdue.sort(byAmount), beyond, undated: undated.sort(byAmount), totalWeighted, totalCommitted };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What one week's forecast said (made at the start of that week) against what was won in it. */
export interface WeekOutcome {
  week: string;
  weighted: number;
  committed: number;
  actual: number;
}

export interface ForecastError {
  weeks: WeekOutcome[];
  forecastTotal: number;
  committedTotal: number;
  actualTotal: number;
  /** Σ|forecast − actual| / Σ actual: the share of the actual the weekly forecasts missed by; null without wins. */
  wape: number | null;
  /** (Σ forecast − Σ actual) / Σ actual: positive when forecasts ran high; null without wins. */
  bias: number | null;
  /** Enough weeks recorded to judge. */
  enough: boolean;
}

export function forecastError(weeks: WeekOutcome[], minWeeks: number): ForecastError {
  const sorted = [...weeks].sort((a, b) => a.week.localeCompare(b.week));
  const forecastTotal = sorted.reduce((s, w) => s + w.weighted, 0);
  const committedTotal = sorted.reduce((s, w) => s + w.committed, 0);
  const actualTotal = sorted.reduce((s, w) => s + w.actual, 0);
  const absolute = sorted.reduce((s, w) => s + Math.abs(w.weighted - w.actual), 0);
  return {
    weeks: sorted,
    forecastTotal,
    committedTotal,
    actualTotal,
    wape: actualTotal > 0 ? absolute / actualTotal : null,
    bias: actualTotal > 0 ? (forecastTotal - actualTotal) / actualTotal : null,
    enough: sorted.length >= minWeeks,
  };
}
