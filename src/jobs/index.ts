// The scheduled jobs: the morning brief, SOP reviews and reminders, pipeline alerts.
import type { Job } from './scheduler.ts';
import type { Config } from '../config.ts';
import { briefJob } from './brief-job.ts';
import { sopJobs } from './sop-jobs.ts';
import { pipelineJobs } from './pipeline-jobs.ts';

export function configuredJobs(config: Config): Job[] {
  const brief = briefJob(config);
  return [...(brief ? [brief] : []), ...sopJobs(config), ...pipelineJobs(config)];
}
