// The scheduled jobs. Later modules (briefs, SOP reviews, pipeline alerts) add theirs here.
import type { Job } from './scheduler.ts';
import type { Config } from '../config.ts';
import { pipelineJobs } from './pipeline-jobs.ts';

export function configuredJobs(config: Config): Job[] {
  return [...pipelineJobs(config)];
}
