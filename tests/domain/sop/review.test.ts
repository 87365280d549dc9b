import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, retireVerdict, reviewMonth, type CardPeriodStats } from '../../../src/domain/sop/review.ts';

const s = (cardId: string, pushes: number, full: number, partial: number, none: number): CardPeriodStats => ({
  cardId,
  pushes,
  used: full + partial + none,
  full,
  partial,
  none,
});

describe('monthly retirement rule (usage < 15% and 不适用 > 40%, at least 10 pushes)', () => {
  it('retires a card that is rarely used and mostly judged unfit', () => {
    expect(retireVerdict(s('A', 20, 0, 1, 1), DEFAULT_THRESHOLDS)).toEqual({ retire: true });
  });

  it('does not judge a card with too few pushes, however bad', () => {
    expect(retireVerdict(s('A', 9, 0, 0, 1), DEFAULT_THRESHOLDS)).toEqual({ retire: false, because: 'too_few_pushes' });
    expect(retireVerdict(s('A', 10, 0, 0, 1), DEFAULT_THRESHOLDS)).toEqual({ retire: true });
  });

  it('keeps a card whose usage is exactly on the threshold', () => {
    // 3 of 20 pushes used = 15%, all three 不适用
    expect(retireVerdict(s('A', 20, 0, 0, 3), DEFAULT_THRESHOLDS)).toEqual({ retire: false, because: 'usage_ok' });
    expect(retireVerdict(s('A', 21, 0, 0, 3), DEFAULT_THRESHOLDS)).toEqual({ retire: true });
  });

  it('keeps a card whose negative share is exactly on the threshold', () => {
    // 5 used of 40 pushes (12.5%), 2 of 5 不适用 = 40%
    expect(retireVerdict(s('A', 40, 3, 0, 2), DEFAULT_THRESHOLDS)).toEqual({ retire: false, because: 'negative_ok' });
    expect(retireVerdict(s('A', 40, 2, 0, 3), DEFAULT_THRESHOLDS)).toEqual({ retire: true });
  });

  it('does not count 部分适用 as negative', () => {
    expect(retireVerdict(s('A', 40, 0, 5, 0), DEFAULT_THRESHOLDS).retire).toBe(false);
  });

  it('does not retire a card nobody answered (no negative share to judge)', () => {
    expect(retireVerdict(s('A', 30, 0, 0, 0), DEFAULT_THRESHOLDS)).toEqual({ retire: false, because: 'no_feedback' });
  });

  it('follows configured thresholds', () => {
    expect(retireVerdict(s('A', 20, 1, 0, 2), { usageBelowPct: 20, negativeAbovePct: 50, minPushes: 5 })).toEqual({ retire: true });
    expect(retireVerdict(s('A', 20, 1, 0, 2), DEFAULT_THRESHOLDS).retire).toBe(false);
  });
});

describe('month review report contents', () => {
  it('lists retired cards, the three to improve (worst first) and the most useful', () => {
    const review = reviewMonth(
      [
        s('SOP-01', 20, 0, 0, 2), // retired
        s('SOP-02', 30, 2, 2, 6), // worst among the rest
        s('SOP-03', 30, 6, 2, 2),
        s('SOP-04', 30, 8, 1, 1),
        s('SOP-05', 30, 10, 0, 0),
        s('SOP-06', 30, 5, 0, 0),
        s('SOP-07', 0, 0, 0, 0),
      ],
      DEFAULT_THRESHOLDS,
    );
    expect(review.retire.map((x) => x.cardId)).toEqual(['SOP-01']);
    expect(review.improve.map((x) => x.cardId)).toEqual(['SOP-02', 'SOP-03', 'SOP-04']);
    expect(review.useful.map((x) => x.cardId)).toEqual(['SOP-05', 'SOP-06']);
    expect(review.totals).toEqual({ cards: 7, pushes: 170, used: 47, none: 11 });
  });
});
