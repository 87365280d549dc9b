// SOP cards at work: matches cards for a rep and a customer from the store's data, pushes them
// (customer view, stage change, fresh signals, new hires), records every push, takes feedback,
// reminds after 48 hours, and runs the monthly review. Rules live in domain/sop; SQL in the store.
import type { Services } from '../../core/context.ts';
import type { DomainEvents } from '../../core/events.ts';
import type { OutboundMessage } from '../../core/message.ts';
import { UserError } from '../../core/errors.ts';
import type { Customer, User } from '../../domain/types.ts';
import { isOpenStage, stageName, type Stage } from '../../domain/stages.ts';
import type { StoredSignal } from '../../domain/insight/signal.ts';
import { CARD_ID, normaliseCardId, type SopCard } from '../../domain/sop/card.ts';
import { SIGNAL_WINDOW_DAYS, matchCards, shortQuote, type CardMatch, type FeedbackCounts } from '../../domain/sop/matching.ts';
import { reviewMonth, VERDICT_LABELS, type CardPeriodStats, type Verdict } from '../../domain/sop/review.ts';
import { quietUntil } from '../../domain/sop/quiet-hours.ts';
import { DAY_MS, addDays, localDate, localMidnight } from '../../domain/time.ts';
import type { PushTrigger, SopPush } from '../../store/sop-store.ts';
import {
  renderCustomerCard,
  renderPushedCard,
  renderReminder,
  renderReviewReport,
  type CustomerView,
} from '../../text/sop-render.ts';
import type { CardLibrary } from './card-library.ts';
import { customerMotChecklist } from '../mot-service.ts';

const NO_REPEAT_DAYS = 7;
const REMIND_AFTER_MS = 48 * 3_600_000;
/** Pushes older than this get no reminder (e.g. after a long outage). */
const REMIND_WINDOW_DAYS = 14;
/** A signal older than this is history (an archive import), not a reason to push now. */
const FRESH_SIGNAL_MS = 24 * 3_600_000;
const FEEDBACK_WINDOW_DAYS = 90;
const FEEDBACK_CACHE_MS = 5 * 60_000;

const VERDICT_WORDS: Record<string, Verdict> = {
  完全适用: 'full', 完全: 'full', 适用: 'full', full: 'full', '1': 'full',
  部分适用: 'partial', 部分: 'partial', partial: 'partial', '2': 'partial',
  不适用: 'none', 不: 'none', none: 'none', no: 'none', '3': 'none',
};

export function parseVerdict(word: string): Verdict | null {
  return VERDICT_WORDS[word.trim().toLowerCase()] ?? null;
}

export interface NewHireSuggestion {
  pushId: number | null;
  card: SopCard;
  customer: Customer;
  reason: string;
}

export function createSopService(services: Services, library: CardLibrary) {
  const { store, config, logger } = services;
  const tz = config.timeZone;
  let retiredCache: { version: number; cards: Set<string> } | null = null;
  let feedbackCache: { at: number; counts: Map<string, FeedbackCounts> } | null = null;

  /** Retired cards; re-read when any process retired or restored one since (one MAX(id) lookup). */
  function retired(): Set<string> {
    const version = store.sop.cardEventsVersion();
    if (retiredCache?.version !== version) {
      const cards = new Set([...store.sop.lastCardEvents().values()].filter((e) => e.action === 'retire').map((e) => e.cardId));
      retiredCache = { version, cards };
    }
    return retiredCache.cards;
  }

  function feedbackCounts(): Map<string, FeedbackCounts> {
    const now = services.now();
    if (!feedbackCache || now - feedbackCache.at > FEEDBACK_CACHE_MS) {
      feedbackCache = { at: now, counts: store.sop.feedbackCountsSince(now - FEEDBACK_WINDOW_DAYS * DAY_MS) };
    }
    return feedbackCache.counts;
  }

  let todayCache = { minute: -1, date: '' };
  /** Today's business date; Intl formatting is slow enough to matter when matching in bulk. */
  function today(): string {
    const minute = Math.floor(services.now() / 60_000);
    if (todayCache.minute !== minute) todayCache = { minute, date: localDate(minute * 60_000, tz) };
    return todayCache.date;
  }

  function isNewHire(user: User, date = today()): boolean {
    if (!user.hiredAt) return false;
    const days = (Date.parse(date) - Date.parse(user.hiredAt)) / DAY_MS;
    return days >= 0 && days < config.newHireDays;
  }

  /** The customer's current opportunity: the latest-moved open one, else the latest closed one. */
  function currentOpportunity(customerId: string) {
    const opportunities = store.opportunities.listByCustomer(customerId);
    const open = opportunities.filter((o) => isOpenStage(o.stage));
    const opportunity = open[0] ?? opportunities[0] ?? null;
    return { opportunity, open, stage: opportunity?.stage ?? ('T0' as Stage) };
  }

  /** Stage, amount, recent signals and MOT facts of a customer, as the rep sees them. */
  function customerView(customer: Customer): CustomerView {
    const now = services.now();
    const { opportunity, open, stage } = currentOpportunity(customer.id);
    const since = now - SIGNAL_WINDOW_DAYS * DAY_MS;
    return {
      customer,
      owner: store.users.get(customer.ownerId),
      opportunity,
      otherOpen: Math.max(0, open.length - (opportunity && isOpenStage(opportunity.stage) ? 1 : 0)),
      stage,
      recent: store.signals.forCustomerSince(customer.id, since),
      mot: customerMotChecklist(services, customer.id, opportunity?.id ?? null).checks,
      now,
    };
  }

  interface RecommendOptions {
    stage?: Stage;
    /** The rep asked (e.g. /客户): cards pushed in the last 7 days may come again. */
    asked?: boolean;
    triggeredBy?: StoredSignal[];
    view?: CustomerView;
  }

  function recommend(user: User, customer: Customer, options: RecommendOptions = {}): CardMatch[] {
    const now = services.now();
    const { view } = options;
    const off = retired();
    const pushed = options.asked ? null : store.sop.cardsPushedSince(user.id, customer.id, now - NO_REPEAT_DAYS * DAY_MS);
    return matchCards(library.index, {
      stage: options.stage ?? view?.stage ?? currentOpportunity(customer.id).stage,
      industry: customer.industry,
      tier: customer.tier,
      newHire: isNewHire(user),
      signals: view?.recent ?? store.signals.forCustomerSince(customer.id, now - SIGNAL_WINDOW_DAYS * DAY_MS),
      exclude: { has: (id) => off.has(id) || (pushed?.has(id) ?? false) },
      now,
      triggeredBy: options.triggeredBy,
      feedback: feedbackCounts(),
    });
  }

  /**
   * Records each push, then queues it; a push the outbox refuses (same card, customer and day
   * already queued) is not kept. `about` says what set it off, per card. Quiet hours hold the
   * cards until morning, except when the rep is at work right now (`rightNow`).
   */
  function pushCards(
    user: User,
    customer: Customer,
    matches: CardMatch[],
    trigger: Exclude<PushTrigger, 'customer_view'>,
    about: (m: CardMatch) => { context: string; detail: string },
    rightNow = false,
  ): number {
    if (!user.active || !matches.length) return 0;
    const now = services.now();
    const notBefore = rightNow ? undefined : quietUntil(now, tz, config.sop.quietHours);
    const learning = isNewHire(user);
    const day = localDate(notBefore ?? now, tz);
    let sent = 0;
    for (const m of matches) {
      const { context, detail } = about(m);
      const pushId = store.sop.recordPush({
        cardId: m.card.id,
        cardVersion: m.card.version,
        userId: user.id,
        customerId: customer.id,
        trigger,
        detail,
        reason: m.reason,
        learning,
        deliverAt: notBefore ?? now,
      });
      const message = renderPushedCard({ card: m.card, pushId, customerName: customer.name, context, reason: m.reason, learning });
      const dedupKey = `sop:${trigger}:${user.id}:${customer.id}:${m.card.id}:${day}`;
      if (services.push(user, message, { dedupKey, notBefore })) sent += 1;
      else store.sop.deletePush(pushId);
    }
    if (sent) logger.info({ userId: user.id, customerId: customer.id, trigger, cards: matches.map((m) => m.card.id) }, 'sop cards pushed');
    return sent;
  }

  function onStageChanged(e: DomainEvents['stageChanged']): void {
    const owner = store.users.get(e.opportunity.ownerId);
    const customer = store.customers.get(e.opportunity.customerId);
    if (!owner || !customer) return;
    const matches = recommend(owner, customer, { stage: e.toStage });
    // The owner moved the deal just now (in chat, at night too): they are at work, so the cards go now.
    const byOwnerNow = e.changedBy === owner.id;
    pushCards(owner, customer, matches, 'stage_change', () => ({ context: `商机进入 ${stageName(e.toStage)}`, detail: e.toStage }), byOwnerNow);
  }

  function onSignalsExtracted(e: DomainEvents['signalsExtracted']): void {
    if (!e.customerId) return;
    const now = services.now();
    const fresh = e.signals.filter((s) => now - s.at <= FRESH_SIGNAL_MS);
    if (!fresh.length) return;
    const customer = store.customers.get(e.customerId);
    const owner = customer && store.users.get(customer.ownerId);
    if (!customer || !owner) return;
    const matches = recommend(owner, customer, { triggeredBy: fresh });
    pushCards(owner, customer, matches, 'signal', (m) => {
      const s = fresh.find((x) => x.category === m.signal?.category && x.sentiment === m.signal.sentiment) ?? fresh[0]!;
      return { context: `客户提到「${s.term}」`, detail: `${s.category}/${s.sentiment}#${s.id}` };
    });
  }

  /** Cards shown on /客户: reuse this week's push of a card, so repeated views do not inflate pushes. */
  function cardsForView(user: User, view: CustomerView): { matches: CardMatch[]; messages: OutboundMessage[] } {
    const customer = view.customer;
    const matches = recommend(user, customer, { asked: true, view });
    if (user.id !== customer.ownerId) return { matches, messages: [] };
    const now = services.now();
    const learning = isNewHire(user);
    const messages = matches.map((m) => {
      const pushId =
        store.sop.recentPush(user.id, customer.id, m.card.id, now - NO_REPEAT_DAYS * DAY_MS)?.id ??
        store.sop.recordPush({
          cardId: m.card.id,
          cardVersion: m.card.version,
          userId: user.id,
          customerId: customer.id,
          trigger: 'customer_view',
          detail: view.stage,
          reason: m.reason,
          learning,
          deliverAt: now,
        });
      return renderPushedCard({ card: m.card, pushId, customerName: customer.name, context: `当前 ${stageName(view.stage)}`, reason: m.reason, learning });
    });
    return { matches, messages };
  }

  function visibleOwners(user: User): Set<string> | null {
    if (user.role === 'admin') return null;
    const ids = new Set([user.id]);
    if (user.role === 'manager') for (const r of store.users.reportsOf(user.id)) ids.add(r.id);
    return ids;
  }

  function findCustomer(user: User, query: string): Customer {
    const q = query.trim();
    const owners = visibleOwners(user);
    const found = store.customers.search(q, 200);
    const visible = owners ? found.filter((c) => owners.has(c.ownerId)) : found;
    const exact = visible.filter((c) => c.name === q || c.aliases.includes(q));
    if (exact.length === 1) return exact[0]!;
    if (visible.length === 1) return visible[0]!;
    if (visible.length === 0) {
      const name = shortQuote(q, 30);
      throw new UserError('not_found', found.length ? `客户「${name}」不在你负责的范围内。` : `没有找到客户「${name}」。请检查名称，或用简称再试。`);
    }
    const names = (exact.length ? exact : visible).slice(0, 8).map((c) => c.name);
    throw new UserError('conflict', `找到 ${visible.length} 个客户，请写全名：\n${names.join('\n')}`);
  }

  function viewCustomer(user: User, query: string): OutboundMessage[] {
    const customer = findCustomer(user, query);
    const view = customerView(customer);
    const { matches, messages } = cardsForView(user, view);
    services.events.emit('customerOpened', { userId: user.id, customerId: customer.id, at: services.now() });
    return [renderCustomerCard(view, matches, user.id === customer.ownerId), ...messages];
  }

  function feedback(user: User, ref: string, verdictWord: string, reason: string | null): string {
    const verdict = parseVerdict(verdictWord);
    if (!verdict) throw new UserError('bad_args', `评价只能是 完全适用、部分适用 或 不适用。例如：/反馈 ${ref} 部分适用 客户没有IT部门`);
    const m = /^([^#]+?)(?:#(\d+))?$/.exec(ref.trim());
    const cardId = normaliseCardId(m?.[1] ?? '');
    if (!m || !CARD_ID.test(cardId)) throw new UserError('bad_args', `卡片编号「${shortQuote(ref, 30)}」不对，应像 SOP-07 这样。`);
    let push: SopPush | null;
    if (m[2]) {
      push = store.sop.getPush(Number(m[2]));
      if (!push || push.userId !== user.id || push.cardId !== cardId) {
        throw new UserError('not_found', `没有找到推送给你的卡片 ${cardId}（推送号 ${m[2]}）。`);
      }
    } else {
      push = store.sop.latestPushOfCard(user.id, cardId);
      if (!push) {
        throw new UserError(
          'not_found',
          library.get(cardId) ? `你还没有收到过卡片 ${cardId}，收到后再反馈。` : `没有卡片 ${cardId}。发送 /卡片 查看全部卡片。`,
        );
      }
    }
    const cleanReason = reason?.trim().slice(0, 500) || null;
    store.sop.setFeedback(push.id, verdict, cleanReason);
    feedbackCache = null;
    const card = library.get(cardId);
    const customer = store.customers.get(push.customerId);
    const lines = [`已记录：${cardId}${card ? ` ${card.title}` : ''}（客户：${customer?.name ?? push.customerId}）— ${VERDICT_LABELS[verdict]}。`];
    if (push.feedback && push.feedback.verdict !== verdict) lines.push(`（替换了之前的「${VERDICT_LABELS[push.feedback.verdict]}」）`);
    if (!cleanReason && verdict !== 'full') lines.push(`补一句原因，卡片才能改进：/反馈 ${cardId}#${push.id} ${VERDICT_LABELS[verdict]} 原因`);
    else lines.push('谢谢，每月复盘会用到你的反馈。');
    return lines.join('\n');
  }

  /** One reminder per push still without feedback 48 hours after it was delivered. */
  function sendReminders(): number {
    const now = services.now();
    const notBefore = quietUntil(now, tz, config.sop.quietHours);
    let sent = 0;
    for (const p of store.sop.dueReminders(now - REMIND_AFTER_MS, now - REMIND_WINDOW_DAYS * DAY_MS)) {
      store.sop.markReminded(p.id);
      const user = store.users.get(p.userId);
      const card = library.get(p.cardId);
      if (!user?.active || !card) continue;
      const customer = store.customers.get(p.customerId);
      const message = renderReminder(card, p.id, customer?.name ?? p.customerId, p.deliverAt, now);
      if (services.push(user, message, { dedupKey: `sop:remind:${p.id}`, notBefore })) sent += 1;
    }
    if (sent) logger.info({ count: sent }, 'sop feedback reminders queued');
    return sent;
  }

  /** The calendar month before `at` in the business time zone: 'YYYY-MM' and [from, to). */
  function previousMonth(at: number): { period: string; from: number; to: number } {
    const today = localDate(at, tz);
    const firstOfThis = `${today.slice(0, 7)}-01`;
    const firstOfPrev = `${addDays(firstOfThis, -1).slice(0, 7)}-01`;
    return { period: firstOfPrev.slice(0, 7), from: localMidnight(firstOfPrev, tz), to: localMidnight(firstOfThis, tz) };
  }

  function monthlyReview() {
    const { period, from, to } = previousMonth(services.now());
    const thresholds = config.sop.retire;
    const measured = new Map(store.sop.periodStats(from, to).map((s) => [s.cardId, s]));
    const active = library.cards.filter((c) => !retired().has(c.id));
    const stats = active.map((c) => measured.get(c.id) ?? { cardId: c.id, pushes: 0, used: 0, full: 0, partial: 0, none: 0 });
    const review = reviewMonth(stats, thresholds);
    // A card an admin restored after this month's review is not retired again for the same month.
    const newlyRetired = review.retire.filter((s) => !store.sop.wasRetiredFor(s.cardId, period));
    store.db.transaction(() => {
      for (const s of newlyRetired) store.sop.recordCardEvent({ cardId: s.cardId, action: 'retire', period, actor: null, detail: s });
    })();

    const reasons = new Map<string, string[]>();
    for (const r of store.sop.feedbackReasons(review.improve.map((s) => s.cardId), from, to)) {
      const list = reasons.get(r.cardId) ?? [];
      if (list.length < 3) list.push(r.reason);
      reasons.set(r.cardId, list);
    }
    const report = renderReviewReport({
      period,
      review,
      retired: newlyRetired,
      titles: new Map(library.cards.map((c) => [c.id, c.title])),
      reasons,
      thresholds,
    });
    const admins = store.users.list().filter((u) => u.role === 'admin' && u.active);
    for (const admin of admins) services.push(admin, report, { dedupKey: `sop:review:${period}:${admin.id}` });
    logger.info({ period, retired: newlyRetired.map((s) => s.cardId), admins: admins.length }, 'sop monthly review done');
    return { period, retired: newlyRetired.map((s) => s.cardId), review, report };
  }

  function restore(user: User, rawId: string): string {
    if (user.role !== 'admin') throw new UserError('forbidden', '恢复卡片仅限管理员（销售运营）。');
    const id = normaliseCardId(rawId);
    const card = library.get(id);
    if (!card) throw new UserError('not_found', `没有卡片 ${id}。`);
    if (!retired().has(id)) return `${id} ${card.title} 没有停用，无需恢复。`;
    store.sop.recordCardEvent({ cardId: id, action: 'restore', period: null, actor: user.id, detail: null });
    return `已恢复 ${id} ${card.title}，从现在起重新参与匹配。`;
  }

  /** Statistics per card for the caller's scope: pushes, usage, feedback split, trend. */
  function stats(user: User, days = 30): { scope: string; current: CardPeriodStats[]; previous: CardPeriodStats[] } {
    const now = services.now();
    const owners = visibleOwners(user);
    const ids = owners ? [...owners] : undefined;
    const span = days * DAY_MS;
    const end = now + 1; // include what was pushed this very millisecond
    return {
      scope: owners ? `${user.name}的团队` : '全公司',
      current: store.sop.periodStats(end - span, end, ids),
      previous: store.sop.periodStats(end - 2 * span, end - span, ids),
    };
  }

  /**
   * Today's learning cards for a new hire, for the morning brief: up to `limit` distinct cards
   * across the rep's customers, best match first. Recorded as pushes (trigger new_hire) unless
   * dryRun; calling again on the same day returns the same pushes.
   */
  function newHireSuggestions(user: User, date: string, options: { dryRun?: boolean; limit?: number } = {}): NewHireSuggestion[] {
    if (!user.active || !isNewHire(user, date)) return [];
    const already = store.sop.pushesWithDetail(user.id, 'new_hire', date);
    if (already.length) {
      return already.flatMap((p) => {
        const card = library.get(p.cardId);
        const customer = store.customers.get(p.customerId);
        return card && customer ? [{ pushId: p.id, card, customer, reason: p.reason }] : [];
      });
    }
    const best = new Map<string, { m: CardMatch; customer: Customer }>();
    for (const customer of store.customers.listByOwner(user.id)) {
      for (const m of recommend(user, customer)) {
        const seen = best.get(m.card.id);
        if (!seen || m.score > seen.m.score) best.set(m.card.id, { m, customer });
      }
    }
    const picked = [...best.values()].sort((a, b) => b.m.score - a.m.score || a.m.card.id.localeCompare(b.m.card.id)).slice(0, options.limit ?? 3);
    return picked.map(({ m, customer }) => ({
      pushId: options.dryRun
        ? null
        : store.sop.recordPush({
            cardId: m.card.id,
            cardVersion: m.card.version,
            userId: user.id,
            customerId: customer.id,
            trigger: 'new_hire',
            detail: date,
            reason: m.reason,
            learning: true,
            deliverAt: Math.max(services.now(), localMidnight(date, tz)),
          }),
      card: m.card,
      customer,
      reason: m.reason,
    }));
  }

  return {
    library,
    retired,
    isNewHire,
    customerView,
    recommend,
    viewCustomer,
    onStageChanged,
    onSignalsExtracted,
    feedback,
    sendReminders,
    monthlyReview,
    restore,
    stats,
    newHireSuggestions,
  };
}

export type SopService = ReturnType<typeof createSopService>;
