// Quiet hours for proactive pushes (default 21:00–08:00 local): a push due inside them is held
// until they end, through the outbox's notBefore.
import { addDays, localDate, localMidnight, localParts } from '../time.ts';

export interface QuietHours {
  /** Minutes after local midnight. start > end means the window spans midnight. */
  start: number;
  end: number;
}

export const QUIET_HOURS_PATTERN = /^([01]?\d|2[0-3]):([0-5]\d)-([01]?\d|2[0-3]):([0-5]\d)$/;

export function parseQuietHours(value: string): QuietHours | null {
  const m = QUIET_HOURS_PATTERN.exec(value.trim());
  if (!m) return null;
  return { start: Number(m[1]) * 60 + Number(m[2]), end: Number(m[3]) * 60 + Number(m[4]) };
}

/** When the quiet window containing `now` ends, or undefined when `now` is not quiet. */
export function quietUntil(now: number, tz: string, q: QuietHours): number | undefined {
  if (q.start === q.end) return undefined;
  const p = localParts(now, tz);
  const minute = p.hour * 60 + p.minute;
  const spansMidnight = q.start > q.end;
  const quiet = spansMidnight ? minute >= q.start || minute < q.end : minute >= q.start && minute < q.end;
  if (!quiet) return undefined;
  const today = localDate(now, tz);
  const endToday = localMidnight(today, tz) + q.end * 60_000;
  // After the evening start the window ends tomorrow morning.
  return endToday > now ? endToday : localMidnight(addDays(today, 1), tz) + q.end * 60_000;
}
