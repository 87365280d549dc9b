import { describe, expect, it } from 'vitest';
import { createQuestionMatcher, parseCommand, stripLeadingMentions } from '../../src/core/command-parser.ts';
import { createCommandTable } from '../../src/core/router.ts';
import { COMMANDS } from '../../src/commands/index.ts';

describe('parseCommand', () => {
  it('accepts the ASCII and the full-width slash', () => {
    expect(parseCommand('/我的漏斗')?.name).toBe('/我的漏斗');
    expect(parseCommand('／我的漏斗')?.name).toBe('/我的漏斗');
  });

  it('folds extra and full-width spaces between arguments', () => {
    expect(parseCommand('  /团队漏斗 \u3000 华东大区  ')).toEqual({ name: '/团队漏斗', args: ['华东大区'], rest: '华东大区' });
  });

  it('strips a leading @mention of the bot', () => {
    expect(parseCommand('@销售雷达 /储备 4')).toEqual({ name: '/储备', args: ['4'], rest: '4' });
    expect(parseCommand('@销售雷达\u2005/funnel')?.name).toBe('/funnel');
    expect(stripLeadingMentions('@a @b 你好')).toBe('你好');
  });

  it('lower-cases English names and returns null for plain text', () => {
    expect(parseCommand('/FUNNEL')?.name).toBe('/funnel');
    expect(parseCommand('客户说预算下来了')).toBeNull();
    expect(parseCommand('/')).toBeNull();
  });
});

describe('questions to the bot', () => {
  const topicOf = createQuestionMatcher(['漏斗', '团队漏斗', '团队的漏斗'], ['储备', '简报']);

  it('reads a line that only asks about a product word, with or without request, owner and ask', () => {
    expect(topicOf('我的漏斗怎么样？')).toBe('漏斗');
    expect(topicOf('漏斗')).toBe('漏斗');
    expect(topicOf('我的 漏斗')).toBe('漏斗');
    expect(topicOf('团队的漏斗怎么样了')).toBe('团队的漏斗');
    expect(topicOf('团队漏斗')).toBe('团队漏斗');
  });

  it('reads an everyday word as a question only when the line makes it the rep\'s own, or alone', () => {
    expect(topicOf('@销售雷达 帮我看下储备够不够')).toBe('储备');
    expect(topicOf('今天的简报呢')).toBe('简报');
    expect(topicOf('我现在储备还差几个？')).toBe('储备');
    expect(topicOf('简报')).toBe('简报');
    // What a customer says, forwarded: a slide deck, their stock.
    expect(topicOf('简报发我')).toBeNull();
    expect(topicOf('简报呢？')).toBeNull();
    expect(topicOf('我们储备够吗')).toBeNull();
    expect(topicOf('储备多少')).toBeNull();
  });

  it('leaves conversations that mention a topic alone', () => {
    expect(topicOf('客户问你们的漏斗怎么样')).toBeNull();
    expect(topicOf('华通说储备物资的预算还没批')).toBeNull();
    expect(topicOf('简报发给王总了吗？他说要看一下我们的方案')).toBeNull();
    expect(topicOf('')).toBeNull();
  });
});

describe('command table', () => {
  const table = createCommandTable(COMMANDS);

  it('maps the questions reps and managers ask without the slash to the commands that answer them', () => {
    const asked = (line: string) => table.asked(line, 'rep')?.name ?? null;
    expect(asked('团队漏斗怎么样？')).toBe('/团队漏斗');
    expect(asked('谁的储备不够？')).toBe('/团队漏斗');
    expect(asked('团队呢？')).toBeNull();
    expect(asked('瓶颈在哪？')).toBeNull();
    expect(asked('怎么用？')).toBeNull();
    expect(asked('今天团队简报呢')).toBe('/简报');
    expect(asked('我离安全水位还差多少？')).toBe('/储备');
    expect(asked('我的商机有哪些风险？')).toBe('/商机');
    expect(asked('你能做什么？')).toBe('/帮助');
    expect(asked('他们团队怎么样')).toBeNull();
    expect(asked('客户说团队不够')).toBeNull();
    expect(asked('客户的商机有哪些')).toBeNull();
    // A manager asking after their own reserve or funnel gets the team view.
    expect(table.asked('我的储备够吗', 'manager')?.name).toBe('/团队漏斗');
    expect(table.asked('我的储备够吗', 'rep')?.name).toBe('/储备');
  });

  it('finds commands by Chinese name and English alias', () => {
    expect(table.find('/funnel')).toBe(table.find('/我的漏斗'));
    expect(table.find('/team')?.name).toBe('/团队漏斗');
  });

  it('suggests the closest command for a typo and nothing for noise', () => {
    expect(table.suggest('/我的漏')?.name).toBe('/我的漏斗');
    expect(table.suggest('/resrve')?.name).toBe('/储备');
    expect(table.suggest('/xyzxyzxyz')).toBeUndefined();
  });

  it('refuses a table with the same name twice', () => {
    expect(() => createCommandTable([COMMANDS[0]!, COMMANDS[0]!])).toThrow(/registered twice/);
  });
});
