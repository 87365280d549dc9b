// Funnel commands at scale: 5,000 reps, 200,000 opportunities, 2,000,000 stage-history rows in a
// temp SQLite file; p50/p99 of /我的漏斗, /储备 and /团队漏斗 (team of 50) through the full router path
// (inbox insert, user lookup, command, rendering, outbox insert). Goal: p99 < 20 ms each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { consoleInbound } from '../src/channels/console/console-channel.ts';
import { seededRandom } from '../src/demo/demo-org.ts';
import { OPEN_STAGES, type Stage } from '../src/domain/stages.ts';
import { percentile } from './support.ts';

const REPS = Number(process.env.BENCH_REPS ?? 5000);
const TEAM = 50;
const OPPS = REPS * 40;
const HISTORY_PER_OPP = 10;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

const dir = mkdtempSync(join(tmpdir(), 'sales-radar-bench-'));
const app = createApp(loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), LOG_LEVEL: 'silent' }), { logger: silentLogger() });
const db = app.db;
const rnd = seededRandom(7);
const now = Date.now();
const DAY = 86_400_000;

const t0 = performance.now();
db.transaction(() => {
  const user = db.prepare("INSERT INTO users (id, name, role, manager_id, team_name, active, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0)");
  const team = db.prepare('INSERT INTO teams (name, created_at) VALUES (?, 0)');
  for (let m = 0; m < REPS / TEAM; m++) {
    team.run(`team-${m}`);
    user.run(`m${m}`, `主管${m}`, 'manager', null, `team-${m}`);
    for (let r = 0; r < TEAM; r++) user.run(`r${m * TEAM + r}`, `销售${m * TEAM + r}`, 'rep', `m${m}`, `team-${m}`);
  }
  const customer = db.prepare('INSERT INTO customers (id, name, owner_id, aliases, updated_at) VALUES (?, ?, ?, ?, 0)');
  const opp = db.prepare(
    'INSERT INTO opportunities (id, customer_id, owner_id, stage, amount, stage_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
  );
  const hist = db.prepare('INSERT INTO stage_history (opportunity_id, from_stage, to_stage, changed_at, source) VALUES (?, ?, ?, ?, ?)');
  for (let i = 0; i < OPPS; i++) {
    const owner = `r${i % REPS}`;
    customer.run(`c${i}`, `客户${i}`, owner, '[]');
    let at = now - (120 - rnd() * 30) * DAY;
    let rank = 0;
    const path: { stage: Stage; at: number }[] = [];
    for (let k = 0; k < HISTORY_PER_OPP; k++) {
      const stage: Stage = k === HISTORY_PER_OPP - 1 && rnd() < 0.2 ? (rnd() < 0.5 ? 'WIN' : 'LOST') : OPEN_STAGES[rank]!;
      path.push({ stage, at: Math.round(Math.min(at, now - 60_000)) });
      at += rnd() * 10 * DAY;
      rank = Math.max(0, Math.min(4, rank + (rnd() < 0.65 ? 1 : -1)));
    }
    const last = path.at(-1)!;
    opp.run(`o${i}`, `c${i}`, owner, last.stage, Math.round(rnd() * 1_000_000), last.at, path[0]!.at);
    path.forEach((p, k) => hist.run(`o${i}`, k ? path[k - 1]!.stage : null, p.stage, p.at, 'bench'));
  }
})();
db.exec('ANALYZE');
const loadSeconds = (performance.now() - t0) / 1000;
const counts = db.prepare('SELECT (SELECT COUNT(*) FROM users) u, (SELECT COUNT(*) FROM opportunities) o, (SELECT COUNT(*) FROM stage_history) h').get() as Record<string, number>;
console.log(`loaded ${counts.u} users, ${counts.o} opportunities, ${counts.h} stage-history rows in ${loadSeconds.toFixed(1)} s`);


async function measure(label: string, command: string, sender: (i: number) => string): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 20; i++) {
    const started = performance.now();
    const replies = await app.router.handleInbound(consoleInbound(sender(i), command));
    const ms = performance.now() - started;
    if (!replies?.length) throw new Error(`${label}: no reply`);
    if (i >= 20) times.push(ms); // warm-up excluded
  }
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 99);
  console.log(`${label.padEnd(12)} p50 ${percentile(times, 50).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  (${SAMPLES} runs) ${p99 < 20 ? 'OK' : 'ABOVE GOAL 20 ms'}`);
}

await measure('/我的漏斗', '/我的漏斗', (i) => `r${(i * 7919) % REPS}`);
await measure('/储备', '/储备', (i) => `r${(i * 104729) % REPS}`);
await measure('/团队漏斗', '/团队漏斗', (i) => `m${i % (REPS / TEAM)}`);
await app.stop();
rmSync(dir, { recursive: true, force: true });
