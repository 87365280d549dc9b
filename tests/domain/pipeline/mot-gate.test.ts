import { describe, expect, it } from 'vitest';
import { checkFacts, evaluateGate, gateApplies, isKnown } from '../../../src/domain/pipeline/mot-gate.ts';
import { DEFAULT_RULES } from '../../../src/domain/rules.ts';
import type { SignalCategory, Sentiment } from '../../../src/domain/insight/signal.ts';

const MOT = DEFAULT_RULES.mot;
const sig = (category: SignalCategory, sentiment: Sentiment, at: number, quote = `${category}-${sentiment}`, confidence = 0.9) => ({
  category, sentiment, at, quote, confidence,
});
const statuses = (checks: ReturnType<typeof checkFacts>) => Object.fromEntries(checks.map((c) => [c.fact, c.status]));

describe('MOT facts', () => {
  it('reports each fact missing when the customer said nothing', () => {
    const checks = checkFacts(MOT.facts, [], [], 0.5);
    expect(statuses(checks)).toEqual({ budget: 'missing', timeline: 'missing', decision_maker: 'missing' });
    expect(evaluateGate('T2', 'T3', checks, MOT).missing.map((c) => c.fact)).toEqual(['budget', 'timeline', 'decision_maker']);
  });

  it('is satisfied by positive signals, one fact each, with the quote kept', () => {
    const checks = checkFacts(MOT.facts, [sig('budget', 'positive', 1, '预算有50万'), sig('timeline', 'positive', 2)], [], 0.5);
    expect(statuses(checks)).toEqual({ budget: 'signal', timeline: 'signal', decision_maker: 'missing' });
    expect(checks[0]!.quote).toBe('预算有50万');
    const gate = evaluateGate('T2', 'T3', checks, MOT);
    expect(gate.passed).toBe(false);
    expect(gate.missing.map((c) => c.fact)).toEqual(['decision_maker']);
    const all = checkFacts(MOT.facts, [sig('budget', 'positive', 1), sig('timeline', 'positive', 2), sig('decision_maker', 'positive', 3)], [], 0.5);
    expect(evaluateGate('T2', 'T3', all, MOT).passed).toBe(true);
  });

  it('lets a later negative signal take a fact back, and a later positive restore it', () => {
    expect(statuses(checkFacts(['budget'], [sig('budget', 'positive', 1), sig('budget', 'negative', 2, '预算被砍了')], [], 0.5))).toEqual({ budget: 'negative' });
    expect(statuses(checkFacts(['budget'], [sig('budget', 'negative', 1), sig('budget', 'positive', 2)], [], 0.5))).toEqual({ budget: 'signal' });
  });

  it('ignores neutral and low-confidence signals', () => {
    const checks = checkFacts(['budget'], [sig('budget', 'neutral', 5), sig('budget', 'positive', 6, 'x', 0.3)], [], 0.5);
    expect(checks[0]!.status).toBe('missing');
  });

  it('accepts an explicit confirmation, unless the customer said otherwise afterwards', () => {
    const confirmed = [{ fact: 'decision_maker', confirmedAt: 10, confirmedBy: 'u1' }];
    expect(checkFacts(['decision_maker'], [], confirmed, 0.5)[0]!.status).toBe('confirmed');
    expect(checkFacts(['decision_maker'], [sig('decision_maker', 'negative', 5)], confirmed, 0.5)[0]!.status).toBe('confirmed');
    expect(checkFacts(['decision_maker'], [sig('decision_maker', 'negative', 20)], confirmed, 0.5)[0]!.status).toBe('negative');
    expect(isKnown(checkFacts(['decision_maker'], [], confirmed, 0.5)[0]!)).toBe(true);
  });

  it('applies only when a move crosses into 方案报价 or beyond from below', () => {
    expect(gateApplies('T2', 'T3', MOT)).toBe(true);
    expect(gateApplies('T1', 'T4', MOT)).toBe(true);
    expect(gateApplies('LOST', 'T3', MOT)).toBe(true);
    expect(gateApplies('T3', 'T4', MOT)).toBe(false);
    expect(gateApplies('T4', 'T3', MOT)).toBe(false);
    expect(gateApplies('T2', 'WIN', MOT)).toBe(false);
    expect(gateApplies('T2', 'LOST', MOT)).toBe(false);
    expect(gateApplies('T0', 'T2', MOT)).toBe(false);
    expect(evaluateGate('T3', 'T2', checkFacts(MOT.facts, [], [], 0.5), MOT)).toMatchObject({ applies: false, passed: true });
  });
});
