// /卡片 [关键词]: the card catalogue, a search, or one card in full; /卡片 恢复 <编号> (admins)
// brings back a card the monthly review retired.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { markdown, text } from '../core/message.ts';
import { searchCards } from '../domain/sop/search.ts';
import { shortQuote } from '../domain/sop/matching.ts';
import { cardLine, renderCardDetail } from '../text/sop-render.ts';
import { sopModule } from '../services/sop/index.ts';

const MAX_LIST = 12;

export const cardsCommand = defineCommand({
  name: '/卡片',
  aliases: ['/cards', '/card'],
  description: '查找SOP卡片：不带参数看目录，带关键词搜索（如 /卡片 招标），带编号看全文',
  usage: '[关键词或编号]',
  args: z.array(z.string()),
  roles: ALL_ROLES,
  run({ user, args, rest, services }) {
    const sop = sopModule(services);
    if (args[0] === '恢复' || args[0]?.toLowerCase() === 'restore') {
      if (!args[1]) return text('用法：/卡片 恢复 <编号>，例如 /卡片 恢复 SOP-07');
      return text(sop.restore(user, args[1]));
    }
    const retired = sop.retired();
    const seesRetired = user.role !== 'rep';
    const cards = sop.library.cards.filter((c) => seesRetired || !retired.has(c.id));
    if (!rest) {
      const lines = cards.map((c) => cardLine(c, retired.has(c.id)));
      return markdown('SOP 卡片目录', [`**SOP 卡片目录（${cards.length}张）**`, ...lines, '> /卡片 SOP-07 看全文；/卡片 招标 按关键词搜索'].join('\n'));
    }
    const hits = searchCards(cards, rest);
    if (hits.length === 0) return text(`没有找到与「${shortQuote(rest, 30)}」相关的卡片。发送 /卡片 查看目录。`);
    if (hits.length === 1 || hits[0]!.id.toLowerCase() === rest.toLowerCase()) {
      const card = hits[0]!;
      const note = retired.has(card.id) ? `已停用${user.role === 'admin' ? `，可用 /卡片 恢复 ${card.id} 恢复` : ''}` : null;
      return renderCardDetail(card, note);
    }
    const lines = hits.slice(0, MAX_LIST).map((c) => cardLine(c, retired.has(c.id)));
    if (hits.length > MAX_LIST) lines.push(`…另有 ${hits.length - MAX_LIST} 张，换个更具体的词试试`);
    return markdown('SOP 卡片搜索', [`**与「${shortQuote(rest, 30)}」相关的卡片（${hits.length}张）**`, ...lines, '> 发送 /卡片 <编号> 看全文'].join('\n'));
  },
});
