// /记录 <客户> <内容>: records a conversation line for an explicitly named customer (the first
// rule of attribution), e.g. what a customer said on the phone.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { UserError } from '../core/errors.ts';
import { openQuestion, recordChat } from '../services/chat-ingest.ts';
import { insightFor } from '../services/insight.ts';
import { lookupCustomer } from '../domain/insight/customer-names.ts';
import { INSIGHT_TEXT } from '../text/insight-text.ts';

export const recordCommand = defineCommand({
  name: '/记录',
  aliases: ['/record', '/log'],
  description: '把一段客户沟通记到指定客户名下，提取预算、招标等信号',
  usage: '客户名 沟通内容',
  args: z.array(z.string()),
  roles: ALL_ROLES,
  run({ user, args, rest, inbound, services, afterReply }) {
    const typed = args[0];
    const body = typed ? rest.slice(rest.indexOf(typed) + typed.length).trim() : '';
    if (!typed || !body) throw new UserError('bad_args', INSIGHT_TEXT.recordUsage);
    // A name several customers share keeps the line and asks which one, like a plain chat line.
    const found = lookupCustomer(insightFor(services).names(), typed, user.id);
    if (found.kind === 'found') return recordChat(services, user, inbound, body, { customer: found.customer }, afterReply);
    // With another question open, the line would join that answer: ask for the full name instead.
    if (openQuestion(services, user.id)) {
      if (found.kind === 'ambiguous') throw new UserError('conflict', INSIGHT_TEXT.customerAmbiguous(typed, found.candidates.map((c) => c.name)));
      throw new UserError('not_found', INSIGHT_TEXT.customerNotFound(typed));
    }
    // Otherwise nothing typed is lost: the line is kept and the rep asked which customer it was.
    if (found.kind === 'ambiguous') return recordChat(services, user, inbound, body, { among: found.candidates }, afterReply);
    return recordChat(services, user, inbound, body, { among: [], unknown: typed }, afterReply);
  },
});
