// POST /api/messages on a real started server (127.0.0.1, port 0): auth, per-item errors with
// valid items kept, idempotency by msgId, external contact resolution, unknown senders kept and
// flagged, and broken or oversized bodies answered with a clear 4xx.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';
import type { DomainEvents } from '../../src/core/events.ts';

const TOKEN = 'test-token-0123456789abcdef';
let t: TestApp;
let base: string;

beforeEach(async () => {
  t = createTestApp({ env: { API_TOKEN: TOKEN } });
  loadDemo(t.app.store);
  t.app.store.customers.upsert({ id: 'c-huakang', name: '华康医疗器械有限公司', ownerId: 'demo-lina', industry: '医疗', tier: 'K', aliases: ['华康'], externalUserIds: ['wm-huakang-1'] });
  const { port } = await t.app.start();
  base = `http://127.0.0.1:${port}`;
});
afterEach(async () => t.close());

function post(body: unknown, token = TOKEN): Promise<Response> {
  return fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const rows = () =>
  t.app.db.prepare('SELECT msg_id, user_id, customer_id, sender, flags FROM conversations ORDER BY id').all() as {
    msg_id: string;
    user_id: string | null;
    customer_id: string | null;
    sender: string;
    flags: string | null;
  }[];

describe('POST /api/messages', () => {
  it('stores archived messages, resolves the rep and the customer, and adds nothing when re-sent', async () => {
    const seen: DomainEvents['signalsExtracted'][] = [];
    t.app.services.events.on('signalsExtracted', (e) => seen.push(e));
    t.app.store.insight.bindGroup('wecom:wr-bound', 'c-huakang', 'demo-lina');
    const batch = {
      messages: [
        // The customer's external contact writes to 李娜 (WeCom userid "lina").
        { msgId: 'arc-1', from: 'wm-huakang-1', to: ['lina'], time: '2026-11-20T10:00:00+08:00', text: '我们预算已经批下来了，下个月招标' },
        // 李娜 writes in a room; the customer is named in the text.
        { msgId: 'arc-2', from: 'lina', to: ['wm-x'], roomId: 'wr-1', time: 1763604000000, text: '好的，华康这边我们尽快安排演示' },
        // A WeCom group bound with /绑定: the archive's roomid is the bare chat id.
        { msgId: 'arc-4', from: 'lina', to: [], roomId: 'wr-bound', time: 1763604030000, text: '他们说领导还没批' },
        // Explicit customer id wins.
        { msgId: 'arc-3', from: 'lina', to: [], time: 1763604060000, text: '对方说价格太贵了', customerId: 'c-huakang' },
      ],
    };
    const res = await post(batch);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 4, added: 4, duplicates: 0, flagged: 0, rejected: 0, errors: [] });
    expect(rows()).toEqual([
      { msg_id: 'arc-1', user_id: 'demo-lina', customer_id: 'c-huakang', sender: 'wm-huakang-1', flags: null },
      { msg_id: 'arc-2', user_id: 'demo-lina', customer_id: 'c-huakang', sender: 'lina', flags: null },
      { msg_id: 'arc-4', user_id: 'demo-lina', customer_id: 'c-huakang', sender: 'lina', flags: null },
      { msg_id: 'arc-3', user_id: 'demo-lina', customer_id: 'c-huakang', sender: 'lina', flags: null },
    ]);
    expect(seen.map((e) => e.signals.map((s) => s.category).join('+'))).toEqual(['budget+tender', 'demo_poc', 'approval', 'price_objection']);

    const again = await post(batch);
    expect(await again.json()).toMatchObject({ received: 4, added: 0, duplicates: 4 });
    expect(rows()).toHaveLength(4);
  });

  it('keeps the first of a msgId sent twice in one batch, with its signals, and counts the other as a duplicate', async () => {
    const seen: DomainEvents['signalsExtracted'][] = [];
    t.app.services.events.on('signalsExtracted', (e) => seen.push(e));
    // 32 lines of one rep about one customer: the store writes them with one statement, which skips the second 'twice'.
    const others = Array.from({ length: 30 }, (_, i) => ({ msgId: `other-${i}`, from: 'lina', to: [], time: 1763604010000 + i, text: '华康下个月招标' }));
    const res = await post({
      messages: [
        { msgId: 'twice', from: 'lina', to: [], time: 1763604000000, text: '华康的预算批下来了' },
        ...others,
        { msgId: 'twice', from: 'lina', to: [], time: 1763604100000, text: '华康觉得价格太贵了' },
      ],
    });
    expect(await res.json()).toEqual({ received: 32, added: 31, duplicates: 1, flagged: 0, rejected: 0, errors: [] });
    const stored = t.app.db.prepare('SELECT c.msg_id, c.text, s.category FROM conversations c LEFT JOIN signals s ON s.conversation_id = c.id ORDER BY c.id, s.ord').all();
    expect(stored).toEqual([
      { msg_id: 'twice', text: '华康的预算批下来了', category: 'budget' },
      ...others.map((o) => ({ msg_id: o.msgId, text: o.text, category: 'tender' })),
    ]);
    expect(seen.map((e) => e.signals.map((s) => s.category).join('+'))).toEqual(['budget', ...others.map(() => 'tender')]);
  });

  it('reads no signal inside a customer name, however the line was attributed', async () => {
    t.app.store.customers.upsert({ id: 'c-bufan', name: '不凡科技有限公司', ownerId: 'demo-lina', industry: null, tier: 'R', aliases: ['不凡'], externalUserIds: [] });
    t.app.store.customers.upsert({ id: 'c-360', name: '三六零安全科技股份有限公司', ownerId: 'demo-lina', industry: null, tier: 'K', aliases: ['360'], externalUserIds: [] });
    const res = await post({
      messages: [
        // Attributed by the name in the text: the 不 of 不凡 negates nothing.
        { msgId: 'n-1', from: 'lina', to: [], time: 1763604000000, text: '不凡说预算批了' },
        // Attributed explicitly: 360 is still a name, not an amount the customer accepts.
        { msgId: 'n-2', from: 'lina', to: [], time: 1763604001000, text: '360说可以，下周签', customerId: 'c-360' },
      ],
    });
    expect(((await res.json()) as { added: number }).added).toBe(2);
    const stored = t.app.db.prepare('SELECT c.msg_id, c.customer_id, s.category, s.sentiment FROM conversations c JOIN signals s ON s.conversation_id = c.id ORDER BY c.id, s.ord').all();
    expect(stored).toEqual([
      { msg_id: 'n-1', customer_id: 'c-bufan', category: 'budget', sentiment: 'positive' },
      { msg_id: 'n-2', customer_id: 'c-360', category: 'timeline', sentiment: 'positive' },
    ]);
  });

  it('reports each invalid item with its field, keeps the valid ones and flags unknown senders', async () => {
    const res = await post({
      messages: [
        { msgId: 'ok-1', from: 'lina', to: [], time: 1763604000000, text: '领导还没批' },
        { msgId: 'bad-time', from: 'lina', to: [], time: '2026-11-23T10:00:00', text: '预算有了' },
        { msgId: 'bad-customer', from: 'lina', to: [], time: 1763604000000, text: '预算有了', customerId: 'nope' },
        { msgId: 'empty', from: 'lina', to: [], time: 1763604000000, text: '  🙏 ' },
        { msgId: 'too-long', from: 'lina', to: [], time: 1763604000000, text: '长'.repeat(20_001) },
        { from: 'lina', time: 1763604000000, text: 'no id', extra: 1 },
        'not an object',
        { msgId: 'stranger', from: 'someone-unknown', to: ['lina'], time: 1763604000000, text: '华康的预算被砍了' },
      ],
    });
    expect(res.status).toBe(207);
    const body = (await res.json()) as { added: number; rejected: number; flagged: number; errors: { index: number; field: string; msgId?: string }[] };
    expect(body).toMatchObject({ added: 2, rejected: 6, flagged: 1 });
    expect(body.errors.map((e) => `${e.index}:${e.field}`)).toEqual([
      '1:messages.1.time',
      '2:messages.2.customerId',
      '3:messages.3.text',
      '4:messages.4.text',
      '5:messages.5.msgId',
      '5:messages.5',
      '6:messages.6',
    ]);
    expect(body.errors[1]).toMatchObject({ msgId: 'bad-customer' });
    // A local time without its offset is refused with the format that works, not guessed.
    expect(body.errors[0]!).toMatchObject({ msgId: 'bad-time', message: expect.stringContaining('2026-11-23T10:00:00+08:00') });
    const stranger = rows().find((r) => r.msg_id === 'stranger');
    expect(stranger).toEqual({ msg_id: 'stranger', user_id: null, customer_id: null, sender: 'someone-unknown', flags: 'unknown_sender' });
  });

  it('answers auth, broken JSON, wrong shapes and oversized bodies with a clear 4xx', async () => {
    expect((await post({ messages: [] }, 'wrong-token-0123456789')).status).toBe(401);
    const broken = await post('{"messages": [');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 'bad_json' });
    const empty = await post({ messages: [] });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: 'invalid', fields: [{ field: 'messages' }] });
    expect((await post({ msgs: [] })).status).toBe(400);
    const huge = await post({ messages: [{ msgId: 'x', from: 'lina', time: 1763604000000, text: '字'.repeat(3_000_000) }] });
    expect(huge.status).toBe(413);
    expect(rows()).toHaveLength(0);
    // Still up.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
