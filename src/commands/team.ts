// /团队漏斗: every rep of the caller's team side by side, weak ones flagged. Managers see the
// people who report to them (any depth); admins see everyone, or one team by name.
import { z } from 'zod';
import { LEADERS, defineCommand } from '../core/command.ts';
import { UserError } from '../core/errors.ts';
import { createFunnelService } from '../services/funnel-service.ts';
import { renderTeam } from '../text/funnel-render.ts';

export const teamCommand = defineCommand({
  name: '/团队漏斗',
  aliases: ['/team'],
  description: '查看团队每位销售的漏斗与储备，标出低于均值和安全水位的人（主管、管理员）',
  usage: '[团队名]',
  args: z.array(z.string()).max(1),
  roles: LEADERS,
  askedAbout: ['团队漏斗', '团队的漏斗', '团队储备', '团队的储备', '谁的储备', '谁储备', '谁的漏斗'],
  run({ user, args, services }) {
    const { users } = services.store;
    const teamName = args[0];
    let members = user.role === 'admin' ? users.list() : users.reportsOf(user.id);
    if (teamName) {
      members = members.filter((m) => m.teamName === teamName);
      if (members.length === 0) {
        const known = [...new Set((user.role === 'admin' ? users.list() : users.reportsOf(user.id)).map((m) => m.teamName).filter(Boolean))];
        throw new UserError('not_found', `没有找到你可查看的团队「${teamName}」。${known.length ? `可选：${known.join('、')}` : ''}`);
      }
    }
    const funnel = createFunnelService({ ...services, timeZone: services.config.timeZone });
    const title = teamName ? `${teamName} 团队漏斗` : user.role === 'admin' ? '全员漏斗' : `${user.name}的团队漏斗`;
    const levels = services.rules.safetyLevels;
    return renderTeam(title, funnel.team(members), levels.T3 ?? Object.values(levels).at(-1));
  },
});
