// SQL for conversation insight beyond the conversations/signals tables themselves: record
// flags, group bindings, last-opened customers, the pending attribution question, the briefs
// log, and the aggregates the daily brief is built from.
import type { Db } from './db.ts';
import type { SignalCategory, StoredSignal } from '../domain/insight/signal.ts';
import { SIGNAL_COLUMNS, toSignal, type SignalRow } from './signals-store.ts';

export type BriefKind = 'rep' | 'manager';
export type BriefStatus = 'sent' | 'skipped' | 'unreachable';

export interface BriefRecord {
  userId: string;
  businessDate: string;
  kind: BriefKind;
  periodStart: number;
  periodEnd: number;
  status: BriefStatus;
  bytes: number;
  createdAt: number;
}

interface BriefRow {
  user_id: string;
  business_date: string;
  kind: BriefKind;
  period_start: number;
  period_end: number;
  status: BriefStatus;
  bytes: number;
  created_at: number;
}

const toBrief = (r: BriefRow): BriefRecord => ({
  userId: r.user_id,
  businessDate: r.business_date,
  kind: r.kind,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  status: r.status,
  bytes: r.bytes,
  createdAt: r.created_at,
});

export interface CustomerIndexRow {
  id: string;
  name: string;
  ownerId: string;
  aliases: string[];
}

export function createInsightStore(db: Db, now: () => number = Date.now) {
  const existing = db.prepare<[string], { msg_id: string }>('SELECT msg_id FROM conversations WHERE msg_id IN (SELECT value FROM json_each(?))');
  const conversationById = db.prepare<[number], { id: number; user_id: string | null; customer_id: string | null; text: string; sent_at: number }>(
    'SELECT id, user_id, customer_id, text, sent_at FROM conversations WHERE id = ?',
  );
  // Lines worth attributing: those with signals (small talk stays without a customer), and the
  // line a question was asked about (?4) whatever it holds.
  const unattributed = db.prepare<[string, number, number, number, number], { id: number; text: string }>(
    `SELECT c.id, c.text FROM conversations c
      WHERE c.user_id = ? AND c.customer_id IS NULL AND c.id >= ? AND c.sent_at >= ? AND c.sent_at <= ?
        AND (c.id = ? OR EXISTS (SELECT 1 FROM signals s WHERE s.conversation_id = c.id))
      ORDER BY c.id`,
  );
  const recentCustomers = db.prepare<[string, number, number], { customer_id: string }>(
    `SELECT customer_id FROM conversations WHERE user_id = ? AND customer_id IS NOT NULL AND sent_at >= ?
      GROUP BY customer_id ORDER BY MAX(sent_at) DESC LIMIT ?`,
  );
  const signalsOf = db.prepare<[number], SignalRow>(
    `SELECT ${SIGNAL_COLUMNS} FROM conversations c JOIN signals s ON s.conversation_id = c.id WHERE c.id = ? ORDER BY s.ord`,
  ).raw();
  const dedupTaken = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE dedup_key = ?');

  const bind = db.prepare(
    `INSERT INTO group_bindings (room_id, customer_id, bound_by, bound_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(room_id) DO UPDATE SET customer_id = excluded.customer_id, bound_by = excluded.bound_by, bound_at = excluded.bound_at`,
  );
  const unbind = db.prepare('DELETE FROM group_bindings WHERE room_id = ?');
  const bindingOf = db.prepare<[string], { customer_id: string }>('SELECT customer_id FROM group_bindings WHERE room_id = ?');

  const noteOpened = db.prepare(
    `INSERT INTO customer_opens (user_id, customer_id, opened_at) VALUES (?, ?, ?)
     ON CONFLICT(user_id) DO UPDATE SET customer_id = excluded.customer_id, opened_at = excluded.opened_at`,
  );
  const lastOpened = db.prepare<[string, number], { customer_id: string }>(
    'SELECT customer_id FROM customer_opens WHERE user_id = ? AND opened_at >= ?',
  );

  const ask = db.prepare(
    'INSERT INTO attribution_questions (user_id, asked_at, first_conversation_id, options) VALUES (?, ?, ?, ?) ON CONFLICT(user_id) DO NOTHING',
  );
  const question = db.prepare<[string], { asked_at: number; first_conversation_id: number; options: string }>(
    'SELECT asked_at, first_conversation_id, options FROM attribution_questions WHERE user_id = ?',
  );
  const clearQuestion = db.prepare('DELETE FROM attribution_questions WHERE user_id = ?');
  const rememberAnswer = db.prepare(
    `INSERT INTO attribution_answers (user_id, customer_id, conversation_ids, answered_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(user_id) DO UPDATE SET customer_id = excluded.customer_id, conversation_ids = excluded.conversation_ids, answered_at = excluded.answered_at`,
  );
  const lastAnswer = db.prepare<[string], { customer_id: string; conversation_ids: string; answered_at: number }>(
    'SELECT customer_id, conversation_ids, answered_at FROM attribution_answers WHERE user_id = ?',
  );
  const forgetAnswer = db.prepare('DELETE FROM attribution_answers WHERE user_id = ?');

  const insertBrief = db.prepare(
    `INSERT INTO briefs (user_id, business_date, kind, period_start, period_end, status, bytes, created_at)
     VALUES (@userId, @businessDate, @kind, @periodStart, @periodEnd, @status, @bytes, @createdAt)
     ON CONFLICT(user_id, business_date, kind) DO UPDATE SET
       status = excluded.status, period_end = excluded.period_end, bytes = excluded.bytes, created_at = excluded.created_at
     WHERE briefs.status = 'unreachable'`,
  );
  const briefOf = db.prepare<[string, string, BriefKind], BriefRow>('SELECT * FROM briefs WHERE user_id = ? AND business_date = ? AND kind = ?');
  const lastBriefBefore = db.prepare<[string, BriefKind, string], BriefRow>(
    'SELECT * FROM briefs WHERE user_id = ? AND kind = ? AND business_date < ? ORDER BY business_date DESC LIMIT 1',
  );
  const briefsOn = db.prepare<[string], BriefRow>('SELECT * FROM briefs WHERE business_date = ? ORDER BY user_id, kind');

  const customerCounts = db.prepare<[string, number, number], { customer_id: string | null; n: number; last: number }>(
    `SELECT customer_id, COUNT(*) AS n, MAX(sent_at) AS last FROM conversations
      WHERE user_id = ? AND sent_at >= ? AND sent_at < ? GROUP BY customer_id`,
  );
  // Lines colleagues (or archives under another user) recorded about a rep's own customers.
  const othersOnOwned = db.prepare<[string, number, number], { customer_id: string; user_id: string | null; n: number }>(
    `SELECT c.customer_id, c.user_id, COUNT(*) AS n
       FROM customers cu JOIN conversations c ON c.customer_id = cu.id
      WHERE cu.owner_id = ? AND (c.user_id IS NULL OR c.user_id != cu.owner_id) AND c.sent_at >= ? AND c.sent_at < ?
      GROUP BY c.customer_id, c.user_id`,
  );
  // One query for all the customers of a brief (a rep touches ~20 a day).
  const priorNegatives = db.prepare<[string, number, number, number], { customer_id: string; category: SignalCategory }>(
    `SELECT DISTINCT c.customer_id, s.category
       FROM conversations c JOIN signals s ON s.conversation_id = c.id
      WHERE c.customer_id IN (SELECT value FROM json_each(?)) AND c.sent_at >= ? AND c.sent_at < ?
        AND s.sentiment = 'negative' AND s.confidence >= ?`,
  );
  const customerNames = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM customers WHERE id IN (SELECT value FROM json_each(?))');
  const termCounts = db.prepare<[string, number, number], { term: string; category: SignalCategory; n: number }>(
    `SELECT s.term, s.category, COUNT(*) AS n FROM conversations c JOIN signals s ON s.conversation_id = c.id
      WHERE c.user_id = ? AND c.sent_at >= ? AND c.sent_at < ? GROUP BY s.term, s.category`,
  );
  const customerName = db.prepare<[string], { name: string }>('SELECT name FROM customers WHERE id = ?');
  const customerIndex = db.prepare<[], { id: string; name: string; owner_id: string; aliases: string }>(
    'SELECT id, name, owner_id, aliases FROM customers',
  );
  const customersVersion = db.prepare<[], { version: number }>("SELECT version FROM insight_versions WHERE name = 'customers'");

  return {
    /** Which of these message ids are stored already (one query per batch). */
    existingMessages: (msgIds: string[]): Set<string> => new Set(msgIds.length ? existing.all(JSON.stringify(msgIds)).map((r) => r.msg_id) : []),
    conversation: (id: number) => conversationById.get(id) ?? null,
    /** The record a question was asked about and the user's records with signals up to `until`, still without a customer. */
    unattributedFrom: (userId: string, fromConversationId: number, until: number): { id: number; text: string }[] =>
      unattributed.all(userId, fromConversationId, 0, until, fromConversationId),
    /** The user's records with signals sent since `since`, still without a customer (imports, lines the brief points at). */
    unattributedSince: (userId: string, since: number): { id: number; text: string }[] => unattributed.all(userId, 0, since, Number.MAX_SAFE_INTEGER, -1),
    /** Customers the user talked about most recently (newest first). */
    recentCustomers: (userId: string, since: number, limit: number): string[] => recentCustomers.all(userId, since, limit).map((r) => r.customer_id),
    signalsOfConversation: (conversationId: number): StoredSignal[] => signalsOf.all(conversationId).map(toSignal),
    /** True when an outbox message with this dedup key exists (a brief already queued). */
    dedupTaken: (key: string): boolean => (dedupTaken.get(key)?.n ?? 0) > 0,

    bindGroup: (roomId: string, customerId: string, by: string | null): void => void bind.run(roomId, customerId, by, now()),
    unbindGroup: (roomId: string): boolean => unbind.run(roomId).changes > 0,
    groupCustomer: (roomId: string): string | null => bindingOf.get(roomId)?.customer_id ?? null,

    noteOpened: (userId: string, customerId: string, at: number = now()): void => void noteOpened.run(userId, customerId, at),
    lastOpenedSince: (userId: string, since: number): string | null => lastOpened.get(userId, since)?.customer_id ?? null,

    /** Opens the attribution question unless one is already open; true when it was opened now. */
    ask: (userId: string, conversationId: number, options: string[], at: number = now()): boolean =>
      ask.run(userId, at, conversationId, JSON.stringify(options)).changes === 1,
    pendingQuestion(userId: string): { askedAt: number; firstConversationId: number; options: string[] } | null {
      const r = question.get(userId);
      return r ? { askedAt: r.asked_at, firstConversationId: r.first_conversation_id, options: JSON.parse(r.options) as string[] } : null;
    },
    clearQuestion: (userId: string): void => void clearQuestion.run(userId),

    /** The user's last answer to "which customer?" (replaces the one before), for /归属 撤销. */
    rememberAnswer: (userId: string, customerId: string, conversationIds: number[], at: number = now()): void =>
      void rememberAnswer.run(userId, customerId, JSON.stringify(conversationIds), at),
    lastAnswer(userId: string): { customerId: string; conversationIds: number[]; answeredAt: number } | null {
      const r = lastAnswer.get(userId);
      return r ? { customerId: r.customer_id, conversationIds: JSON.parse(r.conversation_ids) as number[], answeredAt: r.answered_at } : null;
    },
    forgetAnswer: (userId: string): void => void forgetAnswer.run(userId),

    /**
     * Claims (user, day, kind); false when that brief was recorded before (by this or another
     * process). A brief that reached nobody (unreachable) is not final: a later run may replace it.
     */
    recordBrief: (b: Omit<BriefRecord, 'createdAt'>): boolean => insertBrief.run({ ...b, createdAt: now() }).changes === 1,
    briefOf: (userId: string, date: string, kind: BriefKind): BriefRecord | null => {
      const r = briefOf.get(userId, date, kind);
      return r ? toBrief(r) : null;
    },
    lastBriefBefore: (userId: string, kind: BriefKind, date: string): BriefRecord | null => {
      const r = lastBriefBefore.get(userId, kind, date);
      return r ? toBrief(r) : null;
    },
    briefsOn: (date: string): BriefRecord[] => briefsOn.all(date).map(toBrief),

    /** Conversations of a user in [from, to) per customer (null = not attributed). */
    conversationCounts: (userId: string, from: number, to: number) =>
      customerCounts.all(userId, from, to).map((r) => ({ customerId: r.customer_id, count: r.n, last: r.last })),
    /** Lines others recorded in [from, to) about the owner's customers, per customer and recorder. */
    othersOnOwned: (ownerId: string, from: number, to: number) =>
      othersOnOwned.all(ownerId, from, to).map((r) => ({ customerId: r.customer_id, userId: r.user_id, count: r.n })),
    /** Earlier risks of several customers: categories with a confident negative signal in [from, to). */
    priorNegatives(customerIds: string[], from: number, to: number, minConfidence: number): Map<string, Set<SignalCategory>> {
      const byCustomer = new Map<string, Set<SignalCategory>>();
      for (const r of priorNegatives.all(JSON.stringify(customerIds), from, to, minConfidence)) {
        const categories = byCustomer.get(r.customer_id) ?? new Set<SignalCategory>();
        categories.add(r.category);
        byCustomer.set(r.customer_id, categories);
      }
      return byCustomer;
    },
    customerNames: (ids: string[]): Map<string, string> => new Map(customerNames.all(JSON.stringify(ids)).map((r) => [r.id, r.name])),
    termCounts: (userId: string, from: number, to: number) => termCounts.all(userId, from, to),
    customerName: (id: string): string | null => customerName.get(id)?.name ?? null,
    /** Every customer with names and aliases, for attribution by name. */
    customerIndex: (): CustomerIndexRow[] =>
      customerIndex.all().map((r) => ({ id: r.id, name: r.name, ownerId: r.owner_id, aliases: JSON.parse(r.aliases) as string[] })),
    /** Changes whenever a customer is added or updated (cheap cache key). */
    customersVersion: (): string => String(customersVersion.get()?.version ?? 0),
  };
}

export type InsightStore = ReturnType<typeof createInsightStore>;
