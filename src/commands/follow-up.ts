// /跟进 <客户或商机> [天数|明天|日期]: schedules a follow-up reminder for a deal (the one-tap
// answer to a stale-deal alert); stale alerts for it pause until then.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { UserError } from '../core/errors.ts';
import { addDays, isCalendarDate, localDate, localMidnight } from '../domain/time.ts';
import { createStageMoveService } from '../services/stage-move-service.ts';
import { PIPELINE_TEXT, dealLabel } from '../text/pipeline-render.ts';

const RELATIVE: Record<string, number> = { 明天: 1, 后天: 2, 大后天: 3 };

/** A follow-up date from 3 / 明天 / 2026-05-20 / 5/20 / 5月20日, or null when the token is not a date. */
export function parseFollowUpDate(token: string, today: string): string | null {
  if (token in RELATIVE) return addDays(today, RELATIVE[token]!);
  if (/^\d{1,2}$/.test(token)) return addDays(today, Number(token));
  if (isCalendarDate(token)) return token;
  const md = /^(\d{1,2})(?:\/|月)(\d{1,2})日?$/.exec(token);
  if (md) {
    const [month, day] = [Number(md[1]), Number(md[2])];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    let year = Number(today.slice(0, 4));
    const date = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (date(year) < today) year += 1; // 1/5 said in December means next January
    const chosen = date(year);
    return isCalendarDate(chosen) ? chosen : null;
  }
  return null;
}

/** A follow-up further out than this is not a follow-up but a new plan. */
const MAX_AHEAD_DAYS = 180;

/** Reminders go out at 09:00 local on the day. */
const REMINDER_AT_MS = 9 * 3_600_000;

export const followUpCommand = defineCommand({
  name: '/跟进',
  aliases: ['/followup'],
  description: '约定商机的下次跟进，到期当天上午提醒',
  usage: PIPELINE_TEXT.followUpUsage,
  args: z.array(z.string()).min(1),
  roles: ALL_ROLES,
  run({ user, args, services }) {
    const tz = services.config.timeZone;
    const today = localDate(services.now(), tz);
    const last = args.at(-1)!;
    let date = args.length > 1 ? parseFollowUpDate(last, today) : null;
    const query = date ? args.slice(0, -1).join(' ') : args.join(' ');
    if (args.length > 1 && !date && /^[\d/月日-]+$/.test(last)) throw new UserError('bad_args', PIPELINE_TEXT.badFollowUpDate(last));
    date ??= addDays(today, services.rules.followUpDays);
    if (date <= today) throw new UserError('bad_args', PIPELINE_TEXT.badFollowUpDate(last));
    if (date > addDays(today, MAX_AHEAD_DAYS)) throw new UserError('bad_args', PIPELINE_TEXT.followUpTooFar(MAX_AHEAD_DAYS));
    const moves = createStageMoveService(services);
    const deal = moves.findDeal(user, query);
    moves.scheduleFollowUp(user, deal, localMidnight(date, tz) + REMINDER_AT_MS, date);
    return { kind: 'text', text: PIPELINE_TEXT.followUpScheduled(dealLabel(deal), date) };
  },
});
