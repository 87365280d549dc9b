// The whole chain with no shortcuts: a chat line goes through the real ingest and extractor,
// the extracted signal triggers the SOP card, and the card reaches its owner on the console.
import { afterEach, describe, expect, it } from 'vitest';
import { createSopTestApp, type SopTestApp } from '../support/sop-org.ts';

describe('a customer mentioning 招标 reaches the owner as the tender card', () => {
  let t: SopTestApp;
  afterEach(async () => t.close());

  it('from a line the rep forwards in chat', async () => {
    t = createSopTestApp();
    const reply = await t.as('李娜').say('华信那边说下个月挂网招标，让我们提前准备资质');
    expect(reply).toContain('华信医疗器械有限公司');
    const delivered = await t.delivered('u-lina');
    const card = delivered.find((m) => m.includes('【SOP-07 招标准备】'));
    expect(card).toBeDefined();
    expect(card).toMatch(/\[完全适用\] \/反馈 SOP-07#\d+ 完全适用/);
  });

  it('not at night: the card waits until 08:00', async () => {
    t = createSopTestApp();
    t.clock.now = Date.parse('2026-11-10T22:30:00+08:00');
    await t.as('李娜').say('华信那边说下个月挂网招标');
    expect((await t.delivered('u-lina')).some((m) => m.includes('SOP-07'))).toBe(false);
    expect(t.pushes('u-lina').find((p) => p.cardId === 'SOP-07')?.deliverAt).toBe(Date.parse('2026-11-11T08:00:00+08:00'));
  });
});
