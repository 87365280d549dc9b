// /归属 <客户|编号>: answers "which customer was that about?" for records kept without one.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { UserError } from '../core/errors.ts';
import { answerAttribution } from '../services/chat-ingest.ts';

export const attributeCommand = defineCommand({
  name: '/归属',
  aliases: ['/attribute'],
  description: '把未关联客户的沟通记录关联到客户（回复问题里的编号或客户名）',
  usage: '编号或客户名',
  args: z.array(z.string()),
  roles: ALL_ROLES,
  run({ user, rest, services, afterReply }) {
    if (!rest.trim()) throw new UserError('bad_args', '用法：/归属 编号或客户名');
    return answerAttribution(services, user, rest.trim(), afterReply);
  },
});
