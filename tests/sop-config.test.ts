import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DEFAULT_SOP_CARDS_DIR, loadConfig } from '../src/config.ts';
import { createTestApp, tempDir } from './support/harness.ts';
import { cardText } from './support/sop-cards.ts';
import { sopModule } from '../src/services/sop/index.ts';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('SOP configuration', () => {
  it('defaults to the shipped cards, 90 new-hire days, 15% / 40% / 10 pushes and quiet 21:00–08:00', () => {
    const c = loadConfig({});
    expect(c.newHireDays).toBe(90);
    expect(c.sop).toEqual({
      cardsDir: DEFAULT_SOP_CARDS_DIR,
      retire: { usageBelowPct: 15, negativeAbovePct: 40, minPushes: 10 },
      quietHours: { start: 21 * 60, end: 8 * 60 },
      reviewCron: '0 9 1 * *',
      reminderCron: '5 * * * *',
    });
    expect(DEFAULT_SOP_CARDS_DIR).toMatch(/templates[/\\]sop$/);
  });

  it('names each bad SOP variable', () => {
    try {
      loadConfig({ SOP_QUIET_HOURS: '9pm-8am', SOP_REVIEW_CRON: 'monthly', SOP_RETIRE_USAGE_BELOW: '150', NEW_HIRE_DAYS: '0' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      for (const name of ['SOP_QUIET_HOURS', 'SOP_REVIEW_CRON', 'SOP_RETIRE_USAGE_BELOW', 'NEW_HIRE_DAYS']) {
        expect((error as Error).message).toContain(`${name}:`);
      }
    }
  });

  it('starts with a folder holding a broken card: the broken one is refused, the others serve', async () => {
    const cards = join(dir.path, 'cards');
    mkdirSync(cards);
    writeFileSync(join(cards, 'ok.md'), cardText({ id: 'OPS-1', stages: '[T0, T1, T2, T3, T4]' }));
    writeFileSync(join(cards, 'bad.md'), cardText({ id: 'OPS-2', stages: '[T9]' }));
    const t = createTestApp({ env: { SOP_CARDS_DIR: cards } });
    const sop = sopModule(t.app.services);
    expect(sop.library.cards.map((c) => c.id)).toEqual(['OPS-1']);
    expect(sop.library.errors).toEqual([{ file: 'bad.md', reason: expect.stringContaining('未知阶段「T9」') }]);
    await t.close();
  });

  it('`sales-radar cards` lists refused files and exits 1; the shipped folder passes', () => {
    const bin = join(import.meta.dirname, '..', 'bin', 'sales-radar.mjs');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, 'cards', ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' }, timeout: 30_000 });
    const bad = run(['--dir', join(dir.path, 'cards')]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('1 张卡片可用，1 个文件被拒绝');
    expect(bad.stdout).toContain('✗ bad.md：stages：未知阶段「T9」');
    const shipped = run([]);
    expect(shipped.status).toBe(0);
    expect(shipped.stdout).toMatch(/\d+ 张卡片可用$/m);
  });
});
