// Pipeline views at scale: 5,000 reps in teams of 50, 200,000 opportunities with 2,000,000 stage-history
// rows, 500,000 conversation lines with signals and 8 weeks of recorded forecasts, in a temp SQLite
// file. Measures /预测 and /瓶颈 for a manager with a team of 50 (and for single reps) through the full
// router path; goal p99 < 50 ms. Also times the pipeline jobs over the whole organisation once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { consoleInbound } from '../src/channels/console/console-channel.ts';
import { seededRandom } from '../src/demo/demo-org.ts';
import { OPEN_STAGES, type Stage } from '../src/domain/stages.ts';
import { SIGNAL_CATEGORIES, SENTIMENTS } from '../src/domain/insight/signal.ts';
import { DAY_MS, addDays, localDate, startOfLocalWeek } from '../src/domain/time.ts';
import { createPipelineAlerts } from '../src/services/pipeline-alerts-service.ts';
import { percentile } from './support.ts';

const REPS = Number(process.env.BENCH_REPS ?? 5000);
const TEAM = 50;
const OPPS_PER_REP = 40;
const HISTORY_PER_OPP = 10;
const LINES = Number(process.env.BENCH_LINES ?? 500_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const GOAL_MS = 50;

const dir = mkdtempSync(join(tmpdir(), 'sales-radar-pipeline-bench-'));
const now = Date.now();
const app = createApp(loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), LOG_LEVEL: 'silent' }), { logger: silentLogger(), now: () => now });
const db = app.db;
const rnd = seededRandom(20260513);
const tz = app.config.timeZone;
const today = localDate(now, tz);

const total = REPS * OPPS_PER_REP;
/** Customer of each opportunity (repeat purchases share one). */
const customerOf: string[] = [];

const t0 = performance.now();
db.transaction(() => {
  const team = db.prepare('INSERT INTO teams (name, created_at) VALUES (?, 0)');
  const user = db.prepare('INSERT INTO users (id, name, role, manager_id, team_name, wecom_user_id, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 0)');
  for (let m = 0; m < REPS / TEAM; m++) {
    team.run(`team-${m}`);
    user.run(`m${m}`, `主管${m}`, 'manager', null, `team-${m}`, `wx-m${m}`);
    for (let k = 0; k < TEAM; k++) {
      const r = m * TEAM + k;
      user.run(`r${r}`, `销售${r}`, 'rep', `m${m}`, `team-${m}`, `wx-r${r}`);
    }
  }
  const customer = db.prepare("INSERT INTO customers (id, name, owner_id, aliases, updated_at) VALUES (?, ?, ?, '[]', 0)");
  const contact = db.prepare('INSERT INTO customer_contacts (external_user_id, customer_id) VALUES (?, ?)');
  const opp = db.prepare(
    `INSERT INTO opportunities (id, customer_id, owner_id, name, stage, amount, expected_close_date, stage_changed_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const hist = db.prepare('INSERT INTO stage_history (opportunity_id, from_stage, to_stage, changed_at, changed_by, source) VALUES (?, ?, ?, ?, NULL, ?)');
  for (let i = 0; i < total; i++) {
    const rep = i % REPS;
    // One deal in ten is a repeat purchase from the rep's previous customer.
    const repeat = i >= REPS && rnd() < 0.1;
    const customerId = repeat ? customerOf[i - REPS]! : `c${i}`;
    customerOf.push(customerId);
    if (!repeat) {
      customer.run(customerId, `客户${i}`, `r${rep}`);
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) contact.run(`ext-${i}-${k}`, customerId);
    }
    let at = now - (5 + rnd() * 360) * DAY_MS;
    const created = at;
    let rank = 0;
    const path: { stage: Stage; at: number }[] = [];
    for (let k = 0; k < HISTORY_PER_OPP && at < now - 60_000; k++) {
      const closing = k === HISTORY_PER_OPP - 1 && rnd() < 0.35;
      const stage: Stage = closing ? (rnd() < 0.45 ? 'WIN' : 'LOST') : OPEN_STAGES[rank]!;
      path.push({ stage, at: Math.round(at) });
      if (closing) break;
      at += rnd() * 9 * DAY_MS;
      rank = Math.max(0, Math.min(4, rank + (rnd() < 0.65 ? 1 : -1)));
    }
    const last = path.at(-1)!;
    const expected = rnd() < 0.15 ? null : addDays(today, Math.round(-30 + rnd() * 150));
    opp.run(`o${i}`, customerId, `r${rep}`, `商机${i}`, last.stage, Math.round(10_000 + rnd() * 990_000), expected, last.at, Math.round(created));
    path.forEach((p, k) => hist.run(`o${i}`, k ? path[k - 1]!.stage : null, p.stage, p.at, 'bench'));
  }
})();

const t1 = performance.now();
db.transaction(() => {
  const line = db.prepare(
    'INSERT INTO conversations (msg_id, source, user_id, customer_id, sender, text, sent_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
  );
  const signal = db.prepare(
    'INSERT INTO signals (conversation_id, ord, category, sentiment, term, confidence, quote) VALUES (?, 0, ?, ?, ?, 0.9, ?)',
  );
  for (let i = 0; i < LINES; i++) {
    const o = Math.floor(rnd() * total);
    const rep = o % REPS;
    const customerId = customerOf[o]!;
    const ours = rnd() < 0.5;
    const sentAt = Math.round(now - rnd() * 120 * DAY_MS);
    const text = ours ? '方案和报价已发您，请查收' : '预算还在走流程，月底前给答复';
    const id = Number(line.run(`bench:${i}`, 'bench', `r${rep}`, customerId, ours ? `wx-r${rep}` : `ext-${o}-0`, text, sentAt).lastInsertRowid);
    if (!ours && rnd() < 0.6) {
      const category = SIGNAL_CATEGORIES[Math.floor(rnd() * SIGNAL_CATEGORIES.length)]!;
      signal.run(id, category, SENTIMENTS[Math.floor(rnd() * 3)]!, category, text);
    }
  }
  // Eight past weeks of recorded forecasts for every rep (13 target weeks each).
  const snap = db.prepare('INSERT INTO forecast_snapshots (user_id, week, target_week, weighted, committed, deals, made_at) VALUES (?, ?, ?, ?, ?, ?, 0)');
  const thisWeek = localDate(startOfLocalWeek(now, tz), tz);
  for (let r = 0; r < REPS; r++) {
    for (let w = 1; w <= 8; w++) {
      const week = addDays(thisWeek, -7 * w);
      for (let k = 0; k < 13; k++) snap.run(`r${r}`, week, addDays(week, 7 * k), Math.round(rnd() * 400_000), Math.round(rnd() * 100_000), Math.floor(rnd() * 4));
    }
  }
})();
db.exec('ANALYZE');
const counts = db
  .prepare(
    `SELECT (SELECT COUNT(*) FROM users) u, (SELECT COUNT(*) FROM opportunities) o, (SELECT COUNT(*) FROM stage_history) h,
            (SELECT COUNT(*) FROM conversations) c, (SELECT COUNT(*) FROM signals) s, (SELECT COUNT(*) FROM forecast_snapshots) f`,
  )
  .get() as Record<string, number>;
console.log(
  `loaded ${counts.u} users, ${counts.o} opportunities, ${counts.h} stage-history rows in ${((t1 - t0) / 1000).toFixed(1)} s; ` +
    `${counts.c} conversation lines, ${counts.s} signals, ${counts.f} forecast-snapshot rows in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
);


let failed = false;
async function measure(label: string, command: string, sender: (i: number) => string, goal: number | null = GOAL_MS, warmup = 20): Promise<void> {
  const times: number[] = [];
  let first = 0;
  for (let i = 0; i < SAMPLES + warmup; i++) {
    const started = performance.now();
    const replies = await app.router.handleInbound(consoleInbound(sender(i), command));
    const ms = performance.now() - started;
    if (!replies?.length || replies[0]!.kind === 'text' && replies[0]!.text.startsWith('出错了')) throw new Error(`${label}: no proper reply`);
    if (i === 0) first = ms;
    if (i >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 99);
  if (goal !== null && p99 >= goal) failed = true;
  const verdict = goal === null ? '(no goal)' : p99 < goal ? 'OK' : `ABOVE GOAL ${goal} ms`;
  console.log(
    `${label.padEnd(18)} p50 ${percentile(times, 50).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  max ${times.at(-1)!.toFixed(2)} ms  ` +
      `(${SAMPLES} runs, first call ${first.toFixed(1)} ms) ${verdict}`,
  );
}

const managers = REPS / TEAM;
if (process.env.BENCH_KEEP) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
await measure('/预测 team of 50', '/预测', (i) => `m${(i * 37) % managers}`);
await measure('/瓶颈 team of 50', '/瓶颈', (i) => `m${(i * 37) % managers}`);
await measure('/预测 one rep', '/预测', (i) => `r${(i * 7919) % REPS}`);
await measure('/瓶颈 one rep', '/瓶颈', (i) => `r${(i * 7919) % REPS}`);
await measure('/商机 one rep', '/商机', (i) => `r${(i * 104729) % REPS}`, null);

// The jobs over the whole organisation, once each (no goal; printed for the record).
const alerts = createPipelineAlerts(app.services);
for (const [label, run] of [
  ['forecast snapshot', () => alerts.recordForecasts()],
  ['reserve check', () => alerts.weeklyReserveCheck()],
  ['stale deals', () => alerts.staleDeals()],
] as const) {
  const started = performance.now();
  const result = run();
  console.log(`job ${label.padEnd(17)} ${((performance.now() - started) / 1000).toFixed(2)} s  ${JSON.stringify(result)}`);
}

await app.stop();
if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
