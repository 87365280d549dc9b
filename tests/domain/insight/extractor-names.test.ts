// Customer names inside a line: a word wholly inside a name is part of the name, not a signal
// (360 is no amount, the 不 of 不凡 negates nothing), while words around it still count, and a
// competitor's name keeps its meaning even when a customer carries it.
import { describe, expect, it } from 'vitest';
import { insightRuntime } from '../../support/signal-pairs.ts';
import { createNameIndex, findNames } from '../../../src/domain/insight/customer-names.ts';
import { normalizeText } from '../../../src/domain/insight/normalize.ts';

const index = createNameIndex([
  { id: 'c-360', name: '三六零安全科技股份有限公司', ownerId: 'li', aliases: ['360'] },
  { id: 'c-htb', name: '合同宝科技有限公司', ownerId: 'li', aliases: ['合同宝'] },
  { id: 'c-bf', name: '不凡科技有限公司', ownerId: 'li', aliases: ['不凡'] },
  { id: 'c-hw', name: '华为技术有限公司', ownerId: 'wang', aliases: ['华为'] },
]);

/** Signals of a line as 'category/sentiment', with the customer names found in it masked. */
function pairsWithNames(text: string): string[] {
  const normalized = normalizeText(text);
  return insightRuntime.extractor
    .extractNormalized(normalized, { names: findNames(index, normalized.match) })
    .map((s) => `${s.category}/${s.sentiment}`)
    .sort();
}

describe('customer names in a line', () => {
  it('reads no amount, contract or negation inside a name', () => {
    expect(pairsWithNames('360的预算被砍了')).toEqual(['budget/negative']);
    expect(pairsWithNames('360：明天上午十点电话沟通可以吗？')).toEqual([]);
    expect(pairsWithNames('合同宝那边约了周三下午做演示')).toEqual(['demo_poc/positive']);
    expect(pairsWithNames('不凡说预算批了')).toEqual(['budget/positive']);
    expect(pairsWithNames('不凡那边领导批了')).toEqual(['approval/positive']);
  });

  it('still reads the words around a name, and a lexicon word longer than the name', () => {
    expect(pairsWithNames('合同宝的合同盖章了')).toEqual(['contract/positive']);
    expect(pairsWithNames('华为云也在报价')).toEqual(['competitor/negative']);
  });

  it("keeps a competitor's name a competitor even when a customer carries it", () => {
    expect(pairsWithNames('他们也在看华为的方案')).toEqual(['competitor/negative']);
  });

  it('finds every name in a line with its offsets', () => {
    const text = normalizeText('合同宝和360都说预算有了').match;
    expect(findNames(index, text).map((m) => [text.slice(m.start, m.end), m.named.map((c) => c.id)])).toEqual([
      ['合同宝', ['c-htb']],
      ['360', ['c-360']],
    ]);
  });
});
