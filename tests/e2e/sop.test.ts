import { afterEach, describe, expect, it } from 'vitest';
import { createSopTestApp, type SopTestApp } from '../support/sop-org.ts';
import { SOP_REVIEW_JOB } from '../../src/jobs/sop-jobs.ts';

describe('SOP cards end to end on the console channel', () => {
  let t: SopTestApp;
  afterEach(async () => t.close());

  it('招标 pushes the tender card to the owner, feedback is recorded, and the monthly review retires a failing card', async () => {
    t = createSopTestApp();
    const { store, scheduler } = t.app;
    t.clock.now = Date.parse('2026-10-12T10:00:00+08:00');

    // 1. The customer mentions 招标; the owner gets the tender card with its buttons.
    t.customerSays('c-hx', '我们下个月挂网招标，你们提前准备资质', [['tender', 'positive', '招标']]);
    const pushed = await t.delivered('u-lina');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toContain('【SOP-07 招标准备】');
    expect(pushed[0]).toContain('为什么推荐：客户今天提到招标：“我们下个月挂网招标，你们提前准备资质”');
    expect(pushed[0]).toContain('逐条标出 ★ 号实质性条款');
    const button = /\[部分适用\] (\/反馈 SOP-07#\d+ 部分适用)/.exec(pushed[0]!)![1]!;
    expect(await t.delivered('u-mgr')).toEqual([]);

    // 2. The rep presses 部分适用 (the button's command) and adds a reason.
    expect(await t.as('李娜').say(`${button} 客户走比选，不是公开招标`)).toContain('已记录：SOP-07 招标准备（客户：华信医疗器械有限公司）— 部分适用。');

    // 3. Through October the price card is pushed to twelve customers and judged once, negatively.
    for (let i = 1; i <= 12; i++) {
      const id = `c-p${i}`;
      store.customers.upsert({ id, name: `苏州第${i}精密机械有限公司`, ownerId: 'u-lina', industry: '制造', tier: 'R', aliases: [], externalUserIds: [] });
      store.opportunities.upsert({ id: `o-p${i}`, customerId: id, ownerId: 'u-lina', stage: 'T3', amount: 80_000 });
      t.clock.now += 24 * 3_600_000;
      t.customerSays(id, '你们比别家贵太多了', [['price_objection', 'negative', '贵']]);
    }
    expect(t.pushes('u-lina').filter((p) => p.cardId === 'SOP-08')).toHaveLength(12);
    expect(await t.as('李娜').say('/反馈 SOP-08 不适用 客户只认最低价，TCO讲不进去')).toContain('— 不适用。');

    // 4. 1 November 09:00: the monthly job retires SOP-08 (8% used, 100% 不适用) and reports to sales ops.
    const job = scheduler.jobs.find((j) => j.name === SOP_REVIEW_JOB)!;
    expect(job.cron).toBe('0 9 1 * *');
    t.clock.now = Date.parse('2026-11-01T09:00:00+08:00');
    await scheduler.runJob(job);
    const [report] = await t.delivered('u-admin');
    expect(report).toContain('SOP 卡片月度复盘（2026年10月）');
    expect(report).toContain('本月停用（1张）');
    expect(report).toContain('SOP-08 价格谈判：TCO对比：推送12 · 使用8% · 不适用100%');
    expect(report).toMatch(/优先改进（1张）\n1\. SOP-07 招标准备：推送1 · 使用100% · 不适用0%；销售说：“客户走比选，不是公开招标”/);
    expect(report).toContain('/卡片 恢复 <编号>');
    expect(await t.delivered('u-lina')).not.toContainEqual(expect.stringContaining('月度复盘'));

    // 5. The retired card no longer reaches anyone; the admin brings it back.
    t.clock.now += 3_600_000;
    t.customerSays('c-jm', '还是太贵', [['price_objection', 'negative', '太贵']]);
    expect(t.pushes().filter((p) => p.cardId === 'SOP-08')).toHaveLength(12);
    expect(await t.as('李娜').say('/卡片 SOP-08')).toContain('没有找到与「SOP-08」相关的卡片');

    expect(await t.as('周敏').say('/卡片 恢复 SOP-08')).toBe('已恢复 SOP-08 价格谈判：TCO对比，从现在起重新参与匹配。');
    await scheduler.runJob(job); // a re-run of the same month does not retire it again
    t.clock.now += 3_600_000;
    t.customerSays('c-jm', '能不能再便宜点', [['price_objection', 'negative', '便宜点']]);
    expect(t.pushes().filter((p) => p.cardId === 'SOP-08')).toHaveLength(13);
    expect((await t.delivered('u-admin')).filter((x) => x.includes('月度复盘'))).toHaveLength(1);
  });
});
