import { describe, expect, it } from 'vitest';
import { assessDeal, rankDeals, typicalStageTimes, type DealFacts } from '../../../src/domain/pipeline/deal-risk.ts';
import { DEFAULT_RULES } from '../../../src/domain/rules.ts';
import { DAY_MS } from '../../../src/domain/time.ts';

const NOW = Date.parse('2026-05-13T04:00:00Z');
const TODAY = '2026-05-13';
const healthy: DealFacts = {
  id: 'o1', label: '恒信CRM', stage: 'T3', amount: 100_000, expectedCloseDate: '2026-06-30',
  stageChangedAt: NOW - 2 * DAY_MS, lastConversationAt: NOW - DAY_MS, lastOursAt: NOW - 2 * DAY_MS, lastTheirsAt: NOW - DAY_MS,
  contacts: 3, decisionMakerKnown: true, priceDiscussed: true, negativeCategories: [], typicalStageMs: 20 * DAY_MS,
};
const codes = (d: Partial<DealFacts>) => assessDeal({ ...healthy, ...d }, NOW, TODAY, DEFAULT_RULES).warnings.map((w) => w.code);

describe('deal risk warnings', () => {
  it('gives a healthy deal none', () => {
    expect(codes({})).toEqual([]);
  });

  it('flags each risk on its own', () => {
    expect(codes({ stageChangedAt: NOW - 20 * DAY_MS, lastConversationAt: NOW - 15 * DAY_MS, lastOursAt: NOW - 16 * DAY_MS, lastTheirsAt: NOW - 15 * DAY_MS })).toEqual(['noActivity']);
    expect(codes({ lastOursAt: NOW - 4 * DAY_MS, lastTheirsAt: NOW - 6 * DAY_MS, lastConversationAt: NOW - 4 * DAY_MS })).toEqual(['customerSilent']);
    expect(codes({ lastOursAt: NOW - 2 * DAY_MS, lastTheirsAt: NOW - 6 * DAY_MS })).toEqual([]); // not silent for long yet
    expect(codes({ expectedCloseDate: '2026-05-10' })).toEqual(['overdue']);
    expect(codes({ contacts: 1 })).toEqual(['singleContact']);
    expect(codes({ contacts: 0 })).toEqual([]); // no contact data is not a single contact
    expect(codes({ decisionMakerKnown: false })).toEqual(['noDecisionMaker']);
    expect(codes({ decisionMakerKnown: false, stage: 'T1' })).toEqual([]); // only from T2
    expect(codes({ priceDiscussed: false })).toEqual(['priceNotDiscussed']);
    expect(codes({ priceDiscussed: false, stage: 'T2' })).toEqual([]); // only from T3
    expect(codes({ negativeCategories: ['competitor'] })).toEqual(['negativeSignals']);
    expect(codes({ stageChangedAt: NOW - 31 * DAY_MS, lastConversationAt: NOW - DAY_MS })).toEqual(['stuck']); // > 20 d × 1.5
    expect(codes({ stageChangedAt: NOW - 29 * DAY_MS, lastConversationAt: NOW - DAY_MS })).toEqual([]);
    expect(codes({ typicalStageMs: null, stageChangedAt: NOW - 100 * DAY_MS, lastConversationAt: NOW - DAY_MS })).toEqual([]);
  });

  it('writes warnings a rep can read', () => {
    const a = assessDeal({ ...healthy, expectedCloseDate: '2026-05-10', negativeCategories: ['competitor', 'price_objection'] }, NOW, TODAY, DEFAULT_RULES);
    expect(a.warnings.map((w) => w.text)).toEqual(['已过预计成交日3天', '负面信号：竞品、价格异议']);
  });

  it('ranks by risk, then amount', () => {
    const ranked = rankDeals([
      assessDeal({ ...healthy, id: 'calm', amount: 900_000 }, NOW, TODAY, DEFAULT_RULES),
      assessDeal({ ...healthy, id: 'small', amount: 10_000, contacts: 1 }, NOW, TODAY, DEFAULT_RULES),
      assessDeal({ ...healthy, id: 'big', amount: 500_000, contacts: 1 }, NOW, TODAY, DEFAULT_RULES),
      assessDeal({ ...healthy, id: 'late', expectedCloseDate: '2026-05-01' }, NOW, TODAY, DEFAULT_RULES),
    ]);
    expect(ranked.map((r) => r.deal.id)).toEqual(['late', 'big', 'small', 'calm']);
  });
});

describe("the team's usual time in a stage", () => {
  it('is the median of finished stints, when there are enough', () => {
    const h = (opp: string, stage: 'T0' | 'T1' | 'T2', day: number) => ({ opportunityId: opp, fromStage: null, toStage: stage, changedAt: day * DAY_MS });
    const history = [
      h('a', 'T0', 0), h('a', 'T1', 10), h('a', 'T2', 14),
      h('b', 'T0', 0), h('b', 'T1', 20),
      h('c', 'T0', 5), h('c', 'T1', 35),
      h('d', 'T1', 0), // still in T1: not a finished stint
    ];
    const typical = typicalStageTimes(history, 0, 3);
    expect(typical.T0).toBe(20 * DAY_MS); // stints 10, 20, 30
    expect(typical.T1).toBeUndefined(); // one finished stint only
    expect(typicalStageTimes(history, 25 * DAY_MS, 1).T0).toBe(30 * DAY_MS); // only stints ending after day 25
  });
});
