// SOP card jobs: the 48-hour feedback reminder (hourly) and the monthly review (1st, 09:00).
import type { Job } from './scheduler.ts';
import type { Config } from '../config.ts';
import { sopModule } from '../services/sop/index.ts';

export const SOP_REMINDER_JOB = 'sop-feedback-reminder';
export const SOP_REVIEW_JOB = 'sop-monthly-review';

export function sopJobs(config: Config): Job[] {
  return [
    { name: SOP_REMINDER_JOB, cron: config.sop.reminderCron, run: (services) => void sopModule(services).sendReminders() },
    { name: SOP_REVIEW_JOB, cron: config.sop.reviewCron, run: (services) => void sopModule(services).monthlyReview() },
  ];
}
