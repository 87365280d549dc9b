// `npm run bench -- wecom`: callback acknowledgement latency and end-to-end reply latency
// (callback in → message/send out at the fake WeCom) under a steady 200 callbacks/s for 30 s.
// The app runs in a child process (its own event loop, as in production); this process plays
// WeCom: it sends encrypted, signed callbacks over loopback and serves the fake server API.
// Bounded: BENCH_WECOM_RATE (default 200/s) × BENCH_WECOM_SECONDS (default 30).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from './support.ts';

const SENDERS = 400; // 15 callbacks each over 30 s: under WeCom's 30 a minute per member

const RATE = Number(process.env.BENCH_WECOM_RATE ?? 200);
const SECONDS = Math.min(60, Number(process.env.BENCH_WECOM_SECONDS ?? 30));

async function runApp(): Promise<void> {
  const { loadConfig } = await import('../src/config.ts');
  const { createApp } = await import('../src/app.ts');
  const { silentLogger } = await import('../src/logger.ts');
  const { loadDemo } = await import('../src/demo/demo-org.ts');
  const app = createApp(loadConfig(), { logger: silentLogger() });
  loadDemo(app.store);
  app.store.db.transaction(() => {
    for (let i = 0; i < SENDERS; i += 1) {
      app.store.users.upsert({
        id: `bench-${i}`, name: `销售${i}`, role: 'rep', managerId: 'demo-wangqiang', teamName: '华东大区',
        hiredAt: '2024-01-01', wecomUserId: `rep${i}`, dingtalkStaffId: null,
      });
    }
  })();
  const { port } = await app.start();
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.send!({ port });
  process.on('message', async (m) => {
    if (m === 'stop') {
      process.stdout.write(`app event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB\n`);
      await app.stop();
      process.exit(0);
    }
  });
}


const fmt = (ms: number) => (Number.isNaN(ms) ? '—' : `${ms.toFixed(1)} ms`);

async function main(): Promise<void> {
  const { FAKE_APP, startFakeWecom, wecomEnv } = await import('../tests/fakes/fake-wecom.ts');
  const { createCallbackClient } = await import('../tests/fakes/wecom-callback-client.ts');
  const fake = await startFakeWecom(FAKE_APP);
  const dir = mkdtempSync(join(tmpdir(), 'sales-radar-bench-wecom-'));
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['app'], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/wecom-prof'] : [])],
    env: {
      ...process.env,
      DATABASE_PATH: join(dir, 'bench.db'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...wecomEnv(fake.url),
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: any) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`app exited with ${code}`)));
  });
  const client = createCallbackClient({ ...FAKE_APP, url: `http://127.0.0.1:${port}/wecom/callback` });

  // Replies come back per sender in order, so each reply is matched to that sender's oldest open callback.
  const open = new Map<string, number[]>();
  const e2e: number[] = [];
  fake.onSent((m) => {
    const queue = open.get(m.touser);
    const sentAt = queue?.shift();
    if (sentAt !== undefined) e2e.push(performance.now() - sentAt);
  });

  // Warm-up (JIT, token, connections), not measured.
  for (let i = 0; i < 20; i += 1) await client.post(client.text(`rep${i}`, '/帮助'));
  await new Promise((r) => setTimeout(r, 500));
  e2e.length = 0;
  open.clear();

  const total = RATE * SECONDS;
  const commands = ['/我的漏斗', '/帮助'];
  const envelopes = Array.from({ length: total }, (_, i) => {
    const sender = `rep${i % SENDERS}`;
    return { sender, e: client.envelope(client.text(sender, commands[i % commands.length]!, String(7_000_000_000_000_000_000n + BigInt(i)))) };
  });
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const ack: number[] = [];
  let errors = 0;
  const statuses = new Map<string, number>();
  const inflight: Promise<void>[] = [];
  const started = performance.now();
  const interval = 1000 / RATE;
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { sender, e } = envelopes[i]!;
    const t = performance.now();
    (open.get(sender) ?? open.set(sender, []).get(sender)!).push(t);
    inflight.push(
      client
        .postRaw(e.body, e.query)
        .then((r) => {
          ack.push(performance.now() - t);
          if (r.status !== 200) {
            const queue = open.get(sender)!;
            queue.splice(queue.indexOf(t), 1);
            errors += 1;
            statuses.set(String(r.status), (statuses.get(String(r.status)) ?? 0) + 1);
          }
        })
        .catch((err: Error) => {
          // No acknowledgement: WeCom would resend; no reply is expected for this attempt.
          const queue = open.get(sender)!;
          queue.splice(queue.indexOf(t), 1);
          errors += 1;
          statuses.set((err as NodeJS.ErrnoException).code ?? err.name, (statuses.get((err as NodeJS.ErrnoException).code ?? err.name) ?? 0) + 1);
        }),
    );
  }
  await Promise.all(inflight);
  const sendSeconds = (performance.now() - started) / 1000;
  // Let the outbox finish (bounded).
  const deadline = performance.now() + 15_000;
  while (e2e.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  ack.sort((a, b) => a - b);
  e2e.sort((a, b) => a - b);
  const dropped = fake.sent.filter((m) => m.dropped).length;
  const missing = total - e2e.length;
  process.stdout.write(
    [
      `WeCom callbacks: ${total} at ${RATE}/s over ${sendSeconds.toFixed(1)} s, ${SENDERS} members, loopback, app in its own process`,
      `acknowledgement  p50 ${fmt(percentile(ack, 50))}  p99 ${fmt(percentile(ack, 99))}  max ${fmt(ack.at(-1) ?? NaN)}  errors ${errors}${statuses.size ? ` ${JSON.stringify(Object.fromEntries(statuses))}` : ''}   (goal p99 < 50 ms, 0 errors)`,
      `reply end to end p50 ${fmt(percentile(e2e, 50))}  p99 ${fmt(percentile(e2e, 99))}  max ${fmt(e2e.at(-1) ?? NaN)}  replies ${e2e.length}/${total}  missing ${missing}  dropped by WeCom limits ${dropped}   (goal p99 < 300 ms)`,
      `gettoken calls: ${fake.calls.gettoken}`,
    ].join('\n') + '\n',
  );

  process.stdout.write(`driver event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores\n`);
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  const ok = errors === 0 && missing === 0 && percentile(ack, 99) < 50 && percentile(e2e, 99) < 300;
  process.stdout.write(ok ? 'goals met\n' : 'goal missed\n');
}

if (process.argv[2] === 'app') {
  void runApp();
} else {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
