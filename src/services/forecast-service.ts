// Loads what /预测 needs (open deals, committed evidence, wins, recorded weekly forecasts) for a
// scope and hands it to the pure forecast maths; also records the weekly snapshots.
import type { Services } from '../core/context.ts';
import { LISTED_DEALS, buildForecast, forecastError, mondayOf, quarterRange, type Forecast, type ForecastDeal, type ForecastError } from '../domain/pipeline/forecast.ts';
import { checkFacts, isKnown } from '../domain/pipeline/mot-gate.ts';
import { groupBy } from '../domain/pipeline/group-by.ts';
import { DAY_MS, addDays, localDate, localMidnight } from '../domain/time.ts';
import { committedFacts } from './stage-move-service.ts';
import { dealLabel } from '../text/pipeline-render.ts';
import type { Scope } from './pipeline-scope.ts';

export interface ForecastReport {
  scope: Pick<Scope, 'kind' | 'title'>;
  forecast: Forecast;
  error: ForecastError;
  /** Owner names, for undated and overdue deals in team views. */
  ownerNames: Map<string, string>;
}

export function createForecastService(services: Services) {
  const { store, rules } = services;
  const tz = services.config.timeZone;

  /**
   * Open deals of these owners as forecast input, with committed evidence checked in one batch.
   * Labels are left as ids here (see nameListed): a team has thousands of deals and names few.
   */
  function forecastDeals(ownerIds: readonly string[]): ForecastDeal[] {
    const deals = store.pipeline.forecastRows(ownerIds);
    const inCommittedStage = deals.filter((d) => rules.committed.stages.includes(d.stage));
    const facts = committedFacts(rules);
    const committed = new Set<string>();
    if (inCommittedStage.length) {
      const since = services.now() - rules.committed.signalDays * DAY_MS;
      const signals = store.pipeline.signalsOf([...new Set(inCommittedStage.map((d) => d.customerId))], facts, since);
      const confirmations = store.pipeline.confirmationsOf(inCommittedStage.map((d) => d.id));
      const byCustomer = groupBy(signals, (s) => s.customerId);
      for (const d of inCommittedStage) {
        const own = (byCustomer.get(d.customerId) ?? []).filter((s) => s.at >= d.createdAt);
        if (checkFacts(facts, own, confirmations.get(d.id) ?? [], rules.mot.minConfidence).some(isKnown)) committed.add(d.id);
      }
    }
    return deals.map((d) => ({
      id: d.id,
      label: d.id,
      ownerId: d.ownerId,
      stage: d.stage,
      amount: d.amount,
      expectedCloseDate: d.expectedCloseDate,
      committed: committed.has(d.id),
    }));
  }

  /** Gives the deals the reply names (the first of the overdue and undated lists) their labels. */
  function nameListed(f: Forecast): void {
    const listed = [...f.overdue.slice(0, LISTED_DEALS), ...f.undated.slice(0, LISTED_DEALS)];
    const labels = store.pipeline.labelsOf(listed.map((d) => d.id));
    for (const d of listed) {
      const l = labels.get(d.id);
      if (l) d.label = dealLabel(l);
    }
  }

  function report(scope: Scope): ForecastReport {
    const now = services.now();
    const today = localDate(now, tz);
    const ownerIds = scope.members.map((m) => m.id);
    const thisWeek = mondayOf(today);
    const firstErrorWeek = addDays(thisWeek, -7 * rules.forecast.errorWeeks);
    const winsFrom = localMidnight([quarterRange(today).from, firstErrorWeek].sort()[0]!, tz);
    const wins = store.pipeline.winsBetween(ownerIds, winsFrom, now + 1).map((w) => ({ ...w, date: localDate(w.wonAt, tz) }));
    const forecast = buildForecast({ today, deals: forecastDeals(ownerIds), wins }, rules);
    nameListed(forecast);

    // Each past week: the forecast its members' pipelines gave at its start, against what those members won in it.
    const byWeek = new Map<string, { weighted: number; committed: number; actual: number; owners: Set<string> }>();
    for (const r of store.pipeline.sameWeekForecasts(ownerIds, firstErrorWeek, thisWeek)) {
      const w = byWeek.get(r.week) ?? { weighted: 0, committed: 0, actual: 0, owners: new Set<string>() };
      w.weighted += r.weighted;
      w.committed += r.committed;
      w.owners.add(r.userId);
      byWeek.set(r.week, w);
    }
    for (const win of wins) {
      const w = byWeek.get(mondayOf(win.date));
      if (w?.owners.has(win.ownerId)) w.actual += win.amount;
    }
    const error = forecastError(
      [...byWeek].map(([week, w]) => ({ week, weighted: w.weighted, committed: w.committed, actual: w.actual })),
      rules.forecast.minErrorWeeks,
    );
    return { scope: { kind: scope.kind, title: scope.title }, forecast, error, ownerNames: new Map(scope.members.map((m) => [m.id, m.name])) };
  }

  /**
   * Records this week's forecast for each owner (once per week; a re-run adds nothing).
   * Returns how many owners got a new snapshot.
   */
  function recordSnapshots(ownerIds: readonly string[]): number {
    const now = services.now();
    const today = localDate(now, tz);
    const week = mondayOf(today);
    const pending = ownerIds.filter((id) => !store.pipeline.hasSnapshot(id, week));
    let recorded = 0;
    for (let i = 0; i < pending.length; i += 200) {
      const chunk = pending.slice(i, i + 200);
      const byOwner = groupBy(forecastDeals(chunk), (d) => d.ownerId);
      for (const ownerId of chunk) {
        const f = buildForecast({ today, deals: byOwner.get(ownerId) ?? [], wins: [] }, rules);
        store.pipeline.saveSnapshot(
          ownerId,
          week,
          f.weeks.map((w) => ({ targetWeek: w.week, weighted: w.weighted, committed: w.committed, deals: w.deals })),
        );
        recorded += 1;
      }
    }
    return recorded;
  }

  return { report, recordSnapshots, forecastDeals };
}

export type ForecastService = ReturnType<typeof createForecastService>;
