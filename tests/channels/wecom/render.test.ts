import { describe, expect, it } from 'vitest';
import { renderOutbound, splitByBytes, toWecomMarkdown, utf8Bytes } from '../../../src/channels/wecom/render.ts';
import { markdown, text } from '../../../src/core/message.ts';

const ctx = { touser: 'lina', agentId: 1000002, cardUrl: 'https://example.invalid/', newTaskId: (ref?: string) => `task_${ref ?? 'x'}` };

describe('WeCom rendering', () => {
  it('splits long Chinese text into parts of at most 2,048 bytes without cutting a character', () => {
    const line = '销售雷达提醒：本周请补充T3商机。'.repeat(20); // one line of ~960 bytes
    const long = Array.from({ length: 9 }, (_, i) => `${i}${line}`).join('\n');
    const parts = splitByBytes(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(utf8Bytes(p)).toBeLessThanOrEqual(2048);
      expect(p).not.toContain('\uFFFD');
    }
    expect(parts.join('\n')).toBe(long); // split at line breaks: nothing lost, nothing added
  });

  it('cuts a single over-long line at character boundaries (3-byte and 4-byte characters)', () => {
    const line = '好'.repeat(700) + '😀'.repeat(100); // 2100 + 400 bytes, no line break
    const parts = splitByBytes(line);
    expect(parts.join('')).toBe(line);
    for (const p of parts) {
      expect(utf8Bytes(p)).toBeLessThanOrEqual(2048);
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
      expect(p).not.toMatch(/[\uD800-\uDBFF]$/); // no lone high surrogate at a cut
    }
  });

  it('reduces markdown to the app subset: lists become dots, tables plain rows, fences and images go', () => {
    const md = '# 周报\n- 第一项\n* 第二项\n| 姓名 | 数量 |\n|---|---|\n| 李娜 | 3 |\n```\ncode\n```\n![图](https://x/y.png)\n> **注意** <font color="warning">低于水位</font>';
    expect(toWecomMarkdown(md)).toBe('# 周报\n· 第一项\n· 第二项\n姓名  数量\n李娜  3\ncode\n[图](https://x/y.png)\n> **注意** <font color="warning">低于水位</font>');
  });

  it('renders text, markdown (title shown once) and sends each part as its own message', () => {
    expect(renderOutbound(text('你好'), ctx).bodies).toEqual([
      { touser: 'lina', agentid: 1000002, enable_duplicate_check: 0, msgtype: 'text', text: { content: '你好' } },
    ]);
    const md = renderOutbound(markdown('李娜的销售漏斗', '**李娜的销售漏斗** 2026-03-02\nT3：2个'), ctx).bodies;
    expect(md).toHaveLength(1);
    expect(md[0]).toMatchObject({ msgtype: 'markdown', markdown: { content: '**李娜的销售漏斗** 2026-03-02\nT3：2个' } });
    const titled = renderOutbound(markdown('晨报', '今日无事'), ctx).bodies[0];
    expect(titled).toMatchObject({ markdown: { content: '**晨报**\n今日无事' } });
  });

  it('renders a plain card as text_notice and a card with buttons as button_interaction whose keys are commands', () => {
    const plain = renderOutbound({ kind: 'card', card: { title: '李娜的销售漏斗', description: '2026-03-02', fields: [{ label: 'T3', value: '2个' }] } }, ctx);
    expect(plain.card).toBeUndefined();
    expect(plain.bodies[0]).toMatchObject({
      msgtype: 'template_card',
      template_card: {
        card_type: 'text_notice',
        main_title: { title: '李娜的销售漏斗', desc: '2026-03-02' },
        horizontal_content_list: [{ keyname: 'T3', value: '2个' }],
        card_action: { type: 1, url: 'https://example.invalid/' },
      },
    });

    const sop = renderOutbound(
      {
        kind: 'card',
        card: {
          title: 'T3 方案报价 SOP',
          body: '**要点**：确认预算与决策链',
          refId: 'push-12',
          buttons: [
            { label: '完全适用', command: '/反馈 push-12 完全适用' },
            { label: '部分适用', command: '/反馈 push-12 部分适用' },
            { label: '不适用', command: '/反馈 push-12 不适用' },
          ],
        },
      },
      ctx,
    );
    expect(sop.card).toEqual({
      taskId: 'task_push-12',
      buttons: [
        { key: '/反馈 push-12 完全适用', label: '完全适用' },
        { key: '/反馈 push-12 部分适用', label: '部分适用' },
        { key: '/反馈 push-12 不适用', label: '不适用' },
      ],
    });
    expect(sop.bodies[0]).toMatchObject({
      template_card: {
        card_type: 'button_interaction',
        task_id: 'task_push-12',
        sub_title_text: '要点：确认预算与决策链',
        button_list: [
          { text: '完全适用', style: 1, key: '/反馈 push-12 完全适用' },
          { text: '部分适用', style: 2, key: '/反馈 push-12 部分适用' },
          { text: '不适用', style: 2, key: '/反馈 push-12 不适用' },
        ],
      },
    });
  });

  it('sends the full content after a card that had to be shortened', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ label: `第${i + 1}项`, value: `${i}个` }));
    const r = renderOutbound({ kind: 'card', card: { title: '团队晨报', fields } }, ctx);
    expect(r.bodies).toHaveLength(2);
    expect((r.bodies[0] as any).template_card.horizontal_content_list).toHaveLength(6);
    expect((r.bodies[1] as any).markdown.content).toContain('第8项：7个');
  });
});
