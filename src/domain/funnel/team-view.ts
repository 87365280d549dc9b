// The manager's side-by-side view: one row per rep, flagged when below the team average or
// below the safety level (seed 003: 储备低于均值者 need 灌溉).
import type { FunnelSummary, ReserveCheck } from './funnel-math.ts';

export interface RepFunnel {
  userId: string;
  name: string;
  summary: FunnelSummary;
  reserve: ReserveCheck[];
}

export interface TeamRow extends RepFunnel {
  /** Primary reserve (highest checked stage) below the team's average. */
  belowAverage: boolean;
  belowSafety: boolean;
}

export interface TeamView {
  rows: TeamRow[];
  /** Team average of the primary reserve count. */
  average: number;
  totalOpen: number;
  totalAmount: number;
  totalWeighted: number;
}

/** The reserve the team view ranks on: the highest stage with a safety level (T3 by default). */
export function primaryReserve(reserve: ReserveCheck[]): ReserveCheck | undefined {
  return reserve.at(-1);
}

export function teamView(reps: RepFunnel[]): TeamView {
  const counts = reps.map((r) => primaryReserve(r.reserve)?.count ?? 0);
  const average = counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0;
  const rows = reps
    .map((r, i) => ({
      ...r,
      belowAverage: counts[i]! < average,
      belowSafety: r.reserve.some((c) => !c.ok),
    }))
    .sort((a, b) => (primaryReserve(b.reserve)?.count ?? 0) - (primaryReserve(a.reserve)?.count ?? 0) || a.name.localeCompare(b.name, 'zh'));
  return {
    rows,
    average,
    totalOpen: reps.reduce((s, r) => s + r.summary.openCount, 0),
    totalAmount: reps.reduce((s, r) => s + r.summary.openAmount, 0),
    totalWeighted: reps.reduce((s, r) => s + r.summary.weightedAmount, 0),
  };
}
