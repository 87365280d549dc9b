// /客户 <名称>: the customer card (stage, amount, owner, recent signals with quotes, MOT checklist)
// and the three SOP cards that fit now, each with feedback buttons.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { sopModule } from '../services/sop/index.ts';

export const customerCommand = defineCommand({
  name: '/客户',
  aliases: ['/customer'],
  description: '查看客户卡片（阶段、金额、近期信号、MOT检查）和推荐的3张SOP卡片',
  usage: '<客户名称或简称>',
  args: z.array(z.string()).min(1),
  roles: ALL_ROLES,
  run: ({ user, rest, services }) => sopModule(services).viewCustomer(user, rest),
});
