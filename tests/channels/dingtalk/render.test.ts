import { describe, expect, it } from 'vitest';
import {
  MAX_TEXT_CHARS,
  commandLink,
  renderRobotApi,
  renderWebhook,
  toDingtalkMarkdown,
} from '../../../src/channels/dingtalk/render.ts';
import type { OutboundMessage } from '../../../src/core/message.ts';

const sopCard = (buttons: number): OutboundMessage => ({
  kind: 'card',
  card: {
    title: '异议处理：预算不足',
    description: '客户提到“预算没批”',
    fields: [{ label: '客户', value: '杭州恒信精密机械有限公司' }],
    body: '1. 先确认预算周期\n2. 给出分期方案',
    buttons: Array.from({ length: buttons }, (_, i) => ({ label: `选项${i + 1}`, command: `/反馈 12 选项${i + 1}` })),
  },
});

describe('DingTalk rendering', () => {
  it('renders markdown with its title and hard line breaks', () => {
    const body = renderWebhook({ kind: 'markdown', title: '李娜的销售漏斗', markdown: '**李娜**\nT0：3个\nT1：2个' });
    expect(body).toEqual({ msgtype: 'markdown', markdown: { title: '李娜的销售漏斗', text: '**李娜**  \nT0：3个  \nT1：2个' } });
  });

  it('keeps a line after a quote out of the quote and maps WeCom colour names', () => {
    expect(toDingtalkMarkdown('> 提示\n正文 <font color="warning">低</font>')).toBe('> 提示\n\n正文 <font color="#FF6A00">低</font>');
  });

  it('cuts very long text with a visible note', () => {
    const text = toDingtalkMarkdown('长'.repeat(MAX_TEXT_CHARS + 100));
    expect(text.length).toBe(MAX_TEXT_CHARS);
    expect(text).toContain('已截断');
  });

  it('turns card buttons into links that send the command back', () => {
    const body = renderWebhook(sopCard(2));
    expect(body.msgtype).toBe('actionCard');
    if (body.msgtype !== 'actionCard') return;
    expect(body.actionCard.title).toBe('异议处理：预算不足');
    expect(body.actionCard.text).toContain('### 异议处理：预算不足');
    expect(body.actionCard.text).toContain('**客户**：杭州恒信精密机械有限公司');
    expect(body.actionCard.btns).toEqual([
      { title: '选项1', actionURL: commandLink('/反馈 12 选项1') },
      { title: '选项2', actionURL: commandLink('/反馈 12 选项2') },
    ]);
    const url = new URL(body.actionCard.btns![0]!.actionURL);
    expect(url.protocol).toBe('dtmd:');
    expect(url.searchParams.get('content')).toBe('/反馈 12 选项1');
  });

  it('uses singleTitle/singleURL for one button and plain markdown for none', () => {
    const one = renderWebhook(sopCard(1));
    expect(one).toMatchObject({ msgtype: 'actionCard', actionCard: { singleTitle: '选项1', singleURL: commandLink('/反馈 12 选项1') } });
    expect(renderWebhook(sopCard(0)).msgtype).toBe('markdown');
  });

  it('maps to robot-API templates with msgParam as a JSON string', () => {
    const md = renderRobotApi({ kind: 'markdown', title: 'T', markdown: '## hi' });
    expect(md.msgKey).toBe('sampleMarkdown');
    expect(JSON.parse(md.msgParam)).toEqual({ title: 'T', text: '## hi' });

    expect(JSON.parse(renderRobotApi({ kind: 'text', text: '你好' }).msgParam)).toEqual({ content: '你好' });

    const three = renderRobotApi(sopCard(3));
    expect(three.msgKey).toBe('sampleActionCard3');
    expect(JSON.parse(three.msgParam)).toMatchObject({ actionTitle3: '选项3', actionURL3: commandLink('/反馈 12 选项3') });

    expect(renderRobotApi(sopCard(1)).msgKey).toBe('sampleActionCard');
  });

  it('shows at most five buttons and lists the rest as commands to type', () => {
    const seven = renderRobotApi(sopCard(7));
    expect(seven.msgKey).toBe('sampleActionCard5');
    const param = JSON.parse(seven.msgParam);
    expect(param.actionTitle6).toBeUndefined();
    expect(param.text).toContain('/反馈 12 选项6');
    expect(param.text).toContain('/反馈 12 选项7');
  });
});
