// Pipeline jobs: Monday reserve check for managers, daily stale-deal alerts, weekly forecast
// snapshots. Schedules come from config (PIPELINE_*_CRON; "off" disables one).
import type { Config } from '../config.ts';
import type { Job } from './scheduler.ts';
import { createPipelineAlerts } from '../services/pipeline-alerts-service.ts';

export function pipelineJobs(config: Config): Job[] {
  const { reserveCheck, stale, forecastSnapshot } = config.pipelineCron;
  const jobs: Job[] = [];
  if (forecastSnapshot) {
    jobs.push({
      name: 'pipeline-forecast-snapshot',
      cron: forecastSnapshot,
      run: (s) => void s.logger.info({ recorded: createPipelineAlerts(s).recordForecasts() }, 'weekly forecasts recorded'),
    });
  }
  if (reserveCheck) {
    jobs.push({
      name: 'pipeline-reserve-check',
      cron: reserveCheck,
      run: (s) => void s.logger.info(createPipelineAlerts(s).weeklyReserveCheck(), 'team reserve check sent'),
    });
  }
  if (stale) {
    jobs.push({
      name: 'pipeline-stale-deals',
      cron: stale,
      run: (s) => void s.logger.info(createPipelineAlerts(s).staleDeals(), 'stale deals flagged'),
    });
  }
  return jobs;
}
