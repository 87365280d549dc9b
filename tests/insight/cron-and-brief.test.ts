import { describe, expect, it } from 'vitest';
import { firstFireOn, localTimeOn, parseCron, previousFireDay } from '../../src/domain/cron.ts';
import { buildManagerBrief, buildRepBrief, digestCustomer, topKeywords, type RepBrief } from '../../src/domain/insight/brief.ts';
import type { StoredSignal } from '../../src/domain/insight/signal.ts';
import { renderManagerBrief, renderRepBrief } from '../../src/text/brief-render.ts';
import { CATEGORY_LABELS } from '../../src/domain/insight/signal.ts';
import { toPlainText } from '../../src/core/message.ts';

const TZ = 'Asia/Shanghai';

describe('cron schedule', () => {
  const weekdays = parseCron('20 8 * * 1-5');

  it('finds when a business day is due, in the business time zone', () => {
    expect(new Date(firstFireOn(weekdays, '2026-11-23', TZ)!).toISOString()).toBe('2026-11-23T00:20:00.000Z');
    expect(firstFireOn(weekdays, '2026-11-22', TZ)).toBeNull(); // a Sunday
  });

  it('finds the previous business day across a weekend', () => {
    expect(previousFireDay(weekdays, '2026-11-23', TZ)?.date).toBe('2026-11-20');
    expect(previousFireDay(weekdays, '2026-11-24', TZ)?.date).toBe('2026-11-23');
  });

  it('reads seconds, lists, steps, names and either day field', () => {
    expect(firstFireOn(parseCron('0 30 7 * * mon,wed'), '2026-11-25', TZ)).toBe(localTimeOn('2026-11-25', '07:30', TZ));
    expect(firstFireOn(parseCron('*/15 9-10 * * *'), '2026-11-22', TZ)).toBe(localTimeOn('2026-11-22', '09:00', TZ));
    // "1st of the month or Fridays": 2026-11-20 is a Friday, 2026-12-01 a Tuesday.
    const either = parseCron('0 9 1 * 5');
    expect(firstFireOn(either, '2026-11-20', TZ)).not.toBeNull();
    expect(firstFireOn(either, '2026-12-01', TZ)).not.toBeNull();
    expect(firstFireOn(either, '2026-11-24', TZ)).toBeNull();
    expect(() => parseCron('1 2 3')).toThrow();
  });
});

const base = Date.parse('2026-11-22T10:00:00+08:00');
let nextId = 1;
const sig = (category: StoredSignal['category'], sentiment: StoredSignal['sentiment'], quote: string, minutes = 0): StoredSignal => ({
  id: nextId++,
  conversationId: nextId,
  userId: 'u1',
  customerId: 'c1',
  category,
  sentiment,
  term: quote.slice(0, 2),
  confidence: 0.9,
  quote,
  at: base + minutes * 60_000,
});
const label = (c: keyof typeof CATEGORY_LABELS) => CATEGORY_LABELS[c];

describe('brief contents', () => {
  it('groups a customer\'s signals by category with the latest quote, new risks first', () => {
    const d = digestCustomer({
      customerId: 'c1',
      name: '华康医疗',
      conversations: 3,
      signals: [
        sig('budget', 'positive', '预算有50万', 1),
        sig('competitor', 'negative', '也在看销售易', 2),
        sig('competitor', 'negative', '销售易报价更低', 3),
        sig('approval', 'negative', '领导还没批', 4),
      ],
      priorRisks: new Set(['approval']),
      mot: { budget: true, timeline: false, decisionMaker: true },
    });
    expect(d.lines.map((l) => `${l.category}:${l.sentiment}:${l.isNewRisk}`)).toEqual([
      'competitor:negative:true',
      'approval:negative:false',
      'budget:positive:false',
    ]);
    expect(d.lines[0]).toMatchObject({ count: 2, quote: '销售易报价更低' });
    expect(d.newRisk).toBe(true);
  });

  it('leads with where a topic stands now and names the other directions it took in the period', () => {
    const d = digestCustomer({
      customerId: 'c2',
      name: '长沙华通',
      conversations: 2,
      signals: [sig('timeline', 'negative', '项目可能要推到明年', 1), sig('timeline', 'positive', '下周签合同', 2), sig('timeline', 'positive', '下周一定签', 3)],
      priorRisks: new Set(),
      mot: { budget: false, timeline: true, decisionMaker: false },
    });
    expect(d.lines).toEqual([expect.objectContaining({ category: 'timeline', sentiment: 'positive', count: 2, otherwise: { negative: 1 }, quote: '下周一定签' })]);
    const brief = buildRepBrief({
      userId: 'u1',
      name: '李娜',
      date: '2026-11-23',
      period: { start: base - 86_400_000, end: base },
      customers: [d],
      conversations: 2,
      unattributed: 0,
      reserve: [],
    });
    expect(toPlainText(renderRepBrief(brief, { label, timeZone: TZ, maxBytes: 4000 }))).toContain('「下周一定签」 ×2（期间另有消极1次）');
  });

  it('compares the team keywords with their 7-day daily average', () => {
    const top = topKeywords(
      [
        { term: '预算', category: 'budget', n: 6 },
        { term: '预算', category: 'budget', n: 6 },
        { term: '招标', category: 'tender', n: 3 },
        { term: '太贵', category: 'price_objection', n: 5 },
        { term: '演示', category: 'demo_poc', n: 1 },
      ],
      [
        { term: '预算', category: 'budget', n: 56 },
        { term: '招标', category: 'tender', n: 21 },
      ],
    );
    expect(top.map((k) => [k.term, k.count, k.average7, k.change])).toEqual([
      ['预算', 12, 8, 0.5],
      ['太贵', 5, 0, null],
      ['招标', 3, 3, 0],
    ]);
  });

  function repWith(customers: number): RepBrief {
    const list = Array.from({ length: customers }, (_, i) =>
      digestCustomer({
        customerId: `c${i}`,
        name: `客户${String(i).padStart(3, '0')}号科技有限公司`,
        conversations: 2,
        signals: [sig('tender', 'positive', `下个月招标，标书我这周开始准备 ${i}`), sig('price_objection', 'negative', `报价比预期高了不少 ${i}`)],
        priorRisks: new Set(),
        mot: { budget: false, timeline: false, decisionMaker: false },
      }),
    );
    return buildRepBrief({
      userId: 'u1',
      name: '李娜',
      date: '2026-11-23',
      period: { start: base - 86_400_000, end: base },
      customers: list,
      conversations: customers * 2,
      unattributed: 1,
      reserve: [{ stage: 'T3', count: 2, level: 5, gap: 3, ok: false }],
    });
  }

  it('keeps a long brief under the size limit, most important first, and says what was left out', () => {
    const message = renderRepBrief(repWith(60), { label, timeZone: TZ, maxBytes: 4000 });
    const body = message.kind === 'markdown' ? message.markdown : '';
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThanOrEqual(4000);
    expect(body).toMatch(/篇幅所限，另有 \d+ 位客户（\d+ 条信号）未展开/);
    expect(body).toContain('客户000号科技有限公司');
    expect(body.trim().endsWith('低于安全水位，差3个</font>')).toBe(true);
  });

  it('builds the manager view: hot customers, customers at risk, reps below safety and silent reps', () => {
    const busy = repWith(2);
    const silent: RepBrief = { ...repWith(0), userId: 'u2', name: '赵磊', conversations: 0, belowSafety: false, reserve: [] };
    const m = buildManagerBrief({
      userId: 'm',
      name: '王强',
      date: '2026-11-23',
      period: busy.period,
      reps: [busy, silent],
      keywords: [
        { term: '招标', category: 'tender', count: 2, average7: 1, change: 1 },
        { term: '太贵', category: 'price_objection', count: 1, average7: 0, change: null },
      ],
    });
    expect(m.hot.map((h) => h.name)).toEqual(['客户000号科技有限公司', '客户001号科技有限公司']);
    expect(m.atRisk).toHaveLength(2);
    expect(m.belowSafety).toEqual(['李娜']);
    expect(m.silent).toEqual(['赵磊']);
    const text = toPlainText(renderManagerBrief(m, { label, timeZone: TZ, maxBytes: 4000 }));
    // The category shows only when the keyword is another word; a new keyword has no average to compare.
    expect(text).toContain('1. 招标×2 ｜ 7日均 1.0 ↑100%');
    expect(text).toContain('2. 太贵（价格异议）×1 ｜ 新出现');
    // Each list quotes what put the customer on it.
    expect(text).toContain('客户000号科技有限公司（李娜）：招标「下个月招标，标书我这周开始准备 0」');
    expect(text).toContain('客户000号科技有限公司（李娜）：价格异议「报价比预期高了不少 0」');
    expect(text).toContain('赵磊：客户0 · 信号0 · 风险0');
  });

  it('counts a contract about to be signed as hot, and a mere demo as not', () => {
    const rep = (signals: StoredSignal[]) =>
      buildRepBrief({
        userId: 'u1',
        name: '李娜',
        date: '2026-11-23',
        period: { start: base - 86_400_000, end: base },
        customers: [digestCustomer({ customerId: 'c1', name: '华康医疗', conversations: 1, signals, priorRisks: new Set(), mot: { budget: false, timeline: false, decisionMaker: false } })],
        conversations: 1,
        unattributed: 0,
        reserve: [],
      });
    const hotOf = (signals: StoredSignal[]) =>
      buildManagerBrief({ userId: 'm', name: '王强', date: '2026-11-23', period: { start: base - 86_400_000, end: base }, reps: [rep(signals)], keywords: [] }).hot;
    expect(hotOf([sig('contract', 'positive', '合同下周一盖章')]).map((h) => h.name)).toEqual(['华康医疗']);
    expect(hotOf([sig('demo_poc', 'positive', '周三去演示')])).toEqual([]);
  });
});
