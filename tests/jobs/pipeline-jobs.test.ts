import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { createClock, recordLine } from '../support/pipeline-fixtures.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';
import { DEFAULT_RULES, mergeRules } from '../../src/domain/rules.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import type { AppOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

describe('pipeline jobs on the demo team', () => {
  let t: TestApp;
  const clock = createClock('2026-05-11T01:00:00Z'); // Monday 09:00 in Shanghai

  function start(options: AppOptions = {}) {
    clock.set('2026-05-11T01:00:00Z');
    t = createTestApp({ now: clock.now, ...options });
    loadDemo(t.app.store, clock.now());
  }
  async function run(name: string): Promise<void> {
    const job = t.app.scheduler.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    await t.app.scheduler.runJob(job);
    await t.app.dispatcher.drain('console');
  }
  const printedTo = (userId: string) => t.printed.filter((d) => d.userId === userId).map((d) => d.text);
  const alerts = (kind: string) => (t.app.db.prepare('SELECT COUNT(*) AS n FROM pipeline_alerts WHERE kind = ?').get(kind) as { n: number }).n;

  afterEach(async () => t.close());

  describe('weekly team reserve check', () => {
    it('tells the manager who is below the safety level, the team trend, and a plan for each', async () => {
      start();
      await run('pipeline-reserve-check');
      const [message, ...rest] = printedTo('demo-wangqiang');
      expect(rest).toEqual([]);
      expect(message).toContain('华东大区 本周储备检查 2026-05-11');
      expect(message).toMatch(/低于安全水位 3人：(?=.*李娜（[^）]*T3\+ \d\/5）)(?=.*陈静)(?=.*杨帆)/);
      expect(message).not.toMatch(/低于安全水位 3人：.*张伟/);
      expect(message).toMatch(/T1及以上：\S+ (\d+ ){7}\d+\n趋势 y=[+-][\d.]+x[+-][\d.]+，每周 \S+个，\S+，R² [\d.—]+/);
      expect(message).toMatch(/T3及以上：/);
      expect(message).toMatch(/李娜：在跟 10个；.*T3\+ 差\d个，4周内补齐需每周新增约 \d+个线索/);
      expect(printedTo('demo-lina')).toEqual([]); // the reps are not spammed
    });

    it('is not repeated in the same week, even by a second run, and comes again next week', async () => {
      start();
      await run('pipeline-reserve-check');
      clock.advanceDays(2);
      await run('pipeline-reserve-check');
      expect(printedTo('demo-wangqiang')).toHaveLength(1);
      expect(alerts('reserve-check')).toBe(1);
      clock.advanceDays(5);
      await run('pipeline-reserve-check');
      expect(printedTo('demo-wangqiang')).toHaveLength(2);
      const row = t.app.db.prepare("SELECT pushed, detail FROM pipeline_alerts WHERE kind = 'reserve-check' ORDER BY id DESC LIMIT 1").get() as { pushed: number; detail: string };
      expect(row.pushed).toBe(1);
      expect(JSON.parse(row.detail).below.sort()).toEqual(['demo-chenjing', 'demo-lina', 'demo-yangfan']);
    });
  });

  describe('daily stale deals', () => {
    it('flags deals with no customer message and no stage change for 14 days, with one-tap answers', async () => {
      start();
      await run('pipeline-stale-deals');
      const toLina = printedTo('demo-lina');
      // Only 李娜's three T0 deals have sat untouched for over two weeks.
      expect(toLina).toHaveLength(3);
      for (const name of ['鼎新销售管理平台', '启航CRM升级', '正泰营销自动化']) expect(toLina.some((m) => m.includes(`「${name}」`))).toBe(true);
      expect(toLina[0]).toContain('【商机停滞提醒】');
      expect(toLina[0]).toMatch(/已\d+天没有客户消息、阶段未变/);
      expect(toLina[0]).toContain('[3天后跟进] /跟进 demo-opp-');
      expect(toLina[0]).not.toContain('降为'); // nothing below T0
    });

    it('offers demotion, caps alerts per rep per day, and never repeats one in the same week', async () => {
      start();
      clock.advanceDays(16); // Wednesday of the third week: all ten open deals of 李娜 are stale
      await run('pipeline-stale-deals');
      const first = printedTo('demo-lina');
      expect(first).toHaveLength(6); // five cards and one summary of the rest
      expect(first.at(-1)).toContain('另有 5个商机也已超过14天没有客户消息');
      expect(first.some((m) => m.includes('「正泰数据中台」') && m.includes('[降为 T2] /推进 demo-opp-B09 T2'))).toBe(true);

      await run('pipeline-stale-deals'); // a re-run the same day adds nothing
      expect(printedTo('demo-lina')).toHaveLength(6);

      clock.advanceDays(1); // the next day the deferred five come, without a second summary
      await run('pipeline-stale-deals');
      const second = printedTo('demo-lina').slice(6);
      expect(second).toHaveLength(5);
      expect(second.every((m) => m.includes('【商机停滞提醒】'))).toBe(true);
      clock.advanceDays(1);
      await run('pipeline-stale-deals');
      expect(printedTo('demo-lina')).toHaveLength(11);
      expect(alerts('stale')).toBeGreaterThanOrEqual(10);
    });

    it('tapping demote moves the deal down a stage', async () => {
      start();
      clock.advanceDays(20);
      await run('pipeline-stale-deals');
      expect(await t.as('李娜').say('/推进 demo-opp-B09 T2')).toContain('从 T3 方案报价 调整为 T2 有效商机');
    });

    it('leaves alone deals the customer wrote about, and deals with a follow-up pending', async () => {
      start();
      const b01 = t.app.store.opportunities.get('demo-opp-B01')!;
      recordLine(t.app.store, { customerId: b01.customerId, userId: 'demo-lina', sender: 'ext-dx-1', text: '下周再聊', at: clock.now() - DAY_MS });
      const b02 = t.app.store.opportunities.get('demo-opp-B02')!;
      recordLine(t.app.store, { customerId: b02.customerId, userId: 'demo-lina', sender: 'lina', text: '王总，方案看了吗？', at: clock.now() - DAY_MS }); // ours, unanswered
      await t.as('李娜').say('/跟进 正泰营销自动化 3');
      await run('pipeline-stale-deals');
      const cards = printedTo('demo-lina').filter((m) => m.includes('商机停滞提醒'));
      expect(cards).toHaveLength(1);
      expect(cards[0]).toContain('「启航CRM升级」');
    });

    it('demotes by itself only when configured, with an audit record', async () => {
      start({ rules: mergeRules(DEFAULT_RULES, { staleAutoDemote: true }) });
      clock.advanceDays(20);
      await run('pipeline-stale-deals');
      expect(t.app.store.opportunities.get('demo-opp-B09')!.stage).toBe('T2');
      const h = t.app.db.prepare("SELECT changed_by, source FROM stage_history WHERE opportunity_id = 'demo-opp-B09' ORDER BY id DESC LIMIT 1").get();
      expect(h).toEqual({ changed_by: null, source: 'stale-job' });
      expect(printedTo('demo-lina').some((m) => m.includes('「正泰数据中台」已') && m.includes('自动从 T3 方案报价 降为 T2 有效商机'))).toBe(true);
      expect(t.app.store.opportunities.get('demo-opp-B01')!.stage).toBe('T0'); // nothing below T0
    });
  });

  describe('weekly forecast snapshot', () => {
    it('records 13 weeks per rep once a week', async () => {
      start();
      await run('pipeline-forecast-snapshot');
      await run('pipeline-forecast-snapshot');
      const rows = t.app.db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS reps FROM forecast_snapshots WHERE week = '2026-05-11'").get();
      expect(rows).toEqual({ n: 6 * 13, reps: 6 });
    });
  });
});

describe('pipeline job schedules', () => {
  it('refuses a bad cron expression by name', () => {
    expect(() => loadConfig({ PIPELINE_STALE_CRON: 'every morning' })).toThrow(/PIPELINE_STALE_CRON: is not a valid cron expression/);
  });

  it('come from the environment and can be switched off', async () => {
    const t = createTestApp({ env: { PIPELINE_STALE_CRON: 'off', PIPELINE_RESERVE_CRON: '30 8 * * 1' } });
    try {
      const jobs = Object.fromEntries(t.app.scheduler.jobs.filter((j) => j.name.startsWith('pipeline-')).map((j) => [j.name, j.cron]));
      expect(jobs).toEqual({ 'pipeline-forecast-snapshot': '0 6 * * 1', 'pipeline-reserve-check': '30 8 * * 1' });
    } finally {
      await t.close();
    }
  });
});
