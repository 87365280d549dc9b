import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RULES, loadRules, mergeRules } from '../../../src/domain/rules.ts';
import { tempDir } from '../../support/harness.ts';

describe('pipeline rules in the one rules file', () => {
  it('defaults follow the seeds', () => {
    expect(DEFAULT_RULES.staleDays).toBe(14);
    expect(DEFAULT_RULES.mot).toMatchObject({ stage: 'T3', facts: ['budget', 'timeline', 'decision_maker'] });
    expect(DEFAULT_RULES.forecast.weeks).toBe(13);
    expect(DEFAULT_RULES.committed.stages).toEqual(['T4']);
    expect(DEFAULT_RULES.staleAutoDemote).toBe(false);
  });

  it('merges nested groups key by key and replaces lists', () => {
    const r = mergeRules(DEFAULT_RULES, { staleDays: 21, mot: { minConfidence: 0.8 }, dealRisk: { silentDays: 5 }, lostReasons: ['价格', '其他'] });
    expect(r.staleDays).toBe(21);
    expect(r.mot).toEqual({ ...DEFAULT_RULES.mot, minConfidence: 0.8 });
    expect(r.dealRisk.silentDays).toBe(5);
    expect(r.dealRisk.priceTerms).toEqual(DEFAULT_RULES.dealRisk.priceTerms);
    expect(r.lostReasons).toEqual(['价格', '其他']);
    expect(r.stageProbabilities).toEqual(DEFAULT_RULES.stageProbabilities);
  });

  it('refuses a bad file with the path of each wrong value', () => {
    const dir = tempDir();
    const file = join(dir.path, 'rules.yaml');
    writeFileSync(file, 'staleDays: 0\nmot:\n  facts: [budget, gossip]\nforecast:\n  weeks: 2\n');
    try {
      expect(() => loadRules(file)).toThrow(/staleDays[\s\S]*mot\.facts\.1[\s\S]*forecast\.weeks/);
    } finally {
      dir.cleanup();
    }
  });
});
