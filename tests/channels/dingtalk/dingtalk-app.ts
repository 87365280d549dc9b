// Starts the real app with the DingTalk channel pointed at a fake, on the demo team, with
// 李娜 and 王强 reachable on DingTalk. Timings are short so reconnects and retries run fast.
import { createTestApp, type TestApp } from '../../support/harness.ts';
import { waitFor } from '../../support/wait.ts';
import { isDemoLoaded, loadDemo } from '../../../src/demo/demo-org.ts';
import type { FakeDingtalk } from '../../fakes/fake-dingtalk.ts';

export const STAFF = { lina: 'dt-lina', wangqiang: 'dt-wangqiang' } as const;

export interface DingtalkTestApp {
  t: TestApp;
  port: number;
  healthz(): Promise<{ status: string; channels: Record<string, { status: string; detail?: string }> }>;
  /** Waits until the outbox holds nothing pending or in flight. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startDingtalkApp(fake: FakeDingtalk, env: Record<string, string> = {}): Promise<DingtalkTestApp> {
  const t = createTestApp({
    env: fake.env({ DINGTALK_RECONNECT_MS: '20', ...env }),
    outbox: { pollMs: 20, baseDelayMs: 20 },
  });
  const { store } = t.app;
  if (!isDemoLoaded(store)) {
    loadDemo(store);
    store.users.upsert({ ...store.users.get('demo-lina')!, dingtalkStaffId: STAFF.lina });
    store.users.upsert({ ...store.users.get('demo-wangqiang')!, dingtalkStaffId: STAFF.wangqiang });
  }
  const { port } = await t.app.start();
  await waitFor(() => fake.isConnected(), 'the Stream connection');
  return {
    t,
    port,
    async healthz() {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return (await res.json()) as Awaited<ReturnType<DingtalkTestApp['healthz']>>;
    },
    async settle() {
      await waitFor(
        () => t.app.store.outbox.list('pending').length === 0 && t.app.store.outbox.list('sending').length === 0,
        'the outbox to settle',
      );
    },
    close: () => t.close(),
  };
}
