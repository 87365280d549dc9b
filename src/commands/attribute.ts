// /归属: lists the records kept without a customer, numbered.
// /归属 <客户|编号>: answers "which customer was that about?" for records kept without one.
// /归属 <行号,行号> <客户>: files only the listed lines with those numbers.
// /归属 撤销 [编号]: takes the last answer back, whole or one line.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { answerAttribution, listUnattributed, undoAttribution } from '../services/chat-ingest.ts';

export const attributeCommand = defineCommand({
  name: '/归属',
  aliases: ['/attribute'],
  description: '查看或关联未关联客户的沟通记录，撤销即撤回上次关联',
  usage: '编号、客户名或撤销',
  args: z.array(z.string()),
  roles: ALL_ROLES,
  run({ user, rest, services, afterReply }) {
    const typed = rest.trim();
    if (!typed) return listUnattributed(services, user);
    const undo = /^(?:撤销|撤回|undo)(?:\s+|$)(.*)$/i.exec(typed);
    if (undo) return undoAttribution(services, user, undo[1]!.trim());
    return answerAttribution(services, user, typed, afterReply);
  },
});
