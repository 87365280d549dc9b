import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { createSignalsStore } from '../../src/store/signals-store.ts';
import { tempDir } from '../support/harness.ts';

describe('signals store: a batch of lines', () => {
  const dir = tempDir();

  it('writes lines grouped by rep and customer but answers each in the order given, with its own signals', () => {
    const db = openDatabase(join(dir.path, 'batch.db'));
    db.pragma('foreign_keys = OFF'); // lines of reps and customers this test does not create
    const store = createSignalsStore(db, () => 1);
    const line = (n: number, userId: string | null, customerId: string | null) => ({
      conversation: { msgId: `m${n}`, source: 'test', userId, customerId, sender: userId ?? 'x', text: `第${n}行`, sentAt: n },
      signals: n % 2 ? [{ category: 'budget' as const, sentiment: 'positive' as const, term: '预算', confidence: 0.9, quote: `第${n}行` }] : [],
    });
    const items = [line(1, 'rep-b', 'c-2'), line(2, 'rep-a', null), line(3, 'rep-b', 'c-1'), line(4, null, null), line(5, 'rep-a', 'c-3'), line(6, 'rep-b', 'c-2')];
    const results = store.recordMany(items);
    const textOf = db.prepare<[number], { text: string; user_id: string | null }>('SELECT text, user_id FROM conversations WHERE id = ?');
    results.forEach((r, i) => {
      expect(textOf.get(r!.conversationId)).toEqual({ text: `第${i + 1}行`, user_id: items[i]!.conversation.userId });
      expect(r!.signals.map((s) => s.quote)).toEqual(items[i]!.signals.map((s) => s.quote));
    });
    // Rows of one rep are written next to each other (rep-b's three lines got consecutive ids).
    const ids = [0, 2, 5].map((i) => results[i]!.conversationId).sort((a, b) => a - b);
    expect(ids[2]! - ids[0]!).toBe(2);
    expect(store.recordMany([line(1, 'rep-b', 'c-2')])).toEqual([null]); // stored before: nothing added
    db.close();
  });

  it('gives every line of a many-row statement its own id and signals, also when some were stored before', () => {
    const db = openDatabase(join(dir.path, 'rows.db'));
    db.pragma('foreign_keys = OFF');
    const store = createSignalsStore(db, () => 1);
    const line = (n: number, text = `第${n}行`) => ({
      conversation: { msgId: `m${n}`, source: 'test', userId: `rep-${n % 3}`, customerId: n % 4 ? `c-${n % 5}` : null, sender: 'x', text, sentAt: n },
      signals: Array.from({ length: n % 3 }, (_, ord) => ({ category: 'budget' as const, sentiment: 'positive' as const, term: '预算', confidence: 0.9, quote: `${text}/${ord}` })),
    });
    // Lines 7, 40 and 41 are stored first (another import, or a chat line meanwhile), with other text.
    const before = store.recordMany([line(7, '旧7'), line(40, '旧40'), line(41, '旧41')]);
    const items = Array.from({ length: 100 }, (_, n) => line(n));
    const results = store.recordMany(items);
    expect(results.filter((r) => r === null).length).toBe(3);
    for (const n of [7, 40, 41]) expect(results[n]).toBeNull();
    const textOf = db.prepare<[number], { text: string; msg_id: string }>('SELECT text, msg_id FROM conversations WHERE id = ?');
    const quotesOf = db.prepare<[number], { quote: string }>('SELECT quote FROM signals WHERE conversation_id = ? ORDER BY ord');
    results.forEach((r, n) => {
      if (!r) return;
      expect(textOf.get(r.conversationId)).toEqual({ text: `第${n}行`, msg_id: `m${n}` });
      expect(quotesOf.all(r.conversationId).map((q) => q.quote)).toEqual(items[n]!.signals.map((s) => s.quote));
      expect(r.signals.map((s) => [s.conversationId, s.quote])).toEqual(items[n]!.signals.map((s) => [r.conversationId, s.quote]));
    });
    // What was stored before is untouched, signals included.
    expect(textOf.get(before[1]!.conversationId)).toEqual({ text: '旧40', msg_id: 'm40' });
    expect(quotesOf.all(before[1]!.conversationId).map((q) => q.quote)).toEqual(['旧40/0']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 100 });
    db.close();
  });
});
