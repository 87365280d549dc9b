// The scheduled jobs: SOP reviews and reminders, pipeline alerts (and the morning brief).
import type { Job } from './scheduler.ts';
import type { Config } from '../config.ts';
import { sopJobs } from './sop-jobs.ts';
import { pipelineJobs } from './pipeline-jobs.ts';

export function configuredJobs(config: Config): Job[] {
  return [...sopJobs(config), ...pipelineJobs(config)];
}
