// Round 7 (indirect wording): vocabulary and rules for signals said without the category's own
// word — feedback on a demo or trial, what IT cannot do, money said as 闲钱 or 掏不出, a price
// accepted as 认了 — and look-alikes (offices, flights, personal errands) that must stay silent.
// Example sentences are our own, not lines of a labelled set.
import { describe, expect, it } from 'vitest';
import { createInsightRuntime, compiledLexicon } from '../../../src/services/insight.ts';

const rt = createInsightRuntime(compiledLexicon());
const pairs = (text: string, role?: 'rep' | 'manager') =>
  rt
    .extract(text, role)
    .map((s) => `${s.category}/${s.sentiment}`)
    .sort();

describe('indirect wording', () => {
  it('reads a failed, dated or unused trial as demo_poc/negative', () => {
    expect(pairs('试点跑了两周没通过，识别率太低')).toEqual(['demo_poc/negative']);
    expect(pairs('客户看了演示说风格有点过时')).toEqual(['demo_poc/negative']);
    expect(pairs('试用开了一个月，只有两个人登录过')).toEqual(['demo_poc/negative']);
  });

  it('reads what IT cannot do or does not need as it_integration/negative', () => {
    expect(pairs('对方IT说我们跟他们现有的OA功能重复')).toEqual(['it_integration/negative']);
    expect(pairs('他们的接口只支持FTP，工作量不小')).toEqual(['it_integration/negative']);
  });

  it('reads money said indirectly (没闲钱, 捉襟见肘) as budget/negative', () => {
    expect(pairs('今年厂里效益不好，没闲钱上新系统')).toEqual(['budget/negative']);
    expect(pairs('经费这块确实捉襟见肘')).toEqual(['budget/negative']);
  });

  it('reads a price out of reach as an objection and a price accepted (认了, 在范围内) as positive', () => {
    expect(pairs('这个价位他们够不着')).toEqual(['price_objection/negative']);
    expect(pairs('价格客户基本认了')).toEqual(['price_objection/positive']);
    expect(pairs('报价在他们的心理范围内')).toEqual(['price_objection/positive']);
  });

  it('keeps offices, flights, personal errands and spending by others silent', () => {
    expect(pairs('我老婆有急事，我先走了')).toEqual([]);
    expect(pairs('政府的招标中心在二楼')).toEqual([]);
    expect(pairs('飞机大概晚上八点落地')).toEqual([]);
    expect(pairs('他们财务处去年花了不少钱装修')).toEqual([]);
    expect(pairs('公众号在做新品试用活动')).toEqual([]);
    // a budget line item is still budget
    expect(pairs('我们有单独的预算科目吗')).toEqual(['budget/neutral']);
  });
});
