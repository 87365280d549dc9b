import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { consoleInbound } from '../../src/channels/console/console-channel.ts';
import { COMMANDS } from '../../src/commands/index.ts';
import { ALL_ROLES, defineCommand } from '../../src/core/command.ts';

const explode = defineCommand({
  name: '/爆炸',
  aliases: ['/boom'],
  description: 'always fails',
  args: z.array(z.string()),
  roles: ALL_ROLES,
  hidden: true,
  run() {
    throw new Error('kaboom');
  },
});

describe('router', () => {
  let t: TestApp;
  beforeEach(() => {
    t = createTestApp({ commands: [...COMMANDS, explode] });
    t.app.store.users.upsert({ id: 'u-rep', name: '小李', role: 'rep', managerId: null, teamName: null, hiredAt: null, wecomUserId: null, dingtalkStaffId: null });
  });
  afterEach(async () => t.close());

  it('explains registration to an unknown sender', async () => {
    const reply = await t.as('nobody-42').say('/我的漏斗');
    expect(reply).toContain('还没有在销售雷达登记');
    expect(reply).toContain('nobody-42');
  });

  it('processes a redelivered message once', async () => {
    const m = consoleInbound('u-rep', '/我的漏斗');
    await t.app.router.handleInbound(m);
    expect(await t.app.router.handleInbound({ ...m })).toBeNull();
    await t.app.dispatcher.drain('console');
    expect(t.printed.filter((p) => p.text.includes('小李的销售漏斗'))).toHaveLength(1);
  });

  it('answers an empty funnel with what to do', async () => {
    expect(await t.as('小李').say('/funnel')).toContain('暂无进行中的商机');
  });

  it('turns a crashing handler into a short apology and keeps the message as failed', async () => {
    const m = consoleInbound('u-rep', '/boom');
    await t.app.router.handleInbound(m);
    await t.app.dispatcher.drain('console');
    expect(t.printed.at(-1)?.text).toContain('出错了');
    expect(t.app.store.inbox.status('console', m.id)).toBe('failed');
    // the process goes on
    expect(await t.as('小李').say('/帮助')).toContain('/我的漏斗');
  });

  it('answers a question to the bot without the slash, and does not record it as a conversation', async () => {
    expect(await t.as('小李').say('我的漏斗怎么样？')).toContain('暂无进行中的商机');
    expect(await t.as('小李').say('我的储备够吗')).toContain('储备');
    const stored = t.app.db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number };
    expect(stored.n).toBe(0);
    // A line about a customer that mentions a topic word is still a conversation.
    expect(await t.as('小李').say('客户问你们的漏斗管理怎么做的，下周给他演示')).toContain('已记录');
    expect((t.app.db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }).n).toBe(1);
  });

  it('tells a deactivated user so', async () => {
    t.app.store.users.setActive('u-rep', false);
    expect(await t.as('小李').say('/我的漏斗')).toContain('已停用');
  });

  it('ignores group messages that do not mention the bot', async () => {
    const m = { ...consoleInbound('u-rep', '/我的漏斗'), conversation: { id: 'g1', kind: 'group' as const }, mentionsBot: false };
    expect(await t.app.router.handleInbound(m)).toEqual([]);
  });

  it('recovers messages acknowledged before a crash', async () => {
    const m = consoleInbound('u-rep', '/我的漏斗');
    expect(t.app.router.accept(m)).toBe(true); // stored and acknowledged, then the process "died"
    expect(await t.app.router.recover()).toBe(1);
    await t.app.dispatcher.drain('console');
    expect(t.printed.at(-1)?.text).toContain('小李的销售漏斗');
    expect(t.app.store.inbox.status('console', m.id)).toBe('processed');
  });

  it('hides leader commands from a rep\'s help', async () => {
    const help = await t.as('小李').say('/帮助');
    expect(help).toContain('/储备');
    expect(help).not.toContain('/团队漏斗');
    expect(help).not.toContain('/爆炸');
  });
});
