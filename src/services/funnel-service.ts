// Loads what the funnel views need from the store and hands it to the pure funnel maths.
// Shared by the chat commands and the REST API so both show the same numbers.
import {
  conversionRates,
  funnelSummary,
  linearTrend,
  reserveCheck,
  reserveChecks,
  reserveSeries,
  type ConversionRate,
  type FunnelSummary,
  type ReserveCheck,
  type Trend,
} from '../domain/funnel/funnel-math.ts';
import { teamView, type RepFunnel, type TeamView } from '../domain/funnel/team-view.ts';
import { checkedStages, type Rules } from '../domain/rules.ts';
import type { OpenStage, Stage } from '../domain/stages.ts';
import { DAY_MS, WEEK_MS, localDate, startOfLocalWeek } from '../domain/time.ts';
import type { User } from '../domain/types.ts';
import type { Store } from '../store/index.ts';

export interface FunnelReport {
  user: Pick<User, 'id' | 'name'>;
  date: string;
  summary: FunnelSummary;
  conversion: ConversionRate[];
  conversionWindowDays: number;
  reserve: ReserveCheck[];
}

export interface ReserveSeriesView {
  stage: OpenStage;
  /** Week labels (Monday of each week, local date); the last point is "now". */
  weeks: string[];
  values: number[];
  trend: Trend;
}

export interface ReserveReport {
  user: Pick<User, 'id' | 'name'>;
  date: string;
  reserve: ReserveCheck[];
  series: ReserveSeriesView[];
}

export interface FunnelServiceDeps {
  store: Store;
  rules: Rules;
  timeZone: string;
  now: () => number;
}

/** Instants at which the weekly series is sampled: ends of the last weeks-1 weeks, then now. */
export function weeklyPoints(now: number, weeks: number, tz: string): { points: number[]; labels: string[] } {
  const thisWeek = startOfLocalWeek(now, tz);
  const points: number[] = [];
  const labels: string[] = [];
  for (let k = weeks - 1; k >= 1; k--) {
    const weekStart = startOfLocalWeek(thisWeek - k * WEEK_MS + DAY_MS, tz);
    points.push(startOfLocalWeek(weekStart + WEEK_MS + DAY_MS, tz) - 1);
    labels.push(localDate(weekStart, tz));
  }
  points.push(now);
  labels.push(localDate(thisWeek, tz));
  return { points, labels };
}

export function createFunnelService(deps: FunnelServiceDeps) {
  const { store, rules, timeZone } = deps;

  function stagesOf(userId: string): { stages: Stage[]; summary: FunnelSummary } {
    const totals = store.opportunities.stageTotalsByOwner(userId);
    const stages: Stage[] = totals.flatMap((t) => new Array<Stage>(t.n).fill(t.stage));
    const summary = funnelSummary(totals.map((t) => ({ stage: t.stage, amount: t.amount, count: t.n })), rules);
    return { stages, summary };
  }

  return {
    funnel(user: Pick<User, 'id' | 'name'>): FunnelReport {
      const now = deps.now();
      const { stages, summary } = stagesOf(user.id);
      const history = store.opportunities.historyOfOwner(user.id);
      return {
        user: { id: user.id, name: user.name },
        date: localDate(now, timeZone),
        summary,
        conversion: conversionRates(history, now - rules.conversionWindowDays * DAY_MS, now),
        conversionWindowDays: rules.conversionWindowDays,
        reserve: reserveChecks(stages, rules),
      };
    },

    reserve(user: Pick<User, 'id' | 'name'>, weeks = rules.reserveWeeks): ReserveReport {
      const now = deps.now();
      const { stages } = stagesOf(user.id);
      const history = store.opportunities.historyOfOwner(user.id);
      const { points, labels } = weeklyPoints(now, weeks, timeZone);
      return {
        user: { id: user.id, name: user.name },
        date: localDate(now, timeZone),
        reserve: reserveChecks(stages, rules),
        series: checkedStages(rules).map((stage) => {
          const values = reserveSeries(history, points, stage);
          return { stage, weeks: labels, values, trend: linearTrend(values) };
        }),
      };
    },

    /** The reserve checks as they stood at a past moment, rebuilt from stage history (dry runs of past briefs). */
    reserveAt(userId: string, at: number): ReserveCheck[] {
      const history = store.opportunities.historyOfOwner(userId);
      return checkedStages(rules).map((stage) => reserveCheck(stage, reserveSeries(history, [at], stage)[0]!, rules.safetyLevels[stage]!));
    },

    team(members: User[]): TeamView {
      const reps: RepFunnel[] = members
        .filter((m) => m.role === 'rep' && m.active)
        .map((m) => {
          const { stages, summary } = stagesOf(m.id);
          return { userId: m.id, name: m.name, summary, reserve: reserveChecks(stages, rules) };
        });
      return teamView(reps);
    },
  };
}

export type FunnelService = ReturnType<typeof createFunnelService>;
