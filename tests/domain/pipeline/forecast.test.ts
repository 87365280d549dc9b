import { describe, expect, it } from 'vitest';
import { buildForecast, forecastError, mondayOf, monthRange, quarterRange, type ForecastDeal } from '../../../src/domain/pipeline/forecast.ts';
import { DEFAULT_RULES } from '../../../src/domain/rules.ts';

const deal = (id: string, stage: ForecastDeal['stage'], amount: number, expectedCloseDate: string | null, committed = false): ForecastDeal => ({
  id, label: id, ownerId: 'u1', stage, amount, expectedCloseDate, committed,
});

describe('calendar helpers', () => {
  it('finds the Monday of any date and the month and quarter around it', () => {
    expect(mondayOf('2026-05-13')).toBe('2026-05-11'); // Wednesday
    expect(mondayOf('2026-05-11')).toBe('2026-05-11');
    expect(mondayOf('2026-05-17')).toBe('2026-05-11'); // Sunday
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
    expect(monthRange('2026-12-05')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(quarterRange('2026-05-13')).toEqual({ from: '2026-04-01', to: '2026-07-01' });
    expect(quarterRange('2026-11-30')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
  });
});

describe('forecast', () => {
  // Probabilities: T1 0.1, T2 0.25, T3 0.5, T4 0.75.
  const today = '2026-05-13';
  const deals = [
    deal('a', 'T4', 400_000, '2026-05-20', true), // this month, week of 5/18
    deal('b', 'T3', 200_000, '2026-05-29'), //       this month, week of 5/25
    deal('c', 'T2', 100_000, '2026-06-15'), //       quarter, week of 6/15
    deal('d', 'T1', 50_000, null), //                undated
    deal('e', 'T3', 80_000, '2026-05-04'), //        overdue (before this week), still this month
    deal('f', 'T4', 300_000, '2026-09-30', true), // beyond 13 weeks
  ];
  const wins = [
    { amount: 70_000, date: '2026-05-02' },
    { amount: 30_000, date: '2026-04-20' },
    { amount: 999, date: '2026-03-31' }, // last quarter
  ];
  const f = buildForecast({ today, deals, wins }, DEFAULT_RULES);

  it('splits this month and quarter into won, committed and weighted', () => {
    expect(f.month).toEqual({ from: '2026-05-01', to: '2026-06-01', won: 70_000, committed: 400_000, weighted: 300_000 + 100_000 + 40_000, deals: 3 });
    expect(f.quarter).toMatchObject({ won: 100_000, committed: 400_000, weighted: 440_000 + 25_000, deals: 4 });
  });

  it('buckets 13 weeks by expected close week, starting this Monday', () => {
    expect(f.weeks).toHaveLength(13);
    expect(f.weeks[0]!.week).toBe('2026-05-11');
    expect(f.weeks[12]!.week).toBe('2026-08-03');
    expect(f.weeks[1]).toEqual({ week: '2026-05-18', deals: 1, amount: 400_000, weighted: 300_000, committed: 400_000 });
    expect(f.weeks[2]).toMatchObject({ week: '2026-05-25', deals: 1, weighted: 100_000, committed: 0 });
    expect(f.weeks[5]).toMatchObject({ week: '2026-06-15', deals: 1, weighted: 25_000 });
    expect(f.weeks.reduce((s, w) => s + w.deals, 0)).toBe(3);
    expect(f.beyond).toEqual({ deals: 1, weighted: 225_000, committed: 300_000 });
  });

  it('keeps undated and overdue deals apart, by name', () => {
    expect(f.undated.map((d) => d.id)).toEqual(['d']);
    expect(f.overdue.map((d) => d.id)).toEqual(['e']);
    expect(f.totalWeighted).toBe(300_000 + 100_000 + 25_000 + 5_000 + 40_000 + 225_000);
    expect(f.totalCommitted).toBe(700_000);
  });
});

describe('forecast error', () => {
  it('compares each week with what was won, hand-computed', () => {
    const e = forecastError(
      [
        { week: '2026-04-27', weighted: 100, committed: 50, actual: 80 },
        { week: '2026-04-20', weighted: 60, committed: 0, actual: 0 },
        { week: '2026-05-04', weighted: 40, committed: 40, actual: 120 },
      ],
      4,
    );
    expect(e.weeks.map((w) => w.week)).toEqual(['2026-04-20', '2026-04-27', '2026-05-04']);
    expect(e.forecastTotal).toBe(200);
    expect(e.actualTotal).toBe(200);
    expect(e.wape).toBeCloseTo((20 + 60 + 80) / 200);
    expect(e.bias).toBe(0);
    expect(e.enough).toBe(false);
  });

  it('gives no ratio when nothing was won', () => {
    expect(forecastError([{ week: '2026-04-20', weighted: 10, committed: 0, actual: 0 }], 1)).toMatchObject({ wape: null, bias: null, enough: true });
  });
});
