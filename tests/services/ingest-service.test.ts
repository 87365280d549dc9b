// Large batches look up a sample of their msgIds before extracting: a fresh batch is stored whole,
// a batch sent again is all duplicates, and a line stored before that the sample missed is still
// a duplicate, with the earlier copy kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';
import { SAMPLE_STEP, createIngestService, type RecordInput } from '../../src/services/ingest-service.ts';

let t: TestApp;
beforeEach(() => {
  t = createTestApp();
  loadDemo(t.app.store, Date.parse('2026-11-23T08:00:00+08:00'));
});
afterEach(async () => t.close());

const SENT = Date.parse('2026-11-22T10:00:00+08:00');
const batch = (size: number, text = (i: number) => `第${i}条：客户说预算批下来了`): RecordInput[] => {
  const user = t.app.store.users.get('demo-lina')!;
  return Array.from({ length: size }, (_, i) => ({ msgId: `b-${i}`, source: 'archive', user, sender: user.id, text: text(i), sentAt: SENT + i }));
};
const statuses = (outcomes: { status: string }[]) => outcomes.reduce<Record<string, number>>((n, o) => ({ ...n, [o.status]: (n[o.status] ?? 0) + 1 }), {});

describe('ingest of a large batch', () => {
  const size = SAMPLE_STEP * 5;

  it('stores a fresh batch whole and finds it all stored when it is sent again', () => {
    const ingest = createIngestService(t.app.services);
    const first = ingest.recordMany(batch(size));
    expect(statuses(first)).toEqual({ added: size });
    expect(first.every((o) => o.signals.some((s) => s.category === 'budget'))).toBe(true);
    expect(statuses(ingest.recordMany(batch(size)))).toEqual({ duplicate: size });
    expect(t.app.db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE msg_id LIKE 'b-%'").get()).toEqual({ n: size });
  });

  it('keeps the earlier copy of a line stored before that the sample of msgIds missed', () => {
    const ingest = createIngestService(t.app.services);
    // b-1 is not in the sample (every SAMPLE_STEP-th msgId from the first).
    ingest.recordMany(batch(size).slice(1, 2).map((l) => ({ ...l, text: '早先的一条：竞品报价更低' })));
    const outcomes = ingest.recordMany(batch(size));
    expect(statuses(outcomes)).toEqual({ added: size - 1, duplicate: 1 });
    expect(outcomes[1]!.status).toBe('duplicate');
    const kept = t.app.db.prepare("SELECT c.text, s.category FROM conversations c JOIN signals s ON s.conversation_id = c.id WHERE c.msg_id = 'b-1'").all();
    expect(kept).toEqual([{ text: '早先的一条：竞品报价更低', category: 'competitor' }]);
  });
});
