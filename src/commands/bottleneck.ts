// /瓶颈 [姓名|团队]: the five factors of the sales formula against the median, with the 3-2-1
// method's three weak factors, two questions to confirm, and one focus.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { resolveScope } from '../services/pipeline-scope.ts';
import { createBottleneckService } from '../services/bottleneck-service.ts';
import { renderBottleneck } from '../text/pipeline-render.ts';

export const bottleneckCommand = defineCommand({
  name: '/瓶颈',
  aliases: ['/bottleneck'],
  description: '业绩公式五因子对比中位数，按 3-2-1 法找出瓶颈和关键动作',
  usage: '[下属姓名|团队名]',
  args: z.array(z.string()).max(1),
  roles: ALL_ROLES,
  askedAboutMine: ['瓶颈'],
  run({ user, args, services }) {
    const scope = resolveScope(services.store, user, args[0]);
    return renderBottleneck(createBottleneckService(services).report(scope));
  },
});
