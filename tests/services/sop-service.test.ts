import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, START, createSopTestApp, type SopTestApp } from '../support/sop-org.ts';
import { suggestedCardsForNewHire, sopModule } from '../../src/services/sop/index.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createSopStore } from '../../src/store/sop-store.ts';

describe('SOP cards in chat', () => {
  let t: SopTestApp;
  beforeEach(() => {
    t = createSopTestApp();
  });
  afterEach(async () => t.close());

  describe('/客户', () => {
    it('shows the customer card and three matched cards with feedback buttons', async () => {
      t.customerSays('c-hx', '今年这块预算有50万左右', [['budget', 'positive', '预算有']], START - 3 * DAY_MS);
      t.customerSays('c-hx', '下个月挂网招标，你们准备一下资质', [['tender', 'positive', '招标']], START - 26 * HOUR);
      const before = (await t.delivered('u-lina')).length;
      const reply = await t.as('李娜').say('/客户 华信');

      expect(reply).toContain('华信医疗器械有限公司');
      expect(reply).toContain('行业：医疗 · K类客户 · 负责人：李娜');
      expect(reply).toContain('阶段：T2 有效商机 · 金额：38万');
      expect(reply).toContain('昨天 招标（积极）：“下个月挂网招标，你们准备一下资质”');
      expect(reply).toContain('✅ 预算范围：已知（“今年这块预算有50万左右”）');
      expect(reply).toContain('❌ 决策时间：未知');
      expect(reply).toContain('❌ 关键决策人：未知');
      expect(reply).toMatch(/1\. SOP-18 MOT三要素齐了再报价 — 客户3天前提到预算/);
      expect(reply).toMatch(/2\. SOP-07 招标准备 — 客户昨天提到招标：“下个月挂网招标/);
      expect(reply).toMatch(/3\. SOP-21 医疗客户的数据安全答疑 — 医疗行业专用/);

      const pushes = t.pushes('u-lina');
      expect(pushes.map((p) => [p.cardId, p.trigger])).toEqual([
        ['SOP-18', 'customer_view'],
        ['SOP-07', 'customer_view'],
        ['SOP-21', 'customer_view'],
      ]);
      const tender = pushes[1]!;
      for (const label of ['完全适用', '部分适用', '不适用']) expect(reply).toContain(`[${label}] /反馈 SOP-07#${tender.id} ${label}`);
      for (const section of ['适用场景', '必做动作', '禁忌雷区', '效果验证点']) expect(reply).toContain(section);
      expect((await t.delivered('u-lina')).length - before).toBe(4);
    });

    it('does not count a second look in the same week as new pushes', async () => {
      await t.as('李娜').say('/客户 华信');
      const first = t.pushes().map((p) => p.id);
      const reply = await t.as('李娜').say('/客户 华信医疗器械有限公司');
      expect(t.pushes().map((p) => p.id)).toEqual(first);
      expect(reply).toContain(`/反馈 ${t.pushes()[0]!.cardId}#${first[0]} 完全适用`);
    });

    it('lets a manager look at a team customer without pushing cards to the manager', async () => {
      const reply = await t.as('王强').say('/客户 华信');
      expect(reply).toContain('推荐卡片（会推送给负责人）');
      expect(reply).not.toContain('/反馈');
      expect(t.pushes()).toEqual([]);
    });

    it('keeps reps to their own customers and answers unclear names', async () => {
      expect(await t.as('李娜').say('/客户 远航')).toBe('客户「远航」不在你负责的范围内。');
      expect(await t.as('李娜').say('/客户 不存在的公司')).toContain('没有找到客户「不存在的公司」');
      expect(await t.as('李娜').say('/客户 华')).toBe('找到 2 个客户，请写全名：\n华信医疗器械有限公司\n华远连锁商业集团');
      expect(await t.as('李娜').say('/客户')).toContain('用法：/客户 <客户名称或简称>');
      expect((await t.as('李娜').say(`/客户 ${'长'.repeat(5000)}`)).length).toBeLessThan(60);
    });

    it('treats a customer without an opportunity as a T0 lead', async () => {
      t.app.store.customers.upsert({ id: 'c-lead', name: '启航能源科技有限公司', ownerId: 'u-lina', industry: '能源', tier: null, aliases: [], externalUserIds: [] });
      const reply = await t.as('李娜').say('/客户 启航能源');
      expect(reply).toContain('阶段：还没有商机（按 T0 线索匹配卡片）');
      expect(reply).toContain('1. SOP-01 首次电话破冰');
      expect(reply).toContain('2. SOP-28 新线索10分钟筛选');
    });

    it('announces the opened customer for conversation attribution', async () => {
      const seen: string[] = [];
      t.app.services.events.on('customerOpened', (e) => seen.push(`${e.userId}:${e.customerId}`));
      await t.as('李娜').say('/客户 金茂');
      expect(seen).toEqual(['u-lina:c-jm']);
    });
  });

  describe('pushes on a stage change', () => {
    it('sends the owner the cards for the new stage, and not the same cards again within 7 days', async () => {
      t.moveStage('o-jm', 'T4');
      const texts = await t.delivered('u-lina');
      expect(texts).toHaveLength(3);
      expect(texts[0]).toContain('【SOP-09 折扣阶梯与让步节奏】');
      expect(texts[0]).toContain('客户：金茂精密机械有限公司 · 商机进入 T4 商务谈判');
      expect(texts[0]).toContain('为什么推荐：适用T4 商务谈判阶段：进入商务谈判（T4），客户采购部门介入…');
      expect(t.pushes('u-lina').map((p) => `${p.cardId}/${p.trigger}`)).toEqual(['SOP-09/stage_change', 'SOP-10/stage_change', 'SOP-08/stage_change']);

      t.clock.now += DAY_MS;
      t.moveStage('o-jm', 'T3');
      t.moveStage('o-jm', 'T4');
      const week = t.pushes('u-lina').map((p) => p.cardId);
      expect(week).toHaveLength(9);
      expect(new Set(week).size).toBe(9);

      t.clock.now += 7 * DAY_MS;
      t.moveStage('o-jm', 'T3');
      t.moveStage('o-jm', 'T4');
      expect(t.pushes('u-lina').slice(-3).map((p) => p.cardId)).toEqual(['SOP-09', 'SOP-10', 'SOP-07']);
    });

    it('marks cards for a new hire as learning material', async () => {
      t.moveStage('o-xq', 'T2');
      const texts = await t.delivered('u-new');
      expect(texts).toHaveLength(3);
      expect(texts.join('\n')).toContain('【学习材料·SOP-25 新人首次独立拜访】');
      expect(texts.every((x) => x.includes('新人学习材料：照着必做动作做一遍'))).toBe(true);
      expect(t.pushes('u-new').every((p) => p.learning === 1)).toBe(true);
    });
  });

  describe('pushes on fresh signals', () => {
    it('pushes the tender card once per card, customer and day, and not again within 7 days', async () => {
      t.customerSays('c-hx', '下个月挂网招标', [['tender', 'positive', '招标']]);
      let texts = await t.delivered('u-lina');
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('【SOP-07 招标准备】');
      expect(texts[0]).toContain('客户：华信医疗器械有限公司 · 客户提到「招标」');
      expect(texts[0]).toContain('为什么推荐：客户今天提到招标：“下个月挂网招标”');

      t.clock.now += 2 * HOUR;
      t.customerSays('c-hx', '标书模板发你了', [['tender', 'neutral', '标书']]);
      t.clock.now += 2 * DAY_MS;
      t.customerSays('c-hx', '招标公告下周发', [['tender', 'positive', '招标']]);
      texts = await t.delivered('u-lina');
      expect(texts).toHaveLength(1);

      t.clock.now = START + 8 * DAY_MS;
      t.customerSays('c-hx', '开标时间定了', [['tender', 'positive', '开标']]);
      expect(await t.delivered('u-lina')).toHaveLength(2);
      expect(t.pushes('u-lina').map((p) => `${p.cardId}/${p.trigger}`)).toEqual(['SOP-07/signal', 'SOP-07/signal']);
    });

    it('pushes a price card on 太贵 and nothing for signals no card listens to', async () => {
      t.customerSays('c-jm', '你们这个太贵了', [['price_objection', 'negative', '太贵']]);
      t.customerSays('c-hy', '收到，谢谢', []);
      t.customerSays('c-hy', '价格可以接受', [['price_objection', 'positive', '可以接受']]);
      const texts = await t.delivered('u-lina');
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('【SOP-08 价格谈判：TCO对比】');
    });

    it('does not push for old lines (an archive import)', async () => {
      t.customerSays('c-hx', '下个月挂网招标', [['tender', 'positive', '招标']], START - 3 * DAY_MS);
      expect(await t.delivered('u-lina')).toEqual([]);
      expect(t.pushes()).toEqual([]);
    });

    it('holds a push between 21:00 and 08:00 until the morning', async () => {
      t.clock.now = Date.parse('2026-11-10T22:30:00+08:00');
      t.customerSays('c-hx', '我们要走招标流程', [['tender', 'neutral', '招标']]);
      expect(await t.delivered('u-lina')).toEqual([]);
      const morning = Date.parse('2026-11-11T08:00:00+08:00');
      expect(t.pushes('u-lina')).toMatchObject([{ cardId: 'SOP-07', deliverAt: morning }]);

      t.clock.now = Date.parse('2026-11-11T07:30:00+08:00');
      t.customerSays('c-hx', '招标文件周五发', [['tender', 'positive', '招标']]);
      expect(await t.delivered('u-lina')).toEqual([]);

      t.clock.now = morning;
      const texts = await t.delivered('u-lina');
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('SOP-07 招标准备');
    });
  });

  describe('quiet hours and a rep at work', () => {
    it('holds stage cards from a CRM sync at night until the morning', async () => {
      t.clock.now = Date.parse('2026-11-10T22:30:00+08:00');
      t.moveStage('o-jm', 'T4'); // CRM sync: nobody is waiting for it
      expect(await t.delivered('u-lina')).toEqual([]);
      expect(t.pushes('u-lina')[0]).toMatchObject({ deliverAt: Date.parse('2026-11-11T08:00:00+08:00') });
    });

    it('sends stage cards at once when the rep moves the deal in chat at night', async () => {
      t.clock.now = Date.parse('2026-11-10T22:40:00+08:00');
      const reply = await t.as('李娜').say('/推进 金茂 T4');
      expect(reply).toContain('T4');
      const texts = await t.delivered('u-lina');
      expect(texts.some((x) => x.includes('【SOP-09 折扣阶梯与让步节奏】'))).toBe(true);
      // The answer to the move comes first, the cards it calls for after it.
      expect(reply.indexOf('调整为')).toBeGreaterThanOrEqual(0);
      expect(reply.indexOf('调整为')).toBeLessThan(reply.indexOf('【SOP-09'));
    });
  });

  describe('feedback', () => {
    it('records the answer a card button sends, with the reason', async () => {
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      const push = t.pushes()[0]!;
      const reply = await t.as('李娜').say(`/反馈 SOP-07#${push.id} 部分适用 客户走的是比选不是公开招标`);
      expect(reply).toBe('已记录：SOP-07 招标准备（客户：华信医疗器械有限公司）— 部分适用。\n谢谢，每月复盘会用到你的反馈。');
      expect(t.app.store.sop.getPush(push.id)!.feedback).toMatchObject({ verdict: 'partial', reason: '客户走的是比选不是公开招标' });
    });

    it('takes a typed card number, asks for a reason and notes a changed answer', async () => {
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      const id = t.pushes()[0]!.id;
      expect(await t.as('李娜').say('/反馈 sop-07 完全')).toContain('— 完全适用。');
      const reply = await t.as('李娜').say('/反馈 SOP-07 不适用');
      expect(reply).toContain('（替换了之前的「完全适用」）');
      expect(reply).toContain(`补一句原因，卡片才能改进：/反馈 SOP-07#${id} 不适用 原因`);
    });

    it('refuses feedback that cannot be tied to a push of the caller', async () => {
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      const id = t.pushes()[0]!.id;
      expect(await t.as('王强').say(`/反馈 SOP-07#${id} 完全适用`)).toBe(`没有找到推送给你的卡片 SOP-07（推送号 ${id}）。`);
      expect(await t.as('李娜').say(`/反馈 SOP-08#${id} 完全适用`)).toContain('没有找到推送给你的卡片 SOP-08');
      expect(await t.as('李娜').say('/反馈 SOP-12 完全适用')).toBe('你还没有收到过卡片 SOP-12，收到后再反馈。');
      expect(await t.as('李娜').say('/反馈 SOP-99 完全适用')).toBe('没有卡片 SOP-99。发送 /卡片 查看全部卡片。');
      expect(await t.as('李娜').say('/反馈 SOP-07 还行')).toContain('评价只能是 完全适用、部分适用 或 不适用');
      expect(await t.as('李娜').say('/反馈 @@ 完全适用')).toContain('卡片编号「@@」不对');
      expect(await t.as('李娜').say('/反馈 SOP-07')).toContain('用法：/反馈 <卡片编号>');
      expect(t.app.store.sop.getPush(id)!.feedback).toBeNull();
    });
  });

  describe('the 48-hour reminder', () => {
    it('reminds once per card still without feedback 48 hours after delivery', async () => {
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      t.customerSays('c-jm', '太贵了', [['price_objection', 'negative', '太贵']]);
      const [tender, price] = t.pushes();
      await t.as('李娜').say(`/反馈 SOP-08#${price!.id} 完全适用`);
      const sop = sopModule(t.app.services);

      t.clock.now = START + 47 * HOUR;
      expect(sop.sendReminders()).toBe(0);
      t.clock.now = START + 48 * HOUR;
      expect(sop.sendReminders()).toBe(1);
      const texts = await t.delivered('u-lina');
      expect(texts.at(-1)).toContain('【请反馈：SOP-07 招标准备】');
      expect(texts.at(-1)).toContain('2天前推送给你（客户：华信医疗器械有限公司）');
      expect(texts.at(-1)).toContain(`[不适用] /反馈 SOP-07#${tender!.id} 不适用`);

      t.clock.now += 5 * HOUR;
      expect(sop.sendReminders()).toBe(0);
    });

    it('counts the 48 hours from the morning delivery of a card held by quiet hours', () => {
      t.clock.now = Date.parse('2026-11-10T23:00:00+08:00');
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      const sop = sopModule(t.app.services);
      t.clock.now = Date.parse('2026-11-12T23:30:00+08:00');
      expect(sop.sendReminders()).toBe(0);
      t.clock.now = Date.parse('2026-11-13T08:00:00+08:00');
      expect(sop.sendReminders()).toBe(1);
    });
  });

  describe('/卡片 and /卡片统计', () => {
    it('searches cards and shows one in full', async () => {
      const list = await t.as('李娜').say('/卡片 招标');
      expect(list).toContain('与「招标」相关的卡片');
      expect(list.split('\n')[1]).toBe('SOP-07 招标准备（T2/T3/T4）');
      const full = await t.as('李娜').say('/卡片 sop-10');
      expect(full).toContain('SOP-10 合同卡在法务');
      expect(full).toContain('触发信号：合同回款（消极）');
      expect(full).toContain('法务对法务');
      expect(await t.as('李娜').say('/卡片 量子计算')).toBe('没有找到与「量子计算」相关的卡片。发送 /卡片 查看目录。');
      expect(await t.as('李娜').say('/卡片')).toMatch(/SOP 卡片目录（\d+张）/);
    });

    it('shows statistics to managers for their team and to admins for everyone, not to reps', async () => {
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      t.customerSays('c-yh', '也在看销售易', [['competitor', 'negative', '销售易']]);
      t.moveStage('o-jm', 'T4');
      const [tender] = t.pushes('u-lina');
      await t.as('李娜').say(`/反馈 SOP-07#${tender!.id} 不适用 客户不走招标`);

      expect(await t.as('李娜').say('/卡片统计')).toContain('仅限主管和管理员使用');
      const team = await t.as('王强').say('/卡片统计');
      expect(team).toContain('SOP 卡片统计（王强的团队，近30天）');
      expect(team).toContain('SOP-07 招标准备：推送1 · 使用100% · 0/0/1 新');
      expect(team).toContain('SOP-08 价格谈判：TCO对比：推送1 · 使用0% · 0/0/0 新');
      expect(team).not.toContain('SOP-12 竞品在场与竞品替换：推送');
      const all = await t.as('周敏').say('/卡片统计');
      expect(all).toContain('全公司');
      expect(all).toContain('SOP-12 竞品在场与竞品替换：推送1');
    });

    it('shows the usage trend against the previous 30 days', async () => {
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      await t.as('李娜').say('/反馈 SOP-07 完全适用');
      t.clock.now += 35 * DAY_MS;
      t.customerSays('c-hx', '招标延期了', [['tender', 'positive', '招标']]);
      const report = await t.as('王强').say('/卡片统计');
      expect(report).toContain('SOP-07 招标准备：推送1 · 使用0% · 0/0/0 ↓100pt');
    });
  });

  describe('retiring and restoring', () => {
    it('sees a card retired by another process on the same database', async () => {
      expect(await t.as('李娜').say('/卡片 招标准备')).toContain('SOP-07'); // this process has read the retired set
      const other = openDatabase(t.app.config.databasePath);
      createSopStore(other).recordCardEvent({ cardId: 'SOP-07', action: 'retire', period: '2026-10', actor: null, detail: null });
      other.close();
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      expect(t.pushes()).toEqual([]);
    });

    it('never matches a retired card; only admins restore it', async () => {
      t.app.store.sop.recordCardEvent({ cardId: 'SOP-07', action: 'retire', period: '2026-10', actor: null, detail: null });
      const sop = sopModule(t.app.services);
      expect(sop.restore(t.app.store.users.get('u-admin')!, 'SOP-01')).toContain('没有停用');
      t.customerSays('c-hx', '下个月招标', [['tender', 'positive', '招标']]);
      expect(t.pushes()).toEqual([]);
      expect(await t.as('李娜').say('/客户 华信')).not.toContain('SOP-07');
      expect(await t.as('李娜').say('/卡片 招标准备')).not.toContain('SOP-07');
      expect(await t.as('周敏').say('/卡片 SOP-07')).toContain('已停用，可用 /卡片 恢复 SOP-07 恢复');

      expect(await t.as('李娜').say('/卡片 恢复 SOP-07')).toBe('恢复卡片仅限管理员（销售运营）。');
      expect(await t.as('王强').say('/卡片 恢复 SOP-07')).toBe('恢复卡片仅限管理员（销售运营）。');
      expect(await t.as('周敏').say('/卡片 恢复 SOP-77')).toBe('没有卡片 SOP-77。');
      expect(await t.as('周敏').say('/卡片 恢复 sop-07')).toBe('已恢复 SOP-07 招标准备，从现在起重新参与匹配。');
      t.customerSays('c-hx', '招标公告发了', [['tender', 'positive', '招标']]);
      expect(t.pushes().filter((p) => p.trigger === 'signal').map((p) => p.cardId)).toEqual(['SOP-07']);
    });
  });

  describe('new hires', () => {
    it('suggests today\'s learning cards for the brief, recorded once per day', async () => {
      const newbie = t.app.store.users.get('u-new')!;
      const dry = suggestedCardsForNewHire(t.app.services, newbie, '2026-11-10', { dryRun: true });
      expect(dry.suggestions.map((s) => s.card.id)).toEqual(['SOP-22', 'SOP-25', 'SOP-02']);
      expect(t.pushes()).toEqual([]);

      const brief = suggestedCardsForNewHire(t.app.services, newbie, '2026-11-10');
      expect(brief.markdown).toContain('**今日学习卡片（新人）**');
      expect(brief.markdown).toContain('1. SOP-22 教育客户跟上预算节奏 — 新桥职业技术学院：教育行业专用');
      expect(brief.messages).toHaveLength(3);
      expect(brief.messages[0]).toMatchObject({ kind: 'card', card: { title: '学习材料·SOP-22 教育客户跟上预算节奏' } });
      expect(t.pushes('u-new').map((p) => `${p.cardId}/${p.trigger}/${p.learning}`)).toEqual([
        'SOP-22/new_hire/1', 'SOP-25/new_hire/1', 'SOP-02/new_hire/1',
      ]);
      const again = suggestedCardsForNewHire(t.app.services, newbie, '2026-11-10');
      expect(again.suggestions.map((s) => s.pushId)).toEqual(brief.suggestions.map((s) => s.pushId));
      expect(t.pushes()).toHaveLength(3);
    });

    it('suggests nothing to someone hired more than NEW_HIRE_DAYS ago', async () => {
      expect(suggestedCardsForNewHire(t.app.services, t.app.store.users.get('u-lina')!, '2026-11-10').suggestions).toEqual([]);
      await t.close();
      t = createSopTestApp({ NEW_HIRE_DAYS: '30' });
      expect(suggestedCardsForNewHire(t.app.services, t.app.store.users.get('u-new')!, '2026-11-10').markdown).toBe('');
    });
  });
});
