// The daily 沟通洞察简报: loads each person's period from the store, builds the brief (pure
// domain), renders it within the size limit and sends it exactly once per person and
// business day. Exactly-once holds across restarts, re-runs and a second process: the outbox
// dedup key makes the push itself idempotent, and the briefs table records the outcome.
import type { Services } from '../core/context.ts';
import { toPlainText, type OutboundMessage } from '../core/message.ts';
import type { User } from '../domain/types.ts';
import type { ReserveCheck } from '../domain/funnel/funnel-math.ts';
import type { StoredSignal } from '../domain/insight/signal.ts';
import {
  type MotStatus,
  buildManagerBrief,
  buildRepBrief,
  digestCustomer,
  isEmptyManagerBrief,
  isEmptyRepBrief,
  topKeywords,
  type ManagerBrief,
  type Period,
  type RepBrief,
} from '../domain/insight/brief.ts';
import { firstFireOn, parseCron, previousFireDay } from '../domain/cron.ts';
import { isKnown } from '../domain/pipeline/mot-gate.ts';
import { isOpenStage } from '../domain/stages.ts';
import type { SignalCategory } from '../domain/insight/signal.ts';
import { DAY_MS, localDate } from '../domain/time.ts';
import type { BriefKind } from '../store/insight-store.ts';
import { renderManagerBrief, renderRepBrief } from '../text/brief-render.ts';
import { createFunnelService } from './funnel-service.ts';
import { insightFor } from './insight.ts';
import { motChecksOf } from './mot-service.ts';

/** The schedule used for periods when BRIEF_CRON=off (on-demand briefs still need a "yesterday"). */
const FALLBACK_CRON = '20 8 * * 1-5';
/** "New" risks compare with this many days before the period. */
const RECENT_RISK_MS = 30 * DAY_MS;
/** Seed 001's MOT checklist as the brief shows it: 预算范围 / 决策时间 / 关键决策人. */
const MOT_FACTS: readonly SignalCategory[] = ['budget', 'timeline', 'decision_maker'];
/** A period never reaches further back than this (a first brief after a long pause). */
const MAX_PERIOD_MS = 7 * DAY_MS;

export type BriefOutcome = 'sent' | 'skipped' | 'unreachable' | 'already';

/**
 * What other modules add to the brief without this module importing them: the SOP module's
 * learning cards for new hires. createApp (or the module) calls extendBriefs once.
 */
export interface BriefExtension {
  /** Markdown added to a rep's brief and messages sent right after it. */
  repSection?(user: User, date: string, options: { dryRun: boolean }): { markdown: string; messages: OutboundMessage[] };
}

const extensions = new WeakMap<Services, BriefExtension>();

export function extendBriefs(services: Services, extension: BriefExtension): void {
  extensions.set(services, { ...extensions.get(services), ...extension });
}

export interface DayRun {
  date: string;
  counts: Record<BriefOutcome, number>;
  /** Rendered briefs (dry runs only). */
  briefs: { user: User; kind: BriefKind; message: OutboundMessage }[];
}

export function createBriefService(services: Services) {
  const { store, config, logger } = services;
  const cfg = config.insight.brief;
  const tz = cfg.timeZone;
  const schedule = parseCron(cfg.cron ?? FALLBACK_CRON);
  const funnel = createFunnelService({ ...services, timeZone: config.timeZone });
  const rt = insightFor(services);
  const renderOptions = { label: rt.label, timeZone: tz, maxBytes: cfg.maxBytes };

  /** When the brief of a business date is due (null: not a business day). */
  function scheduledAt(date: string): number | null {
    return firstFireOn(schedule, date, tz);
  }

  const previousFire = new Map<string, number | null>();
  function previousScheduled(date: string): number | null {
    if (!previousFire.has(date)) previousFire.set(date, previousFireDay(schedule, date, tz)?.at ?? null);
    return previousFire.get(date)!;
  }

  /** From the end of this person's previous brief (or the previous scheduled time) to `end`. */
  function periodFor(userId: string, kind: BriefKind, date: string, end: number): Period {
    const last = store.insight.lastBriefBefore(userId, kind, date);
    let start = last?.periodEnd ?? previousScheduled(date) ?? end - DAY_MS;
    start = Math.max(start, end - MAX_PERIOD_MS);
    if (start >= end) start = end - DAY_MS;
    return { start, end };
  }

  /**
   * The MOT checklist of the customers a rep touched, as of the period's end, judged exactly as
   * the /推进 gate judges it (checkFacts: the latest clear signal, or the rep's confirmation on
   * the open deal). Two queries for all customers, not one per customer.
   */
  function motOf(user: User, customerIds: string[], end: number): Map<string, MotStatus> {
    const wanted = new Set(customerIds);
    const openDeal = new Map<string, string>();
    for (const o of store.opportunities.listByOwner(user.id)) if (wanted.has(o.customerId) && isOpenStage(o.stage)) openDeal.set(o.customerId, o.id);
    const checks = motChecksOf(services, customerIds.map((id) => ({ customerId: id, opportunityId: openDeal.get(id) ?? null })), { until: end, facts: MOT_FACTS });
    return new Map(
      customerIds.map((id) => {
        const known = new Set(checks.get(id)!.filter(isKnown).map((c) => c.fact));
        return [id, { budget: known.has('budget'), timeline: known.has('timeline'), decisionMaker: known.has('decision_maker') }];
      }),
    );
  }


  function repBrief(
    user: User,
    date: string,
    end: number,
    period = periodFor(user.id, 'rep', date, end),
    section?: string,
  ): RepBrief {
    const counts = store.insight.conversationCounts(user.id, period.start, period.end);
    const byCustomer = new Map<string, StoredSignal[]>();
    // Lines with signals but no customer: the brief counts them and quotes the latest (newest first).
    const unattributed = new Map<number, string>();
    const own = store.signals.forUserBetween(user.id, period.start, period.end);
    // …and the owner hears what colleagues recorded about their customers (a joint visit, a handover).
    const colleagues = store.signals.othersOnOwnedBetween(user.id, period.start, period.end);
    for (const s of [...own, ...colleagues]) {
      if (!s.customerId) {
        if (!unattributed.has(s.conversationId)) unattributed.set(s.conversationId, s.quote);
        continue;
      }
      const list = byCustomer.get(s.customerId);
      if (list) list.push(s);
      else byCustomer.set(s.customerId, [s]);
    }
    const perCustomer = new Map<string, number>();
    for (const c of counts) if (c.customerId !== null) perCustomer.set(c.customerId, c.count);
    const reportedBy = new Map<string, Set<string>>();
    for (const o of store.insight.othersOnOwned(user.id, period.start, period.end)) {
      perCustomer.set(o.customerId, (perCustomer.get(o.customerId) ?? 0) + o.count);
      const who = reportedBy.get(o.customerId) ?? new Set<string>();
      who.add(o.userId ? (store.users.get(o.userId)?.name ?? o.userId) : '会话存档');
      reportedBy.set(o.customerId, who);
    }
    const touched = [...perCustomer].map(([customerId, count]) => ({ customerId, count }));
    const ids = touched.map((c) => c.customerId);
    const names = store.insight.customerNames(ids);
    const priors = store.insight.priorNegatives(ids, period.start - RECENT_RISK_MS, period.start, services.rules.mot.minConfidence);
    const mot = motOf(user, ids, period.end);
    const customers = touched.map((c) =>
      digestCustomer({
        customerId: c.customerId,
        name: names.get(c.customerId) ?? c.customerId,
        conversations: c.count,
        signals: byCustomer.get(c.customerId) ?? [],
        priorRisks: priors.get(c.customerId) ?? new Set(),
        mot: mot.get(c.customerId)!,
        ...(reportedBy.has(c.customerId) ? { reportedBy: [...reportedBy.get(c.customerId)!] } : {}),
      }),
    );
    return buildRepBrief({
      userId: user.id,
      name: user.name,
      date,
      period,
      customers,
      conversations: counts.reduce((n, c) => n + c.count, 0),
      unattributed: unattributed.size,
      unattributedQuote: unattributed.values().next().value ?? null,
      reserve: reserveOn(user, date, period.end),
      ...(section ? { section } : {}),
    });
  }

  /**
   * The reserve the brief shows: today's funnel, or for a past business date (a dry run of an
   * earlier morning) the reserve as it stood when that brief was due, rebuilt from stage history.
   */
  function reserveOn(user: User, date: string, end: number): ReserveCheck[] {
    if (date < localDate(services.now(), tz)) return funnel.reserveAt(user.id, end);
    return funnel.team([user]).rows[0]?.reserve ?? [];
  }

  function teamOf(manager: User): User[] {
    return store.users.reportsOf(manager.id).filter((u) => u.role === 'rep' && u.active);
  }

  function managerBrief(manager: User, date: string, end: number, cache?: Map<string, RepBrief>): ManagerBrief {
    const period = periodFor(manager.id, 'manager', date, end);
    const team = teamOf(manager);
    const reps = team.map((r) => {
      const key = `${r.id}:${period.start}:${period.end}`;
      let b = cache?.get(key);
      if (!b) {
        b = repBrief(r, date, end, period);
        cache?.set(key, b);
      }
      return b;
    });
    const now = team.flatMap((r) => store.insight.termCounts(r.id, period.start, period.end));
    const week = team.flatMap((r) => store.insight.termCounts(r.id, period.start - 7 * DAY_MS, period.start));
    return buildManagerBrief({ userId: manager.id, name: manager.name, date, period, reps, keywords: topKeywords(now, week) });
  }

  /** Who gets a brief: active reps (their own), and active managers or admins with reps below them. */
  function recipients(): { reps: User[]; managers: User[] } {
    const active = store.users.list().filter((u) => u.active);
    return {
      reps: active.filter((u) => u.role === 'rep'),
      managers: active.filter((u) => u.role !== 'rep' && teamOf(u).length > 0),
    };
  }

  const render = (b: RepBrief | ManagerBrief): OutboundMessage =>
    b.kind === 'rep' ? renderRepBrief(b, renderOptions) : renderManagerBrief(b, renderOptions);

  /** Push once (dedup key), then record; a run that crashed in between is recognised by the key. */
  function deliver(user: User, kind: BriefKind, date: string, period: Period, message: OutboundMessage, after: OutboundMessage[] = []): BriefOutcome {
    const key = `brief:${kind}:${user.id}:${date}`;
    const bytes = Buffer.byteLength(toPlainText(message), 'utf8');
    const record = (status: 'sent' | 'unreachable') =>
      store.insight.recordBrief({ userId: user.id, businessDate: date, kind, periodStart: period.start, periodEnd: period.end, status, bytes });
    if (store.insight.dedupTaken(key)) {
      record('sent');
      return 'already';
    }
    if (services.push(user, message, { dedupKey: key })) {
      after.forEach((m, i) => services.push(user, m, { dedupKey: `${key}:${i + 1}` }));
      record('sent');
      logger.info({ userId: user.id, kind, date, bytes }, 'brief queued');
      return 'sent';
    }
    if (store.insight.dedupTaken(key)) return 'already'; // another process queued it just now
    // The log sink: nobody can be reached on a channel, so the brief goes to the log instead.
    logger.info({ sink: 'log', userId: user.id, kind, date, brief: toPlainText(message) }, 'brief not deliverable on any channel; logged');
    record('unreachable');
    return 'unreachable';
  }

  function handle(
    run: DayRun,
    user: User,
    kind: BriefKind,
    build: (section?: string) => RepBrief | ManagerBrief,
    options: { dryRun: boolean },
  ): void {
    // A brief that reached nobody is tried again (the admin has connected the person's account
    // since, and restarted or re-ran within the morning window); any other record is final.
    const prior = options.dryRun ? null : store.insight.briefOf(user.id, run.date, kind);
    if (prior && prior.status !== 'unreachable') {
      run.counts.already += 1;
      return;
    }
    const extra = kind === 'rep' ? extensions.get(services)?.repSection?.(user, run.date, options) : undefined;
    const brief = build(extra?.markdown || undefined);
    const empty = brief.kind === 'rep' ? isEmptyRepBrief(brief) : isEmptyManagerBrief(brief);
    if (empty && cfg.empty === 'none') {
      if (!options.dryRun) {
        store.insight.recordBrief({ userId: user.id, businessDate: run.date, kind, periodStart: brief.period.start, periodEnd: brief.period.end, status: 'skipped', bytes: 0 });
      }
      run.counts.skipped += 1;
      return;
    }
    const message = render(brief);
    if (options.dryRun) {
      run.briefs.push({ user, kind, message });
      run.counts.sent += 1;
      return;
    }
    run.counts[deliver(user, kind, run.date, brief.period, message, extra?.messages)] += 1;
  }

  return {
    scheduledAt,
    periodFor,
    repBrief,
    managerBrief,
    teamOf,
    recipients,
    render,

    /** The caller's brief now (/简报): reps get theirs, `team` (or a manager) the team's. */
    onDemand(user: User, team: boolean): OutboundMessage {
      const now = services.now();
      const date = localDate(now, tz);
      if (team) return render(managerBrief(user, date, now));
      const section = extensions.get(services)?.repSection?.(user, date, { dryRun: true }).markdown;
      return render(repBrief(user, date, now, undefined, section || undefined));
    },

    /**
     * Every brief of a business date. `end` is when the period closes (now for the morning run,
     * the scheduled time for a dry run of another day). A dry run sends and records nothing.
     */
    runDay(date: string, options: { end: number; dryRun?: boolean }): DayRun {
      const run: DayRun = { date, counts: { sent: 0, skipped: 0, unreachable: 0, already: 0 }, briefs: [] };
      const dryRun = options.dryRun ?? false;
      const cache = new Map<string, RepBrief>();
      const { reps, managers } = recipients();
      for (const rep of reps) {
        handle(run, rep, 'rep', (section) => {
          const b = repBrief(rep, date, options.end, undefined, section);
          cache.set(`${rep.id}:${b.period.start}:${b.period.end}`, b);
          return b;
        }, { dryRun });
      }
      for (const manager of managers) handle(run, manager, 'manager', () => managerBrief(manager, date, options.end, cache), { dryRun });
      return run;
    },
  };
}

export type BriefService = ReturnType<typeof createBriefService>;
