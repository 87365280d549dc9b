// The fake DingTalk gateway for the bench, in its own thread: the real gateway is another
// machine, so its work (framing, pushing, reading acks, serving session webhooks) must not
// share the app's event loop. The main thread sends commands; this thread answers with figures.
import { parentPort } from 'node:worker_threads';
import { startFakeDingtalk, type FakeDingtalk } from '../tests/fakes/fake-dingtalk.ts';

export type GatewayCommand =
  | { type: 'start' }
  | {
      type: 'push';
      count: number;
      /** Open loop: messages per second, as users send them; 0 = as fast as acks allow. */
      ratePerSecond: number;
      /** Closed loop (ratePerSecond 0): at most this many frames unacknowledged. */
      window: number;
      dropAt: number | null;
      staffIds: string[];
    }
  | { type: 'stats' }
  | { type: 'close' };

export interface PushReport {
  ackedMs: number;
  /** Latency of the first ack of each frame, gateway send → ack read, ms. */
  latencies: number[];
  msgIds: string[];
}

export interface GatewayStats {
  sent: number;
  viaWebhook: number;
  connections: number;
  redeliveries: number;
}

let fake: FakeDingtalk;

async function push(c: Extract<GatewayCommand, { type: 'push' }>): Promise<PushReport> {
  const ids: string[] = [];
  const msgIds: string[] = [];
  const started = Date.now();
  let acked = 0;
  const advance = () => {
    while (acked < ids.length && fake.isAcked(ids[acked]!)) acked += 1;
  };
  for (let i = 0; i < c.count; i++) {
    if (c.ratePerSecond > 0) {
      // Push on schedule whatever the app does: users do not wait for acks.
      const due = started + (i * 1000) / c.ratePerSecond;
      if (Date.now() < due) await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    while (c.ratePerSecond === 0 && ids.length - acked >= c.window) {
      await new Promise((resolve) => setImmediate(resolve));
      advance();
    }
    if (c.dropAt === i) fake.dropSocket();
    const msg = fake.robotMessage({ staffId: c.staffIds[i % c.staffIds.length]!, text: i % 2 ? '/我的漏斗' : '/帮助' });
    msgIds.push(msg.msgId as string);
    ids.push(fake.push(msg));
  }
  while (acked < ids.length) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    advance();
  }
  const ackedMs = Date.now() - started;
  const firstAck = new Map<string, number>();
  for (const a of fake.acks) if (!firstAck.has(a.messageId)) firstAck.set(a.messageId, a.latencyMs);
  return { ackedMs, latencies: ids.map((id) => firstAck.get(id)!), msgIds };
}

parentPort!.on('message', (c: GatewayCommand) => {
  void (async () => {
    switch (c.type) {
      case 'start':
        fake = await startFakeDingtalk({ redeliverAfterMs: 5_000 });
        parentPort!.postMessage(fake.env());
        break;
      case 'push':
        parentPort!.postMessage(await push(c));
        break;
      case 'stats':
        parentPort!.postMessage({
          sent: fake.sent.length,
          viaWebhook: fake.sent.filter((s) => s.via === 'webhook').length,
          connections: fake.connectionCount,
          redeliveries: fake.redeliveries,
        } satisfies GatewayStats);
        break;
      case 'close':
        await fake.close();
        parentPort!.postMessage('closed');
        parentPort!.close();
        break;
    }
  })();
});
