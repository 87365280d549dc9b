// /反馈 <卡片编号> <完全适用|部分适用|不适用> [原因]: feedback on a pushed SOP card. Card buttons
// send exactly this text (with #push id), so WeCom buttons, DingTalk links and the console agree.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { text } from '../core/message.ts';
import { sopModule } from '../services/sop/index.ts';

export const feedbackCommand = defineCommand({
  name: '/反馈',
  aliases: ['/feedback'],
  description: '反馈SOP卡片是否适用（收到卡片48小时内）',
  usage: '<卡片编号> <完全适用|部分适用|不适用> [原因]',
  args: z.array(z.string()).min(2),
  roles: ALL_ROLES,
  run({ user, args, rest, services }) {
    const [ref, verdict] = args as [string, string];
    const reason = rest.split(' ').slice(2).join(' ');
    return text(sopModule(services).feedback(user, ref, verdict, reason || null));
  },
});
