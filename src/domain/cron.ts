// A small cron matcher (the node-cron syntax: 5 fields, or 6 with seconds first) so jobs can ask
// "when was this due today?" — node-cron itself only fires forward. Used for the daily brief's
// catch-up after a restart and for the period a brief covers.
import { addDays, localMidnight, localParts, type LocalParts } from './time.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function expandField(field: string, min: number, max: number, names?: string[], nameBase = 0): Set<number> {
  const out = new Set<number>();
  const value = (s: string): number => {
    const i = names?.findIndex((n) => s.toLowerCase().startsWith(n)) ?? -1;
    if (i >= 0) return i + nameBase;
    const n = Number(s);
    if (!Number.isInteger(n)) throw new Error(`bad cron value "${s}"`);
    return n;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step "${part}"`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === undefined) {
      lo = min;
      hi = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = value(a!);
      hi = value(b!);
    } else {
      lo = value(range);
      hi = stepText ? max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export interface CronSchedule {
  matches(p: Pick<LocalParts, 'minute' | 'hour' | 'day' | 'month' | 'isoWeekday'>): boolean;
}

export function parseCron(expr: string): CronSchedule {
  const fields = expr.trim().split(/\s+/);
  if (fields.length === 6) fields.shift(); // seconds: every brief-sized job fires at second 0
  if (fields.length !== 5) throw new Error(`cron expression needs 5 or 6 fields: "${expr}"`);
  const [mi, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const minutes = expandField(mi, 0, 59);
  const hours = expandField(h, 0, 23);
  const days = expandField(dom, 1, 31);
  const months = expandField(mon, 1, 12, MONTHS, 1);
  const weekdays = expandField(dow, 0, 7, DAYS, 0);
  const anyDom = dom === '*';
  const anyDow = dow === '*';
  return {
    matches(p) {
      if (!minutes.has(p.minute) || !hours.has(p.hour) || !months.has(p.month)) return false;
      const dowOk = weekdays.has(p.isoWeekday % 7) || (p.isoWeekday === 7 && weekdays.has(7));
      const domOk = days.has(p.day);
      // Standard cron: when both day fields are restricted, either may match.
      if (anyDom && anyDow) return true;
      if (anyDom) return dowOk;
      if (anyDow) return domOk;
      return domOk || dowOk;
    },
  };
}

/** The first time the schedule fires on a local date ('YYYY-MM-DD'), or null if it does not. */
export function firstFireOn(schedule: CronSchedule, date: string, tz: string): number | null {
  const midnight = localMidnight(date, tz);
  const p = localParts(midnight + 12 * 3_600_000, tz);
  for (let minute = 0; minute < 24 * 60; minute++) {
    if (schedule.matches({ minute: minute % 60, hour: Math.floor(minute / 60), day: p.day, month: p.month, isoWeekday: p.isoWeekday })) {
      return midnight + minute * 60_000;
    }
  }
  return null;
}

/** The first fire of the closest earlier date on which the schedule fires (within `maxDays`). */
export function previousFireDay(schedule: CronSchedule, date: string, tz: string, maxDays = 14): { date: string; at: number } | null {
  for (let k = 1; k <= maxDays; k++) {
    const d = addDays(date, -k);
    const at = firstFireOn(schedule, d, tz);
    if (at !== null) return { date: d, at };
  }
  return null;
}

/** '11:00' on a local date → epoch ms. */
export function localTimeOn(date: string, hhmm: string, tz: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return localMidnight(date, tz) + (h * 60 + m) * 60_000;
}
