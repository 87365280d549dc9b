import { describe, expect, it } from 'vitest';
import {
  conversionRates,
  funnelSummary,
  linearTrend,
  reserveChecks,
  reserveSeries,
  stagesAt,
} from '../../../src/domain/funnel/funnel-math.ts';
import { teamView } from '../../../src/domain/funnel/team-view.ts';
import { DEFAULT_RULES } from '../../../src/domain/rules.ts';
import type { StageChange } from '../../../src/domain/types.ts';

const D = 86_400_000;
const h = (opportunityId: string, toStage: StageChange['toStage'], day: number, fromStage: StageChange['fromStage'] = null): StageChange => ({
  opportunityId,
  fromStage,
  toStage,
  changedAt: day * D,
});

describe('funnelSummary', () => {
  it('counts and sums open stages and weights them by stage probability', () => {
    const s = funnelSummary(
      [
        { stage: 'T0', amount: 100_000 },
        { stage: 'T3', amount: 200_000 },
        { stage: 'T3', amount: 300_000 },
        { stage: 'WIN', amount: 999_000 },
        { stage: 'LOST', amount: 50_000 },
      ],
      DEFAULT_RULES,
    );
    expect(s.stages.find((l) => l.stage === 'T3')).toEqual({ stage: 'T3', count: 2, amount: 500_000 });
    expect(s.openCount).toBe(3);
    expect(s.openAmount).toBe(600_000);
    // 100k × 0.05 + 500k × 0.5
    expect(s.weightedAmount).toBeCloseTo(255_000);
  });

  it('accepts pre-aggregated rows', () => {
    const s = funnelSummary([{ stage: 'T4', amount: 400_000, count: 4 }], DEFAULT_RULES);
    expect(s.openCount).toBe(4);
    expect(s.weightedAmount).toBeCloseTo(300_000);
  });
});

describe('reserveChecks', () => {
  it('counts open deals at or above each checked stage against its safety level', () => {
    const checks = reserveChecks(['T0', 'T1', 'T3', 'T3', 'T4', 'WIN', 'LOST'], DEFAULT_RULES);
    expect(checks).toEqual([
      { stage: 'T1', count: 4, level: 10, gap: 6, ok: false },
      { stage: 'T3', count: 3, level: 5, gap: 2, ok: false },
    ]);
  });

  it('is met exactly at the level', () => {
    const t3 = reserveChecks(['T3', 'T3', 'T3', 'T4', 'T4'], DEFAULT_RULES).find((c) => c.stage === 'T3');
    expect(t3).toMatchObject({ count: 5, gap: 0, ok: true });
  });
});

describe('conversionRates', () => {
  it('is the share of deals entering a stage in the window that later moved higher', () => {
    const history = [
      h('a', 'T0', 10), h('a', 'T1', 12, 'T0'), h('a', 'T2', 20, 'T1'),
      h('b', 'T0', 11), h('b', 'LOST', 15, 'T0'),
      h('c', 'T0', 1), h('c', 'T1', 30, 'T0'), // entered T0 before the window
      h('d', 'T1', 40), h('d', 'T3', 41, 'T1'), // skipped T2: still counts as T1 → higher
    ];
    const rates = conversionRates(history, 5 * D, 50 * D);
    const t0 = rates.find((r) => r.from === 'T0')!;
    expect(t0).toMatchObject({ entered: 2, advanced: 1, rate: 0.5 });
    const t1 = rates.find((r) => r.from === 'T1')!;
    expect(t1).toMatchObject({ entered: 3, advanced: 2 }); // a, c, d entered; a and d advanced
    expect(rates.find((r) => r.from === 'T4')!.rate).toBeNull();
  });
});

describe('stage history reconstruction', () => {
  const history = [
    h('a', 'T0', 0), h('a', 'T3', 10, 'T0'), h('a', 'LOST', 20, 'T3'),
    h('b', 'T1', 5), h('b', 'T3', 15, 'T1'),
    h('c', 'T3', 25),
  ];

  it('knows which stage each deal was in at an instant', () => {
    expect(stagesAt(history, 12 * D).sort()).toEqual(['T1', 'T3']);
    expect(stagesAt(history, 30 * D).sort()).toEqual(['LOST', 'T3', 'T3']);
  });

  it('rebuilds the weekly reserve at or above T3', () => {
    expect(reserveSeries(history, [4 * D, 12 * D, 17 * D, 22 * D, 26 * D], 'T3')).toEqual([0, 1, 2, 1, 2]);
  });
});

describe('linearTrend', () => {
  it('fits y = 2x + 1 exactly', () => {
    const t = linearTrend([3, 5, 7, 9]);
    expect(t.slope).toBeCloseTo(2);
    expect(t.intercept).toBeCloseTo(1);
    expect(t.r2).toBeCloseTo(1);
  });

  it('matches a hand-computed noisy series', () => {
    // x̄ = 2.5, ȳ = 5; Sxy = 6, Sxx = 5 → slope 1.2, intercept 2;
    // fitted 3.2 4.4 5.6 6.8 → SSres 2.8, SStot 10 → R² = 0.72
    const t = linearTrend([4, 3, 6, 7]);
    expect(t.slope).toBeCloseTo(1.2);
    expect(t.intercept).toBeCloseTo(2);
    expect(t.r2).toBeCloseTo(0.72, 5);
  });

  it('reports no R² for a flat series', () => {
    expect(linearTrend([5, 5, 5]).r2).toBeNull();
    expect(linearTrend([5, 5, 5]).slope).toBe(0);
  });
});

describe('teamView', () => {
  const rep = (name: string, t3: number) => ({
    userId: name,
    name,
    summary: funnelSummary([], DEFAULT_RULES),
    reserve: reserveChecks(new Array(t3).fill('T3'), { safetyLevels: { T3: 5 } }),
  });

  it('flags reps below the team average and below the safety level', () => {
    const view = teamView([rep('A', 8), rep('B', 3), rep('C', 6), rep('D', 5)]);
    expect(view.average).toBe(5.5);
    const byName = Object.fromEntries(view.rows.map((r) => [r.name, r]));
    expect(byName.B).toMatchObject({ belowAverage: true, belowSafety: true });
    expect(byName.D).toMatchObject({ belowAverage: true, belowSafety: false });
    expect(byName.A).toMatchObject({ belowAverage: false, belowSafety: false });
    expect(view.rows.map((r) => r.name)).toEqual(['A', 'C', 'D', 'B']);
  });
});
