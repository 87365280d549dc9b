// Loads the sales-formula counts for /瓶颈: the subject (a rep or a team) over the window, and
// the comparison group's medians: a rep against their team's reps, a team against every rep in
// the organisation. The organisation's medians are computed once per business day.
import type { Services } from '../core/context.ts';
import { addCounts, diagnose, factorMedians, factorValues, type Diagnosis, type Factor, type FactorCounts } from '../domain/pipeline/bottleneck.ts';
import { DAY_MS, localDate } from '../domain/time.ts';
import type { User } from '../domain/types.ts';
import type { Store } from '../store/index.ts';
import { peersOf, type Scope } from './pipeline-scope.ts';

export interface BottleneckReport {
  scope: Pick<Scope, 'kind' | 'title'>;
  windowDays: number;
  baseline: 'team' | 'org';
  diagnosis: Diagnosis;
  /** For teams: members below the group median on the focus factor, weakest first. */
  laggards: string[];
}

const orgMedianCache = new WeakMap<Store, { key: string; medians: Record<Factor, number | null> }>();

export function createBottleneckService(services: Services) {
  const { store, rules } = services;

  function countsOf(users: readonly User[]): Map<string, FactorCounts> {
    const to = services.now();
    const from = to - rules.bottleneckWindowDays * DAY_MS;
    const signalsSince = to - Math.max(rules.mot.signalDays, rules.bottleneckWindowDays) * DAY_MS;
    return store.pipeline.factorCounts(users.map((u) => u.id), from, to, signalsSince, rules.mot.minConfidence);
  }

  function orgMedians(): Record<Factor, number | null> {
    const key = `${localDate(services.now(), services.config.timeZone)}|${rules.bottleneckWindowDays}`;
    const cached = orgMedianCache.get(store);
    if (cached?.key === key) return cached.medians;
    const reps = store.users.list().filter((u) => u.role === 'rep' && u.active);
    const medians = factorMedians([...countsOf(reps).values()]);
    orgMedianCache.set(store, { key, medians });
    return medians;
  }

  function report(scope: Scope): BottleneckReport {
    const base = { scope: { kind: scope.kind, title: scope.title }, windowDays: rules.bottleneckWindowDays };
    if (scope.kind === 'person') {
      const person = scope.members[0]!;
      const peers = peersOf(store, person);
      const counts = countsOf(peers);
      const subject = counts.get(person.id) ?? countsOf([person]).get(person.id)!;
      return { ...base, baseline: 'team', diagnosis: diagnose(subject, factorMedians([...counts.values()])), laggards: [] };
    }
    const counts = countsOf(scope.members);
    const diagnosis = diagnose(addCounts([...counts.values()]), orgMedians());
    const focus = diagnosis.focus;
    const laggards: string[] = [];
    if (focus && focus.median !== null) {
      const ranked = scope.members
        .map((m) => ({ name: m.name, value: factorValues(counts.get(m.id)!)[focus.factor].value }))
        .filter((x): x is { name: string; value: number } => x.value !== null && x.value < focus.median!)
        .sort((a, b) => a.value - b.value);
      laggards.push(...ranked.map((x) => x.name));
    }
    return { ...base, baseline: 'org', diagnosis, laggards };
  }

  return { report, countsOf };
}

export type BottleneckService = ReturnType<typeof createBottleneckService>;
