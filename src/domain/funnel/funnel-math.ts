// Funnel maths as pure functions over plain data (seed 003): stage totals, conversion,
// weighted pipeline, reserve against the safety level, weekly reserve series and its trend.
import { OPEN_STAGES, isOpenStage, stageRank, type OpenStage, type Stage } from '../stages.ts';
import type { Rules } from '../rules.ts';
import type { Opportunity, StageChange } from '../types.ts';

export interface StageLine {
  stage: OpenStage;
  count: number;
  amount: number;
}

export interface FunnelSummary {
  stages: StageLine[];
  openCount: number;
  openAmount: number;
  weightedAmount: number;
}

/** One opportunity, or a pre-aggregated group of `count` opportunities with their total amount. */
type Countable = Pick<Opportunity, 'stage' | 'amount'> & { count?: number };

export function funnelSummary(opportunities: Countable[], rules: Pick<Rules, 'stageProbabilities'>): FunnelSummary {
  const stages: StageLine[] = OPEN_STAGES.map((stage) => ({ stage, count: 0, amount: 0 }));
  let weighted = 0;
  for (const o of opportunities) {
    if (!isOpenStage(o.stage)) continue;
    const line = stages[OPEN_STAGES.indexOf(o.stage)]!;
    line.count += o.count ?? 1;
    line.amount += o.amount;
    weighted += o.amount * rules.stageProbabilities[o.stage];
  }
  return {
    stages,
    openCount: stages.reduce((s, l) => s + l.count, 0),
    openAmount: stages.reduce((s, l) => s + l.amount, 0),
    weightedAmount: weighted,
  };
}

export function weightedPipeline(opportunities: Countable[], rules: Pick<Rules, 'stageProbabilities'>): number {
  return funnelSummary(opportunities, rules).weightedAmount;
}

/** Open opportunities at or above a stage: the reserve that stage's safety level guards. */
export function reserveAtOrAbove(stages: Iterable<Stage>, stage: OpenStage): number {
  const min = stageRank(stage);
  let n = 0;
  for (const s of stages) if (isOpenStage(s) && stageRank(s) >= min) n += 1;
  return n;
}

export interface ReserveCheck {
  stage: OpenStage;
  count: number;
  level: number;
  /** How many are missing to reach the level (0 when met). */
  gap: number;
  ok: boolean;
}

export function reserveChecks(stages: Stage[], rules: Pick<Rules, 'safetyLevels'>): ReserveCheck[] {
  const checks: ReserveCheck[] = [];
  for (const stage of OPEN_STAGES) {
    const level = rules.safetyLevels[stage];
    if (level === undefined) continue;
    checks.push(reserveCheck(stage, reserveAtOrAbove(stages, stage), level));
  }
  return checks;
}

/** One stage's reserve against its safety level. */
export function reserveCheck(stage: OpenStage, count: number, level: number): ReserveCheck {
  return { stage, count, level, gap: Math.max(0, level - count), ok: count >= level };
}

export interface ConversionRate {
  from: OpenStage;
  to: Stage;
  entered: number;
  advanced: number;
  /** advanced / entered, or null when nothing entered the stage in the window. */
  rate: number | null;
}

/**
 * Stage-to-stage conversion over a window: of the opportunities that first entered stage S
 * inside [from, to], the share that later reached a higher stage (skips count; LOST does not).
 */
export function conversionRates(history: StageChange[], from: number, to: number): ConversionRate[] {
  const byOpp = groupByOpportunity(history);
  const entered = new Array<number>(OPEN_STAGES.length).fill(0);
  const advanced = new Array<number>(OPEN_STAGES.length).fill(0);
  for (const changes of byOpp.values()) {
    const firstEntry = new Map<number, number>();
    let maxRankAfter: number[] = [];
    for (const c of changes) {
      const r = stageRank(c.toStage);
      if (r >= 0 && r < OPEN_STAGES.length && !firstEntry.has(r)) firstEntry.set(r, c.changedAt);
    }
    maxRankAfter = OPEN_STAGES.map((_, rank) => {
      const since = firstEntry.get(rank);
      if (since === undefined) return -1;
      let max = -1;
      for (const c of changes) if (c.changedAt >= since && c.changedAt <= to) max = Math.max(max, stageRank(c.toStage));
      return max;
    });
    for (const [rank, at] of firstEntry) {
      if (at < from || at > to) continue;
      entered[rank]! += 1;
      if (maxRankAfter[rank]! > rank) advanced[rank]! += 1;
    }
  }
  return OPEN_STAGES.map((stage, rank) => ({
    from: stage,
    to: rank + 1 < OPEN_STAGES.length ? OPEN_STAGES[rank + 1]! : 'WIN',
    entered: entered[rank]!,
    advanced: advanced[rank]!,
    rate: entered[rank]! > 0 ? advanced[rank]! / entered[rank]! : null,
  }));
}

function groupByOpportunity(history: StageChange[]): Map<string, StageChange[]> {
  const byOpp = new Map<string, StageChange[]>();
  for (const c of history) {
    let list = byOpp.get(c.opportunityId);
    if (!list) byOpp.set(c.opportunityId, (list = []));
    list.push(c);
  }
  for (const list of byOpp.values()) list.sort((a, b) => a.changedAt - b.changedAt);
  return byOpp;
}

/** The stage each opportunity was in at instant t (opportunities not yet created are absent). */
export function stagesAt(history: StageChange[], t: number): Stage[] {
  const result: Stage[] = [];
  for (const changes of groupByOpportunity(history).values()) {
    let stage: Stage | null = null;
    for (const c of changes) {
      if (c.changedAt > t) break;
      stage = c.toStage;
    }
    if (stage) result.push(stage);
  }
  return result;
}

/**
 * Reserve at or above `stage` at each instant in `points` (ascending), rebuilt from history in
 * one pass per opportunity, so weeks in the past are reconstructed exactly.
 */
export function reserveSeries(history: StageChange[], points: number[], stage: OpenStage): number[] {
  const min = stageRank(stage);
  const series = new Array<number>(points.length).fill(0);
  for (const changes of groupByOpportunity(history).values()) {
    let i = 0;
    let current: Stage | null = null;
    for (let p = 0; p < points.length; p++) {
      const t = points[p]!;
      while (i < changes.length && changes[i]!.changedAt <= t) current = changes[i++]!.toStage;
      if (current && isOpenStage(current) && stageRank(current) >= min) series[p]! += 1;
    }
  }
  return series;
}

export interface Trend {
  slope: number;
  intercept: number;
  /** Coefficient of determination; null when the series is flat (no variance to explain). */
  r2: number | null;
}

/** Least-squares line through (1, y1) … (n, yn), as a manager reads it: y = slope·x + intercept. */
export function linearTrend(values: number[]): Trend {
  const n = values.length;
  if (n === 0) return { slope: 0, intercept: 0, r2: null };
  if (n === 1) return { slope: 0, intercept: values[0]!, r2: null };
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  values.forEach((y, i) => {
    const x = i + 1;
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  });
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const intercept = (sy - slope * sx) / n;
  const mean = sy / n;
  let ssTot = 0, ssRes = 0;
  values.forEach((y, i) => {
    const fit = slope * (i + 1) + intercept;
    ssTot += (y - mean) ** 2;
    ssRes += (y - fit) ** 2;
  });
  return { slope, intercept, r2: ssTot === 0 ? null : 1 - ssRes / ssTot };
}
