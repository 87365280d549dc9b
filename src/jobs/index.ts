// The scheduled jobs. Later modules (briefs, SOP reviews, pipeline alerts) add theirs here.
import type { Job } from './scheduler.ts';
import type { Config } from '../config.ts';
import { briefJob } from './brief-job.ts';

export function configuredJobs(config: Config): Job[] {
  return [briefJob(config)].filter((j): j is Job => j !== null);
}
