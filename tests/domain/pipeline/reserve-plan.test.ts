import { describe, expect, it } from 'vitest';
import { leadToStageRate, recoveryPlan } from '../../../src/domain/pipeline/reserve-plan.ts';
import type { ConversionRate } from '../../../src/domain/funnel/funnel-math.ts';

const rates = (values: (number | null)[]): ConversionRate[] =>
  (['T0', 'T1', 'T2', 'T3', 'T4'] as const).map((from, i) => ({ from, to: 'T1', entered: 10, advanced: 5, rate: values[i] ?? null }));

describe('recovery plan for a rep below the safety level', () => {
  it('turns the gap into new leads per week through the team conversion', () => {
    const r = rates([0.5, 0.5, 0.4, 0.3, 0.2]);
    expect(leadToStageRate(r, 'T3')).toBeCloseTo(0.1); // 0.5 × 0.5 × 0.4
    expect(leadToStageRate(r, 'T1')).toBe(0.5);
    expect(leadToStageRate(r, 'T0')).toBe(1);
    // 3 missing at T3, 10% of leads reach T3, over 4 weeks: 30 leads, 8 a week (rounded up).
    expect(recoveryPlan({ stage: 'T3', count: 2, level: 5, gap: 3, ok: false }, r, 4)).toEqual({ stage: 'T3', gap: 3, leadsPerWeek: 8, weeks: 4 });
  });

  it('says nothing it cannot know', () => {
    expect(recoveryPlan({ stage: 'T3', count: 0, level: 5, gap: 5, ok: false }, rates([0.5, null, 0.4]), 4).leadsPerWeek).toBeNull();
    expect(leadToStageRate(rates([0.5, 0, 0.4]), 'T3')).toBeNull();
  });
});
