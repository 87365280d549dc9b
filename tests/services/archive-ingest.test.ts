// Archive batches resolve who is who once per batch: a contact or rep that comes back line after
// line is looked up once, and every line is still attributed as before.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';
import { ingestArchived } from '../../src/services/archive-ingest.ts';
import { memoized } from '../../src/services/ingest-service.ts';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('memoized lookups', () => {
  it('answers each key once, misses included', () => {
    const asked: string[] = [];
    const find = memoized((key) => (asked.push(key), key.startsWith('wm-') ? `customer of ${key}` : null));
    expect([find('wm-1'), find('lina'), find('wm-1'), find('lina'), find('wm-2')]).toEqual(['customer of wm-1', null, 'customer of wm-1', null, 'customer of wm-2']);
    expect(asked).toEqual(['wm-1', 'lina', 'wm-2']);
  });
});

describe('archive batch', () => {
  it('attributes every line of a contact that writes again and again, and the rep answering', () => {
    t = createTestApp();
    loadDemo(t.app.store, Date.parse('2026-11-23T08:00:00+08:00'));
    t.app.store.customers.upsert({ id: 'c-huakang', name: '华康医疗器械有限公司', ownerId: 'demo-lina', industry: '医疗', tier: 'K', aliases: ['华康'], externalUserIds: ['wm-huakang-1'] });
    const time = Date.parse('2026-11-22T10:00:00+08:00');
    const items = Array.from({ length: 6 }, (_, i) => ({
      raw: i % 2 === 0
        ? { msgId: `m-${i}`, from: 'wm-huakang-1', to: ['lina'], time: time + i, text: '预算下来了，下周上会' }
        : { msgId: `m-${i}`, from: 'lina', to: ['wm-huakang-1'], time: time + i, text: '好的，方案我周三前发您' },
      index: i,
      prefix: `messages.${i}`,
    }));
    const result = ingestArchived(t.app.services, items);
    expect(result).toMatchObject({ received: 6, added: 6, rejected: 0, flagged: 0 });
    const rows = t.app.store.db.prepare("SELECT user_id, customer_id FROM conversations WHERE msg_id LIKE 'm-%' ORDER BY msg_id").all();
    expect(rows).toEqual(Array.from({ length: 6 }, () => ({ user_id: 'demo-lina', customer_id: 'c-huakang' })));
  });
});
