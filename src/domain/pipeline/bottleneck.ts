// Seed 000's sales formula and its 3-2-1 method: 业绩 = 潜客数 × 触达率 × 转化率 × 客单价 × 复购率.
// Each factor is measured over a window and set against the median rep of the comparison group;
// the three weakest are the candidate bottlenecks, the weakest one the suggested focus. Because
// the factors multiply, lifting one factor to the median lifts the result by median / value.

export const FACTORS = ['leads', 'reach', 'conversion', 'dealSize', 'repeat'] as const;
export type Factor = (typeof FACTORS)[number];

export const FACTOR_LABELS: Record<Factor, string> = {
  leads: '潜客数',
  reach: '触达率',
  conversion: '转化率',
  dealSize: '客单价',
  repeat: '复购率',
};

/** Raw counts over the window, for one rep or summed over several. */
export interface FactorCounts {
  /** Reps counted (1 for one rep); 潜客数 is per head so a team compares with a rep. */
  heads: number;
  /** Deals created in the window. */
  leads: number;
  /** Deals worked in the window: open, or closed inside it. */
  worked: number;
  /** Worked deals whose customer gave access to the decision maker. */
  reached: number;
  /** Reps (of `heads`) with conversation records in the window; worked/reached count only theirs. */
  conversations: number;
  wins: number;
  losses: number;
  wonAmount: number;
  /** Wins whose customer had bought from us before. */
  repeatWins: number;
}

export const EMPTY_COUNTS: FactorCounts = {
  heads: 0, leads: 0, worked: 0, reached: 0, conversations: 0, wins: 0, losses: 0, wonAmount: 0, repeatWins: 0,
};

export function addCounts(list: FactorCounts[]): FactorCounts {
  const total = { ...EMPTY_COUNTS };
  for (const c of list) for (const k of Object.keys(total) as (keyof FactorCounts)[]) total[k] += c[k];
  return total;
}

export type FactorValue = { value: number; reason?: undefined } | { value: null; reason: string };

export function factorValues(c: FactorCounts): Record<Factor, FactorValue> {
  const v = (value: number): FactorValue => ({ value });
  const none = (reason: string): FactorValue => ({ value: null, reason });
  const closed = c.wins + c.losses;
  return {
    leads: c.heads > 0 ? v(c.leads / c.heads) : none('没有销售'),
    reach: c.conversations === 0 ? none('没有沟通记录，无法判断是否接触到决策人') : c.worked === 0 ? none('没有在跟的商机') : v(c.reached / c.worked),
    conversion: closed === 0 ? none('窗口内没有赢单或输单') : v(c.wins / closed),
    dealSize: c.wins === 0 ? none('窗口内没有赢单') : v(c.wonAmount / c.wins),
    repeat: c.wins === 0 ? none('窗口内没有赢单') : v(c.repeatWins / c.wins),
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface FactorLine {
  factor: Factor;
  value: number | null;
  /** Why the value is missing. */
  reason?: string;
  median: number | null;
  /** value / median; 1 when both are 0; null when either is unknown. */
  ratio: number | null;
}

export interface Diagnosis {
  lines: FactorLine[];
  /** Up to three computable factors, weakest first (the "3"). */
  weakest: FactorLine[];
  /** The one to work on (the "1"), or null when nothing can be computed. */
  focus: FactorLine | null;
  /** Estimated result change if the focus factor reached the median (0.35 = +35%), when below it. */
  focusUplift: number | null;
}

/** Medians of each factor over a group of reps (unknown values left out). */
export function factorMedians(group: FactorCounts[]): Record<Factor, number | null> {
  const values = group.map(factorValues);
  return Object.fromEntries(
    FACTORS.map((f) => [f, median(values.map((v) => v[f].value).filter((x): x is number => x !== null))]),
  ) as Record<Factor, number | null>;
}

export function diagnose(subject: FactorCounts, medians: Record<Factor, number | null>): Diagnosis {
  const values = factorValues(subject);
  const lines: FactorLine[] = FACTORS.map((factor) => {
    const { value, reason } = values[factor];
    const m = medians[factor];
    let ratio: number | null = null;
    if (value !== null && m !== null) ratio = m > 0 ? value / m : value > 0 ? Infinity : 1;
    return { factor, value, ...(reason ? { reason } : {}), median: m, ratio };
  });
  const weakest = lines
    .filter((l) => l.ratio !== null)
    .sort((a, b) => a.ratio! - b.ratio! || FACTORS.indexOf(a.factor) - FACTORS.indexOf(b.factor))
    .slice(0, 3);
  const focus = weakest[0] ?? null;
  const focusUplift = focus && focus.ratio! < 1 && focus.ratio! > 0 ? 1 / focus.ratio! - 1 : null;
  return { lines, weakest, focus, focusUplift };
}
