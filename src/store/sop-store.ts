// SQL for SOP card pushes, feedback on them and the retire/restore record of cards.
import type { Db } from './db.ts';
import type { CardPeriodStats, Verdict } from '../domain/sop/review.ts';
import type { FeedbackCounts } from '../domain/sop/matching.ts';

export type PushTrigger = 'customer_view' | 'stage_change' | 'signal' | 'new_hire';

export interface PushInput {
  cardId: string;
  cardVersion: number;
  userId: string;
  customerId: string;
  trigger: PushTrigger;
  detail: string | null;
  reason: string;
  learning: boolean;
  deliverAt: number;
}

export interface SopPush extends PushInput {
  id: number;
  createdAt: number;
  remindedAt: number | null;
  feedback: { verdict: Verdict; reason: string | null; at: number } | null;
}

export interface CardEvent {
  cardId: string;
  action: 'retire' | 'restore';
  period: string | null;
  actor: string | null;
  detail: unknown;
  at: number;
}

interface PushRow {
  id: number;
  card_id: string;
  card_version: number;
  user_id: string;
  customer_id: string;
  trigger: PushTrigger;
  detail: string | null;
  reason: string;
  learning: number;
  created_at: number;
  deliver_at: number;
  reminded_at: number | null;
  verdict: Verdict | null;
  feedback_reason: string | null;
  feedback_at: number | null;
}

const toPush = (r: PushRow): SopPush => ({
  id: r.id,
  cardId: r.card_id,
  cardVersion: r.card_version,
  userId: r.user_id,
  customerId: r.customer_id,
  trigger: r.trigger,
  detail: r.detail,
  reason: r.reason,
  learning: r.learning === 1,
  createdAt: r.created_at,
  deliverAt: r.deliver_at,
  remindedAt: r.reminded_at,
  feedback: r.verdict ? { verdict: r.verdict, reason: r.feedback_reason, at: r.feedback_at! } : null,
});

const PUSH_SELECT = `SELECT p.*, f.verdict, f.reason AS feedback_reason, f.at AS feedback_at
  FROM sop_pushes p LEFT JOIN sop_feedback f ON f.push_id = p.id`;

/** Per-card figures over pushes made in [from, to), optionally only to some reps. */
const STATS_SELECT = `SELECT p.card_id AS cardId, COUNT(*) AS pushes, COUNT(f.push_id) AS used,
    COALESCE(SUM(f.verdict = 'full'), 0) AS full, COALESCE(SUM(f.verdict = 'partial'), 0) AS partial,
    COALESCE(SUM(f.verdict = 'none'), 0) AS none
  FROM sop_pushes p LEFT JOIN sop_feedback f ON f.push_id = p.id
  WHERE p.created_at >= ? AND p.created_at < ?`;

export function createSopStore(db: Db, now: () => number = Date.now) {
  const insertPush = db.prepare(
    `INSERT INTO sop_pushes (card_id, card_version, user_id, customer_id, trigger, detail, reason, learning, created_at, deliver_at)
     VALUES (@cardId, @cardVersion, @userId, @customerId, @trigger, @detail, @reason, @learning, @createdAt, @deliverAt)`,
  );
  const deletePush = db.prepare('DELETE FROM sop_pushes WHERE id = ?');
  const byId = db.prepare<[number], PushRow>(`${PUSH_SELECT} WHERE p.id = ?`);
  const cardsSince = db.prepare<[string, string, number], { card_id: string }>(
    'SELECT DISTINCT card_id FROM sop_pushes WHERE user_id = ? AND customer_id = ? AND created_at >= ?',
  );
  const recentOfCard = db.prepare<[string, string, string, number], PushRow>(
    `${PUSH_SELECT} WHERE p.user_id = ? AND p.customer_id = ? AND p.card_id = ? AND p.created_at >= ?
     ORDER BY p.created_at DESC, p.id DESC LIMIT 1`,
  );
  const latestOfCard = db.prepare<[string, string], PushRow>(
    `${PUSH_SELECT} WHERE p.user_id = ? AND p.card_id = ?
     ORDER BY (f.push_id IS NOT NULL), p.created_at DESC, p.id DESC LIMIT 1`,
  );
  const upsertFeedback = db.prepare(
    `INSERT INTO sop_feedback (push_id, verdict, reason, at) VALUES (?, ?, ?, ?)
     ON CONFLICT(push_id) DO UPDATE SET verdict = excluded.verdict, reason = excluded.reason, at = excluded.at`,
  );
  const countsSince = db.prepare<[number], { card_id: string } & FeedbackCounts>(
    `SELECT p.card_id, SUM(f.verdict = 'full') AS full, SUM(f.verdict = 'partial') AS partial, SUM(f.verdict = 'none') AS none
       FROM sop_feedback f JOIN sop_pushes p ON p.id = f.push_id WHERE p.created_at >= ? GROUP BY p.card_id`,
  );
  const dueReminders = db.prepare<[number, number], PushRow>(
    `${PUSH_SELECT} WHERE p.reminded_at IS NULL AND f.push_id IS NULL AND p.deliver_at <= ? AND p.deliver_at > ?
     ORDER BY p.deliver_at, p.id`,
  );
  const markReminded = db.prepare('UPDATE sop_pushes SET reminded_at = ? WHERE id = ?');
  const statsAll = db.prepare<[number, number], CardPeriodStats>(`${STATS_SELECT} GROUP BY p.card_id`);
  const statsOf = db.prepare<[number, number, string], CardPeriodStats>(
    `${STATS_SELECT} AND p.user_id IN (SELECT value FROM json_each(?)) GROUP BY p.card_id`,
  );
  const reasons = db.prepare<[number, number, string], { card_id: string; verdict: Verdict; reason: string }>(
    `SELECT p.card_id, f.verdict, f.reason FROM sop_pushes p JOIN sop_feedback f ON f.push_id = p.id
      WHERE p.created_at >= ? AND p.created_at < ? AND f.reason IS NOT NULL AND f.verdict != 'full'
        AND p.card_id IN (SELECT value FROM json_each(?))
      ORDER BY f.verdict DESC, f.at DESC`,
  );
  const pushesWithDetail = db.prepare<[string, string, string], PushRow>(
    `${PUSH_SELECT} WHERE p.user_id = ? AND p.trigger = ? AND p.detail = ? ORDER BY p.id`,
  );
  const insertEvent = db.prepare(
    'INSERT INTO sop_card_events (card_id, action, period, actor, detail, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const lastEvents = db.prepare<[], { card_id: string; action: 'retire' | 'restore'; period: string | null; actor: string | null; detail: string | null; at: number }>(
    `SELECT e.* FROM sop_card_events e
      WHERE e.id = (SELECT MAX(id) FROM sop_card_events x WHERE x.card_id = e.card_id)`,
  );
  const lastEventId = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM sop_card_events');
  const retiredFor = db.prepare<[string, string], { n: number }>(
    "SELECT COUNT(*) AS n FROM sop_card_events WHERE card_id = ? AND action = 'retire' AND period = ?",
  );

  return {
    recordPush(input: PushInput): number {
      const r = insertPush.run({ ...input, learning: input.learning ? 1 : 0, createdAt: now() });
      return Number(r.lastInsertRowid);
    },
    /** Undo a push record whose message could not be queued. */
    deletePush: (id: number): void => void deletePush.run(id),
    getPush: (id: number): SopPush | null => {
      const r = byId.get(id);
      return r ? toPush(r) : null;
    },
    /** Card ids pushed to this rep for this customer since the instant. */
    cardsPushedSince: (userId: string, customerId: string, since: number): Set<string> =>
      new Set(cardsSince.all(userId, customerId, since).map((r) => r.card_id)),
    recentPush: (userId: string, customerId: string, cardId: string, since: number): SopPush | null => {
      const r = recentOfCard.get(userId, customerId, cardId, since);
      return r ? toPush(r) : null;
    },
    /** The rep's latest push of a card, preferring one still without feedback. */
    latestPushOfCard: (userId: string, cardId: string): SopPush | null => {
      const r = latestOfCard.get(userId, cardId);
      return r ? toPush(r) : null;
    },
    setFeedback: (pushId: number, verdict: Verdict, reason: string | null): void =>
      void upsertFeedback.run(pushId, verdict, reason, now()),
    /** Feedback per card on pushes made since the instant. */
    feedbackCountsSince(since: number): Map<string, FeedbackCounts> {
      return new Map(countsSince.all(since).map((r) => [r.card_id, { full: r.full, partial: r.partial, none: r.none }]));
    },
    /** Pushes delivered in (after, before] with no feedback and no reminder yet. */
    dueReminders: (before: number, after: number): SopPush[] => dueReminders.all(before, after).map(toPush),
    markReminded: (id: number): void => void markReminded.run(now(), id),
    periodStats(from: number, to: number, userIds?: string[]): CardPeriodStats[] {
      return userIds ? statsOf.all(from, to, JSON.stringify(userIds)) : statsAll.all(from, to);
    },
    /** Reasons reps gave for 部分适用 / 不适用 on pushes in the period, 不适用 first. */
    feedbackReasons(cardIds: string[], from: number, to: number): { cardId: string; verdict: Verdict; reason: string }[] {
      return reasons.all(from, to, JSON.stringify(cardIds)).map((r) => ({ cardId: r.card_id, verdict: r.verdict, reason: r.reason }));
    },
    /** A rep's pushes of one trigger with the given detail (e.g. new-hire cards of a date). */
    pushesWithDetail: (userId: string, trigger: PushTrigger, detail: string): SopPush[] =>
      pushesWithDetail.all(userId, trigger, detail).map(toPush),
    recordCardEvent(e: Omit<CardEvent, 'at'>): void {
      insertEvent.run(e.cardId, e.action, e.period, e.actor, e.detail === undefined ? null : JSON.stringify(e.detail), now());
    },
    /** The latest retire/restore of every card that has one. */
    lastCardEvents(): Map<string, CardEvent> {
      return new Map(
        lastEvents.all().map((r) => [
          r.card_id,
          { cardId: r.card_id, action: r.action, period: r.period, actor: r.actor, detail: r.detail ? JSON.parse(r.detail) : null, at: r.at },
        ]),
      );
    },
    /** Changes whenever a card is retired or restored, by this or another process (cheap cache key). */
    cardEventsVersion: (): number => lastEventId.get()?.id ?? 0,
    wasRetiredFor: (cardId: string, period: string): boolean => (retiredFor.get(cardId, period)?.n ?? 0) > 0,
  };
}

export type SopStore = ReturnType<typeof createSopStore>;
