import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';

describe('console channel on the demo team', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp();
    loadDemo(t.app.store);
  });
  afterEach(async () => t.close());

  it('answers /我的漏斗 with the rep\'s own stages and the safety verdict', async () => {
    const reply = await t.as('李娜').say('/我的漏斗');
    expect(reply).toContain('李娜的销售漏斗');
    expect(reply).toMatch(/T3 方案报价：\d+个/);
    expect(reply).toContain('低于安全水位');
  });

  it('shows the team side by side to the manager with B, D and E flagged', async () => {
    const reply = await t.as('王强').say('/团队漏斗');
    for (const name of ['李娜', '陈静', '杨帆']) expect(reply).toMatch(new RegExp(`⚠ ${name}.*低于安全水位`));
    for (const name of ['张伟', '刘洋', '赵磊']) expect(reply).not.toMatch(new RegExp(`⚠ ${name}`));
  });

  it('refuses the team view to a rep politely', async () => {
    expect(await t.as('李娜').say('/team')).toContain('仅限主管和管理员');
  });
});
