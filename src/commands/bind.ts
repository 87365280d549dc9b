// /绑定 <客户> in a customer group: every message addressed to the bot in that group is then
// recorded for that customer. `/绑定` shows the binding, `/绑定 取消` removes it.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { text } from '../core/message.ts';
import { resolveCustomer, roomKey } from '../services/chat-ingest.ts';
import { INSIGHT_TEXT } from '../text/insight-text.ts';

const UNBIND = new Set(['取消', '解除', '解绑', 'off', 'none']);

export const bindCommand = defineCommand({
  name: '/绑定',
  aliases: ['/bind'],
  description: '在客户群里把本群绑定到一个客户（/绑定 取消 解除）',
  usage: '客户名',
  args: z.array(z.string()),
  roles: ALL_ROLES,
  run({ user, rest, inbound, services }) {
    const room = roomKey(inbound);
    if (!room) return text(INSIGHT_TEXT.bindOnlyInGroup);
    const { insight } = services.store;
    const typed = rest.trim();
    if (!typed) {
      const bound = insight.groupCustomer(room);
      return text(bound ? INSIGHT_TEXT.currentBinding(insight.customerName(bound) ?? bound) : INSIGHT_TEXT.notBound);
    }
    if (UNBIND.has(typed.toLowerCase())) return text(insight.unbindGroup(room) ? INSIGHT_TEXT.unbound : INSIGHT_TEXT.notBound);
    const customer = resolveCustomer(services, user, typed);
    insight.bindGroup(room, customer.id, user.id);
    return text(INSIGHT_TEXT.bound(customer.name));
  },
});
