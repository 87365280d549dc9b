// Grammar rules added to widen the extractor beyond the dev sentences: "not yet" and passive
// after a topic word, gap tails inside a word, A-not-A questions, manager questions, conditions
// that govern the next clause, clause-wide rhetoric, the cautious lead of a negative clause,
// and look-alikes that must stay silent.
import { describe, expect, it } from 'vitest';
import { pairs } from '../../support/signal-pairs.ts';


describe('extractor grammar', () => {
  it('reads a "not yet" right after a topic word as pending (category setting pending)', () => {
    expect(pairs('批复还没下来')).toEqual(['approval/negative']);
    expect(pairs('尾款至今没结')).toEqual(['contract/negative']);
    expect(pairs('等保测评还没做')).toEqual(['it_integration/negative']);
    // 没 inside a positive cue is not "not yet"
    expect(pairs('预算没问题')).toEqual(['budget/positive']);
  });

  it('reads a passive 被 right after a topic word (category setting passive)', () => {
    expect(pairs('预算被财政收回了')).toEqual(['budget/negative']);
    expect(pairs('采购申请被退回来了')).toEqual(['approval/negative']);
  });

  it('lets the tail of a gap entry start a longer word (明年…再 in 再启动)', () => {
    expect(pairs('他们说明年开春再启动')).toEqual(['timeline/negative']);
  });

  it('treats A-not-A as a question whose 不 negates nothing, and a manager question as neutral', () => {
    expect(pairs('经理：问问他们着不着急')).toEqual(['urgency/neutral']);
    expect(pairs('客户问合同批没批')).toEqual(['contract/neutral']);
    expect(pairs('主管：友商那边摸一下，看看谁在跟')).toEqual(['competitor/neutral']);
    // a fact stated before the manager's instruction keeps its sentiment
    expect(pairs('主管：对方也在接触销售易，你把演示约下来')).toEqual(['competitor/negative', 'demo_poc/neutral']);
    // Tags of forwarded minutes and chat exports mark a manager's line too.
    expect(pairs('【经理】这周把他们的预算摸清楚')).toEqual(['budget/neutral']);
    expect(pairs('［主管］决策人到底是谁，问清楚')).toEqual(['decision_maker/neutral']);
    expect(pairs('【客户】预算已经批下来了')).toEqual(['budget/positive']);
  });

  it('lets a condition govern the clause right after it', () => {
    expect(pairs('要是能再便宜一点，下周就能签')).toEqual(['price_objection/negative']);
  });

  it('lets a rhetorical negator reach the whole clause', () => {
    expect(pairs('谁说他们不着急？')).toEqual(['urgency/positive']);
    expect(pairs('难道他们没有预算吗？')).toEqual(['budget/positive']);
  });

  it('lets a cued negative clause lead a positive one of the same category', () => {
    expect(pairs('演示账号开通一周了，一个人都没登录')).toEqual(['demo_poc/negative']);
  });

  it("lets a manager's bare inquiry at the end of a sentence cover the clauses before it", () => {
    expect(pairs('主管：他们是单一来源还是公开招标，弄清楚')).toEqual(['tender/neutral']);
    expect(pairs('主管：预算到底有多少，问清楚')).toEqual(['budget/neutral']);
    // an inquiry word right after a negator states a fact (还没摸清楚 = not known)
    expect(pairs('主管：决策链还没摸清楚')).toEqual(['decision_maker/negative']);
  });

  it('keeps a standalone risk phrase (投诉) beside another category\'s negative in another clause', () => {
    expect(pairs('客户又投诉了一次客服，回款还没到')).toEqual(['contract/negative', 'risk/negative']);
    // a stall explained by the other category still yields
    expect(pairs('尾款还没到，先放一放')).toEqual(['contract/negative']);
  });

  it("drops approval and decision-maker access that belong to a competitor (notWith)", () => {
    expect(pairs('听说领导批了用友的方案')).toEqual(['competitor/negative']);
    expect(pairs('销售易已经约到了他们一把手')).toEqual(['competitor/negative']);
  });

  it('reads events before a deadline and money transferred through the grammar macros', () => {
    expect(pairs('想赶在春节之前上线')).toEqual(['timeline/positive']);
    expect(pairs('618以前必须能用')).toEqual(['timeline/positive']);
    expect(pairs('客户昨天汇了十五万过来')).toEqual(['contract/positive']);
  });

  it('reads a line that opens with an instruction as a manager instruction (neutral)', () => {
    expect(pairs('把客户的决策链摸清楚，下周给我一张关系图')).toEqual(['decision_maker/neutral']);
    expect(pairs('记得问问他们预算到位没有')).toEqual(['budget/neutral']);
  });

  it('reads Cantonese 唔 as a negator, 啥 as a question word and 要走 as a process modal', () => {
    expect(pairs('老板话唔急')).toEqual(['urgency/negative']);
    expect(pairs('演示环境有啥要求？')).toEqual(['demo_poc/neutral']);
    expect(pairs('这个项目要走公开招标')).toEqual(['tender/neutral']);
  });

  it('reads a system vendor next to 对接 as the customer\'s system, not a competitor', () => {
    expect(pairs('要对接客户钉钉的通讯录，同步人员')).toEqual(['it_integration/neutral']);
  });

  it('drops signals in a clause that points back at a competitor named before (competitorAnaphora)', () => {
    expect(pairs('客户也在看纷享销客，下周那边去做演示。')).toEqual(['competitor/negative']);
    expect(pairs('用友报了价，人家送两年维保')).toEqual(['competitor/negative']);
    // without a competitor before it, the same words are about us
    expect(pairs('客户那边说价格太高')).toEqual(['price_objection/negative']);
  });

  it('reads a conclusion (最终还是, 对比下来) like a contrast: the clause after it leads', () => {
    expect(pairs('也在看别家，最终还是觉得你们靠谱')).toEqual(['competitor/positive']);
  });

  it('reads reported speech (院长的话：…) as no condition', () => {
    expect(pairs('院长的话：月底前定')).toEqual(['timeline/positive']);
    expect(pairs('要是能便宜两成的话，月底就签')).toEqual(['price_objection/negative']);
  });

  it('reads document requirements (要附) and rules for those lacking something (不满足的一律废标) as process rules', () => {
    expect(pairs('投标文件里要附三个同类案例')).toEqual(['tender/neutral']);
    expect(pairs('资质不满足的一律废标')).toEqual(['tender/neutral']);
    expect(pairs('我们资质不满足，废标了')).toEqual(['tender/negative']);
  });

  it('lets a negator in the gap of a head…tail entry negate it', () => {
    expect(pairs('钱迟迟不打过来')).toEqual(['contract/negative']);
    expect(pairs('钱昨天打过来了')).toEqual(['contract/positive']);
  });

  it('reads a potential complement (签不下来, 批不了) as a negation of the verb, but not an A-not-A question', () => {
    expect(pairs('合同一直签不下来')).toEqual(['contract/negative']);
    expect(pairs('领导那边批不了')).toEqual(['approval/negative']);
    expect(pairs('合同签不签？')).toEqual(['contract/neutral']);
  });

  it('does not carry a topic into a clause whose cue belongs to a topic named there', () => {
    // 卡着 is a cue of the price (named in its clause), not a second verdict on the trial
    expect(pairs('演示大家都说好，就是报价卡着')).toEqual(['demo_poc/positive', 'price_objection/negative']);
    // a clause with a cue and no topic of its own still continues the previous one
    expect(pairs('试用了两周，卡得不行')).toEqual(['demo_poc/negative']);
  });

  it('reads 要求 after 达到 / 满足 as a noun, not a requirement (notModal)', () => {
    expect(pairs('测试跑完了，响应时间没达到要求')).toEqual(['demo_poc/negative']);
    expect(pairs('客户要求先试用')).toEqual(['demo_poc/neutral']);
  });

  it('does not let a modal after a deciding cue make it tentative (同意先做: the consent is given)', () => {
    expect(pairs('老板同意先上一期')).toEqual(['approval/positive']);
    // a modal before the word still makes it a requirement or a request
    expect(pairs('需要先过老板审批')).toEqual(['approval/neutral']);
    expect(pairs('想先试用一下')).toEqual(['demo_poc/neutral']);
  });

  it('reads a planned signing as timeline and contract, but not under a condition', () => {
    expect(pairs('下个月初就能签')).toEqual(['contract/positive', 'timeline/positive']);
  });

  it('lets a head…tail entry speak for a plain word equal to its head or tail (排期…出来 over 排期)', () => {
    expect(pairs('IT那边的排期已经出来了')).toEqual(['it_integration/positive']);
    expect(pairs('IT说对接要排期')).toEqual(['it_integration/negative']);
    // …and for a plain word that is its tail (总那边…点头 over 点头, so 等…点头 is not outvoted)
    expect(pairs('还在等刘总那边点头')).toEqual(['approval/negative']);
  });

  it('keeps a negative result under a condition where conditional results are dropped (an ultimatum)', () => {
    expect(pairs('保密条款要是不改，我们是不会签的')).toEqual(['contract/negative']);
    // a signing offered on a condition is still not a signing
    expect(pairs('如果下周能定，月底就签')).toEqual([]);
  });

  it('lets a reply that names nothing but a verdict continue the topic of the question before it', () => {
    expect(pairs('上线大概什么时候？现在还真不好说')).toEqual(['timeline/negative']);
    // a further question or an instruction after the question is not a reply
    expect(pairs('到底谁拍板？下次去之前搞清楚')).toEqual(['decision_maker/neutral']);
  });

  it('reads an offer with a question mark (要不我安排…？) as an offer, not a question', () => {
    expect(pairs('要不我帮你们约一下我们老板？')).toEqual(['decision_maker/positive']);
    expect(pairs('老板你们能约到吗？')).toEqual(['decision_maker/neutral']);
    // the offer does not hide a question asked inside it
    expect(pairs('要不我帮你问问领导批了没')).toEqual(['approval/neutral']);
  });

  it('lets the tail of a gap entry start inside a longer word (等…点头 in 等领导点头, where 领导点头 is one word)', () => {
    expect(pairs('这事还在等领导点头')).toEqual(['approval/negative']);
    expect(pairs('还在等领导审批')).toEqual(['approval/negative']);
    expect(pairs('刘总那边已经点头了')).toEqual(['approval/positive']);
  });

  it('reads 争取 opening a line as the speaker\'s own aim, not an instruction to a rep (aims)', () => {
    expect(pairs('争取月底前上线')).toEqual(['timeline/positive']);
    expect(pairs('经理：争取月底前上线')).toEqual(['timeline/neutral']);
  });

  it('reads a wish (最好…能) and a requirement (要支持) as modal, not as a fact', () => {
    expect(pairs('客户说最好下个月就能给个试用环境')).toEqual(['demo_poc/neutral']);
    expect(pairs('他们的OA要支持扫码登录')).toEqual(['it_integration/neutral']);
    // praise with 最好 is not a wish
    expect(pairs('客户说你们的演示最好')).toEqual(['demo_poc/positive']);
    expect(pairs('我们的系统支持单点登录')).toEqual(['it_integration/positive']);
  });

  it('does not let a bare date claim a plan cue from the topic before it (合同…，下周应该能签)', () => {
    expect(pairs('合同法务在看，下周应该能签')).toEqual(['contract/positive', 'timeline/positive']);
    // a negative cue stays with the date, and a date without a topic before it stays a timeline
    expect(pairs('回款的事记一下，别拖过月底')).not.toContain('contract/positive');
    expect(pairs('演示效果不错，下周二签')).toEqual(['demo_poc/positive', 'timeline/positive']);
  });

  it('reads a clause about what the customer does with a competitor named before it as about that vendor', () => {
    expect(pairs('他们现在用的是销售易，嫌年费太贵想换掉')).toEqual(['competitor/positive']);
    // a price word alone after a competitor is still our price
    expect(pairs('用友报价出来了，你们太贵了')).toEqual(['competitor/negative', 'price_objection/negative']);
  });

  it('keeps an IT blocker under a condition negative (conditionalNegative: keep), other IT results conditional', () => {
    expect(pairs('要是数据要出内网，IT肯定不同意')).toEqual(['it_integration/negative']);
    expect(pairs('如果用MySQL的话就过不了信息科那关')).toEqual(['it_integration/negative']);
    expect(pairs('如果IT那边没问题就可以上')).toEqual(['it_integration/neutral']);
  });

  it('lets 没说 / 没有说 negate a cue that carries its own negation (没说不考虑别家: not ruled out)', () => {
    expect(pairs('客户也没说不考虑别家')).toEqual(['competitor/negative']);
    expect(pairs('客户没有说不考虑别家')).toEqual(['competitor/negative']);
    expect(pairs('客户说不考虑别家了')).toEqual(['competitor/positive']);
  });

  it('reads a system vendor named next to 对接 as a mention of it_integration (the customer\'s ERP), not as a competitor', () => {
    expect(pairs('要跟他们的金蝶对接')).toEqual(['it_integration/neutral']);
    expect(pairs('下个月要对接他们的用友')).toEqual(['it_integration/neutral']);
    expect(pairs('他们的钉钉群里说周五开会')).toEqual([]);
  });

  it('reads a threshold rule (超过…就得) as modal, so a tender required above an amount is neutral, a dated one positive', () => {
    expect(pairs('金额超过五十万就得挂网')).toEqual(['tender/neutral']);
    expect(pairs('超过一百万的都要走公开招标')).toEqual(['tender/neutral']);
    expect(pairs('下周就要挂网了')).toEqual(['tender/positive']);
  });

  it('keeps a system vendor ruled out in a clause of its own a competitor, even with integration words elsewhere', () => {
    expect(pairs('他们已经不考虑金蝶了，不过新系统得跟现有的OA对接')).toEqual(['competitor/positive', 'it_integration/neutral']);
    // named as the system to integrate with, it is still it_integration only
    expect(pairs('要跟他们的金蝶对接')).toEqual(['it_integration/neutral']);
    expect(pairs('客户现在用金蝶，需要跟我们对接')).toEqual(['it_integration/neutral']);
  });

  it('reads a space between Chinese words (an emoji stood there) as a clause break, not a space in Latin text', () => {
    expect(pairs('试点验收通过👏 这周尾款也结清了')).toEqual(['contract/positive', 'demo_poc/positive']);
    expect(pairs('POC 通过了')).toEqual(['demo_poc/positive']);
  });

  it('reads 先不 as a negator, not as the modal 先', () => {
    expect(pairs('先不试用了')).toEqual(['demo_poc/negative']);
    expect(pairs('今年的比选先不走了')).toEqual(['tender/negative']);
    expect(pairs('要求先试用')).toEqual(['demo_poc/neutral']);
  });

  it('reads a comparison (和…相比, 跟…比) in a question as part of the question', () => {
    expect(pairs('和明源云相比，你们的优势是什么？')).toEqual(['competitor/neutral']);
    expect(pairs('跟纷享销客比，你们强在哪？')).toEqual(['competitor/neutral']);
    expect(pairs('跟纷享销客比，他们更便宜')).toEqual(['competitor/negative']);
  });

  it('reads a preference kept despite what came before (还是倾向) as a contrast', () => {
    expect(pairs('别家报价低一点，客户还是倾向我们')).toEqual(['competitor/positive']);
  });

  it('reads something done today (今天…了) or years ago as no timeline; a plan for today stays one', () => {
    expect(pairs('PO今天签回来了')).toEqual(['contract/positive']);
    expect(pairs('合同是两年前签的')).toEqual(['contract/positive']);
    expect(pairs('合同今天就能签了')).toEqual(['contract/positive', 'timeline/positive']);
  });

  it('keeps look-alikes silent', () => {
    for (const line of ['我请假的审批还没批下来', '打车发票丢了', '新员工还在试用期', '过会儿给你回电话', '年会报名周五截止', '团队回款目标完成了一半',
      '宣传册里“试用”统一叫“体验”', '合同工的社保怎么交', '审批单的样式能改吗', '急，谁带了充电线', '培训考题：说出友商的三个弱点',
      '明天考试，题目是怎么写标书', '这个月家里预算超支了', '我的出差审批还没批下来', '会议地点待定，下周三通知',
      '什么事都通过办公室转达', '这份方案写得跟标书似的', '订单数据每天推过去', '订单要同步生成出库单',
      '门店的租赁合同今天续签了', '我们支行今天审批了二十多笔贷款', '孩子学校周五有才艺演示', '加个微信吧，钉钉消息老是收不到']) {
      expect(pairs(line), line).toEqual([]);
    }
  });

  it('keeps a longer phrase of a category that holds one of its exclusions (准备多少钱 over 多少钱)', () => {
    expect(pairs('客户想知道要准备多少钱')).toEqual(['budget/neutral']);
    expect(pairs('他们问一年要留多少钱')).toEqual(['budget/neutral']);
    // 多少钱 alone still asks a price, and 一年下来 (over a year) is no budget that came through
    expect(pairs('这套软件多少钱')).toEqual([]);
    expect(pairs('一年下来要准备多少钱')).toEqual(['budget/neutral']);
  });

  it('reads a line opening with 你先 as an instruction to a rep', () => {
    expect(pairs('你先打听清楚他们预算有多少')).toEqual(['budget/neutral']);
    expect(pairs('你先去把他们的决策链摸清楚')).toEqual(['decision_maker/neutral']);
  });

  it('reads an internal training notice as no signal', () => {
    expect(pairs('新人培训：怎么应对客户的价格异议，周五下午')).toEqual([]);
    expect(pairs('销售培训课讲的是怎么写标书')).toEqual([]);
  });

  it('reads a span of time from now ({later}: 过两周, 半个月后, 三个月之内) as a date', () => {
    expect(pairs('再过三天他们给答复')).toEqual(['timeline/positive']);
    expect(pairs('半个月后上线')).toEqual(['timeline/positive']);
    expect(pairs('三个月之内定下来')).toEqual(['timeline/positive']);
    expect(pairs('过两天请你吃饭')).toEqual([]);
  });
});

// Breadth round: rules written from how people hedge and hesitate, not from a labelled set.
describe('breadth round: doubt and undecided choices', () => {
  it('reads 不一定 / 未必 before a positive word as doubt (negative), and before a negative one as its opposite', () => {
    expect(pairs('这件事局长不一定会同意')).toEqual(['approval/negative']);
    expect(pairs('他们的经费未必够')).toEqual(['budget/negative']);
    expect(pairs('这个价格客户未必能接受')).toEqual(['price_objection/negative']);
    expect(pairs('客户那边不一定急')).toEqual(['urgency/negative']);
    expect(pairs('领导也不一定不同意')).toEqual(['approval/positive']);
  });

  it('reads an A-not-A after 犹豫 / 没想好 / 不知道 as a matter not yet decided, not as a question', () => {
    expect(pairs('院长还在犹豫批不批')).toEqual(['approval/negative']);
    expect(pairs('局里还没决定批不批')).toEqual(['approval/negative']);
    expect(pairs('客户还没想好要不要上')).toEqual(['risk/negative']);
    // a plain A-not-A still asks, and an offer still offers
    expect(pairs('领导批不批？')).toEqual(['approval/neutral']);
    expect(pairs('客户急不急？')).toEqual(['urgency/neutral']);
    expect(pairs('要不要我帮你约一下王总？')).toEqual(['decision_maker/positive']);
  });
});

// Round 12 (precision): rules found on blind-12, tested with our own sentences.
describe('round 12: precision rules', () => {
  it("reads a person's verdict on a topic the clause names (价格, 合同) as that topic, not as approval", () => {
    expect(pairs('费用方面领导没意见')).toEqual(['price_objection/positive']);
    expect(pairs('领导说下个月把合同签了')).toEqual(['contract/positive', 'timeline/positive']);
    // the person's own verdict still counts, alone or in a clause of its own
    expect(pairs('老板没意见')).toEqual(['approval/positive']);
    expect(pairs('领导同意了，合同下周签')).toEqual(['approval/positive', 'contract/positive', 'timeline/positive']);
    // two person categories do not claim each other's words
    expect(pairs('谁说领导不支持了？')).toEqual(['approval/positive', 'decision_maker/positive']);
  });
});

describe('round 12: asking when', () => {
  it('reads a reported question of when (问…什么时候) as asking, and asking when in a hurry as the hurry only', () => {
    expect(pairs('他们问什么时候能签')).toEqual(['timeline/neutral']);
    expect(pairs('客户天天问我们啥时候能用')).toEqual(['urgency/positive']);
    expect(pairs('对方又催了，问下个月能不能用上')).toEqual(['urgency/positive']);
    // a date set in a hurry stays a date
    expect(pairs('客户很着急，月底前必须上线')).toEqual(['timeline/positive', 'urgency/positive']);
  });

  it('does not read an order as a noun (历史订单, 录订单) as a purchase date', () => {
    expect(pairs('明天开始录订单')).not.toContain('timeline/positive');
    expect(pairs('下周给订单')).toContain('timeline/positive');
  });
});

describe('round 12: a competitor topic is not carried on', () => {
  it('does not continue a topic ruled out by notWith into the next clause (a rival’s trial stays theirs)', () => {
    expect(pairs('友商的试用版他们也装了，说界面比我们顺手')).toEqual(['competitor/negative']);
    expect(pairs('试用版他们装了，说界面很顺手')).toEqual(['demo_poc/positive']);
  });
});

describe('round 12: questions without a question mark, a contract signed by a date', () => {
  it('reads a hypothetical comparison followed by 强在哪 / 好在哪 as a question', () => {
    expect(pairs('要是跟销售易比，你们好在哪')).toEqual(['competitor/neutral']);
    // a 的话 after a question is no hypothetical of it
    expect(pairs('他们问能不能先试用，预算的话明年才有')).toContain('budget/negative');
  });

  it('reads 合同签了 after a date as a date too', () => {
    expect(pairs('月底前合同签了')).toEqual(['contract/positive', 'timeline/positive']);
    expect(pairs('合同签了')).toEqual(['contract/positive']);
  });
});

describe('round 12: either-or questions and similes', () => {
  it('reads 到底是A还是B as a question without a question mark', () => {
    expect(pairs('到底是总监说了算还是老板说了算')).toEqual(['decision_maker/neutral']);
  });

  it('silences a bare mention in a simile (写得跟…一样厚) but keeps a cue beside it', () => {
    expect(pairs('合同写得跟书一样厚')).toEqual([]);
    expect(pairs('招标文件跟砖头一样厚，下周开标')).toEqual(['tender/positive']);
  });
});

describe('round 13: an instruction opened by 先, and instructions about a tender', () => {
  it('reads a line opening with 先把… as an instruction, like one opening with 把…', () => {
    expect(pairs('先把决策链摸清楚再报价')).toEqual(['decision_maker/neutral']);
    expect(pairs('把决策链摸清楚')).toEqual(['decision_maker/neutral']);
    // 先 alone is still a tentative wish, not an instruction
    expect(pairs('先试用一个月')).toEqual(['demo_poc/neutral']);
  });

  it('reads an instruction about tender papers as neutral and a scheduled tender as positive', () => {
    expect(pairs('把标书再检查一遍')).toEqual(['tender/neutral']);
    expect(pairs('下个月招标')).toEqual(['tender/positive']);
  });
});

describe('round 14: counts that are no money, rules laid down, laughter', () => {
  it('a number of concurrent sessions, users, people or items is no price ({money} stops before 并发/用户/人/条/次/台)', () => {
    expect(pairs('压测跑到8000并发就崩了')).toEqual(['demo_poc/negative']);
    expect(pairs('系统要支撑3000用户同时在线')).toEqual([]);
    expect(pairs('每年3000太贵了')).toEqual(['price_objection/negative']);
    expect(pairs('一套2000人民币也嫌贵')).toEqual(['price_objection/negative']);
  });

  it('a rule laid down for everyone (不得, 所有…统一走, 所有…一律) is a requirement: neutral', () => {
    expect(pairs('下属单位不得自行招标')).toEqual(['tender/neutral']);
    expect(pairs('省里发文，所有单位采购一律走政采云')).toEqual(['tender/neutral']);
    expect(pairs('下个月公开招标')).toEqual(['tender/positive']);
  });

  it('laughter (笑死) silences a bare mention, a cue still counts', () => {
    expect(pairs('这篇讲年终预算的文章太逗了，笑死')).toEqual([]);
    expect(pairs('预算没了，笑死，哭都来不及')).toEqual(['budget/negative']);
  });
});

describe('round 14: a bare topic fronted before a question', () => {
  it('reads a clause that only names a topic, right before a question of the same sentence, as part of the question', () => {
    expect(pairs('那个演示，下周能安排吗？')).toEqual(['demo_poc/neutral']);
    expect(pairs('上次那份标书，还要改吗？')).toEqual(['tender/neutral']);
    // a clause with its own verdict keeps it
    expect(pairs('演示很成功，下周能签吗？')).toEqual(['demo_poc/positive', 'timeline/neutral']);
    expect(pairs('演示，没通过，还能再约吗？')).toEqual(['demo_poc/negative']);
    expect(pairs('上次说的那个事，能不能再等两天？')).toEqual([]);
  });
});

describe('QA walkthrough', () => {
  it('does not let a strong word of a question make a bare weak word elsewhere a tender under way', () => {
    expect(pairs('招标流程是怎样的？我们第一次采购这类系统。')).toEqual(['tender/neutral']);
    expect(pairs('投标要准备哪些材料？我们以前没采购过这种软件。')).toEqual(['tender/neutral']);
    expect(pairs('标书什么时候发？采购这块我们不太熟。')).toEqual(['tender/neutral']);
    // stays: a stated tender still lends its weight to the weak word, in the same or another sentence
    expect(pairs('下个月招标。我们第一次采购这类系统。')).toEqual(['tender/positive']);
    expect(pairs('公开招标下个月挂网，采购的是整套系统')).toEqual(['tender/positive']);
    expect(pairs('招标流程是怎样的？')).toEqual(['tender/neutral']);
    expect(pairs('这次招标，参数怎么定？')).toEqual(['tender/neutral']);
    // stays: a cue decides a weak word without leaning on the question
    expect(pairs('预算大概多少？钱是有的。')).toEqual(['budget/positive']);
  });

  it('gives a "not yet approved" after a contrast to approval, not to the previous clause\'s topic', () => {
    expect(pairs('预算没问题，就是领导还没批')).toEqual(['approval/negative', 'budget/positive']);
    expect(pairs('预算够，不过老板一直没批')).toEqual(['approval/negative', 'budget/positive']);
    expect(pairs('预算有了，但是上面还没批下来')).toEqual(['approval/negative', 'budget/positive']);
    expect(pairs('经费到位了，只是局长还没批')).toEqual(['approval/negative', 'budget/positive']);
    expect(pairs('合同没问题，就是领导还没批')).toEqual(['approval/negative', 'contract/positive']);
    // stays: a budget cue that no other category's phrase claims still continues the budget
    expect(pairs('预算有，但领导说不够')).toEqual(['budget/negative']);
    expect(pairs('预算没问题')).toEqual(['budget/positive']);
    expect(pairs('领导还没批')).toEqual(['approval/negative']);
    expect(pairs('试用挺好，就是价格卡着')).toEqual(['demo_poc/positive', 'price_objection/negative']);
  });

  it('reads a demo or trial of "their" product after a competitor as the competitor\'s', () => {
    expect(pairs('我们也在看销售易，他们的方案下周来演示')).toEqual(['competitor/negative']);
    expect(pairs('我们也在看纷享销客，他们的产品下周来演示')).toEqual(['competitor/negative']);
    expect(pairs('也在跟用友谈，对方的方案下周演示')).toEqual(['competitor/negative']);
    expect(pairs('销售易也在接触，他们的演示安排在周三')).toEqual(['competitor/negative']);
    expect(pairs('纷享销客也在接触，人家的试用账号已经开了')).toEqual(['competitor/negative']);
    // stays: our own demo after a competitor, and "their" without a competitor before it
    expect(pairs('我们也在看销售易，下周约了你们的演示')).toEqual(['competitor/negative', 'demo_poc/positive']);
    expect(pairs('客户也在看销售易，我们下周去演示')).toEqual(['competitor/negative', 'demo_poc/positive']);
    expect(pairs('他们的方案下周来演示')).toEqual(['demo_poc/positive']);
    expect(pairs('销售易也在看，他们想先试用我们的')).toEqual(['competitor/negative', 'demo_poc/neutral']);
  });
});
