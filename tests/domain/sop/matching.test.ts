import { describe, expect, it } from 'vitest';
import { buildCardIndex, matchCards, type MatchContext, type MatchSignal } from '../../../src/domain/sop/matching.ts';
import { DAY_MS } from '../../../src/domain/time.ts';
import { card } from '../../support/sop-cards.ts';

const NOW = Date.parse('2026-11-10T10:00:00+08:00');
const sig = (category: MatchSignal['category'], sentiment: MatchSignal['sentiment'], daysAgo: number, quote: string): MatchSignal => ({
  category,
  sentiment,
  at: NOW - daysAgo * DAY_MS,
  quote,
});

const cards = [
  card({ id: 'GEN-T2', title: '通用T2', stages: '[T2]', triggers: '[]' }),
  card({ id: 'WIDE', title: '宽泛', stages: '[T0, T1, T2, T3, T4]', triggers: '[]' }),
  card({ id: 'TENDER', title: '招标准备', stages: '[T2, T3]', triggers: '[tender positive, tender neutral]' }),
  card({ id: 'PRICE', title: '价格谈判', stages: '[T3, T4]', triggers: '[price_objection negative]' }),
  card({ id: 'MED', title: '医疗合规', stages: '[T2, T3]', industries: '[医疗]', triggers: '[it_integration]' }),
  card({ id: 'KCARD', title: 'K类深耕', stages: '[T2, T3]', tier: 'K', triggers: '[]' }),
  card({ id: 'RCARD', title: 'R类快成', stages: '[T2]', tier: 'R', triggers: '[]' }),
  card({ id: 'NEWBIE', title: '新人拜访', stages: '[T2]', audience: 'new_hires', triggers: '[]' }),
];
const index = buildCardIndex(cards);
const ctx = (over: Partial<MatchContext> = {}): MatchContext => ({
  stage: 'T2',
  industry: '制造',
  tier: null,
  newHire: false,
  signals: [],
  now: NOW,
  ...over,
});
const ids = (c: MatchContext) => matchCards(index, c).map((m) => m.card.id);

describe('SOP card matching', () => {
  it('returns at most three cards, all fitting the stage', () => {
    const result = matchCards(index, ctx({ industry: '医疗', tier: 'K', newHire: true }));
    expect(result).toHaveLength(3);
    for (const m of result) expect(m.card.stages).toContain('T2');
    expect(ids(ctx({ stage: 'T4' }))).toEqual(['PRICE', 'WIDE']);
    expect(matchCards(index, ctx({ stage: 'WIN' }))).toEqual([]);
  });

  it('prefers cards written for fewer stages when nothing else differs', () => {
    expect(ids(ctx())).toEqual(['GEN-T2', 'TENDER', 'WIDE']);
  });

  it('puts a card triggered by a recent signal first and says why, quoting the customer', () => {
    const [first] = matchCards(index, ctx({ signals: [sig('tender', 'positive', 1, '下个月挂网招标，你们准备一下')] }));
    expect(first!.card.id).toBe('TENDER');
    expect(first!.reason).toBe('客户昨天提到招标：“下个月挂网招标，你们准备一下”；适用T2 有效商机阶段');
  });

  it('weighs a fresh signal above an old one', () => {
    const signals = [sig('tender', 'neutral', 13, '招标流程是怎样的'), sig('price_objection', 'negative', 0, '太贵了')];
    const result = matchCards(index, ctx({ stage: 'T3', signals }));
    expect(result.map((m) => m.card.id).slice(0, 2)).toEqual(['PRICE', 'TENDER']);
    expect(result[0]!.reason).toContain('客户今天提到价格异议：“太贵了”');
  });

  it('ignores a signal whose sentiment the card does not list', () => {
    const result = matchCards(index, ctx({ stage: 'T3', signals: [sig('price_objection', 'positive', 0, '价格可以接受')] }));
    expect(result.find((m) => m.card.id === 'PRICE')?.signal ?? null).toBeNull();
  });

  it('keeps industry cards to their industry and ranks them first there', () => {
    expect(ids(ctx({ industry: '制造' }))).not.toContain('MED');
    expect(ids(ctx({ industry: null }))).not.toContain('MED');
    const [first] = matchCards(index, ctx({ industry: '医疗' }));
    expect(first!.card.id).toBe('MED');
    expect(first!.reason).toContain('医疗行业专用');
  });

  it('matches K and R cards to their tier only', () => {
    expect(ids(ctx({ tier: 'K' }))[0]).toBe('KCARD');
    expect(ids(ctx({ tier: 'K' }))).not.toContain('RCARD');
    expect(ids(ctx({ tier: null }))).not.toContain('KCARD');
    expect(ids(ctx({ tier: 'R' }))[0]).toBe('RCARD');
    expect(matchCards(index, ctx({ tier: 'R' }))[0]!.reason).toContain('R类客户打法');
  });

  it('shows new-hire cards to new hires only', () => {
    expect(ids(ctx())).not.toContain('NEWBIE');
    const [first] = matchCards(index, ctx({ newHire: true }));
    expect(first!.card.id).toBe('NEWBIE');
    expect(first!.reason).toContain('新人必学');
  });

  it('lets colleagues\' feedback move a card up or down', () => {
    const good = new Map([['WIDE', { full: 9, partial: 1, none: 0 }]]);
    expect(ids(ctx({ feedback: good }))[0]).toBe('WIDE');
    expect(matchCards(index, ctx({ feedback: good }))[0]!.reason).toContain('同事反馈100%适用（10条）');
    const bad = new Map([['GEN-T2', { full: 0, partial: 1, none: 9 }]]);
    expect(ids(ctx({ feedback: bad }))).toEqual(['TENDER', 'WIDE', 'GEN-T2']);
  });

  it('skips excluded cards (pushed this week, retired)', () => {
    expect(ids(ctx({ exclude: new Set(['GEN-T2', 'TENDER']) }))).toEqual(['WIDE']);
  });

  it('with fresh signals, returns only the cards those signals trigger', () => {
    const fresh = [sig('tender', 'positive', 0, '下周发标书')];
    const result = matchCards(index, ctx({ stage: 'T3', signals: fresh, triggeredBy: fresh }));
    expect(result.map((m) => m.card.id)).toEqual(['TENDER']);
    expect(matchCards(index, ctx({ triggeredBy: [sig('budget', 'positive', 0, '预算批了')] }))).toEqual([]);
  });
});
