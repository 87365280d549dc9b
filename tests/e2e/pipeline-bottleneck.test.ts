import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { addDeal, addUser, createClock, recordLine } from '../support/pipeline-fixtures.ts';
import { DAY_MS } from '../../src/domain/time.ts';

// A hand-computed team over the default 90-day window:
//   r1: 2 new deals; 1 won (10万) + 1 lost; talks to customers; 1 of 3 worked deals reached the decision maker.
//   r2: 4 new deals; 1 won (30万) from a customer who bought before; no conversations on record.
//   r3: 3 new deals; 1 won (20万) + 1 lost; talks to customers; no decision maker reached (0 of 3).
// Team medians: 潜客数 3, 触达率 (1/3, 0) → 1/6, 转化率 (.5, 1, .5) → .5, 客单价 (10, 30, 20万) → 20万, 复购率 (0, 1, 0) → 0.
describe('/瓶颈 on a hand-computed team', () => {
  let t: TestApp;
  const clock = createClock('2026-05-13T02:00:00Z');
  const ago = (days: number) => clock.now() - days * DAY_MS;

  beforeEach(() => {
    t = createTestApp({ now: clock.now });
    const s = t.app.store;
    addUser(s, 'mgr', 'manager', null, '华南');
    for (const r of ['r1', 'r2', 'r3']) addUser(s, r, 'rep', 'mgr', '华南');

    addDeal(s, { id: 'r1-open', owner: 'r1', path: [['T0', ago(30)], ['T2', ago(20)]] });
    addDeal(s, { id: 'r1-won', owner: 'r1', amount: 100_000, path: [['T1', ago(40)], ['WIN', ago(10)]] });
    addDeal(s, { id: 'r1-lost', owner: 'r1', path: [['T2', ago(200)], ['LOST', ago(5)]] });
    recordLine(s, { customerId: 'cust-r1-open', userId: 'r1', sender: 'ext-1', text: '可以约张总见面', at: ago(5), signals: [['decision_maker', 'positive']] });

    for (const k of [1, 2, 3]) addDeal(s, { id: `r2-open-${k}`, owner: 'r2', path: [['T0', ago(10)]] });
    addDeal(s, { id: 'r2-old', owner: 'r2', customer: 'loyal', amount: 50_000, path: [['T3', ago(300)], ['WIN', ago(299)]] });
    addDeal(s, { id: 'r2-again', owner: 'r2', customer: 'loyal', amount: 300_000, path: [['T2', ago(20)], ['WIN', ago(3)]] });

    addDeal(s, { id: 'r3-won', owner: 'r3', amount: 200_000, path: [['T1', ago(15)], ['WIN', ago(2)]] });
    addDeal(s, { id: 'r3-lost', owner: 'r3', path: [['T1', ago(15)], ['LOST', ago(1)]] });
    addDeal(s, { id: 'r3-open', owner: 'r3', path: [['T1', ago(15)]] });
    recordLine(s, { customerId: 'cust-r3-open', userId: 'r3', sender: 'ext-3', text: '领导很忙，不方便见', at: ago(4), signals: [['decision_maker', 'negative']] });
  });
  afterEach(async () => t.close());

  it("sets a rep's five factors against the team median and picks the 3-2-1", async () => {
    const reply = await t.as('r1').say('/瓶颈');
    expect(reply).toContain('r1的业绩瓶颈（近90天，对比团队中位数）');
    expect(reply).toContain('业绩 = 潜客数 × 触达率 × 转化率 × 客单价 × 复购率');
    expect(reply).toContain('潜客数：2个（中位数 3个）▼ 偏弱');
    expect(reply).toContain('触达率：33%（中位数 17%）▲');
    expect(reply).toContain('转化率：50%（中位数 50%）≈');
    expect(reply).toContain('客单价：10万（中位数 20万）▼ 偏弱');
    expect(reply).toContain('复购率：0%（中位数 0%）≈');
    expect(reply).toContain('3 个潜在瓶颈：客单价、潜客数、转化率');
    expect(reply).toContain('2 个核心症结：结合陪访和复盘，从中确认两个——客单价：');
    expect(reply).toContain('1 个关键动作：提升客单价（若达到中位数，业绩约 +100%）');
  });

  it('says which factors cannot be computed from the data', async () => {
    const reply = await t.as('r2').say('/bottleneck');
    expect(reply).toContain('触达率：无法计算——没有沟通记录，无法判断是否接触到决策人');
    expect(reply).toContain('复购率：100%（中位数 0%）▲');
    expect(reply).toContain('触达率无法计算，未参与排序');
  });

  it("gives the manager the team's factors per head against the organisation's median", async () => {
    const reply = await t.as('mgr').say('/瓶颈');
    expect(reply).toContain('华南的业绩瓶颈（近90天，对比全员中位数）');
    expect(reply).toContain('潜客数：每人 3个（中位数 3个）≈');
    expect(reply).toContain('触达率：17%（中位数 17%）≈'); // 1 of the 6 deals worked by r1 and r3
    expect(reply).toContain('转化率：60%（中位数 50%）▲');
    expect(reply).toContain('客单价：20万（中位数 20万）≈');
    expect(reply).toContain('3 个潜在瓶颈：潜客数、触达率、客单价');
    expect(reply).toContain('1 个关键动作：各项不低于中位数，可继续巩固潜客数');
  });

  it('answers plainly when there is nothing to measure yet', async () => {
    addUser(t.app.store, 'newbie', 'rep', null, null);
    const reply = await t.as('newbie').say('/瓶颈');
    expect(reply).toContain('潜客数：0个');
    expect(reply).toContain('转化率：无法计算——窗口内没有赢单或输单');
  });
});
