// Round 23 (spoken register: WeCom archives and call transcripts): verdicts said the way people
// talk (不太行, 挑刺), leaders brought along, who decides left open, money that is ready or must be
// spent, the quote held as last time, a risk judged under control. Example sentences are our own,
// not lines of a labelled set.
import { describe, expect, it } from 'vitest';
import { pairs } from '../../support/signal-pairs.ts';

describe('spoken register', () => {
  it('reads lukewarm spoken verdicts on a trial (不太行, 不咋样, 挑刺) as demo_poc/negative', () => {
    expect(pairs('样机在车间跑了几天 效果不太行')).toEqual(['demo_poc/negative']);
    expect(pairs('试用版用下来效果不咋样')).toEqual(['demo_poc/negative']);
    expect(pairs('样品测下来不怎么样')).toEqual(['demo_poc/negative']);
    expect(pairs('演示的时候财务一直挑刺')).toEqual(['demo_poc/negative']);
  });

  it('decision maker: a leader brought along or in charge is positive; who decides said with 最后 and left open is negative', () => {
    expect(pairs('下回过来我把我们王总也叫上')).toEqual(['decision_maker/positive']);
    expect(pairs('这个事是李副局长分管的')).toEqual(['decision_maker/positive']);
    expect(pairs('谁最后拍板 我们还没摸清')).toEqual(['decision_maker/negative']);
    expect(pairs('下半年换了老板 谁拍板就不好说了')).toContain('decision_maker/negative');
    // being invited along is no access to a leader
    expect(pairs('到时候开会叫上我们')).toEqual([]);
  });

  it('budget: money that is ready, fully funded, about the quote, or must be spent is positive', () => {
    expect(pairs('经费是现成的 不用再申请')).toEqual(['budget/positive']);
    expect(pairs('这个项目是财政全额拨款')).toEqual(['budget/positive']);
    expect(pairs('你们的报价和我们的预算差不多')).toEqual(['budget/positive']);
    expect(pairs('这笔钱年底前不用掉就花不出去了')).toContain('budget/positive');
  });

  it('price: a disagreement on price is an objection; the quote held as last time is accepted', () => {
    expect(pairs('价格方面双方还有点分歧')).toEqual(['price_objection/negative']);
    expect(pairs('单价就按你们之前报的来')).toEqual(['price_objection/positive']);
  });

  it('IT: a risk judged under control passes; 本地化部署 is a deployment topic; security below standard is negative; an e-mail domain is no IT topic', () => {
    expect(pairs('安全科看完说数据风险可控')).toEqual(['it_integration/positive']);
    expect(pairs('客户问支不支持本地化部署')).toEqual(['it_integration/neutral']);
    expect(pairs('网安科说安全性不达标')).toEqual(['it_integration/negative']);
    expect(pairs('我的邮箱是公司域名那个')).toEqual([]);
  });

  it('competitor: the customer leaning towards us, without naming a rival, is positive', () => {
    expect(pairs('老实讲我们内部更倾向你们')).toEqual(['competitor/positive']);
  });
});

describe('spoken register: stalls and deferrals', () => {
  it('keeps a stall said in a clause of its own when a later clause defers to next year (both stand)', () => {
    expect(pairs('这个项目挺玄的 对方说先暂缓 等明年再说')).toEqual(['risk/negative', 'timeline/negative']);
    // a stall a competitor explains is still not risk
    expect(pairs('友商报价低了一截，这单有点悬')).toEqual(['competitor/negative']);
  });
});

describe('spoken register: dates, tenders, vendors, business volume', () => {
  it('timeline: 之前/以前 after a month, 开学 as a date, 一定要上 as a go-live', () => {
    expect(pairs('他们要求五月份之前把系统切过来')).toContain('timeline/positive');
    expect(pairs('九月开学以前要用起来')).toEqual(['timeline/positive']);
    expect(pairs('开学就要用')).toEqual(['timeline/positive']);
    expect(pairs('局长说今年一定要上')).toEqual(['timeline/positive']);
    // a first stage passing today is no go-live date
    expect(pairs('今天试点第一阶段跑通了')).toEqual(['demo_poc/positive']);
  });

  it('tender: bids opened is under way; a tender only after new year is put off', () => {
    expect(pairs('那个标昨天已经开了')).toEqual(['tender/positive']);
    expect(pairs('招标文件估计明年才挂')).toEqual(['tender/negative']);
  });

  it('competitor: small-business ERP vendors are named; the incumbent stopped (停了) is positive', () => {
    expect(pairs('店里现在用的管家婆太老了')).toEqual(['competitor/positive']);
    expect(pairs('他们已经把纷享销客那边停了')).toEqual(['competitor/positive']);
    expect(pairs('进度迅速达标')).toEqual([]);
  });

  it('contract: the customer\'s own business orders falling are no contract signal', () => {
    expect(pairs('今年厂里订单少了很多')).toEqual([]);
    expect(pairs('今年订单掉了一半 没钱')).toEqual(['budget/negative']);
  });
});

describe('spoken register: questions without a question mark', () => {
  it('reads a question word in the last clause closed by 呢 or 啊 as a question', () => {
    expect(pairs('您那边大概什么时候能定下来啊')).toEqual(['timeline/neutral']);
    expect(pairs('你们跟纷享销客比有什么优势呢')).toEqual(['competitor/neutral']);
    // a statement closed by 啊 stays a statement
    expect(pairs('下周签 没什么问题啊')).toEqual(['timeline/positive']);
  });
});

describe('spoken register: IT trouble, conditional access, undisclosed amounts, product menus', () => {
  it('IT: incompatibility alone and sync with 有点问题 are negative; a trial that will not run is a failed trial', () => {
    expect(pairs('装了好几遍 跟他们的老系统不兼容')).toEqual(['it_integration/negative']);
    expect(pairs('跟他们HR系统的数据同步有点问题')).toEqual(['it_integration/negative']);
    expect(pairs('试用版装了两次 还是跑不起来')).toEqual(['demo_poc/negative']);
  });

  it('decision maker: a meeting granted only on a condition (才肯见) is negative', () => {
    expect(pairs('要降到三十万以下老板才肯见我们')).toEqual(['decision_maker/negative', 'price_objection/negative']);
  });

  it('an amount not disclosed is no decision-maker signal; a budget menu of our product is no budget', () => {
    expect(pairs('预算有 但是具体多少不方便透露')).toEqual(['budget/positive']);
    expect(pairs('你们那个费用预算编制的功能在哪个菜单')).toEqual([]);
  });
});

describe('spoken register: plans, gates and deputy leaders', () => {
  it('a POC plan to present is not a POC booked; a step that must come first makes what follows conditional', () => {
    expect(pairs('下次去顺便汇报一下POC方案')).toEqual(['demo_poc/neutral']);
    expect(pairs('POC方案评审通过了')).toEqual(['demo_poc/positive']);
    expect(pairs('必须先过等保测评 然后才能进场试用')).toEqual(['demo_poc/neutral', 'it_integration/neutral']);
  });

  it('a deputy leader in charge (分管副院长) attending is decision_maker/positive', () => {
    expect(pairs('他们分管副院长也会来')).toEqual(['decision_maker/positive']);
  });
});

describe('spoken register: formalities and IT reviews to come', () => {
  it('naming who decides with 拍板的…是 and calling a step a formality (只是走个流程) are no approval or tender', () => {
    expect(pairs('拍板的其实是老板 采购只是走个流程')).toEqual(['decision_maker/positive']);
    // what is left being only a formality is still an approval near done
    expect(pairs('就差走个流程了')).toEqual(['approval/positive']);
  });

  it('IT to deliver an assessment first (要先出个评估) is an IT requirement', () => {
    expect(pairs('他们IT那边要先出个评估')).toEqual(['it_integration/neutral']);
  });
});
