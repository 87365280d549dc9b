import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requiredCharSets } from '../../../src/domain/insight/required-chars.ts';
import { normalizeText } from '../../../src/domain/insight/normalize.ts';
import { compiledLexicon } from '../../../src/services/insight.ts';

const chars = (source: string) => {
  // The smallest set: the one that rejects most lines.
  const set = requiredCharSets(source)[0] ?? null;
  return set && String.fromCharCode(...set);
};

describe('requiredCharSets', () => {
  it('takes the narrowest term of a sequence and the union of alternatives', () => {
    expect(chars('\\d+x?(?:w|k|m)')).toBe('wkm');
    expect(chars('(?:ab|c)+x*')).toBe('ac');
    expect(chars('(?:\\d{1,2})y|q[1-4]')).toBe('yq');
    expect(chars('[a-c\\d]')).toBe('abc0123456789');
  });

  it('keeps every set a sequence needs, smallest first (a surname, a title and a verb)', () => {
    const sets = (source: string) => requiredCharSets(source).map((set) => String.fromCharCode(...set));
    expect(sets('[王李张]总(?:拍板|做主)')).toEqual(['总', '拍做', '王李张']);
    expect(sets('(?:ab|c)+x*')).toEqual(['ac']);
    expect(sets('a?|b')).toEqual([]);
  });

  it('guarantees nothing for what may match anything or nothing', () => {
    for (const source of ['a|', 'x*', 'a{0}b?', '.', '\\s+', '[^a]', '\\w', '(?=a)', '(a?)\\1', '\\p{L}', '\\u{1F600}'])
      expect(chars(source), source).toBeNull();
    expect(chars('[^,\\s]{0,4}b(?<!c.)')).toBe('b');
  });

  it('never rejects a fixture line that a grammar.yaml macro matches', () => {
    const dir = 'tests/fixtures';
    const lines = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()))
      .map((l) => normalizeText(JSON.parse(l).text as string).match);
    let matched = 0;
    for (const m of compiledLexicon().macros) {
      if (!m.required) continue;
      const re = new RegExp(m.re.source, 'gu');
      for (const line of lines) {
        for (const found of line.matchAll(re)) {
          matched += 1;
          for (const set of [m.required, ...m.alsoRequired]) expect([...found[0]].some((c) => set.has(c.charCodeAt(0))), `${m.name} on ${line}`).toBe(true);
        }
      }
    }
    expect(matched).toBeGreaterThan(100);
  });
});
