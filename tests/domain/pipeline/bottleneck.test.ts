import { describe, expect, it } from 'vitest';
import { EMPTY_COUNTS, addCounts, diagnose, factorMedians, factorValues, median, type FactorCounts } from '../../../src/domain/pipeline/bottleneck.ts';

const counts = (c: Partial<FactorCounts>): FactorCounts => ({ ...EMPTY_COUNTS, heads: 1, ...c });

describe('sales formula factors', () => {
  it('computes each factor from the counts', () => {
    const v = factorValues(counts({ leads: 12, worked: 10, reached: 4, conversations: 1, wins: 3, losses: 1, wonAmount: 900_000, repeatWins: 1 }));
    expect(v.leads.value).toBe(12);
    expect(v.reach.value).toBe(0.4);
    expect(v.conversion.value).toBe(0.75);
    expect(v.dealSize.value).toBe(300_000);
    expect(v.repeat.value).toBeCloseTo(1 / 3);
  });

  it('says why a factor cannot be computed', () => {
    const v = factorValues(counts({ leads: 2, worked: 5 }));
    expect(v.reach).toEqual({ value: null, reason: '没有沟通记录，无法判断是否接触到决策人' });
    expect(v.conversion.reason).toBe('窗口内没有赢单或输单');
    expect(v.dealSize.reason).toBe('窗口内没有赢单');
    expect(v.repeat.reason).toBe('窗口内没有赢单');
  });

  it('counts 潜客数 per head for a team', () => {
    const team = addCounts([counts({ leads: 10 }), counts({ leads: 4 })]);
    expect(team.heads).toBe(2);
    expect(factorValues(team).leads.value).toBe(7);
  });

  it('takes medians of odd and even groups', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('3-2-1 diagnosis', () => {
  // Group: three reps; subject is the first one.
  const a = counts({ leads: 6, worked: 10, reached: 2, conversations: 1, wins: 1, losses: 3, wonAmount: 400_000, repeatWins: 0 });
  const b = counts({ leads: 10, worked: 10, reached: 5, conversations: 1, wins: 2, losses: 2, wonAmount: 400_000, repeatWins: 1 });
  const c = counts({ leads: 14, worked: 10, reached: 6, conversations: 1, wins: 3, losses: 1, wonAmount: 900_000, repeatWins: 0 });
  const medians = factorMedians([a, b, c]);

  it('sets each factor against the median, hand-computed', () => {
    // leads 6 vs 10; reach .2 vs .5; conversion .25 vs .5; deal size 400k vs 300k (b: 200k, c: 300k); repeat 0 vs 0.
    expect(medians).toEqual({ leads: 10, reach: 0.5, conversion: 0.5, dealSize: 300_000, repeat: 0 });
    const d = diagnose(a, medians);
    const ratio = Object.fromEntries(d.lines.map((l) => [l.factor, l.ratio]));
    expect(ratio).toEqual({ leads: 0.6, reach: 0.4, conversion: 0.5, dealSize: 400_000 / 300_000, repeat: 1 });
    expect(d.weakest.map((l) => l.factor)).toEqual(['reach', 'conversion', 'leads']);
    expect(d.focus?.factor).toBe('reach');
    expect(d.focusUplift).toBeCloseTo(1.5); // 0.5 / 0.2 − 1
  });

  it('leaves uncomputable factors out of the ranking', () => {
    const d = diagnose(counts({ leads: 1, worked: 3 }), medians);
    expect(d.weakest.map((l) => l.factor)).toEqual(['leads']);
    expect(d.lines.find((l) => l.factor === 'conversion')).toMatchObject({ value: null, ratio: null });
  });

  it('has no focus when nothing can be computed', () => {
    const d = diagnose(counts({ heads: 0 }), factorMedians([]));
    expect(d.focus).toBeNull();
    expect(d.weakest).toEqual([]);
  });
});
