// Test data for pipeline tests: a settable clock, conversation lines with their signals
// (stored the way the insight module stores them), and small-org builders.
import type { Store } from '../../src/store/index.ts';
import type { Sentiment, SignalCategory } from '../../src/domain/insight/signal.ts';
import type { Stage } from '../../src/domain/stages.ts';
import { DAY_MS } from '../../src/domain/time.ts';

export function createClock(start: string | number) {
  let t = typeof start === 'number' ? start : Date.parse(start);
  return {
    now: () => t,
    set(value: string | number) {
      t = typeof value === 'number' ? value : Date.parse(value);
    },
    advanceDays(days: number) {
      t += days * DAY_MS;
    },
  };
}

let sequence = 0;

/** Stores one conversation line (and its signals) about a customer. */
export function recordLine(
  store: Store,
  line: { customerId: string; userId: string; sender: string; text: string; at: number; signals?: [SignalCategory, Sentiment][] },
): void {
  sequence += 1;
  store.signals.record(
    { msgId: `test:${process.pid}:${sequence}`, source: 'test', userId: line.userId, customerId: line.customerId, sender: line.sender, text: line.text, sentAt: line.at },
    (line.signals ?? []).map(([category, sentiment]) => ({ category, sentiment, term: category, confidence: 0.9, quote: line.text })),
  );
}

export function addUser(store: Store, id: string, role: 'rep' | 'manager' | 'admin', managerId: string | null = null, teamName: string | null = null): void {
  store.users.upsert({ id, name: id, role, managerId, teamName, hiredAt: null, wecomUserId: null, dingtalkStaffId: null });
}

/** A deal that climbed `path` at the given instants (first entry = creation). */
export function addDeal(store: Store, d: { id: string; owner: string; customer?: string; amount?: number; path: [Stage, number][]; expectedCloseDate?: string | null }): void {
  const customerId = d.customer ?? `cust-${d.id}`;
  if (!store.customers.get(customerId)) {
    store.customers.upsert({ id: customerId, name: `客户${customerId}`, ownerId: d.owner, industry: null, tier: null, aliases: [], externalUserIds: [] });
  }
  for (const [stage, at] of d.path) {
    store.opportunities.upsert({
      id: d.id, customerId, ownerId: d.owner, name: d.id, stage, amount: d.amount ?? 100_000, stageChangedAt: at,
      expectedCloseDate: d.expectedCloseDate, source: 'test',
    });
  }
}
