// The daily brief job: fires on BRIEF_CRON in BRIEF_TZ, and once at start-up so a process that
// was down at the scheduled time catches up within the morning window (BRIEF_CATCHUP_UNTIL).
// Who already got today's brief is in the store, so a re-run sends nobody a second one.
import type { Job } from './scheduler.ts';
import type { Config } from '../config.ts';
import type { Services } from '../core/context.ts';
import { localTimeOn } from '../domain/cron.ts';
import { localDate } from '../domain/time.ts';
import { createBriefService } from '../services/brief-service.ts';

/** Runs today's briefs if they are due now: at or after the scheduled time and before the window closes. */
export function runDueBriefs(services: Services): { ran: boolean; reason: string } {
  const cfg = services.config.insight.brief;
  const briefs = createBriefService(services);
  const now = services.now();
  const date = localDate(now, cfg.timeZone);
  const at = briefs.scheduledAt(date);
  if (at === null) return { ran: false, reason: 'not a business day' };
  if (now < at) return { ran: false, reason: 'before the scheduled time' };
  // The cron tick itself is always on time; a late start catches up only within the window.
  const windowEnd = Math.max(localTimeOn(date, cfg.catchUpUntil, cfg.timeZone), at + 60_000);
  if (now >= windowEnd) return { ran: false, reason: 'after the catch-up window' };
  const run = briefs.runDay(date, { end: now });
  services.logger.info({ date, ...run.counts }, 'daily briefs done');
  return { ran: true, reason: 'due' };
}

export function briefJob(config: Config): Job | null {
  const cfg = config.insight.brief;
  if (!cfg.cron) return null;
  return {
    name: 'daily-brief',
    cron: cfg.cron,
    timeZone: cfg.timeZone,
    runOnStart: true,
    run: (services) => void runDueBriefs(services),
  };
}
