import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { createClock, recordLine } from '../support/pipeline-fixtures.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';
import { DAY_MS, localMidnight } from '../../src/domain/time.ts';
import type { DomainEvents } from '../../src/core/events.ts';
import { wan } from '../../src/text/format.ts';

// Demo deals of 李娜 used below: B06 恒信营销自动化 (T2), B08 华通CRM升级 (T3; a won B11 has the same name),
// B09 正泰数据中台 (T3), B04 博雅CRM升级 (T1), B10 嘉禾销售管理平台 (T4).
describe('pipeline commands through the console on the demo team', () => {
  let t: TestApp;
  const clock = createClock('2026-05-13T02:00:00Z'); // Wednesday 10:00 in Shanghai
  let events: DomainEvents['stageChanged'][];
  const stageOf = (id: string) => t.app.store.opportunities.get(id)!.stage;
  const lastHistory = (id: string) =>
    t.app.db.prepare('SELECT from_stage, to_stage, changed_by, source FROM stage_history WHERE opportunity_id = ? ORDER BY id DESC LIMIT 1').get(id);
  const customerOf = (id: string) => t.app.store.opportunities.get(id)!.customerId;

  beforeEach(() => {
    clock.set('2026-05-13T02:00:00Z');
    t = createTestApp({ now: clock.now });
    loadDemo(t.app.store, clock.now());
    events = [];
    t.app.services.events.on('stageChanged', (e) => events.push(e));
  });
  afterEach(async () => t.close());

  describe('/推进 and the MOT gate', () => {
    it('refuses 方案报价 while each MOT fact is missing, and moves nothing', async () => {
      const reply = await t.as('李娜').say('/推进 恒信营销自动化 T3');
      expect(reply).toContain('MOT 未通过');
      expect(reply).toContain('还不能进入 T3 方案报价：MOT 要素缺 3 项');
      for (const fact of ['预算范围', '决策时间', '关键决策人']) expect(reply).toContain(`✗ ${fact}：还没有客户信号`);
      expect(reply).toContain('/推进 demo-opp-B06 T3 确认');
      expect(stageOf('demo-opp-B06')).toBe('T2');
      expect(events).toEqual([]);
    });

    it("passes on the customer's own signals and lists only what is still missing", async () => {
      const customerId = customerOf('demo-opp-B06');
      const at = clock.now() - 2 * DAY_MS;
      recordLine(t.app.store, { customerId, userId: 'demo-lina', sender: 'ext-hx-1', text: '今年预算有50万', at, signals: [['budget', 'positive']] });
      recordLine(t.app.store, { customerId, userId: 'demo-lina', sender: 'ext-hx-1', text: '月底前定下来', at: at + 1000, signals: [['timeline', 'positive']] });
      const partial = await t.as('李娜').say('/推进 恒信营销自动化 T3');
      expect(partial).toContain('MOT 要素缺 1 项');
      expect(partial).toContain('✓ 预算范围：客户说「今年预算有50万」');
      expect(partial).toContain('✗ 关键决策人：还没有客户信号');

      recordLine(t.app.store, { customerId, userId: 'demo-lina', sender: 'ext-hx-1', text: '下周可以约张总见面', at: at + 2000, signals: [['decision_maker', 'positive']] });
      const moved = await t.as('李娜').say('/推进 恒信营销自动化 T3');
      expect(moved).toContain('已将「恒信营销自动化」从 T2 有效商机 调整为 T3 方案报价');
      expect(moved).toContain('MOT 三要素：预算范围✓ 决策时间✓ 关键决策人✓');
      expect(stageOf('demo-opp-B06')).toBe('T3');
      expect(lastHistory('demo-opp-B06')).toEqual({ from_stage: 'T2', to_stage: 'T3', changed_by: 'demo-lina', source: 'chat' });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ fromStage: 'T2', toStage: 'T3', changedBy: 'demo-lina', source: 'chat', opportunity: { id: 'demo-opp-B06', stage: 'T3' } });
    });

    it('blocks again when the customer takes a fact back', async () => {
      const customerId = customerOf('demo-opp-B06');
      const at = clock.now() - 3 * DAY_MS;
      recordLine(t.app.store, { customerId, userId: 'demo-lina', sender: 'ext-hx-1', text: '预算有50万，月底定，张总会参加', at, signals: [['budget', 'positive'], ['timeline', 'positive'], ['decision_maker', 'positive']] });
      recordLine(t.app.store, { customerId, userId: 'demo-lina', sender: 'ext-hx-1', text: '预算被砍了', at: at + DAY_MS, signals: [['budget', 'negative']] });
      const reply = await t.as('李娜').say('/推进 恒信营销自动化 方案报价');
      expect(reply).toContain('✗ 预算范围：客户说「预算被砍了」');
      expect(stageOf('demo-opp-B06')).toBe('T2');
    });

    it('records an explicit confirmation as such and moves', async () => {
      const reply = await t.as('李娜').say('/推进 恒信营销自动化 T3 确认');
      expect(reply).toContain('调整为 T3 方案报价');
      expect(reply).toContain('已记录你确认的：预算范围、决策时间、关键决策人');
      const facts = t.app.db.prepare('SELECT fact, confirmed_by, source FROM opportunity_facts WHERE opportunity_id = ? ORDER BY fact').all('demo-opp-B06');
      expect(facts).toEqual([
        { fact: 'budget', confirmed_by: 'demo-lina', source: 'chat' },
        { fact: 'decision_maker', confirmed_by: 'demo-lina', source: 'chat' },
        { fact: 'timeline', confirmed_by: 'demo-lina', source: 'chat' },
      ]);
      // Once confirmed, a later move back up needs no second confirmation.
      await t.as('李娜').say('/推进 demo-opp-B06 T2');
      expect(await t.as('李娜').say('/推进 demo-opp-B06 T3')).toContain('MOT 三要素：预算范围（已确认）');
    });

    it('moves backwards and to 赢单 without the gate, and picks the open deal among equal names', async () => {
      expect(await t.as('李娜').say('/推进 华通CRM升级 T2')).toContain('从 T3 方案报价 调整为 T2 有效商机');
      expect(stageOf('demo-opp-B08')).toBe('T2');
      expect(stageOf('demo-opp-B11')).toBe('WIN');
      expect(await t.as('李娜').say('/推进 嘉禾销售管理平台 赢单')).toContain('调整为 赢单');
      expect(stageOf('demo-opp-B10')).toBe('WIN');
    });

    it('needs a listed reason and a note to mark a deal lost', async () => {
      expect(await t.as('李娜').say('/推进 博雅CRM升级 输单')).toContain('原因可选：价格、竞品、预算取消、需求变化、决策延期、失去联系、其他');
      expect(await t.as('李娜').say('/推进 博雅CRM升级 输单 太贵了 客户嫌贵')).toContain('「太贵了」不在可选原因里');
      expect(await t.as('李娜').say('/推进 博雅CRM升级 输单 竞品')).toContain('输单需要选择原因并写一句说明');
      expect(stageOf('demo-opp-B04')).toBe('T1');
      expect(await t.as('李娜').say('/推进 博雅CRM升级 输单 竞品 客户选了别家，价格低两成')).toContain('调整为 输单');
      expect(t.app.store.pipeline.lostReasonOf('demo-opp-B04')).toMatchObject({ reason: '竞品', note: '客户选了别家，价格低两成', recordedBy: 'demo-lina' });
    });

    it('explains unknown stages, deals and same-stage moves', async () => {
      expect(await t.as('李娜').say('/推进 博雅CRM升级 T9')).toContain('没有阶段「T9」');
      expect(await t.as('李娜').say('/推进 不存在的客户 T2')).toContain('没有找到「不存在的客户」相关的商机');
      expect(await t.as('李娜').say('/推进 博雅CRM升级 T1')).toContain('已经在 T1 意向');
      expect(await t.as('李娜').say('/推进 启航 T1')).toContain('「启航」对应2个商机，请用编号指定');
    });

    it('finds a deal by customer alias or part of its name, and keeps echoes of pasted text short', async () => {
      expect(await t.as('李娜').say('/推进 鼎新 T1')).toContain('已将「鼎新销售管理平台」从 T0 线索 调整为 T1 意向'); // alias of 成都鼎新农村商业银行
      expect(await t.as('李娜').say('/推进 博雅CRM T2')).toContain('已将「博雅CRM升级」');
      const reply = await t.as('李娜').say(`/推进 ${'很长的客户名'.repeat(3000)} T2`);
      expect(reply).toContain('没有找到');
      expect(reply.length).toBeLessThan(100);
    });
  });

  describe('permissions', () => {
    it("does not let a rep move another rep's deal", async () => {
      const reply = await t.as('张伟').say('/推进 正泰数据中台 T4');
      expect(reply).toContain('「正泰数据中台」是李娜的商机，只有李娜本人或其主管可以调整');
      expect(stageOf('demo-opp-B09')).toBe('T3');
      expect(await t.as('张伟').say('/推进 demo-opp-B09 T4')).toContain('是李娜的商机');
      expect(events).toEqual([]);
    });

    it("lets the manager move a team member's deal, with an audit record and a note to the owner", async () => {
      const reply = await t.as('王强').say('/推进 正泰数据中台 T4');
      expect(reply).toContain('已将「正泰数据中台」从 T3 方案报价 调整为 T4 商务谈判');
      expect(reply).toContain('已记录为你代李娜调整，并通知了李娜');
      expect(lastHistory('demo-opp-B09')).toEqual({ from_stage: 'T3', to_stage: 'T4', changed_by: 'demo-wangqiang', source: 'chat:on-behalf' });
      expect(events[0]).toMatchObject({ changedBy: 'demo-wangqiang', source: 'chat:on-behalf' });
      const toOwner = t.printed.filter((d) => d.userId === 'demo-lina').map((d) => d.text);
      expect(toOwner).toContain('王强 将你的商机「正泰数据中台」从 T3 方案报价 调整为 T4 商务谈判。');
    });

    it("keeps a manager out of another team's deals", async () => {
      t.app.store.users.upsert({ id: 'm-north', name: '孙丽', role: 'manager', managerId: null, teamName: '华北大区', hiredAt: null, wecomUserId: null, dingtalkStaffId: null });
      expect(await t.as('孙丽').say('/推进 demo-opp-B09 T4')).toContain('是李娜的商机');
      expect(stageOf('demo-opp-B09')).toBe('T3');
    });
  });

  describe('/预测', () => {
    it('shows month, quarter, the 13-week view, committed deals and undated deals by name', async () => {
      const b07 = t.app.store.opportunities.get('demo-opp-B07')!;
      t.app.store.opportunities.upsert({ ...b07, expectedCloseDate: null });
      expect(await t.as('李娜').say('/推进 嘉禾销售管理平台 T4 确认')).toContain('已记录「嘉禾销售管理平台」客户签约意向');
      const reply = await t.as('李娜').say('/预测');
      expect(reply).toContain('李娜的销售预测 2026-05-13');
      expect(reply).toMatch(/本月（5月）：已赢单 \S+ ｜ 承诺 0 ｜ 加权 \S+/);
      expect(reply).toMatch(/本季（Q2）：已赢单 \S+ ｜ 承诺 34万 ｜ 加权/);
      expect(reply).toContain('13周滚动');
      expect(reply).toMatch(/6\/8周：\d+个 · 加权 \S+ · 承诺 34万/); // B10 closes 2026-06-09
      expect(reply).toContain('未填预计成交日 1个（6.1万，不计入以上）：启航销售管理平台');
      expect(reply).toContain('还没有历史周预测记录');
    });

    it('shows the team forecast to the manager, with owners named on undated deals', async () => {
      const b07 = t.app.store.opportunities.get('demo-opp-B07')!;
      t.app.store.opportunities.upsert({ ...b07, expectedCloseDate: null });
      const reply = await t.as('王强').say('/预测');
      expect(reply).toContain('华东大区的销售预测');
      expect(reply).toContain('启航销售管理平台(李娜)');
      expect(await t.as('王强').say('/预测 李娜')).toContain('李娜的销售预测');
      expect(await t.as('李娜').say('/预测 张伟')).toContain('你只能查看自己的商机');
    });

    it('compares last weeks\' recorded forecasts with what was actually won', async () => {
      const week1 = localMidnight('2026-05-25', 'Asia/Shanghai') + 6 * 3_600_000; // Monday 06:00
      clock.set(week1);
      const job = t.app.scheduler.jobs.find((j) => j.name === 'pipeline-forecast-snapshot')!;
      await t.app.scheduler.runJob(job);
      const snapshot = t.app.db
        .prepare("SELECT weighted FROM forecast_snapshots WHERE user_id = 'demo-lina' AND week = '2026-05-25' AND target_week = '2026-05-25'")
        .get() as { weighted: number };
      clock.set(week1 + 2 * DAY_MS);
      await t.as('李娜').say('/推进 正泰数据中台 赢单'); // expected 2026-05-27, won that week
      clock.set(week1 + 7 * DAY_MS);
      await t.app.scheduler.runJob(job);
      const won = t.app.store.opportunities.get('demo-opp-B09')!.amount;
      const reply = await t.as('李娜').say('/预测');
      expect(reply).toContain(`预测准确度（近1周）：每周初加权预测合计 ${wan(snapshot.weighted)}，实际赢单 ${wan(won)}`);
      expect(reply).toContain('仅1周，仅供参考');
    });
  });

  describe('/商机', () => {
    it('lists open deals by risk with their warnings', async () => {
      const customerId = customerOf('demo-opp-B09');
      const now = clock.now();
      recordLine(t.app.store, { customerId, userId: 'demo-lina', sender: 'ext-zt-1', text: '我们也在看销售易', at: now - 8 * DAY_MS, signals: [['competitor', 'negative']] });
      recordLine(t.app.store, { customerId, userId: 'demo-lina', sender: 'lina', text: '方案和报价发您了，请查收', at: now - 5 * DAY_MS });
      const reply = await t.as('李娜').say('/商机');
      expect(reply).toContain('李娜的商机（按风险排序）共 10个');
      const lines = reply.split('\n');
      const b09 = lines.find((l) => l.includes('正泰数据中台'))!;
      expect(b09).toContain('客户5天未回复');
      expect(b09).toContain('负面信号：竞品');
      expect(b09).toContain('仅1位联系人');
      expect(b09).toContain('未接触决策人');
      expect(b09).not.toContain('未谈过价格'); // 报价 was mentioned
      expect(lines.findIndex((l) => l.includes('正泰数据中台'))).toBeLessThan(lines.findIndex((l) => l.includes('鼎新销售管理平台')));
      expect(lines.find((l) => l.includes('鼎新销售管理平台'))).toMatch(/46天无动态/);
      expect(lines.find((l) => l.includes('博雅CRM升级'))).toMatch(/✓$/);
    });

    it('lets a manager look at one rep, not the whole team at once', async () => {
      expect(await t.as('王强').say('/商机 李娜')).toContain('李娜的商机');
      expect(await t.as('王强').say('/商机 华东大区')).toContain('一次查看一个人');
    });
  });

  describe('/跟进', () => {
    it('schedules a reminder on the day at 09:00 and pauses stale alerts until then', async () => {
      expect(await t.as('李娜').say('/跟进 鼎新销售管理平台 3')).toContain('已约 5/16 跟进「鼎新销售管理平台」');
      const pending = t.app.store.outbox.list('pending');
      expect(pending).toHaveLength(1);
      expect(pending[0]!.nextAttemptAt).toBe(localMidnight('2026-05-16', 'Asia/Shanghai') + 9 * 3_600_000);
      expect(t.app.store.pipeline.pendingFollowUp('demo-opp-B01', clock.now())).toBe(pending[0]!.nextAttemptAt);
      expect(await t.as('李娜').say('/跟进 鼎新销售管理平台 13/45')).toContain('看不懂日期「13/45」');
      expect(await t.as('李娜').say('/跟进 鼎新销售管理平台 2/30')).toContain('看不懂日期「2/30」');
      expect(await t.as('李娜').say('/跟进 鼎新销售管理平台 2026-02-30')).toContain('看不懂日期「2026-02-30」');
      expect(await t.as('李娜').say('/跟进 鼎新销售管理平台 2027-12-01')).toContain('跟进日期请定在180天以内');
      expect(t.app.store.outbox.list('pending')).toHaveLength(1);
    });
  });
});
