// Seed 001's MOT gate: a deal may enter 方案报价 only when the customer has given a budget range,
// a decision time and access to the key decision maker. Each fact is known from the customer's
// latest non-neutral signal of that category, or from the rep's explicit confirmation; a later
// negative signal (预算被砍) takes a fact back.
import type { Rules } from '../rules.ts';
import { isOpenStage, stageRank, type Stage } from '../stages.ts';
import type { SignalCategory, StoredSignal } from '../insight/signal.ts';

export interface Confirmation {
  fact: string;
  confirmedAt: number;
  confirmedBy: string | null;
}

export type FactStatus = 'signal' | 'confirmed' | 'negative' | 'missing';

export interface FactCheck {
  fact: SignalCategory;
  status: FactStatus;
  /** The quote behind a signal or negative status. */
  quote?: string;
  at?: number;
}

export const isKnown = (c: FactCheck): boolean => c.status === 'signal' || c.status === 'confirmed';

/** What each fact looks like now. `signals` may be in any order and may hold other categories. */
export function checkFacts(
  facts: readonly SignalCategory[],
  signals: readonly Pick<StoredSignal, 'category' | 'sentiment' | 'confidence' | 'quote' | 'at'>[],
  confirmations: readonly Confirmation[],
  minConfidence: number,
): FactCheck[] {
  return facts.map((fact) => {
    let latest: { status: FactStatus; at: number; quote?: string } | null = null;
    for (const s of signals) {
      if (s.category !== fact || s.sentiment === 'neutral' || s.confidence < minConfidence) continue;
      if (!latest || s.at > latest.at) latest = { status: s.sentiment === 'positive' ? 'signal' : 'negative', at: s.at, quote: s.quote };
    }
    const confirmed = confirmations.find((c) => c.fact === fact);
    // A confirmation stands until the customer says otherwise afterwards.
    if (confirmed && (!latest || latest.status !== 'negative' || confirmed.confirmedAt >= latest.at)) {
      return { fact, status: 'confirmed', at: confirmed.confirmedAt };
    }
    return latest ? { fact, ...latest } : { fact, status: 'missing' };
  });
}

/** The gate applies when a move crosses into the gated stage (or beyond it) from below. */
export function gateApplies(from: Stage, to: Stage, mot: Rules['mot']): boolean {
  if (!isOpenStage(to)) return false;
  const gate = stageRank(mot.stage);
  return stageRank(to) >= gate && stageRank(from) < gate;
}

export interface GateResult {
  applies: boolean;
  passed: boolean;
  checks: FactCheck[];
  missing: FactCheck[];
}

export function evaluateGate(from: Stage, to: Stage, checks: FactCheck[], mot: Rules['mot']): GateResult {
  const applies = gateApplies(from, to, mot);
  const missing = checks.filter((c) => !isKnown(c));
  return { applies, passed: !applies || missing.length === 0, checks, missing };
}
