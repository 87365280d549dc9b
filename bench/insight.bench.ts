// `npm run bench insight`: conversation-insight figures on a temp SQLite file.
//  1. Ingest: BENCH_MESSAGES (default 1,000,000) synthetic chat lines of one day from 5,000 reps
//     through normalise → segment → extract → attribute → store: messages
//     per second and peak RSS, next to plain nodejieba cut on the same lines (its own ceiling).
//     Batches of 100,000 (BENCH_BATCH), as `sales-radar import` writes them: one commit per batch,
//     a 256 MB page cache, the WAL checkpointed every ~100 MB and at the end (beginBulkWrites; the
//     final checkpoint is timed). The time inside the store's recordMany is printed apart. Like
//     `sales-radar import`, the phase runs with malloc huge pages asked for and a larger young
//     generation (src/cli/import-process.ts).
//  2. Brief (each phase in its own child process, so each peak RSS is its own): build and render every
//     brief of the next morning for the 5,000 reps in 100 teams and their managers.
//  3. Import: BENCH_ARCHIVE (default 200,000) lines of a WeCom-style archive file through
//     `sales-radar import` as an admin runs it (parsing, validation, who is who, then phase 1's
//     pipeline), timed from outside; its start-up is measured apart on a one-line file. No goal.
// Goals: ingest ≥ 30,000 msgs/s on one core; briefs < 20 s and < 500 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { beginBulkWrites } from '../src/store/db.ts';
import { silentLogger } from '../src/logger.ts';
import { seededRandom } from '../src/demo/demo-org.ts';
import { CUSTOMERS_PER_REP, TEAMS, TEMPLATES, archiveLine, message, seedOrg } from './insight-data.ts';
import type { User } from '../src/domain/types.ts';
import { createIngestService } from '../src/services/ingest-service.ts';
import { createBriefService } from '../src/services/brief-service.ts';
import { normalizeText } from '../src/domain/insight/normalize.ts';
import { findNames, mentionedCustomer } from '../src/domain/insight/customer-names.ts';
import { insightFor } from '../src/services/insight.ts';
import { hugePagesOn, importStart } from '../src/cli/import-process.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 100_000);
const BRIEF_DATE = '2026-11-23';
const ARCHIVE_LINES = Number(process.env.BENCH_ARCHIVE ?? 200_000);

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function ingestPhase(dbPath: string): void {
  const config = loadConfig({ ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', BRIEF_CRON: 'off' });
  const app = createApp(config, { logger: silentLogger() });
  let t = performance.now();
  const { reps } = seedOrg(app);
  const semiSpace = process.execArgv.find((a) => a.startsWith('--max-semi-space-size='))?.split('=')[1];
  process.stdout.write(
    `machine load (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores; malloc huge pages ${hugePagesOn() ? 'asked for' : 'not asked for'}; ` +
      `V8 semi-space ${semiSpace ? `${semiSpace} MB` : 'default'}\n`,
  );
  process.stdout.write(`setup: ${fmt(reps.length)} reps in ${TEAMS} teams, ${fmt(reps.length * CUSTOMERS_PER_REP)} customers (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);

  const ingest = createIngestService(app.services);
  const rnd = seededRandom(7);
  // Plain nodejieba on the same kind of lines, for comparison (its own ceiling on this machine).
  const sample = Array.from({ length: 100_000 }, (_, i) => normalizeText(message(i, MESSAGES, rnd, reps).text).match);
  nodejieba.cut(sample[0]!); // load the dictionary outside the timing
  t = performance.now();
  for (const s of sample) nodejieba.cut(s);
  const cutRate = sample.length / ((performance.now() - t) / 1000);

  // The CPU part alone (normalise → segment → extract, attribution by name), no storage.
  const rt = insightFor(app.services);
  const names = rt.names();
  t = performance.now();
  rt.extract('预热：客户说预算有了'); // applies the customer names to jieba's user dictionary
  process.stdout.write(`  user dictionary: ${fmt(names.words.length)} customer names and aliases added in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  const cpuRnd = seededRandom(11);
  let cpuBusy = 0;
  for (let i = 0; i < MESSAGES; i += BATCH) {
    const chunk = Array.from({ length: Math.min(BATCH, MESSAGES - i) }, (_, k) => message(i + k, MESSAGES, cpuRnd, reps));
    const started = performance.now();
    for (const m of chunk) {
      const n = normalizeText(m.text);
      // As ingest does: the names found settle the customer and are no signal themselves.
      const named = findNames(names, n.match);
      mentionedCustomer(names, n.match, m.user!.id, named);
      rt.extractor.extractNormalized(n, { names: named });
    }
    cpuBusy += performance.now() - started;
  }
  const cpuRate = MESSAGES / (cpuBusy / 1000);

  // Time spent writing (recordMany of the store: rows, indexes, commit), measured where it happens.
  let storing = 0;
  const recordMany = app.store.signals.recordMany;
  app.store.signals.recordMany = Object.assign((items: Parameters<typeof recordMany>[0]) => {
    const started = performance.now();
    try {
      return recordMany(items);
    } finally {
      storing += performance.now() - started;
    }
  }, recordMany);
  let busy = 0;
  let signals = 0;
  let attributed = 0;
  const cutsBefore = rt.segmenter.cutStats();
  const endBulkWrites = beginBulkWrites(app.db); // as `sales-radar import` does
  for (let i = 0; i < MESSAGES; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, MESSAGES - i) }, (_, k) => message(i + k, MESSAGES, rnd, reps));
    const started = performance.now();
    const outcomes = ingest.recordMany(batch);
    busy += performance.now() - started;
    for (const o of outcomes) {
      signals += o.signals.length;
      if (o.customerId) attributed += 1;
    }
  }
  const checkpointStarted = performance.now();
  endBulkWrites();
  busy += performance.now() - checkpointStarted;
  storing += performance.now() - checkpointStarted;
  const rate = MESSAGES / (busy / 1000);
  process.stdout.write(
    `ingest: ${fmt(MESSAGES)} messages in batches of ${fmt(BATCH)}, ${(busy / 1000).toFixed(1)} s = ${fmt(rate)} msgs/s ` +
      `(${fmt(signals)} signals, ${Math.round((attributed / MESSAGES) * 100)}% attributed); peak RSS ${mb(process.resourceUsage().maxRSS)}\n`,
  );
  const cutsAfter = rt.segmenter.cutStats();
  const cuts = cutsAfter.cuts - cutsBefore.cuts;
  const storeUs = (storing / MESSAGES) * 1000;
  process.stdout.write(
    `  without storage (normalise → segment → extract → attribute): ${fmt(cpuRate)} msgs/s; ` +
      `plain nodejieba cut on the same lines: ${fmt(cutRate)} msgs/s\n` +
      `  jieba: ${fmt(cuts)} pieces cut (${(cuts / MESSAGES).toFixed(2)} a message), ${Math.round(((cutsAfter.fromCache - cutsBefore.fromCache) / Math.max(1, cuts)) * 100)}% answered from the cache of recent cuts ` +
      `(these lines come from ${TEMPLATES.length} templates: \`npm run eval:signals\` prints the rate on varied labelled lines)\n` +
      `  storage: ${storeUs.toFixed(1)} µs per message of the ${((busy / MESSAGES) * 1000).toFixed(1)} (conversation row + signal rows + their indexes, commits, final checkpoint)\n` +
      `  goal ≥ 30,000 msgs/s with storage: ${rate >= 30_000 ? 'met' : 'NOT met'}\n`,
  );
  app.db.close();
}

function briefPhase(dbPath: string): void {
  const config = loadConfig({ ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', BRIEF_CRON: '20 8 * * 1-5' });
  const app = createApp(config, { logger: silentLogger() });
  const briefs = createBriefService(app.services);
  const end = briefs.scheduledAt(BRIEF_DATE)!;
  const t = performance.now();
  const run = briefs.runDay(BRIEF_DATE, { end, dryRun: true });
  const ms = performance.now() - t;
  const bytes = run.briefs.reduce((n, b) => n + Buffer.byteLength(JSON.stringify(b.message), 'utf8'), 0);
  const rss = process.resourceUsage().maxRSS;
  process.stdout.write(
    `brief: ${fmt(run.briefs.length)} briefs (${fmt(run.counts.skipped)} empty skipped) built and rendered in ${(ms / 1000).toFixed(1)} s, ` +
      `avg ${fmt(bytes / Math.max(1, run.briefs.length))} bytes; peak RSS ${mb(rss)} ` +
      `(goal < 20 s and < 500 MB: ${ms < 20_000 && rss < 500 * 1024 ? 'met' : 'NOT met'})\n`,
  );
  app.db.close();
}

// The ingest phase runs as `sales-radar import` does: with malloc huge pages where it can and a larger young generation (import-process.ts).
/**
 * `sales-radar import` as an admin runs it, on an archive file written here: JSON parsing,
 * validation, who is who (WeCom ids, external contacts, groups), then the same pipeline. Timed from
 * outside, with the start-up (jieba's dictionary, the customer names) measured on a one-line file.
 */
function importPhase(dbPath: string, dir: string): number {
  const bin = fileURLToPath(new URL('../bin/sales-radar.mjs', import.meta.url));
  const run = (file: string) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, [bin, 'import', file], { env: { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
    return { ms: performance.now() - started, status: r.status, out: r.stdout.trim() };
  };
  const { reps } = readReps(dbPath);
  const rnd = seededRandom(13);
  const one = join(dir, 'one.jsonl');
  // A line with signals, so the start-up run loads jieba's dictionary too (small talk is never segmented).
  writeFileSync(one, `${JSON.stringify({ ...archiveLine(ARCHIVE_LINES, ARCHIVE_LINES + 1, rnd, reps), text: '预算批下来了，下周签合同' })}\n`);
  const file = join(dir, 'archive.jsonl');
  writeFileSync(file, `${Array.from({ length: ARCHIVE_LINES }, (_, i) => JSON.stringify(archiveLine(i, ARCHIVE_LINES, rnd, reps))).join('\n')}\n`);
  const startup = run(one);
  const full = run(file);
  if (startup.status !== 0 || full.status !== 0) {
    process.stdout.write(`import: failed (${startup.status}, ${full.status}): ${full.out}\n`);
    return 1;
  }
  const working = (full.ms - startup.ms) / 1000;
  process.stdout.write(
    `import: ${fmt(ARCHIVE_LINES)} archive lines through \`sales-radar import\` in ${(full.ms / 1000).toFixed(1)} s, of which ${(startup.ms / 1000).toFixed(1)} s start-up; ` +
      `${fmt(ARCHIVE_LINES / working)} msgs/s after start-up\n  ${full.out.split('\n')[0]}\n`,
  );
  return 0;
}

/** The bench's reps, read back from the database the ingest phase wrote. */
function readReps(dbPath: string): { reps: User[] } {
  const config = loadConfig({ ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', BRIEF_CRON: 'off' });
  const app = createApp(config, { logger: silentLogger() });
  try {
    return { reps: app.store.users.list().filter((u) => u.role === 'rep') };
  } finally {
    app.db.close();
  }
}

const phase = (name: string, dbPath: string): number => {
  const start = name === '--ingest-phase' ? importStart(process.execArgv, process.env) : { flags: [], env: null };
  return (
    spawnSync(process.execPath, [...start.flags, '--import', 'tsx', fileURLToPath(import.meta.url), name, dbPath], { stdio: 'inherit', env: start.env ?? process.env }).status ?? 1
  );
};

if (process.argv[2] === '--ingest-phase') {
  ingestPhase(process.argv[3]!);
} else if (process.argv[2] === '--brief-phase') {
  briefPhase(process.argv[3]!);
} else {
  // Each phase runs in a child of this small process. On Linux a child's peak RSS starts at its
  // parent's resident size when it was spawned, so a brief child spawned by the ingest process
  // (jieba's dictionary, SQLite's import cache) would report the ingest's memory as its own.
  const dir = mkdtempSync(join(tmpdir(), 'sales-radar-insight-bench-'));
  const dbPath = join(dir, 'bench.db');
  try {
    const ingested = phase('--ingest-phase', dbPath);
    const briefed = ingested !== 0 ? ingested : phase('--brief-phase', dbPath);
    process.exitCode = briefed !== 0 ? briefed : importPhase(dbPath, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
