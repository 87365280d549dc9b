// /商机 [姓名]: open deals sorted by risk, one line each with its warnings. Managers may look at
// one of their reps.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { UserError } from '../core/errors.ts';
import { resolveScope } from '../services/pipeline-scope.ts';
import { createDealRiskService } from '../services/deal-risk-service.ts';
import { renderDeals } from '../text/pipeline-render.ts';

export const dealsCommand = defineCommand({
  name: '/商机',
  aliases: ['/deals'],
  description: '我的在跟商机，按风险排序并列出预警',
  usage: '[下属姓名]',
  args: z.array(z.string()).max(1),
  roles: ALL_ROLES,
  askedAbout: ['在跟商机'],
  askedAboutMine: ['商机'],
  run({ user, args, services }) {
    const scope = args[0] ? resolveScope(services.store, user, args[0]) : { kind: 'person' as const, title: user.name, members: [user] };
    if (scope.kind !== 'person') throw new UserError('bad_args', '/商机 一次查看一个人，请填下属姓名，例如 /商机 李娜');
    const person = scope.members[0]!;
    return renderDeals(person.name, createDealRiskService(services).assess(person));
  },
});
