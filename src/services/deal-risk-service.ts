// Loads the evidence behind /商机's warnings for one person's open deals (conversations,
// contacts, signals, confirmations, the team's usual stage times) and ranks the deals by risk.
import type { Services } from '../core/context.ts';
import { assessDeal, rankDeals, typicalStageTimes, type AssessedDeal, type DealFacts } from '../domain/pipeline/deal-risk.ts';
import { checkFacts, isKnown } from '../domain/pipeline/mot-gate.ts';
import { groupBy } from '../domain/pipeline/group-by.ts';
import { SIGNAL_CATEGORIES, type SignalCategory } from '../domain/insight/signal.ts';
import { DAY_MS, localDate } from '../domain/time.ts';
import type { User } from '../domain/types.ts';
import type { OpenStage } from '../domain/stages.ts';
import type { Store } from '../store/index.ts';
import { dealLabel } from '../text/pipeline-render.ts';
import { peersOf } from './pipeline-scope.ts';

/** The team's usual stage times per peer group and business day: they move slowly and cost a full history read. */
const typicalCache = new WeakMap<Store, Map<string, Partial<Record<OpenStage, number>>>>();

export function createDealRiskService(services: Services) {
  const { store, rules } = services;

  function typicalTimes(user: User, now: number, today: string): Partial<Record<OpenStage, number>> {
    const key = `${user.managerId ?? '*'}|${today}`;
    let cache = typicalCache.get(store);
    if (!cache) typicalCache.set(store, (cache = new Map()));
    const hit = cache.get(key);
    if (hit) return hit;
    const r = rules.dealRisk;
    const peers = peersOf(store, user);
    const typical = typicalStageTimes(store.pipeline.historyOfOwners(peers.map((p) => p.id)), now - r.stuckHistoryDays * DAY_MS, r.stuckMinSamples);
    for (const k of cache.keys()) if (!k.endsWith(today)) cache.delete(k);
    cache.set(key, typical);
    return typical;
  }

  function assess(user: User): AssessedDeal[] {
    const now = services.now();
    const today = localDate(now, services.config.timeZone);
    const deals = store.pipeline.openDealsOf([user.id]);
    if (deals.length === 0) return [];
    const customerIds = [...new Set(deals.map((d) => d.customerId))];
    const r = rules.dealRisk;
    const since = now - Math.max(rules.mot.signalDays, r.negativeSignalDays) * DAY_MS;
    const signals = store.pipeline.signalsOf(customerIds, SIGNAL_CATEGORIES, since);
    const conversations = store.pipeline.conversationStats(customerIds);
    const contacts = store.pipeline.contactCounts(customerIds);
    const priceTalk = store.pipeline.customersMentioning(customerIds, r.priceTerms);
    const confirmations = store.pipeline.confirmationsOf(deals.map((d) => d.id));
    const typical = typicalTimes(user, now, today);
    const recentFrom = now - r.negativeSignalDays * DAY_MS;
    const signalsByCustomer = groupBy(signals, (s) => s.customerId);

    return rankDeals(
      deals.map((d) => {
        const own = signalsByCustomer.get(d.customerId) ?? [];
        const talk = conversations.get(d.customerId);
        const [dm] = checkFacts(['decision_maker'], own, confirmations.get(d.id) ?? [], rules.mot.minConfidence);
        const negative = [...new Set(own.filter((s) => s.sentiment === 'negative' && s.at >= recentFrom).map((s) => s.category))] as SignalCategory[];
        const facts: DealFacts = {
          id: d.id,
          label: dealLabel(d),
          stage: d.stage,
          amount: d.amount,
          expectedCloseDate: d.expectedCloseDate,
          stageChangedAt: d.stageChangedAt,
          lastConversationAt: talk?.lastAt ?? null,
          lastOursAt: talk?.lastOursAt ?? null,
          lastTheirsAt: talk?.lastTheirsAt ?? null,
          contacts: Math.max(contacts.get(d.customerId) ?? 0, talk?.senders ?? 0),
          decisionMakerKnown: dm ? isKnown(dm) : false,
          priceDiscussed: priceTalk.has(d.customerId) || own.some((s) => s.category === 'price_objection'),
          negativeCategories: negative.sort((a, b) => SIGNAL_CATEGORIES.indexOf(a) - SIGNAL_CATEGORIES.indexOf(b)),
          typicalStageMs: typical[d.stage] ?? null,
        };
        return assessDeal(facts, now, today, rules);
      }),
    );
  }

  return { assess };
}

export type DealRiskService = ReturnType<typeof createDealRiskService>;
