// /储备: the caller's reserve against the safety level, with the weekly series and trend.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { createFunnelService } from '../services/funnel-service.ts';
import { renderReserve } from '../text/funnel-render.ts';

export const reserveCommand = defineCommand({
  name: '/储备',
  aliases: ['/reserve'],
  description: '查看我的商机储备是否达到安全水位，以及近8周趋势',
  usage: '[周数 2-26]',
  args: z.tuple([z.coerce.number().int().min(2).max(26)]).or(z.tuple([])),
  roles: ALL_ROLES,
  askedAbout: ['商机储备', 'T1储备', 'T3储备', '离安全水位'],
  askedAboutMine: ['储备', '安全水位'],
  askedByLeaders: '/团队漏斗',
  run({ user, args, services }) {
    const funnel = createFunnelService({ ...services, timeZone: services.config.timeZone });
    return renderReserve(funnel.reserve(user, args[0]));
  },
});
