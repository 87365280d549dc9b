// DingTalk Stream throughput: 10,000 robot messages pushed by the loopback fake gateway (in its
// own thread, as the real one is another machine) into the real app: SQLite inbox, router,
// outbox, session-webhook replies. Prints frames acknowledged per second, ack latency
// percentiles (gateway send → ack read), lost and doubled; then a run with the socket dropped
// mid-stream. Goal: ack p99 < 50 ms, 0 lost, 0 doubled.
import { Worker } from 'node:worker_threads';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { DEMO_REPS, loadDemo } from '../src/demo/demo-org.ts';
import { tempDir } from '../tests/support/harness.ts';
import { waitFor } from '../tests/support/wait.ts';
import type { GatewayCommand, GatewayStats, PushReport } from './dingtalk-gateway.worker.ts';
import { percentile } from './support.ts';

const MESSAGES = 10_000;
const RATE = Number(process.env.BENCH_RATE ?? 250);
const BURST_MESSAGES = 2_000;
/** Burst: frames in flight (pushed, not yet acknowledged) at any moment. */
const WINDOW = 100;
const DEADLINE_MS = 120_000;


function gateway() {
  // Node 20 will not start a worker from a .ts file even with --import tsx: register tsx first.
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./dingtalk-gateway.worker.ts', import.meta.url).href);
  const worker = new Worker(`import(${api}).then((tsx) => { tsx.register(); return import(${entry}); })`, { eval: true });
  const ask = <T>(c: GatewayCommand): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway: no answer to ${c.type}`)), DEADLINE_MS);
      worker.once('message', (m: T) => {
        clearTimeout(timer);
        resolve(m);
      });
      worker.postMessage(c);
    });
  return { ask, terminate: () => worker.terminate() };
}

async function startApp(env: Record<string, string>, dir: string): Promise<App> {
  const config = loadConfig({ ...env, DATABASE_PATH: join(dir, 'bench.db'), PORT: '0', LOG_LEVEL: 'silent', DINGTALK_RECONNECT_MS: '100' });
  const app = createApp(config, { logger: silentLogger(), outbox: { pollMs: 50, baseDelayMs: 50 } });
  loadDemo(app.store);
  for (const rep of DEMO_REPS) app.store.users.upsert({ ...app.store.users.get(rep.id)!, dingtalkStaffId: `dt-${rep.wecom}` });
  await app.start();
  return app;
}

interface Load {
  count: number;
  /** Messages per second (open loop); 0 = as fast as acks come back, WINDOW in flight. */
  ratePerSecond: number;
  dropAt: number | null;
}

async function run(label: string, { count, ratePerSecond, dropAt }: Load) {
  const gw = gateway();
  const dir = tempDir('sales-radar-bench-');
  const app = await startApp(await gw.ask<Record<string, string>>({ type: 'start' }), dir.path);
  await waitFor(() => app.channels.find((m) => m.channel.name === 'dingtalk')!.channel.health().status === 'ok', 'the Stream');

  const started = Date.now();
  const staffIds = DEMO_REPS.map((r) => `dt-${r.wecom}`);
  const report = await gw.ask<PushReport>({ type: 'push', count, ratePerSecond, window: WINDOW, dropAt, staffIds });
  // Replies: the outbox is empty when nothing is pending or in flight.
  await waitFor(
    () => app.store.outbox.nextDueAt('dingtalk') === null && app.store.outbox.list('sending').length === 0,
    `${label}: replies sent`,
    DEADLINE_MS,
    50,
  );
  const repliedMs = Date.now() - started;
  const stats = await gw.ask<GatewayStats>({ type: 'stats' });

  const latencies = [...report.latencies].sort((a, b) => a - b);
  const processed = report.msgIds.filter((m) => app.store.inbox.status('dingtalk', m) === 'processed').length;
  const lost = count - processed;
  // A message run twice would show as a second reply or a second inbox row.
  const doubled = Math.max(0, stats.sent - count) + Math.max(0, app.store.inbox.count() - count);

  console.log(label);
  const load = ratePerSecond ? `${ratePerSecond}/s, open loop` : `as fast as acked, ${WINDOW} unacknowledged at most`;
  console.log(`  messages pushed          ${count} (${load})`);
  console.log(`  frames acked per second  ${Math.round((count / report.ackedMs) * 1000)}`);
  console.log(
    `  ack latency ms           p50 ${percentile(latencies, 50)}  p90 ${percentile(latencies, 90)}  p99 ${percentile(latencies, 99)}  max ${latencies.at(-1)}`,
  );
  console.log(`  replies via webhook      ${stats.viaWebhook} of ${count}, all sent after ${(repliedMs / 1000).toFixed(1)} s`);
  console.log(`  connections / re-sent    ${stats.connections} / ${stats.redeliveries}`);
  console.log(`  lost ${lost}, doubled ${doubled}`);
  await app.stop();
  await gw.ask({ type: 'close' });
  await gw.terminate();
  dir.cleanup();
  return { p99: percentile(latencies, 99), lost, doubled };
}

// Latency tails depend on what else the machine runs: say so next to the figures.
const machine = () => `${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`;
console.log(`machine: ${machine()}`);
const steady = await run(`steady: ${MESSAGES} robot messages at ${RATE}/s`, { count: MESSAGES, ratePerSecond: RATE, dropAt: null });
const burst = await run(`burst: ${BURST_MESSAGES} messages, socket dropped half-way`, {
  count: BURST_MESSAGES,
  ratePerSecond: 0,
  dropAt: BURST_MESSAGES / 2,
});
console.log(`machine after the runs: ${machine()}`);
const ok = steady.p99 < 50 && steady.lost === 0 && steady.doubled === 0 && burst.lost === 0 && burst.doubled === 0;
console.log(ok ? 'goal met: ack p99 < 50 ms, 0 lost, 0 doubled' : 'GOAL MISSED (goal: ack p99 < 50 ms, 0 lost, 0 doubled)');
process.exitCode = ok ? 0 : 1;
