// The MOT checklist of one customer (seed 001: 预算范围 / 决策时间 / 关键决策人), the same way the
// /推进 gate judges it: the customer's latest clear signal per fact, or the rep's confirmation on
// the deal. Shared by the customer card, the stage gate and the morning brief.
import { checkFacts, isKnown, type FactCheck } from '../domain/pipeline/mot-gate.ts';
import type { Services } from '../core/context.ts';
import { DAY_MS } from '../domain/time.ts';

export interface MotChecklist {
  checks: FactCheck[];
  /** Facts still unknown. */
  missing: FactCheck[];
}

/** `notBefore` ignores older signals (e.g. those from before the deal was opened). */
export function customerMotChecklist(
  services: Pick<Services, 'store' | 'rules' | 'now'>,
  customerId: string,
  opportunityId: string | null,
  notBefore = 0,
): MotChecklist {
  const { store, rules } = services;
  const mot = rules.mot;
  const signals = store.signals.forCustomerSince(customerId, Math.max(notBefore, services.now() - mot.signalDays * DAY_MS));
  const confirmations = opportunityId ? (store.pipeline.confirmationsOf([opportunityId]).get(opportunityId) ?? []) : [];
  const checks = checkFacts(mot.facts, signals, confirmations, mot.minConfidence);
  return { checks, missing: checks.filter((c) => !isKnown(c)) };
}
