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
  /** Record flags (unknown_sender, truncated), stored with the row (comma-joined). */
  flags?: readonly string[];
}

export interface ConversationRecord extends Required<ConversationInput> {
  id: number;
}

/**
 * A signal row joined with its line (rep, customer, time come from the line), in SIGNAL_COLUMNS
 * order. Read in better-sqlite3's raw mode: a brief reads a few hundred signals per rep, and an
 * object with named keys per row cost a third of the query.
 */
export type SignalRow = [
  conversationId: number,
  ord: number,
  userId: string | null,
  customerId: string | null,
  category: SignalCategory,
  sentiment: Sentiment,
  term: string,
  confidence: number,
  quote: string,
  at: number,
];

/** Signals a line can hold: one per category (twelve) fits; the number of a signal is line id × this + position. */
export const SIGNALS_PER_LINE = 16;

/** Rows written by one INSERT statement in a batch (lines, and signals apart). */
const ROWS = 32;

/** A signal's number: unique, and in the order lines and their signals were stored. */
const signalNumber = (conversationId: number, ord: number): number => conversationId * SIGNALS_PER_LINE + ord;

/** Columns of `signals s` joined with its line `c`, as SignalRow (statements read them with `.raw()`). */
export const SIGNAL_COLUMNS = 's.conversation_id, s.ord, c.user_id, c.customer_id, s.category, s.sentiment, s.term, s.confidence, s.quote, c.sent_at';

export const toSignal = (r: SignalRow): StoredSignal => ({
  id: signalNumber(r[0], r[1]),
  conversationId: r[0],
  userId: r[2],
  customerId: r[3],
  category: r[4],
  sentiment: r[5],
  term: r[6],
  confidence: r[7],
  quote: r[8],
  at: r[9],
});

/**
 * Positions of the lines grouped by rep, then by customer (first-seen order, input order within a
 * group). Linear: sorting 100,000 lines by their id strings cost more than the index pages it saves.
 */
function groupedByOwner(lines: readonly { conversation: ConversationInput }[]): number[] {
  const byUser = new Map<string | null, Map<string | null, number[]>>();
  for (let i = 0; i < lines.length; i++) {
    const { userId, customerId } = lines[i]!.conversation;
    let byCustomer = byUser.get(userId);
    if (!byCustomer) byUser.set(userId, (byCustomer = new Map()));
    const group = byCustomer.get(customerId);
    if (group) group.push(i);
    else byCustomer.set(customerId, [i]);
  }
  const order: number[] = [];
  for (const byCustomer of byUser.values()) for (const group of byCustomer.values()) for (const i of group) order.push(i);
  return order;
}

export function createSignalsStore(db: Db, now: () => number = Date.now) {
  // Lines and signals are written ROWS to a statement: each run() of better-sqlite3 also steps,
  // resets and builds a result object, about a sixth of a line's storage instructions when each row
  // had its own. Arguments are spread, not passed as an array (read element by element through V8's
  // API, which cost more than it saved); positional, since binding by name costs more.
  const CONVERSATION_INSERT = 'INSERT INTO conversations (msg_id, source, user_id, customer_id, sender, room_id, text, sent_at, created_at, flags) VALUES ';
  const CONVERSATION_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  const insertConversations = (rows: number) => db.prepare(`${CONVERSATION_INSERT}${Array(rows).fill(CONVERSATION_ROW).join(', ')} ON CONFLICT(msg_id) DO NOTHING`);
  const insertConversationRows = insertConversations(ROWS);
  const insertConversation = insertConversations(1);
  const SIGNAL_INSERT = 'INSERT INTO signals (conversation_id, ord, category, sentiment, term, confidence, quote) VALUES ';
  const SIGNAL_ROW = '(?, ?, ?, ?, ?, ?, ?)';
  const insertSignalRows = db.prepare(`${SIGNAL_INSERT}${Array(ROWS).fill(SIGNAL_ROW).join(', ')}`);
  const insertSignal = db.prepare(`${SIGNAL_INSERT}${SIGNAL_ROW}`);
  /** Lines a statement stored when it skipped some (a msgId stored meanwhile): their ids and msgIds. */
  const storedAfter = db.prepare<[number], { id: number; msg_id: string }>('SELECT id, msg_id FROM conversations WHERE id > ?');

  const forCustomer = db.prepare<[string, number], SignalRow>(
    `SELECT ${SIGNAL_COLUMNS} FROM conversations c JOIN signals s ON s.conversation_id = c.id
      WHERE c.customer_id = ? AND c.sent_at >= ? ORDER BY c.sent_at DESC, c.id DESC, s.ord DESC`,
  ).raw();
  const forUser = db.prepare<[string, number, number], SignalRow>(
    `SELECT ${SIGNAL_COLUMNS} FROM conversations c JOIN signals s ON s.conversation_id = c.id
      WHERE c.user_id = ? AND c.sent_at >= ? AND c.sent_at < ? ORDER BY c.sent_at DESC, c.id DESC, s.ord DESC`,
  ).raw();
  const othersOnOwned = db.prepare<[string, number, number], SignalRow>(
    `SELECT ${SIGNAL_COLUMNS} FROM customers cu JOIN conversations c ON c.customer_id = cu.id JOIN signals s ON s.conversation_id = c.id
      WHERE cu.owner_id = ? AND (c.user_id IS NULL OR c.user_id != cu.owner_id) AND c.sent_at >= ? AND c.sent_at < ?
      ORDER BY c.sent_at DESC, c.id DESC, s.ord DESC`,
  ).raw();
  const setCustomer = db.prepare('UPDATE conversations SET customer_id = ? WHERE id = ?');
  const clearCustomer = db.prepare('UPDATE conversations SET customer_id = NULL WHERE id = ? AND customer_id = ?');

  type Line = { conversation: ConversationInput; signals: Signal[] };
  type Stored = { conversationId: number; signals: StoredSignal[] } | null;

  /**
   * Writes lines[order[from..from+rows)] with one statement and records their results. SQLite
   * gives new rows consecutive ids (one above the largest) in VALUES order, so the ids follow from
   * the last one; a line whose msgId is already stored is skipped (null), and then the ids of
   * those written are read back. A plain function with the batch's state passed in: as a closure
   * over it, created per batch, the same code cost 3,400 more instructions a line under callgrind.
   */
  function writeLines(lines: readonly Line[], order: readonly number[], from: number, rows: number, createdAt: number, results: Stored[], signalArgs: unknown[]): void {
    const args = new Array<unknown>(rows * 10);
    for (let k = 0; k < rows; k++) {
      const c = lines[order[from + k]!]!.conversation;
      const a = k * 10;
      args[a] = c.msgId;
      args[a + 1] = c.source;
      args[a + 2] = c.userId;
      args[a + 3] = c.customerId;
      args[a + 4] = c.sender;
      args[a + 5] = c.roomId ?? null;
      args[a + 6] = c.text;
      args[a + 7] = c.sentAt;
      args[a + 8] = createdAt;
      args[a + 9] = c.flags?.length ? c.flags.join(',') : null;
    }
    const r = (rows === ROWS ? insertConversationRows : insertConversation).run(...args);
    const last = Number(r.lastInsertRowid);
    // Some skipped: the rows written are the last r.changes ids; which lines they are, their msgIds say.
    const written = r.changes === rows ? null : new Map(r.changes ? storedAfter.all(last - r.changes).map((s) => [s.msg_id, s.id]) : []);
    let next = last - r.changes + 1;
    for (let k = 0; k < rows; k++) {
      const i = order[from + k]!;
      const { conversation: c, signals } = lines[i]!;
      const conversationId = written ? written.get(c.msgId) : next++;
      if (conversationId === undefined) {
        results[i] = null;
        continue;
      }
      // A msgId twice in the statement was written once: the first line has it, the other is skipped.
      written?.delete(c.msgId);
      const stored: StoredSignal[] = [];
      const count = Math.min(signals.length, SIGNALS_PER_LINE);
      for (let ord = 0; ord < count; ord++) {
        const s = signals[ord]!;
        signalArgs.push(conversationId, ord, s.category, s.sentiment, s.term, s.confidence, s.quote);
        if (signalArgs.length === ROWS * 7) {
          insertSignalRows.run(...signalArgs);
          signalArgs.length = 0;
        }
        stored.push({ category: s.category, sentiment: s.sentiment, term: s.term, confidence: s.confidence, quote: s.quote, id: signalNumber(conversationId, ord), conversationId, userId: c.userId, customerId: c.customerId, at: c.sentAt });
      }
      results[i] = { conversationId, signals: stored };
    }
  }

  /** Writes the lines in `order`, ROWS to a statement, and returns their results in input order. */
  function writeAll(lines: readonly Line[], order: readonly number[]): Stored[] {
    const createdAt = now();
    const results = new Array<Stored>(lines.length).fill(null);
    const signalArgs: unknown[] = [];
    let k = 0;
    for (; k + ROWS <= order.length; k += ROWS) writeLines(lines, order, k, ROWS, createdAt, results, signalArgs);
    for (; k < order.length; k++) writeLines(lines, order, k, 1, createdAt, results, signalArgs);
    for (let a = 0; a < signalArgs.length; a += 7) insertSignal.run(...signalArgs.slice(a, a + 7));
    return results;
  }

  return {
    /**
     * Stores a conversation line and its signals in one transaction. Returns null when the
     * msgId was stored before (idempotent ingest).
     */
    record: db.transaction((c: ConversationInput, signals: Signal[]): Stored => writeAll([{ conversation: c, signals }], [0])[0]!),
    /**
     * Many lines in one transaction (ingest batches), without a savepoint per line. Rows are
     * written grouped by rep and customer (results keep the input order): their index entries
     * then land next to each other, so a batch dirties far fewer index pages.
     */
    recordMany: db.transaction((items: Line[]): Stored[] => writeAll(items, groupedByOwner(items))),
    /** Attributes a stored line (and so its signals) to a customer after the fact. */
    attribute: (conversationId: number, customerId: string): void => {
      setCustomer.run(customerId, conversationId);
    },
    /** Takes a line (and so its signals) back from a customer; false when it is no longer theirs. */
    unattribute: (conversationId: number, customerId: string): boolean => clearCustomer.run(conversationId, customerId).changes > 0,
    forCustomerSince: (customerId: string, since: number): StoredSignal[] => forCustomer.all(customerId, since).map(toSignal),
    forUserBetween: (userId: string, from: number, to: number): StoredSignal[] => forUser.all(userId, from, to).map(toSignal),
    /** Signals of lines others recorded in [from, to) about the owner's customers (newest first). */
    othersOnOwnedBetween: (ownerId: string, from: number, to: number): StoredSignal[] => othersOnOwned.all(ownerId, from, to).map(toSignal),
  };
}

export type SignalsStore = ReturnType<typeof createSignalsStore>;
