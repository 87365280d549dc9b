import { describe, expect, it } from 'vitest';
import { parseCard, parseLibrary } from '../../../src/domain/sop/card.ts';
import { loadCardLibrary } from '../../../src/services/sop/card-library.ts';
import { DEFAULT_SOP_CARDS_DIR } from '../../../src/config.ts';
import { OPEN_STAGES } from '../../../src/domain/stages.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/harness.ts';
import { cardText } from '../../support/sop-cards.ts';

describe('SOP card files', () => {
  it('parses front matter and the four sections', () => {
    const r = parseCard('a.md', cardText({ industries: '[医疗, 教育]', triggers: '[tender positive, price_objection]', tier: 'K' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.card).toMatchObject({
      id: 'SOP-90',
      stages: ['T2', 'T3'],
      industries: ['医疗', '教育'],
      tier: 'K',
      triggers: [
        { category: 'tender', sentiment: 'positive' },
        { category: 'price_objection', sentiment: null },
      ],
    });
    expect(r.card.sections.actions).toBe('1. 拿到招标文件。');
    expect(r.card.sections.taboos).toContain('不要最后一天上传');
  });

  it('treats "all" industries as every industry and defaults optional fields', () => {
    const r = parseCard('a.md', cardText({ industries: '', triggers: '', audience: '', tier: '' }));
    expect(r.ok && r.card).toMatchObject({ industries: null, triggers: [], audience: 'all', tier: 'all' });
  });

  it.each([
    ['a missing section', cardText({}, '## 适用场景\nx\n## 必做动作\ny\n## 效果验证点\nz\n'), '缺少段落「## 禁忌雷区」'],
    ['an empty section', cardText({}, '## 适用场景\nx\n## 必做动作\n\n## 禁忌雷区\ny\n## 效果验证点\nz\n'), '段落「必做动作」是空的'],
    ['a misspelt section', cardText({}, '## 适用场景\nx\n## 必做动做\ny\n'), '未知段落「必做动做」'],
    ['an unknown stage', cardText({ stages: '[T2, T5]' }), '未知阶段「T5」'],
    ['an unknown signal category', cardText({ triggers: '[bidding positive]' }), '未知信号类别「bidding」'],
    ['an unknown sentiment', cardText({ triggers: '[tender happy]' }), '未知情绪「happy」'],
    ['a lowercase id', cardText({ id: 'sop-1' }), 'id 只能用大写字母'],
    ['a missing owner', cardText({ owner: '' }), '缺少 owner'],
    ['an unknown field', cardText({ colour: 'red' }), '未知字段 colour'],
    ['no front matter', '## 适用场景\nx', '缺少 front matter'],
    ['broken YAML', cardText({ stages: '[T2, T3' }), 'front matter 不是有效的 YAML（第'],
  ])('refuses %s with a reason', (_, text, reason) => {
    const r = parseCard('bad.md', text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ file: 'bad.md', reason: expect.stringContaining(reason) });
  });

  it('refuses a duplicate id and still loads the other cards', () => {
    const { cards, errors } = parseLibrary([
      { file: 'a.md', text: cardText({ id: 'SOP-91' }) },
      { file: 'b.md', text: cardText({ id: 'SOP-91' }) },
      { file: 'c.md', text: cardText({ id: 'SOP-92', stages: '[X]' }) },
      { file: 'd.md', text: cardText({ id: 'SOP-93' }) },
    ]);
    expect(cards.map((c) => c.id)).toEqual(['SOP-91', 'SOP-93']);
    expect(errors).toEqual([
      { file: 'b.md', reason: 'id SOP-91 重复（已在 a.md 中使用）' },
      { file: 'c.md', reason: expect.stringContaining('未知阶段「X」') },
    ]);
  });

  it('loads a folder: invalid files are reported by name, the rest load, a README is not a card', () => {
    const dir = tempDir();
    mkdirSync(join(dir.path, 'cards'));
    writeFileSync(join(dir.path, 'cards', 'good.md'), cardText({ id: 'SOP-94' }));
    writeFileSync(join(dir.path, 'cards', 'broken.md'), cardText({ id: 'SOP-95' }, '## 适用场景\nx\n'));
    writeFileSync(join(dir.path, 'cards', 'README.md'), '# how to write cards');
    const lib = loadCardLibrary(join(dir.path, 'cards'));
    expect(lib.cards.map((c) => c.id)).toEqual(['SOP-94']);
    expect(lib.errors).toEqual([{ file: 'broken.md', reason: '缺少段落「## 必做动作」' }]);
    expect(loadCardLibrary(join(dir.path, 'missing')).errors[0]!.reason).toBe('卡片目录不存在');
    dir.cleanup();
  });
});

describe('the shipped card library', () => {
  const lib = loadCardLibrary(DEFAULT_SOP_CARDS_DIR);

  it('loads at least 20 cards with no refusals', () => {
    expect(lib.errors).toEqual([]);
    expect(lib.cards.length).toBeGreaterThanOrEqual(20);
  });

  it('has at least two cards for every open stage and cards for the scenarios the seeds name', () => {
    for (const stage of OPEN_STAGES) expect(lib.cards.filter((c) => c.stages.includes(stage)).length).toBeGreaterThanOrEqual(2);
    const titles = lib.cards.map((c) => c.title).join(' ');
    for (const topic of ['破冰', 'BANT', '组织架构', '决策人', 'IT现状', 'POC', '招标', 'TCO', '折扣', '法务', '采购', '竞品', 'IT部门', '续约', '沉默', 'K类', 'R类']) {
      expect(titles).toContain(topic);
    }
  });

  it('writes concrete actions: every card has at least three numbered steps', () => {
    for (const c of lib.cards) expect(c.sections.actions.match(/^\d+\. /gm)?.length ?? 0, c.id).toBeGreaterThanOrEqual(3);
  });
});
