// The MOT checklist of one customer (seed 001: 预算范围 / 决策时间 / 关键决策人), the same way the
// /推进 gate judges it: the customer's latest clear signal per fact, or the rep's confirmation on
// the deal. Shared by the customer card, the stage gate and the morning brief.
import { checkFacts, isKnown, type FactCheck } from '../domain/pipeline/mot-gate.ts';
import type { Services } from '../core/context.ts';
import type { SignalCategory } from '../domain/insight/signal.ts';
import { DAY_MS } from '../domain/time.ts';

export interface MotChecklist {
  checks: FactCheck[];
  /** Facts still unknown. */
  missing: FactCheck[];
}

export interface MotSubject {
  customerId: string;
  /** The open deal whose confirmations count, if any. */
  opportunityId: string | null;
}

export interface MotWindow {
  /** Ignore older signals (e.g. those from before the deal was opened). */
  notBefore?: number;
  /** Judge as of this instant: later signals do not count (a brief for a past morning). */
  until?: number;
  /** The facts to check; the gate's configured facts by default. */
  facts?: readonly SignalCategory[];
}

/** The MOT checks of several customers in two queries (their signals, their deals' confirmations). */
export function motChecksOf(
  services: Pick<Services, 'store' | 'rules' | 'now'>,
  subjects: readonly MotSubject[],
  window: MotWindow = {},
): Map<string, FactCheck[]> {
  const { store, rules } = services;
  const mot = rules.mot;
  const facts = window.facts ?? mot.facts;
  const until = window.until ?? Infinity;
  const since = Math.max(window.notBefore ?? 0, Math.min(until, services.now()) - mot.signalDays * DAY_MS);
  const signals = new Map<string, ReturnType<typeof store.pipeline.signalsOf>>();
  for (const s of store.pipeline.signalsOf(subjects.map((x) => x.customerId), facts, since)) {
    if (s.at >= until || !s.customerId) continue;
    const list = signals.get(s.customerId) ?? [];
    list.push(s);
    signals.set(s.customerId, list);
  }
  const deals = subjects.map((x) => x.opportunityId).filter((id): id is string => id !== null);
  const confirmations = store.pipeline.confirmationsOf(deals);
  return new Map(
    subjects.map((x) => [
      x.customerId,
      checkFacts(facts, signals.get(x.customerId) ?? [], x.opportunityId ? (confirmations.get(x.opportunityId) ?? []) : [], mot.minConfidence),
    ]),
  );
}

/** `notBefore` ignores older signals (e.g. those from before the deal was opened). */
export function customerMotChecklist(
  services: Pick<Services, 'store' | 'rules' | 'now'>,
  customerId: string,
  opportunityId: string | null,
  notBefore = 0,
): MotChecklist {
  const checks = motChecksOf(services, [{ customerId, opportunityId }], { notBefore }).get(customerId)!;
  return { checks, missing: checks.filter((c) => !isKnown(c)) };
}
