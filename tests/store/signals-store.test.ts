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
});
