// SQL for pipeline management: confirmed facts, LOST reasons, the alert log, forecast snapshots,
// follow-ups, and the read queries behind /预测, /瓶颈, /商机 and the pipeline jobs. Lists of ids
// travel as one JSON parameter (json_each) so a team of any size is one statement.
import type { Db } from './db.ts';
import type { Confirmation } from '../domain/pipeline/mot-gate.ts';
import type { StoredSignal, SignalCategory, Sentiment } from '../domain/insight/signal.ts';
import type { OpenStage, Stage } from '../domain/stages.ts';
import type { FactorCounts } from '../domain/pipeline/bottleneck.ts';
import type { StageChange } from '../domain/types.ts';

const ids = (list: readonly string[]) => JSON.stringify(list);
const IN_IDS = 'IN (SELECT value FROM json_each(?))';
const OPEN = "('T0','T1','T2','T3','T4')";

/** True when a conversation line was written by one of our users (by id or platform id), not the customer. */
const STAFF_SENDER = `(EXISTS (SELECT 1 FROM users u WHERE u.id = c.sender)
  OR EXISTS (SELECT 1 FROM users u WHERE u.wecom_user_id = c.sender COLLATE NOCASE)
  OR EXISTS (SELECT 1 FROM users u WHERE u.dingtalk_staff_id = c.sender))`;

export interface DealRow {
  id: string;
  name: string | null;
  customerId: string;
  customerName: string;
  customerAliases: string[];
  ownerId: string;
  stage: Stage;
  amount: number;
  expectedCloseDate: string | null;
  stageChangedAt: number;
  createdAt: number;
}

interface DealSql {
  id: string;
  name: string | null;
  customer_id: string;
  customer_name: string;
  customer_aliases: string;
  owner_id: string;
  stage: Stage;
  amount: number;
  expected_close_date: string | null;
  stage_changed_at: number;
  created_at: number;
}

const toDeal = (r: DealSql): DealRow => ({
  id: r.id,
  name: r.name,
  customerId: r.customer_id,
  customerName: r.customer_name,
  customerAliases: JSON.parse(r.customer_aliases) as string[],
  ownerId: r.owner_id,
  stage: r.stage,
  amount: r.amount,
  expectedCloseDate: r.expected_close_date,
  stageChangedAt: r.stage_changed_at,
  createdAt: r.created_at,
});

const DEAL_COLUMNS = `o.id, o.name, o.customer_id, cu.name AS customer_name, cu.aliases AS customer_aliases, o.owner_id, o.stage, o.amount,
  o.expected_close_date, o.stage_changed_at, o.created_at`;

export interface ConversationStats {
  lastAt: number | null;
  lastOursAt: number | null;
  lastTheirsAt: number | null;
  /** Distinct customer-side senders. */
  senders: number;
}

export interface AlertInput {
  kind: string;
  subject: string;
  userId: string;
  period: string;
  detail?: string;
}

export interface SnapshotRow {
  targetWeek: string;
  weighted: number;
  committed: number;
  deals: number;
}

export interface StaleCandidate extends DealRow {
  lastCustomerAt: number | null;
}

type SignalRow = Pick<StoredSignal, 'customerId' | 'category' | 'sentiment' | 'confidence' | 'quote' | 'at'>;

export function createPipelineStore(db: Db, now: () => number = Date.now) {
  const confirm = db.prepare(
    `INSERT INTO opportunity_facts (opportunity_id, fact, confirmed_by, confirmed_at, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(opportunity_id, fact) DO UPDATE SET confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at, source = excluded.source`,
  );
  const factsOf = db.prepare<[string], { opportunity_id: string; fact: string; confirmed_by: string | null; confirmed_at: number }>(
    `SELECT * FROM opportunity_facts WHERE opportunity_id ${IN_IDS}`,
  );
  const insertLost = db.prepare('INSERT INTO lost_reasons (opportunity_id, reason, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)');
  const lastLost = db.prepare<[string], { reason: string; note: string; recorded_by: string | null; recorded_at: number }>(
    'SELECT reason, note, recorded_by, recorded_at FROM lost_reasons WHERE opportunity_id = ? ORDER BY recorded_at DESC, id DESC LIMIT 1',
  );
  const insertAlert = db.prepare(
    `INSERT INTO pipeline_alerts (kind, subject, user_id, period, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(kind, subject, user_id, period) DO NOTHING`,
  );
  const markPushed = db.prepare('UPDATE pipeline_alerts SET pushed = 1 WHERE id = ?');
  const alertsSince = db.prepare<[string, string, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM pipeline_alerts WHERE kind = ? AND user_id = ? AND created_at >= ?',
  );
  const alertExists = db.prepare<[string, string, string, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM pipeline_alerts WHERE kind = ? AND subject = ? AND user_id = ? AND period = ?',
  );
  const alertsOf = db.prepare<[string, string], { kind: string; subject: string; period: string; pushed: number; detail: string | null }>(
    'SELECT kind, subject, period, pushed, detail FROM pipeline_alerts WHERE kind = ? AND user_id = ? ORDER BY id',
  );
  const insertSnapshot = db.prepare(
    `INSERT INTO forecast_snapshots (user_id, week, target_week, weighted, committed, deals, made_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(user_id, week, target_week) DO NOTHING`,
  );
  const hasSnapshot = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM forecast_snapshots WHERE user_id = ? AND week = ?');
  const sameWeekForecasts = db.prepare<[string, string, string], { user_id: string; week: string; weighted: number; committed: number }>(
    `SELECT user_id, week, weighted, committed FROM forecast_snapshots
      WHERE user_id ${IN_IDS} AND week = target_week AND week >= ? AND week < ?`,
  );
  const insertFollowUp = db.prepare('INSERT INTO follow_ups (opportunity_id, user_id, due_at, created_at) VALUES (?, ?, ?, ?)');
  const nextFollowUp = db.prepare<[string, number], { due_at: number }>(
    'SELECT due_at FROM follow_ups WHERE opportunity_id = ? AND due_at > ? ORDER BY due_at LIMIT 1',
  );

  const openDeals = db.prepare<[string], DealSql>(
    `SELECT ${DEAL_COLUMNS} FROM opportunities o JOIN customers cu ON cu.id = o.customer_id
      WHERE o.owner_id ${IN_IDS} AND o.stage IN ${OPEN}`,
  );
  const forecastRows = db.prepare<[string], { id: string; customer_id: string; owner_id: string; stage: OpenStage; amount: number; expected_close_date: string | null; created_at: number }>(
    `SELECT id, customer_id, owner_id, stage, amount, expected_close_date, created_at FROM opportunities
      WHERE owner_id ${IN_IDS} AND stage IN ${OPEN}`,
  );
  const labels = db.prepare<[string], { id: string; name: string | null; customer_name: string }>(
    `SELECT o.id, o.name, cu.name AS customer_name FROM opportunities o JOIN customers cu ON cu.id = o.customer_id WHERE o.id ${IN_IDS}`,
  );
  const dealsOfOwners = db.prepare<[string], DealSql>(
    `SELECT ${DEAL_COLUMNS} FROM opportunities o JOIN customers cu ON cu.id = o.customer_id WHERE o.owner_id ${IN_IDS}`,
  );
  const dealById = db.prepare<[string], DealSql>(
    `SELECT ${DEAL_COLUMNS} FROM opportunities o JOIN customers cu ON cu.id = o.customer_id WHERE o.id = ?`,
  );
  const dealsByName = db.prepare<[string, string], DealSql>(
    `SELECT ${DEAL_COLUMNS} FROM opportunities o JOIN customers cu ON cu.id = o.customer_id WHERE o.name = ?
     UNION
     SELECT ${DEAL_COLUMNS} FROM customers cu JOIN opportunities o ON o.customer_id = cu.id WHERE cu.name = ?`,
  );
  const wins = db.prepare<[string, number, number], { owner_id: string; amount: number; won_at: number }>(
    `SELECT o.owner_id, o.amount, h.changed_at AS won_at
       FROM opportunities o JOIN stage_history h ON h.opportunity_id = o.id
      WHERE o.owner_id ${IN_IDS} AND o.stage = 'WIN' AND h.to_stage = 'WIN' AND h.changed_at >= ? AND h.changed_at < ?`,
  );
  // Raw rows (arrays): the brief asks this for every rep's customers, and a named-key object per row cost more than the read.
  const signalsOf = db.prepare<[string, string, number], [customerId: string, category: SignalCategory, sentiment: Sentiment, confidence: number, quote: string, at: number]>(
    `SELECT c.customer_id, s.category, s.sentiment, s.confidence, s.quote, c.sent_at
       FROM conversations c JOIN signals s ON s.conversation_id = c.id
      WHERE c.customer_id ${IN_IDS} AND s.category IN (SELECT value FROM json_each(?)) AND c.sent_at >= ?
      ORDER BY c.sent_at DESC, c.id DESC, s.ord DESC`,
  ).raw();
  const conversationStats = db.prepare<[string], { customer_id: string; last_at: number; last_ours: number | null; last_theirs: number | null; senders: number }>(
    `SELECT customer_id, MAX(sent_at) AS last_at,
            MAX(CASE WHEN staff THEN sent_at END) AS last_ours,
            MAX(CASE WHEN staff THEN NULL ELSE sent_at END) AS last_theirs,
            COUNT(DISTINCT CASE WHEN staff THEN NULL ELSE sender END) AS senders
       FROM (SELECT c.customer_id, c.sent_at, c.sender, ${STAFF_SENDER} AS staff FROM conversations c WHERE c.customer_id ${IN_IDS})
      GROUP BY customer_id`,
  );
  const contactCounts = db.prepare<[string], { customer_id: string; n: number }>(
    `SELECT customer_id, COUNT(*) AS n FROM customer_contacts WHERE customer_id ${IN_IDS} GROUP BY customer_id`,
  );
  const customersMentioning = db.prepare<[string, string], { customer_id: string }>(
    `SELECT DISTINCT c.customer_id FROM conversations c
      WHERE c.customer_id ${IN_IDS} AND EXISTS (SELECT 1 FROM json_each(?) t WHERE instr(c.text, t.value) > 0)`,
  );
  const historyOfOwners = db.prepare<[string], { opportunity_id: string; from_stage: Stage | null; to_stage: Stage; changed_at: number }>(
    `SELECT h.opportunity_id, h.from_stage, h.to_stage, h.changed_at
       FROM opportunities o JOIN stage_history h ON h.opportunity_id = o.id WHERE o.owner_id ${IN_IDS}`,
  );

  // Sales-formula counts per owner over [from, to).
  const leadCounts = db.prepare<[string, number, number], { owner_id: string; n: number }>(
    `SELECT owner_id, COUNT(*) AS n FROM opportunities WHERE owner_id ${IN_IDS} AND created_at >= ? AND created_at < ? GROUP BY owner_id`,
  );
  const withConversations = db.prepare<[number, number, string], { id: string; has: number }>(
    `SELECT j.value AS id, EXISTS (SELECT 1 FROM conversations c WHERE c.user_id = j.value AND c.sent_at >= ? AND c.sent_at < ?) AS has
       FROM json_each(?) j`,
  );
  const reachCounts = db.prepare<[number, number, number, string, number, number, number], { owner_id: string; worked: number; reached: number }>(
    `SELECT o.owner_id, COUNT(*) AS worked,
            SUM(CASE WHEN EXISTS (SELECT 1 FROM opportunity_facts f WHERE f.opportunity_id = o.id AND f.fact = 'decision_maker')
                       OR (SELECT s.sentiment FROM conversations c JOIN signals s ON s.conversation_id = c.id
                            WHERE c.customer_id = o.customer_id AND c.sent_at >= ? AND c.sent_at < ?
                              AND s.category = 'decision_maker' AND s.sentiment != 'neutral' AND s.confidence >= ?
                            ORDER BY c.sent_at DESC, c.id DESC, s.ord DESC LIMIT 1) = 'positive'
                     THEN 1 ELSE 0 END) AS reached
       FROM opportunities o
      WHERE o.owner_id ${IN_IDS} AND o.created_at < ? AND (o.stage IN ${OPEN} OR (o.stage_changed_at >= ? AND o.stage_changed_at < ?))
      GROUP BY o.owner_id`,
  );
  const closedCounts = db.prepare<[string, number, number], { owner_id: string; stage: 'WIN' | 'LOST'; n: number; amount: number; repeat_wins: number }>(
    `SELECT o.owner_id, o.stage, COUNT(*) AS n, COALESCE(SUM(o.amount), 0) AS amount,
            SUM(CASE WHEN o.stage = 'WIN' AND EXISTS (
                  SELECT 1 FROM opportunities p WHERE p.customer_id = o.customer_id AND p.id != o.id AND p.stage = 'WIN'
                     AND p.stage_changed_at < o.stage_changed_at) THEN 1 ELSE 0 END) AS repeat_wins
       FROM opportunities o
      WHERE o.owner_id ${IN_IDS} AND o.stage IN ('WIN', 'LOST') AND o.stage_changed_at >= ? AND o.stage_changed_at < ?
      GROUP BY o.owner_id, o.stage`,
  );

  const staleCandidates = db.prepare<[number, number, number], DealSql & { last_customer_at: number | null }>(
    `SELECT * FROM (
       SELECT ${DEAL_COLUMNS},
              (SELECT MAX(c.sent_at) FROM conversations c WHERE c.customer_id = o.customer_id AND NOT ${STAFF_SENDER}) AS last_customer_at
         FROM opportunities o JOIN customers cu ON cu.id = o.customer_id
        WHERE o.stage IN ${OPEN} AND o.stage_changed_at <= ?
          AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.opportunity_id = o.id AND f.due_at > ?))
      WHERE COALESCE(last_customer_at, 0) <= ?
      ORDER BY owner_id, amount DESC`,
  );

  return {
    confirmFacts(opportunityId: string, facts: readonly string[], by: string | null, source: string): void {
      const t = now();
      for (const fact of facts) confirm.run(opportunityId, fact, by, t, source);
    },
    confirmationsOf(opportunityIds: readonly string[]): Map<string, Confirmation[]> {
      const map = new Map<string, Confirmation[]>();
      for (const r of factsOf.all(ids(opportunityIds))) {
        const list = map.get(r.opportunity_id) ?? [];
        list.push({ fact: r.fact, confirmedAt: r.confirmed_at, confirmedBy: r.confirmed_by });
        map.set(r.opportunity_id, list);
      }
      return map;
    },
    recordLost(opportunityId: string, reason: string, note: string, by: string | null): void {
      insertLost.run(opportunityId, reason, note, by, now());
    },
    lostReasonOf(opportunityId: string): { reason: string; note: string; recordedBy: string | null; recordedAt: number } | null {
      const r = lastLost.get(opportunityId);
      return r ? { reason: r.reason, note: r.note, recordedBy: r.recorded_by, recordedAt: r.recorded_at } : null;
    },

    /** Records an alert condition; returns its id, or null when it was already recorded for that period. */
    recordAlert(a: AlertInput): number | null {
      const r = insertAlert.run(a.kind, a.subject, a.userId, a.period, a.detail ?? null, now());
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    },
    markAlertPushed: (id: number): void => void markPushed.run(id),
    countAlertsSince: (kind: string, userId: string, since: number): number => alertsSince.get(kind, userId, since)?.n ?? 0,
    hasAlert: (a: AlertInput): boolean => (alertExists.get(a.kind, a.subject, a.userId, a.period)?.n ?? 0) > 0,
    alertsOf: (kind: string, userId: string) => alertsOf.all(kind, userId),

    saveSnapshot: db.transaction((userId: string, week: string, rows: SnapshotRow[]): void => {
      const t = now();
      for (const r of rows) insertSnapshot.run(userId, week, r.targetWeek, r.weighted, r.committed, r.deals, t);
    }),
    hasSnapshot: (userId: string, week: string): boolean => (hasSnapshot.get(userId, week)?.n ?? 0) > 0,
    /** Each user's forecast for week w made at the start of week w, for weeks in [fromWeek, toWeek). */
    sameWeekForecasts: (userIds: readonly string[], fromWeek: string, toWeek: string) =>
      sameWeekForecasts.all(ids(userIds), fromWeek, toWeek).map((r) => ({ userId: r.user_id, week: r.week, weighted: r.weighted, committed: r.committed })),

    addFollowUp(opportunityId: string, userId: string, dueAt: number): void {
      insertFollowUp.run(opportunityId, userId, dueAt, now());
    },
    pendingFollowUp: (opportunityId: string, at: number): number | null => nextFollowUp.get(opportunityId, at)?.due_at ?? null,

    deal: (id: string): DealRow | null => {
      const r = dealById.get(id);
      return r ? toDeal(r) : null;
    },
    /** Deals anywhere whose opportunity name or customer name is exactly `name` (both indexed). */
    dealsNamed: (name: string): DealRow[] => dealsByName.all(name, name).map(toDeal),
    dealsOf: (ownerIds: readonly string[]): DealRow[] => dealsOfOwners.all(ids(ownerIds)).map(toDeal),
    openDealsOf: (ownerIds: readonly string[]): (DealRow & { stage: OpenStage })[] =>
      openDeals.all(ids(ownerIds)).map(toDeal) as (DealRow & { stage: OpenStage })[],
    /** Open deals with only what the forecast needs, read from a covering index. */
    forecastRows: (ownerIds: readonly string[]) =>
      forecastRows.all(ids(ownerIds)).map((r) => ({
        id: r.id, customerId: r.customer_id, ownerId: r.owner_id, stage: r.stage, amount: r.amount, expectedCloseDate: r.expected_close_date, createdAt: r.created_at,
      })),
    labelsOf: (opportunityIds: readonly string[]): Map<string, { name: string | null; customerName: string }> =>
      new Map(labels.all(ids(opportunityIds)).map((r) => [r.id, { name: r.name, customerName: r.customer_name }])),
    winsBetween: (ownerIds: readonly string[], from: number, to: number) =>
      wins.all(ids(ownerIds), from, to).map((r) => ({ ownerId: r.owner_id, amount: r.amount, wonAt: r.won_at })),
    signalsOf(customerIds: readonly string[], categories: readonly SignalCategory[], since: number): SignalRow[] {
      if (customerIds.length === 0 || categories.length === 0) return [];
      return signalsOf.all(ids(customerIds), JSON.stringify(categories), since).map(([customerId, category, sentiment, confidence, quote, at]) => ({
        customerId,
        category,
        sentiment,
        confidence,
        quote,
        at,
      }));
    },
    conversationStats(customerIds: readonly string[]): Map<string, ConversationStats> {
      const map = new Map<string, ConversationStats>();
      for (const r of conversationStats.all(ids(customerIds))) {
        map.set(r.customer_id, { lastAt: r.last_at, lastOursAt: r.last_ours, lastTheirsAt: r.last_theirs, senders: r.senders });
      }
      return map;
    },
    contactCounts: (customerIds: readonly string[]): Map<string, number> =>
      new Map(contactCounts.all(ids(customerIds)).map((r) => [r.customer_id, r.n])),
    customersMentioning: (customerIds: readonly string[], terms: readonly string[]): Set<string> =>
      terms.length ? new Set(customersMentioning.all(ids(customerIds), JSON.stringify(terms)).map((r) => r.customer_id)) : new Set(),
    historyOfOwners: (ownerIds: readonly string[]): StageChange[] =>
      historyOfOwners.all(ids(ownerIds)).map((r) => ({ opportunityId: r.opportunity_id, fromStage: r.from_stage, toStage: r.to_stage, changedAt: r.changed_at })),

    /** Sales-formula counts per rep over [from, to); reach uses decision-maker signals since `signalsSince`. */
    factorCounts(ownerIds: readonly string[], from: number, to: number, signalsSince: number, minConfidence: number): Map<string, FactorCounts> {
      const json = ids(ownerIds);
      const result = new Map<string, FactorCounts>(
        ownerIds.map((id) => [id, { heads: 1, leads: 0, worked: 0, reached: 0, conversations: 0, wins: 0, losses: 0, wonAmount: 0, repeatWins: 0 }]),
      );
      for (const r of leadCounts.all(json, from, to)) result.get(r.owner_id)!.leads = r.n;
      const talking = new Set(withConversations.all(from, to, json).filter((r) => r.has).map((r) => r.id));
      for (const r of reachCounts.all(signalsSince, to, minConfidence, json, to, from, to)) {
        // Reach is judged only for reps whose conversations reach the store.
        if (!talking.has(r.owner_id)) continue;
        const c = result.get(r.owner_id)!;
        c.worked = r.worked;
        c.reached = r.reached;
      }
      for (const id of talking) result.get(id)!.conversations = 1;
      for (const r of closedCounts.all(json, from, to)) {
        const c = result.get(r.owner_id)!;
        if (r.stage === 'WIN') {
          c.wins = r.n;
          c.wonAmount = r.amount;
          c.repeatWins = r.repeat_wins;
        } else c.losses = r.n;
      }
      return result;
    },

    /** Open deals with no stage change and no customer message since `cutoff`, and no follow-up pending at `at`. */
    staleDeals: (cutoff: number, at: number): StaleCandidate[] =>
      staleCandidates.all(cutoff, at, cutoff).map((r) => ({ ...toDeal(r), lastCustomerAt: r.last_customer_at })),
  };
}

export type PipelineStore = ReturnType<typeof createPipelineStore>;
