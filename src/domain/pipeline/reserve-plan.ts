// Seed 003's 灌溉: a rep below the safety level needs new leads; how many per week follows from
// the gap and the team's conversion from a new lead up to the guarded stage.
import type { ConversionRate, ReserveCheck } from '../funnel/funnel-math.ts';
import { stageRank, type OpenStage } from '../stages.ts';

/** Share of new leads (T0) that reach `stage`, from stage-to-stage rates; null when unknown or zero. */
export function leadToStageRate(rates: ConversionRate[], stage: OpenStage): number | null {
  let rate = 1;
  for (const r of rates) {
    if (stageRank(r.from) >= stageRank(stage)) break;
    if (r.rate === null || r.rate === 0) return null;
    rate *= r.rate;
  }
  return rate;
}

export interface RecoveryPlan {
  stage: OpenStage;
  gap: number;
  /** New leads needed per week to close the gap within `weeks`; null when conversion is unknown. */
  leadsPerWeek: number | null;
  weeks: number;
}

export function recoveryPlan(check: ReserveCheck, rates: ConversionRate[], weeks: number): RecoveryPlan {
  const rate = leadToStageRate(rates, check.stage);
  return {
    stage: check.stage,
    gap: check.gap,
    leadsPerWeek: rate === null ? null : Math.ceil(check.gap / rate / weeks),
    weeks,
  };
}
