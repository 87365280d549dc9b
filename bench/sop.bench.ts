// SOP card matching at scale: 500 generated cards loaded from files, 5,000 reps × 20 customers
// (100,000 pairs), each customer with an open opportunity, signals of the last 14 days and a
// card pushed this week. Measures (a) the pure matcher over all pairs and (b) the service path
// per pair (opportunities, signals and this week's pushes read from SQLite, then matched).
// Goal: all 100,000 pairs under 5 s.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { seededRandom } from '../src/demo/demo-org.ts';
import { STAGES, OPEN_STAGES, type Stage } from '../src/domain/stages.ts';
import { SENTIMENTS, SIGNAL_CATEGORIES } from '../src/domain/insight/signal.ts';
import { matchCards, type MatchContext, type MatchSignal } from '../src/domain/sop/matching.ts';
import { loadCardLibrary } from '../src/services/sop/card-library.ts';
import { sopModule } from '../src/services/sop/index.ts';
import type { Customer, User } from '../src/domain/types.ts';

const REPS = Number(process.env.BENCH_REPS ?? 5000);
const PER_REP = 20;
const CARDS = Number(process.env.BENCH_CARDS ?? 500);
const INDUSTRIES = ['制造', '医疗', '教育', '零售', '金融', '物流', '能源'];
const DAY = 86_400_000;
const GOAL_MS = 5000;

const rnd = seededRandom(11);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const dir = mkdtempSync(join(tmpdir(), 'sales-radar-sop-bench-'));
const cardsDir = join(dir, 'cards');
mkdirSync(cardsDir);

// 500 card files: 1–3 consecutive stages, 30% industry-specific, 30% K or R, 0–3 triggers.
for (let i = 0; i < CARDS; i++) {
  const first = Math.floor(rnd() * 5);
  const stages = STAGES.slice(first, Math.min(first + 1 + Math.floor(rnd() * 3), 7));
  const triggers = Array.from({ length: Math.floor(rnd() * 4) }, () => `${pick(SIGNAL_CATEGORIES)} ${pick(SENTIMENTS)}`);
  const text = [
    '---',
    `id: B-${String(i).padStart(3, '0')}`,
    `title: 基准卡片${i}`,
    `stages: [${stages.join(', ')}]`,
    `industries: ${rnd() < 0.3 ? `[${pick(INDUSTRIES)}]` : 'all'}`,
    `triggers: [${triggers.join(', ')}]`,
    `audience: ${rnd() < 0.05 ? 'new_hires' : 'all'}`,
    `tier: ${rnd() < 0.3 ? pick(['K', 'R']) : 'all'}`,
    'owner: 销售运营',
    'version: 1',
    '---',
    '## 适用场景\n客户在这个阶段的典型情况。',
    '## 必做动作\n1. 第一步。\n2. 第二步。\n3. 第三步。',
    '## 禁忌雷区\n- 不要这样做。',
    '## 效果验证点\n- 可以验证的结果。',
  ].join('\n');
  writeFileSync(join(cardsDir, `b-${i}.md`), text);
}

let t = performance.now();
const library = loadCardLibrary(cardsDir);
const loadMs = performance.now() - t;
if (library.errors.length) throw new Error(`bench cards refused: ${JSON.stringify(library.errors[0])}`);
console.log(`loaded and validated ${library.cards.length} card files in ${loadMs.toFixed(0)} ms`);

const app = createApp(
  loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), LOG_LEVEL: 'silent', SOP_CARDS_DIR: cardsDir }),
  { logger: silentLogger() },
);
const { db, store } = app;
const now = Date.now();

// The organisation: reps with 20 customers each, one opportunity per customer, 0–6 signals of the
// last 14 days per customer, and one card pushed to the rep for the customer this week.
t = performance.now();
const pairs: { user: User; customer: Customer; ctx: MatchContext }[] = [];
db.transaction(() => {
  const user = db.prepare("INSERT INTO users (id, name, role, hired_at, active, updated_at) VALUES (?, ?, 'rep', ?, 1, 0)");
  const customer = db.prepare('INSERT INTO customers (id, name, owner_id, industry, tier, aliases, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0)');
  const opp = db.prepare(
    'INSERT INTO opportunities (id, customer_id, owner_id, stage, amount, stage_changed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
  );
  const conversation = db.prepare(
    "INSERT INTO conversations (msg_id, source, user_id, customer_id, sender, text, sent_at, created_at) VALUES (?, 'bench', ?, ?, 'c', '…', ?, 0)",
  );
  const signal = db.prepare(
    'INSERT INTO signals (conversation_id, ord, category, sentiment, term, confidence, quote) VALUES (?, 0, ?, ?, ?, 0.9, ?)',
  );
  const push = db.prepare(
    "INSERT INTO sop_pushes (card_id, card_version, user_id, customer_id, trigger, reason, created_at, deliver_at) VALUES (?, 1, ?, ?, 'stage_change', '', ?, ?)",
  );
  let msg = 0;
  for (let r = 0; r < REPS; r++) {
    const hiredAt = rnd() < 0.1 ? '2026-10-01' : '2021-01-01';
    user.run(`r${r}`, `销售${r}`, hiredAt);
    const u: User = { id: `r${r}`, name: `销售${r}`, role: 'rep', managerId: null, teamName: null, hiredAt, wecomUserId: null, dingtalkStaffId: null, active: true };
    for (let k = 0; k < PER_REP; k++) {
      const id = `c${r}-${k}`;
      const industry = pick(INDUSTRIES);
      const tier = rnd() < 0.3 ? 'K' : 'R';
      customer.run(id, `客户${r}-${k}`, u.id, industry, tier, '[]');
      const stage: Stage = rnd() < 0.1 ? 'WIN' : pick(OPEN_STAGES);
      opp.run(`o${r}-${k}`, id, u.id, stage, 100_000, now - 20 * DAY, now - 60 * DAY);
      const signals: MatchSignal[] = [];
      for (let s = Math.floor(rnd() * 7); s > 0; s--) {
        const at = Math.round(now - rnd() * 14 * DAY);
        const category = pick(SIGNAL_CATEGORIES);
        const sentiment = pick(SENTIMENTS);
        msg += 1;
        const conv = Number(conversation.run(`m${msg}`, u.id, id, at).lastInsertRowid);
        signal.run(conv, category, sentiment, category, '客户原话');
        signals.push({ category, sentiment, at, quote: '客户原话' });
      }
      const pushed = pick(library.cards).id;
      push.run(pushed, u.id, id, now - 2 * DAY, now - 2 * DAY);
      pairs.push({
        user: u,
        customer: { id, name: `客户${r}-${k}`, ownerId: u.id, industry, tier, aliases: [], externalUserIds: [] },
        ctx: { stage, industry, tier, newHire: hiredAt === '2026-10-01', signals, now, exclude: new Set([pushed]) },
      });
    }
  }
})();
db.exec('ANALYZE');
const counts = db
  .prepare('SELECT (SELECT COUNT(*) FROM users) u, (SELECT COUNT(*) FROM customers) c, (SELECT COUNT(*) FROM signals) s, (SELECT COUNT(*) FROM sop_pushes) p')
  .get() as Record<string, number>;
console.log(`loaded ${counts.u} reps, ${counts.c} customers, ${counts.s} signals, ${counts.p} pushes in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const feedback = store.sop.feedbackCountsSince(0);
for (const c of library.cards) feedback.set(c.id, { full: Math.floor(rnd() * 10), partial: Math.floor(rnd() * 5), none: Math.floor(rnd() * 5) });

/** CPU time of this process in ms: the machine may be shared, so wall time alone can mislead. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function report(label: string, times: number[], totalMs: number, cpu: number, matched: number): void {
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const goal = `${GOAL_MS / 1000} s`;
  const verdict =
    totalMs < GOAL_MS
      ? 'OK'
      : `wall ABOVE ${goal} (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores); CPU time ${cpu < GOAL_MS ? 'within' : 'ABOVE'} ${goal}`;
  console.log(
    `${label}: ${times.length} pairs in ${(totalMs / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU (${Math.round(times.length / (totalMs / 1000))}/s), ` +
      `per pair p50 ${(p(0.5) * 1000).toFixed(0)} µs p99 ${(p(0.99) * 1000).toFixed(0)} µs, ${(matched / times.length).toFixed(2)} cards each — ${verdict}`,
  );
}

// (a) The matcher alone, contexts already in memory.
{
  const times: number[] = [];
  let matched = 0;
  const started = performance.now();
  const cpu = cpuMs();
  for (const { ctx } of pairs) {
    const s = performance.now();
    matched += matchCards(library.index, { ...ctx, feedback }).length;
    times.push(performance.now() - s);
  }
  report('matcher only        ', times, performance.now() - started, cpuMs() - cpu, matched);
}

// (b) The service path: what a stage change or /客户 does before rendering.
{
  const sop = sopModule(app.services);
  const times: number[] = [];
  let matched = 0;
  const started = performance.now();
  const cpu = cpuMs();
  for (const { user, customer } of pairs) {
    const s = performance.now();
    matched += sop.recommend(user, customer).length;
    times.push(performance.now() - s);
  }
  report('with SQLite reads   ', times, performance.now() - started, cpuMs() - cpu, matched);
}

console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
await app.stop();
rmSync(dir, { recursive: true, force: true });
