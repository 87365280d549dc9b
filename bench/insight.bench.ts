// `npm run bench insight`: conversation-insight figures on a temp SQLite file.
//  1. Ingest: BENCH_MESSAGES (default 1,000,000) synthetic chat lines of one day from 5,000 reps
//     through normalise → segment → extract → attribute → store: messages
//     per second and peak RSS, next to plain nodejieba cut on the same lines (its own ceiling).
//     Batches of 20,000 (BENCH_BATCH), as `sales-radar import` writes them: one commit per batch,
//     the WAL checkpointed every ~100 MB and at the end (beginBulkWrites; the final checkpoint is timed).
//  2. Brief (in a fresh child process, so its peak RSS is its own): build and render every
//     brief of the next morning for the 5,000 reps in 100 teams and their managers.
// Goals: ingest ≥ 30,000 msgs/s on one core; briefs < 20 s and < 500 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { beginBulkWrites } from '../src/store/db.ts';
import { silentLogger } from '../src/logger.ts';
import { seededRandom } from '../src/demo/demo-org.ts';
import { createIngestService, type RecordInput } from '../src/services/ingest-service.ts';
import { createBriefService } from '../src/services/brief-service.ts';
import { normalizeText } from '../src/domain/insight/normalize.ts';
import { findCustomerInText } from '../src/domain/insight/customer-names.ts';
import { insightFor } from '../src/services/insight.ts';
import type { User } from '../src/domain/types.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const TEAMS = 100;
const REPS_PER_TEAM = 50;
const CUSTOMERS_PER_REP = 20;
const BATCH = Number(process.env.BENCH_BATCH ?? 20_000);
const DAY = '2026-11-22';
const DAY_START = Date.parse(`${DAY}T00:00:00+08:00`);
const BRIEF_DATE = '2026-11-23';

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// Synthetic lines: the shapes reps and customers write, with {c} where the customer's alias goes.
const TEMPLATES = [
  '{c}那边说今年的预算有八十万左右', '{c}的预算被砍了，原来的方案要缩水', '客户问预算大概多少，我说下周给方案',
  '{c}下个月挂网招标，标书这周开始准备', '{c}这次不走招标了，直接单一来源', '招标流程要走多久？需要哪些资质？',
  '{c}领导还没批，还在等老板拍板', '{c}的采购申请审批通过了', '方案要上党委会讨论一下',
  '能不能约一下{c}的王总见个面', '一直见不到{c}的老板，都是采购在对接', '他们那边到底谁拍板还不清楚',
  '{c}计划Q3上线，月底前定', '时间还不确定，明年再说吧', '{c}希望国庆前上线',
  '客户比较着急，希望尽快上系统', '{c}说不着急，慢慢来', '老板催得紧，这周要看到报价',
  '{c}也在看销售易和纷享销客', '他们用过别家，体验不好，这次不会再选', '你们跟用友比有什么优势？',
  '太贵了，能不能再便宜点', '{c}说价格可以接受', '实施费能不能免掉？',
  '约了周三下午给{c}做演示', 'POC没通过，识别准确率不够', '能不能先试用一个月再决定？',
  '{c}合同盖章了，原件今天寄出', '合同卡在法务那边，违约条款要改', '发票抬头和税号我一会儿发你',
  '{c}说再考虑考虑，最近事情多', '项目先暂缓，等新领导到岗', '发了三次消息都没回，电话也不接',
  'IT部门担心数据安全，不同意上公有云', '需要和{c}的ERP对接，接口文档发我', '信息中心说安全评估已经通过了',
  '好的，收到', '谢谢，周末愉快！', '明天上午十点电话沟通可以吗？', '资料已发邮箱，请查收',
  '不好意思刚在开会，晚点回您', '附件是案例，供参考', '辛苦了🙏', '嗯嗯，了解', '路上有点堵，晚到十分钟',
  '{c}的王工微信加上了', '下周我去杭州出差，顺路拜访{c}', '價格沒問題，合同下週簽', '客户说ＰＯＣ效果不错👍',
  '{c}说不是没有预算，是要走流程', '难道他们没有预算吗？', '帮您预算一下工期，大概三周',
];
const WORDS = ['恒信', '瑞康', '华通', '中科', '金盛', '远航', '博雅', '天成', '鼎新', '明德', '启航', '嘉禾', '同舟', '正泰', '海纳', '华康', '启明', '优鲜', '星辰', '卓越'];
const SUFFIX = ['精密机械有限公司', '医疗器械有限公司', '职业技术学院', '连锁商业集团', '农村商业银行', '供应链管理有限公司'];

function seed(app: ReturnType<typeof createApp>): { reps: User[] } {
  const { store } = app;
  const rnd = seededRandom(4242);
  store.db.transaction(() => {
    for (let t = 0; t < TEAMS; t++) {
      const managerId = `bench-mgr-${t}`;
      store.users.upsert({ id: managerId, name: `主管${t}`, role: 'manager', managerId: null, teamName: `团队${t}`, hiredAt: '2020-01-01', wecomUserId: null, dingtalkStaffId: null });
      for (let r = 0; r < REPS_PER_TEAM; r++) {
        const n = t * REPS_PER_TEAM + r;
        const repId = `bench-rep-${n}`;
        store.users.upsert({ id: repId, name: `销售${n}`, role: 'rep', managerId, teamName: `团队${t}`, hiredAt: '2022-01-01', wecomUserId: null, dingtalkStaffId: null });
        for (let c = 0; c < CUSTOMERS_PER_REP; c++) {
          const word = WORDS[(n + c) % WORDS.length]!;
          const alias = `${word}${n}-${c}`;
          const customerId = `bench-c-${n}-${c}`;
          store.customers.upsert({ id: customerId, name: `${alias}${SUFFIX[c % SUFFIX.length]}`, ownerId: repId, industry: null, tier: c % 5 === 0 ? 'K' : 'R', aliases: [alias], externalUserIds: [] });
          if (c < 8) {
            store.opportunities.upsert({ id: `bench-o-${n}-${c}`, customerId, ownerId: repId, stage: (['T1', 'T2', 'T3', 'T4'] as const)[Math.floor(rnd() * 4)]!, amount: 100_000, stageChangedAt: DAY_START - 10 * 86_400_000 });
          }
        }
      }
    }
  })();
  return { reps: store.users.list().filter((u) => u.role === 'rep') };
}

function message(i: number, rnd: () => number, reps: User[]): RecordInput {
  const rep = reps[Math.floor(rnd() * reps.length)]!;
  const n = Number(rep.id.slice('bench-rep-'.length));
  const c = Math.floor(rnd() * CUSTOMERS_PER_REP);
  const alias = `${WORDS[(n + c) % WORDS.length]}${n}-${c}`;
  const template = TEMPLATES[Math.floor(rnd() * TEMPLATES.length)]!;
  const text = template.includes('{c}') ? template.replace('{c}', alias) : rnd() < 0.5 ? `${alias}：${template}` : template;
  return { msgId: `bench-${i}`, source: 'bench', user: rep, sender: rep.id, text, sentAt: DAY_START + Math.floor((i / MESSAGES) * 86_000_000) };
}

function ingestPhase(dbPath: string): void {
  const config = loadConfig({ ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', BRIEF_CRON: 'off' });
  const app = createApp(config, { logger: silentLogger() });
  let t = performance.now();
  const { reps } = seed(app);
  process.stdout.write(`machine load (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores\n`);
  process.stdout.write(`setup: ${fmt(reps.length)} reps in ${TEAMS} teams, ${fmt(reps.length * CUSTOMERS_PER_REP)} customers (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);

  const ingest = createIngestService(app.services);
  const rnd = seededRandom(7);
  // Plain nodejieba on the same kind of lines, for comparison (its own ceiling on this machine).
  const sample = Array.from({ length: 100_000 }, (_, i) => normalizeText(message(i, rnd, reps).text).match);
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
    const chunk = Array.from({ length: Math.min(BATCH, MESSAGES - i) }, (_, k) => message(i + k, cpuRnd, reps));
    const started = performance.now();
    for (const m of chunk) {
      const n = normalizeText(m.text);
      findCustomerInText(names, n.match, m.user!.id);
      rt.extractor.extractNormalized(n);
    }
    cpuBusy += performance.now() - started;
  }
  const cpuRate = MESSAGES / (cpuBusy / 1000);

  let busy = 0;
  let signals = 0;
  let attributed = 0;
  const endBulkWrites = beginBulkWrites(app.db); // as `sales-radar import` does
  for (let i = 0; i < MESSAGES; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, MESSAGES - i) }, (_, k) => message(i + k, rnd, reps));
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
  const rate = MESSAGES / (busy / 1000);
  process.stdout.write(
    `ingest: ${fmt(MESSAGES)} messages in batches of ${fmt(BATCH)}, ${(busy / 1000).toFixed(1)} s = ${fmt(rate)} msgs/s ` +
      `(${fmt(signals)} signals, ${Math.round((attributed / MESSAGES) * 100)}% attributed); peak RSS ${mb(process.resourceUsage().maxRSS)}\n`,
  );
  const storeUs = (busy / MESSAGES) * 1000 - 1e6 / cpuRate;
  process.stdout.write(
    `  without storage (normalise → segment → extract → attribute): ${fmt(cpuRate)} msgs/s; ` +
      `plain nodejieba cut on the same lines: ${fmt(cutRate)} msgs/s\n` +
      `  storage share: ~${storeUs.toFixed(0)} µs per message (conversation row + signal rows + their indexes, WAL commits)\n` +
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

if (process.argv[2] === '--brief-phase') {
  briefPhase(process.argv[3]!);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'sales-radar-insight-bench-'));
  const dbPath = join(dir, 'bench.db');
  try {
    ingestPhase(dbPath);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--brief-phase', dbPath], { stdio: 'inherit', env: process.env });
    process.exitCode = child.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
