// /卡片统计 (managers, admins): per card over the last 30 days — pushes, usage rate, feedback
// split and the usage trend against the 30 days before. Managers see their own team's pushes.
import { z } from 'zod';
import { LEADERS, defineCommand } from '../core/command.ts';
import { renderCardStats } from '../text/sop-render.ts';
import { sopModule } from '../services/sop/index.ts';

const DAYS = 30;

export const cardStatsCommand = defineCommand({
  name: '/卡片统计',
  aliases: ['/cardstats'],
  description: '各SOP卡片近30天的推送、使用率、反馈和趋势',
  args: z.array(z.string()).max(0),
  roles: LEADERS,
  askedAbout: ['卡片统计'],
  run({ user, services }) {
    const sop = sopModule(services);
    const { scope, current, previous } = sop.stats(user, DAYS);
    const retired = sop.retired();
    const prev = new Map(previous.map((s) => [s.cardId, s]));
    const lines = current
      .flatMap((s) => {
        const card = sop.library.get(s.cardId);
        return card ? [{ card, retired: retired.has(card.id), current: s, previous: prev.get(s.cardId) }] : [];
      })
      .sort((a, b) => b.current.pushes - a.current.pushes || a.card.id.localeCompare(b.card.id));
    const pushed = new Set(current.map((s) => s.cardId));
    const idle = sop.library.cards.filter((c) => !pushed.has(c.id) && !retired.has(c.id));
    return renderCardStats(scope, lines, idle, DAYS);
  },
});
