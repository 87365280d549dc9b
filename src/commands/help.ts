// /帮助: generated from the command table, showing only what the caller may run.
import { z } from 'zod';
import { ALL_ROLES, defineCommand, type CommandSpec } from '../core/command.ts';
import { markdown } from '../core/message.ts';
import type { Role } from '../domain/types.ts';

export function helpText(commands: CommandSpec<any>[], role: Role): string {
  const lines = ['**销售雷达 可用命令**'];
  for (const c of commands) {
    if (c.hidden || !c.roles.includes(role)) continue;
    const alias = c.aliases.find((a) => /^\/[a-z]/.test(a));
    lines.push(`**${c.name}${c.usage ? ` ${c.usage}` : ''}**${alias ? `（${alias}）` : ''}：${c.description}`);
  }
  lines.push('> 命令前的 / 可用全角 ／；在群里请先 @我。也可直接问：我的漏斗怎么样？');
  return lines.join('\n');
}

export function createHelpCommand(list: () => CommandSpec<any>[]) {
  return defineCommand({
    name: '/帮助',
    aliases: ['/help', '/?', '/？'],
    description: '查看全部命令',
    askedAbout: ['你能做什么', '你会什么', '有什么命令'],
    askedAboutMine: ['帮助', '命令'],
    args: z.array(z.string()),
    roles: ALL_ROLES,
    run: ({ user }) => markdown('销售雷达 可用命令', helpText(list(), user.role)),
  });
}
