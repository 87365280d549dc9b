// Card files for tests: a valid card text with any front-matter field overridden (an empty
// string drops the field), and a parsed card from the same.
import { parseCard, type SopCard } from '../../src/domain/sop/card.ts';

export function cardText(front: Record<string, string> = {}, body?: string): string {
  const fields = {
    id: 'SOP-90',
    title: '测试卡片',
    stages: '[T2, T3]',
    industries: 'all',
    triggers: '[tender positive]',
    audience: 'all',
    tier: 'all',
    owner: '销售运营',
    version: '1',
    ...front,
  };
  const yaml = Object.entries(fields)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return `---\n${yaml}\n---\n${body ?? '## 适用场景\n客户要招标。\n\n## 必做动作\n1. 拿到招标文件。\n\n## 禁忌雷区\n- 不要最后一天上传。\n\n## 效果验证点\n- 入围。\n'}`;
}

export function card(front: Record<string, string> = {}, body?: string): SopCard {
  const r = parseCard(`${front.id ?? 'SOP-90'}.md`, cardText(front, body));
  if (!r.ok) throw new Error(r.error.reason);
  return r.card;
}
