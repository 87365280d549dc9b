// /预测 [姓名|团队]: this month and quarter (committed vs weighted), the 13-week rolling view,
// undated deals by name, and how far past weekly forecasts missed.
import { z } from 'zod';
import { ALL_ROLES, defineCommand } from '../core/command.ts';
import { resolveScope } from '../services/pipeline-scope.ts';
import { createForecastService } from '../services/forecast-service.ts';
import { renderForecast } from '../text/pipeline-render.ts';

export const forecastCommand = defineCommand({
  name: '/预测',
  aliases: ['/forecast'],
  description: '本月、本季承诺与加权预测，13周滚动预测，以及过去几周的预测偏差',
  usage: '[下属姓名|团队名]',
  args: z.array(z.string()).max(1),
  roles: ALL_ROLES,
  askedAbout: ['业绩预测'],
  askedAboutMine: ['预测'],
  run({ user, args, services }) {
    const scope = resolveScope(services.store, user, args[0]);
    return renderForecast(createForecastService(services).report(scope));
  },
});
