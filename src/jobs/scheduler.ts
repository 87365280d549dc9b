// Runs the scheduled jobs with node-cron in the business time zone. Each job is a plain
// {name, cron, run}; a failing run is logged and never stops the process.
import cron from 'node-cron';
import type { Logger } from '../logger.ts';
import type { Services } from '../core/context.ts';

export interface Job {
  name: string;
  /** Cron expression, evaluated in the job's time zone (default: the configured TZ). */
  cron: string;
  timeZone?: string;
  run(services: Services): Promise<void> | void;
  /** Run once at start-up (e.g. to catch up a missed morning brief). */
  runOnStart?: boolean;
}

export function createScheduler(jobs: Job[], services: Services, logger: Logger) {
  const tasks: { stop(): void | Promise<void> }[] = [];

  async function runJob(job: Job): Promise<void> {
    const started = Date.now();
    try {
      await job.run(services);
      logger.info({ job: job.name, ms: Date.now() - started }, 'job finished');
    } catch (error) {
      logger.error({ err: error, job: job.name }, 'job failed');
    }
  }

  return {
    jobs,
    runJob,
    start(): void {
      for (const job of jobs) {
        if (!cron.validate(job.cron)) throw new Error(`Job ${job.name}: invalid cron expression "${job.cron}"`);
        const tz = job.timeZone ?? services.config.timeZone;
        tasks.push(cron.schedule(job.cron, () => void runJob(job), { timezone: tz, name: job.name }));
        if (job.runOnStart) void runJob(job);
      }
    },
    async stop(): Promise<void> {
      for (const t of tasks.splice(0)) await t.stop();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
