// The proactive side of pipeline management: the weekly team reserve check for managers, the
// daily stale-deal alerts (or demotions, when configured) for owners, and the weekly forecast
// snapshots. Every alert is logged in pipeline_alerts under (kind, subject, person, week), so a
// re-run, a restart or a second process never repeats it within the same week.
import type { Services } from '../core/context.ts';
import { conversionRates, linearTrend, reserveSeries } from '../domain/funnel/funnel-math.ts';
import { checkedStages } from '../domain/rules.ts';
import { recoveryPlan } from '../domain/pipeline/reserve-plan.ts';
import { DAY_MS, localDate, startOfLocalDay, startOfLocalWeek } from '../domain/time.ts';
import type { User } from '../domain/types.ts';
import type { OutboundMessage } from '../core/message.ts';
import type { AlertInput } from '../store/pipeline-store.ts';
import { groupBy } from '../domain/pipeline/group-by.ts';
import { createFunnelService, weeklyPoints } from './funnel-service.ts';
import { createForecastService } from './forecast-service.ts';
import { createStageMoveService } from './stage-move-service.ts';
import { renderAutoDemoted, renderReserveCheck, renderStaleAlert, renderStaleSummary } from '../text/pipeline-render.ts';

export interface StaleRunResult {
  alerted: number;
  demoted: number;
  /** Stale deals left for later days by the per-rep cap. */
  deferred: number;
}

export function createPipelineAlerts(services: Services) {
  const { store, rules, logger } = services;
  const tz = services.config.timeZone;
  const isoWeek = () => localDate(startOfLocalWeek(services.now(), tz), tz);

  /** Logs the alert and pushes it once; false when this condition was already alerted this period. */
  function alertOnce(user: User, alert: AlertInput, message: OutboundMessage): boolean {
    const id = store.pipeline.recordAlert(alert);
    if (id === null) return false;
    const key = `pipeline:${alert.kind}:${alert.subject}:${alert.userId}:${alert.period}`;
    if (services.push(user, message, { dedupKey: key })) store.pipeline.markAlertPushed(id);
    else logger.warn({ userId: user.id, kind: alert.kind }, 'pipeline alert recorded but not delivered');
    return true;
  }

  function weeklyReserveCheck(): { managers: number; alerted: number } {
    const now = services.now();
    const week = isoWeek();
    const funnel = createFunnelService({ ...services, timeZone: tz });
    const managers = store.users.list().filter((u) => u.role === 'manager' && u.active);
    let alerted = 0;
    for (const manager of managers) {
      const alert = { kind: 'reserve-check', subject: manager.id, userId: manager.id, period: week };
      if (store.pipeline.hasAlert(alert)) continue;
      const reps = store.users.reportsOf(manager.id).filter((u) => u.role === 'rep' && u.active);
      if (reps.length === 0) continue;
      const team = funnel.team(reps);
      const history = store.pipeline.historyOfOwners(reps.map((r) => r.id));
      const { points } = weeklyPoints(now, rules.reserveWeeks, tz);
      const rates = conversionRates(history, now - rules.conversionWindowDays * DAY_MS, now);
      const message = renderReserveCheck({
        title: manager.teamName ?? `${manager.name}的团队`,
        date: localDate(now, tz),
        reps: reps.length,
        below: team.rows
          .filter((row) => row.belowSafety)
          .map((row) => ({
            name: row.name,
            checks: row.reserve,
            openDeals: row.summary.openCount,
            plans: row.reserve.filter((c) => !c.ok).map((c) => recoveryPlan(c, rates, rules.recoveryWeeks)),
          })),
        series: checkedStages(rules).map((stage) => {
          const values = reserveSeries(history, points, stage);
          return { stage, values, trend: linearTrend(values) };
        }),
      });
      const below = team.rows.filter((r) => r.belowSafety).map((r) => r.userId);
      if (alertOnce(manager, { ...alert, detail: JSON.stringify({ below }) }, message)) alerted += 1;
    }
    return { managers: managers.length, alerted };
  }

  function staleDeals(): StaleRunResult {
    const now = services.now();
    const week = isoWeek();
    const moves = createStageMoveService(services);
    const byOwner = groupBy(store.pipeline.staleDeals(now - rules.staleDays * DAY_MS, now), (d) => d.ownerId);
    const result: StaleRunResult = { alerted: 0, demoted: 0, deferred: 0 };
    for (const [ownerId, deals] of byOwner) {
      const owner = store.users.get(ownerId);
      if (!owner?.active) continue;
      // The cap is per day: alerts already sent today by an earlier run count against it.
      let shown = store.pipeline.countAlertsSince('stale', ownerId, startOfLocalDay(now, tz));
      let deferred = 0;
      for (const deal of deals) {
        const days = Math.floor((now - Math.max(deal.stageChangedAt, deal.lastCustomerAt ?? 0)) / DAY_MS);
        const demoteTo = moves.demotionTarget(deal.stage);
        if (rules.staleAutoDemote && demoteTo) {
          moves.applyMove(deal, demoteTo, null, 'stale-job');
          alertOnce(owner, { kind: 'stale-demoted', subject: deal.id, userId: ownerId, period: week }, renderAutoDemoted(deal, deal.stage, demoteTo, days));
          result.demoted += 1;
          continue;
        }
        const alert = { kind: 'stale', subject: deal.id, userId: ownerId, period: week };
        if (store.pipeline.hasAlert(alert)) continue;
        if (shown >= rules.staleMaxAlertsPerRep) {
          deferred += 1;
          continue;
        }
        const lastCustomer = deal.lastCustomerAt === null ? null : localDate(deal.lastCustomerAt, tz);
        if (alertOnce(owner, alert, renderStaleAlert(deal, days, lastCustomer, demoteTo, rules.followUpDays))) {
          shown += 1;
          result.alerted += 1;
        }
      }
      if (deferred) {
        alertOnce(owner, { kind: 'stale-summary', subject: ownerId, userId: ownerId, period: week }, renderStaleSummary(deferred, rules.staleDays));
        result.deferred += deferred;
      }
    }
    return result;
  }

  function recordForecasts(): number {
    const reps = store.users.list().filter((u) => u.role === 'rep' && u.active);
    return createForecastService(services).recordSnapshots(reps.map((r) => r.id));
  }

  return { weeklyReserveCheck, staleDeals, recordForecasts };
}
