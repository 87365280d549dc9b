// Round 24 (customer groups and forwarded group chats: the customer's own staff speaking, tagged
// 【采购-X】 or "IT小王："): requests phrased as questions, and the rule each new extractor rule
// adds. Example sentences are our own, not lines of a labelled set.
import { describe, expect, it } from 'vitest';
import { pairs } from '../../support/signal-pairs.ts';

describe('customer groups: a request phrased as a question', () => {
  it('keeps a request to put a payment off negative although it asks (能不能晚, 可不可以缓)', () => {
    expect(pairs('二期款能不能晚十天再付？')).toEqual(['contract/negative']);
    expect(pairs('【财务-小周】尾款可不可以缓一缓，月底现金流紧')).toContain('contract/negative');
    // a question about the payment itself still only asks
    expect(pairs('预付款一般几天到账？')).toEqual(['contract/neutral']);
    expect(pairs('尾款能不能按合同约定的时间付？')).toEqual(['contract/neutral']);
  });
});

describe('customer groups: a quoted word that names a feature or a column', () => {
  it('drops a signal word quoted right before 模块, 那一栏, 按钮 (it names a feature, nothing happened)', () => {
    expect(pairs('你们那个“审批”按钮在手机上点不动')).toEqual([]);
    expect(pairs('表格里"项目预算"这一栏填含税价还是不含税？')).toEqual([]);
    expect(pairs('「合同」模块能导出PDF吗')).toEqual([]);
  });

  it('keeps a quoted word that is said, not named', () => {
    expect(pairs('财务说“预算”已经批下来了')).toEqual(['budget/positive']);
  });
});
