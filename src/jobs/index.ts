// The scheduled jobs. Later modules (briefs, SOP reviews, pipeline alerts) add theirs here.
import type { Job } from './scheduler.ts';
import type { Config } from '../config.ts';

export function configuredJobs(_config: Config): Job[] {
  return [];
}
