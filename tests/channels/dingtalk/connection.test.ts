import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeDingtalk, type FakeDingtalk } from '../../fakes/fake-dingtalk.ts';
import { sleep, waitFor } from '../../support/wait.ts';
import { createTestApp, tempDir } from '../../support/harness.ts';
import { STAFF, startDingtalkApp, type DingtalkTestApp } from './dingtalk-app.ts';

describe('DingTalk channel: connection health', () => {
  let fake: FakeDingtalk;
  let d: DingtalkTestApp | undefined;
  afterEach(async () => {
    await d?.close();
    d = undefined;
    await fake.close();
  });

  it('reconnects after the socket drops mid-stream and processes the re-sent frame once', async () => {
    fake = await startFakeDingtalk();
    d = await startDingtalkApp(fake);
    const msg = fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗' });
    const messageId = fake.push(msg);
    fake.dropSocket();
    await waitFor(() => fake.connectionCount === 2 && fake.isConnected(), 'the reconnect');
    // Acknowledged before the drop or not, the gateway may push it again.
    fake.redeliver(messageId);
    await waitFor(() => fake.isAcked(messageId) && fake.acksFor(messageId).some((a) => a.connection === 2), 'the ack on the new connection');
    await waitFor(() => fake.sent.length === 1, 'the reply');
    await d.settle();
    expect(fake.sent).toHaveLength(1);
    expect(d.t.app.store.inbox.count()).toBe(1);
    expect(fake.openRequests).toHaveLength(2); // a fresh ticket for the new connection
  });

  it('moves to a new connection when the gateway sends disconnect, and keeps receiving', async () => {
    fake = await startFakeDingtalk();
    d = await startDingtalkApp(fake);
    fake.sendDisconnect(10_000);
    await waitFor(() => fake.connectionCount === 2 && fake.isConnected(), 'the new connection');
    fake.push(fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗' }));
    await waitFor(() => fake.sent.length === 1, 'the reply on the new connection');
    expect(fake.acks.every((a) => a.connection === 2)).toBe(true);
  });

  it('forces a fresh connection when the socket goes silent without closing (watchdog)', async () => {
    fake = await startFakeDingtalk();
    d = await startDingtalkApp(fake, { DINGTALK_WATCHDOG_MS: '300' });
    fake.stall();
    await waitFor(() => fake.connectionCount === 2 && fake.isConnected(), 'the watchdog reconnect');
    fake.push(fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗' }));
    await waitFor(() => fake.sent.length === 1, 'the reply after the watchdog reconnect');
  });

  it('keeps an idle but healthy connection: its pongs count as frames', async () => {
    fake = await startFakeDingtalk();
    d = await startDingtalkApp(fake, { DINGTALK_WATCHDOG_MS: '500' });
    await sleep(1_500);
    expect(fake.connectionCount).toBe(1);
    expect(fake.isConnected()).toBe(true);
  });

  it('reports degraded on /healthz while disconnected, ok again after reconnecting', async () => {
    fake = await startFakeDingtalk();
    d = await startDingtalkApp(fake);
    expect((await d.healthz()).channels.dingtalk).toEqual({ status: 'ok', detail: 'stream connected' });
    fake.refuseConnections(true);
    fake.dropSocket();
    const channel = d.t.app.channels.find((m) => m.channel.name === 'dingtalk')!.channel;
    await waitFor(() => channel.health().status === 'degraded', 'the channel to notice');
    const health = await d.healthz();
    expect(health.status).toBe('degraded');
    expect(health.channels.dingtalk!.status).toBe('degraded');
    expect(health.channels.dingtalk!.detail).toMatch(/^stream (disconnected|connecting)/);
    fake.refuseConnections(false);
    await waitFor(() => fake.isConnected(), 'the reconnect');
    await waitFor(() => channel.health().status === 'ok', 'health ok');
    expect((await d.healthz()).status).toBe('ok');
  });

  it('stays degraded and keeps retrying, with the reason, when the gateway rejects the credentials', async () => {
    fake = await startFakeDingtalk({ clientSecret: 'the-real-secret' });
    const t = createTestApp({ env: fake.env({ DINGTALK_CLIENT_SECRET: 'a-wrong-secret', DINGTALK_RECONNECT_MS: '20' }) });
    await t.app.start();
    try {
      await waitFor(() => fake.rejected.filter((r) => r.code === 'authFailed').length >= 2, 'two rejected attempts');
      const health = t.app.channels.find((m) => m.channel.name === 'dingtalk')!.channel.health();
      expect(health.status).toBe('degraded');
      expect(health.detail).toContain('401 authFailed');
      expect(fake.connectionCount).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('does not run a message again after a restart when the gateway re-sends it', async () => {
    fake = await startFakeDingtalk();
    const dir = tempDir();
    const env = { DATABASE_PATH: join(dir.path, 'restart.db') };
    d = await startDingtalkApp(fake, env);
    const messageId = fake.push(fake.robotMessage({ staffId: STAFF.lina, text: '/我的漏斗' }));
    await waitFor(() => fake.sent.length === 1, 'the reply');
    await d.settle();
    await d.close();
    d = await startDingtalkApp(fake, env);
    fake.redeliver(messageId);
    await waitFor(() => fake.acksFor(messageId).length === 2, 'the ack of the re-sent frame');
    await d.settle();
    expect(fake.sent).toHaveLength(1);
    dir.cleanup();
  });
});
