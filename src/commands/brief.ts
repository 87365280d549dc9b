// /简报: the caller's 沟通洞察简报 for today, on demand; `/简报 团队` gives a manager the team's.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { text } from '../core/message.ts';
import { createBriefService } from '../services/brief-service.ts';
import { INSIGHT_TEXT } from '../text/insight-text.ts';

const TEAM = new Set(['团队', 'team']);

export const briefCommand = defineCommand({
  name: '/简报',
  aliases: ['/brief'],
  description: '查看今天的沟通洞察简报（主管加“团队”看团队简报）',
  usage: '[团队]',
  args: z.array(z.string()).max(1),
  roles: ALL_ROLES,
  askedAbout: ['洞察简报', '沟通洞察简报', '团队简报', '团队的简报', '早报', '晨报'],
  askedAboutMine: ['简报'],
  run({ user, args, services }) {
    const briefs = createBriefService(services);
    const wantsTeam = args[0] !== undefined && TEAM.has(args[0].toLowerCase());
    if (args[0] !== undefined && !wantsTeam) return text(INSIGHT_TEXT.briefBadArgument(args[0]));
    const leader = user.role === 'manager' || user.role === 'admin';
    if (wantsTeam && !leader) return text(INSIGHT_TEXT.briefTeamOnlyLeaders);
    if (wantsTeam || leader) {
      if (briefs.teamOf(user).length === 0) return text(INSIGHT_TEXT.briefNoTeam);
      return briefs.onDemand(user, true);
    }
    return briefs.onDemand(user, false);
  },
});
