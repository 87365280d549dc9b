// /我的漏斗: the caller's own funnel by stage, conversion and weighted pipeline.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { createFunnelService } from '../services/funnel-service.ts';
import { renderFunnel } from '../text/funnel-render.ts';

export const funnelCommand = defineCommand({
  name: '/我的漏斗',
  aliases: ['/funnel', '/漏斗'],
  description: '查看我的销售漏斗（T0–T4 数量、金额、转化率、加权预测）',
  args: z.array(z.string()).max(0),
  roles: ALL_ROLES,
  askedAbout: ['漏斗', '销售漏斗'],
  askedByLeaders: '/团队漏斗',
  run({ user, services }) {
    const funnel = createFunnelService({ ...services, timeZone: services.config.timeZone });
    return renderFunnel(funnel.funnel(user));
  },
});
