// SQL for conversation records and their signals.
import type { Db } from './db.ts';
import type { Signal, StoredSignal, SignalCategory, Sentiment } from '../domain/insight/signal.ts';

export interface ConversationInput {
  msgId: string;
  source: string;
  userId: string | null;
  customerId: string | null;
  sender: string;
  roomId?: string | null;
  text: string;
  sentAt: number;
}

export interface ConversationRecord extends Required<ConversationInput> {
  id: number;
}

export interface SignalRow {
  id: number;
  conversation_id: number;
  user_id: string | null;
  customer_id: string | null;
  category: SignalCategory;
  sentiment: Sentiment;
  term: string;
  confidence: number;
  quote: string;
  at: number;
}

export const toSignal = (r: SignalRow): StoredSignal => ({
  id: r.id,
  conversationId: r.conversation_id,
  userId: r.user_id,
  customerId: r.customer_id,
  category: r.category,
  sentiment: r.sentiment,
  term: r.term,
  confidence: r.confidence,
  quote: r.quote,
  at: r.at,
});

export function createSignalsStore(db: Db, now: () => number = Date.now) {
  // Positional parameters: ingest runs this a million times, and binding by name costs more.
  const insertConversation = db.prepare(
    `INSERT INTO conversations (msg_id, source, user_id, customer_id, sender, room_id, text, sent_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(msg_id) DO NOTHING`,
  );
  const insertSignal = db.prepare(
    `INSERT INTO signals (conversation_id, user_id, customer_id, category, sentiment, term, confidence, quote, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const forCustomer = db.prepare<[string, number], SignalRow>(
    'SELECT * FROM signals WHERE customer_id = ? AND at >= ? ORDER BY at DESC, id DESC',
  );
  const forUser = db.prepare<[string, number, number], SignalRow>(
    'SELECT * FROM signals WHERE user_id = ? AND at >= ? AND at < ? ORDER BY at DESC, id DESC',
  );
  const inRange = db.prepare<[number, number], SignalRow>('SELECT * FROM signals WHERE at >= ? AND at < ? ORDER BY at, id');
  const setCustomer = db.prepare('UPDATE conversations SET customer_id = ? WHERE id = ?');
  const setSignalCustomer = db.prepare('UPDATE signals SET customer_id = ? WHERE conversation_id = ?');

  const insertOne = (c: ConversationInput, signals: Signal[]): { conversationId: number; signals: StoredSignal[] } | null => {
    const r = insertConversation.run(c.msgId, c.source, c.userId, c.customerId, c.sender, c.roomId ?? null, c.text, c.sentAt, now());
    if (r.changes === 0) return null;
    const conversationId = Number(r.lastInsertRowid);
    const stored = signals.map((s) => {
      const id = Number(
        insertSignal.run(conversationId, c.userId, c.customerId, s.category, s.sentiment, s.term, s.confidence, s.quote, c.sentAt).lastInsertRowid,
      );
      return { ...s, id, conversationId, userId: c.userId, customerId: c.customerId, at: c.sentAt };
    });
    return { conversationId, signals: stored };
  };

  return {
    /**
     * Stores a conversation line and its signals in one transaction. Returns null when the
     * msgId was stored before (idempotent ingest).
     */
    record: db.transaction(insertOne),
    /** Many lines in one transaction (ingest batches), without a savepoint per line. */
    recordMany: db.transaction((items: { conversation: ConversationInput; signals: Signal[] }[]) =>
      items.map((i) => insertOne(i.conversation, i.signals)),
    ),
    /** Attributes a stored line (and its signals) to a customer after the fact. */
    attribute: db.transaction((conversationId: number, customerId: string) => {
      setCustomer.run(customerId, conversationId);
      setSignalCustomer.run(customerId, conversationId);
    }),
    forCustomerSince: (customerId: string, since: number): StoredSignal[] => forCustomer.all(customerId, since).map(toSignal),
    forUserBetween: (userId: string, from: number, to: number): StoredSignal[] => forUser.all(userId, from, to).map(toSignal),
    between: (from: number, to: number): StoredSignal[] => inRange.all(from, to).map(toSignal),
  };
}

export type SignalsStore = ReturnType<typeof createSignalsStore>;
