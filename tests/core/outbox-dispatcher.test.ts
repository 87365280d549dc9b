import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Channel, DeliveryResult } from '../../src/core/channel.ts';
import { createOutboxDispatcher } from '../../src/core/outbox-dispatcher.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createStore, type Store } from '../../src/store/index.ts';
import { silentLogger } from '../../src/logger.ts';
import { tempDir } from '../support/harness.ts';

function scriptedChannel(results: DeliveryResult[]): Channel & { sent: string[]; pacing?: { perMinute: number } } {
  const sent: string[] = [];
  return {
    name: 'console',
    sent,
    async start() {},
    async stop() {},
    async deliver(_t, m) {
      const r = results.shift() ?? { status: 'sent' };
      if (r.status === 'sent') sent.push(m.kind === 'text' ? m.text : m.kind);
      return r;
    },
    health: () => ({ status: 'ok' }),
  };
}

describe('outbox dispatcher', () => {
  const dir = tempDir();
  let store: Store;
  let clock = 1_000_000;
  const now = () => clock;
  const target = { channel: 'console' as const, userId: 'u1', address: { userId: 'u1' } };

  beforeEach(() => {
    clock = 1_000_000;
    store = createStore(openDatabase(join(dir.path, `${Math.random()}.db`)), now);
  });
  afterEach(() => store.db.close());

  it('retries a transient failure later with back-off, then sends', async () => {
    const channel = scriptedChannel([{ status: 'retry', error: '45009 rate limited' }]);
    const d = createOutboxDispatcher({ outbox: store.outbox, logger: silentLogger(), now, random: () => 0.5, baseDelayMs: 1000 });
    d.register(channel);
    const id = store.outbox.enqueue(target, { kind: 'text', text: 'hello' })!;
    await d.drain();
    expect(store.outbox.get(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: '45009 rate limited', nextAttemptAt: clock + 1000 });
    clock += 999;
    await d.drain();
    expect(channel.sent).toEqual([]);
    clock += 1;
    await d.drain();
    expect(channel.sent).toEqual(['hello']);
    expect(store.outbox.get(id)?.status).toBe('sent');
  });

  it('marks a permanent failure failed and does not retry it', async () => {
    const channel = scriptedChannel([{ status: 'failed', error: '81013 no valid recipient' }]);
    const d = createOutboxDispatcher({ outbox: store.outbox, logger: silentLogger(), now });
    d.register(channel);
    const id = store.outbox.enqueue(target, { kind: 'text', text: 'x' })!;
    await d.drain();
    clock += 3_600_000;
    await d.drain();
    expect(store.outbox.get(id)).toMatchObject({ status: 'failed', attempts: 1, lastError: '81013 no valid recipient' });
  });

  it('gives up after the maximum number of attempts', async () => {
    const channel = scriptedChannel(new Array(3).fill({ status: 'retry', error: 'network down' }));
    const d = createOutboxDispatcher({ outbox: store.outbox, logger: silentLogger(), now, maxAttempts: 3, baseDelayMs: 10 });
    d.register(channel);
    const id = store.outbox.enqueue(target, { kind: 'text', text: 'x' })!;
    for (let i = 0; i < 3; i++) {
      await d.drain();
      clock += 60_000;
    }
    expect(store.outbox.get(id)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('paces one recipient under the per-minute limit and sends the rest later', async () => {
    const channel = { ...scriptedChannel([]), pacing: { perMinute: 30 } };
    const d = createOutboxDispatcher({ outbox: store.outbox, logger: silentLogger(), now });
    d.register(channel);
    for (let i = 0; i < 35; i++) store.outbox.enqueue(target, { kind: 'text', text: `m${i}` });
    await d.drain();
    expect(channel.sent).toHaveLength(30);
    clock += 61_000;
    await d.drain();
    expect(channel.sent).toHaveLength(35);
    expect(channel.sent.at(-1)).toBe('m34');
  });

  it('resumes messages caught mid-send after a restart', async () => {
    const id = store.outbox.enqueue(target, { kind: 'text', text: 'resume me' })!;
    expect(store.outbox.claim(id)).toBe(true); // the old process died while sending
    const channel = scriptedChannel([]);
    const d = createOutboxDispatcher({ outbox: store.outbox, logger: silentLogger(), now, pollMs: 60_000 });
    d.register(channel);
    d.start();
    await d.drain();
    await d.stop();
    expect(channel.sent).toEqual(['resume me']);
  });

  it('drops a second enqueue with the same dedup key', () => {
    expect(store.outbox.enqueue(target, { kind: 'text', text: 'brief' }, { dedupKey: 'brief:u1:2026-11-23' })).not.toBeNull();
    expect(store.outbox.enqueue(target, { kind: 'text', text: 'brief' }, { dedupKey: 'brief:u1:2026-11-23' })).toBeNull();
  });
});
