// Command-line side of conversation insight:
//   sales-radar signals <file.jsonl|->   {"id","text"} lines → {"id","signals":[{category,sentiment}]} lines
//   sales-radar import <file.jsonl>      archived messages into conversation records (resumable)
//   sales-radar brief [--date D] [--dry-run]   every brief of a business day, printed or sent
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createApp } from '../app.ts';
import { beginBulkWrites } from '../store/db.ts';
import { createLogger } from '../logger.ts';
import { toPlainText } from '../core/message.ts';
import { addDays, isCalendarDate, localDate, localMidnight } from '../domain/time.ts';
import { createInsightRuntime, compiledLexicon } from '../services/insight.ts';
import { emptyResult, ingestArchived, type ArchiveResult } from '../services/archive-ingest.ts';
import { createBriefService } from '../services/brief-service.ts';

interface Subcommand {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Reads a JSON-lines file (or stdin for "-") line by line with 1-based line numbers. */
async function* jsonLines(path: string): AsyncGenerator<{ line: number; text: string; bytes: number }> {
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw; // files saved by Windows editors
    yield { line, text, bytes: Buffer.byteLength(raw, 'utf8') + 1 };
  }
}

function parseLine(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function listLines(lines: number[], max = 20): string {
  return `${lines.slice(0, max).join(', ')}${lines.length > max ? `, … (${lines.length - max} more)` : ''}`;
}

export const signalsSubcommand: Subcommand = {
  summary: 'Extract signals from {"id","text"} JSON lines (the corpus format), one result line each',
  usage: 'sales-radar signals <file.jsonl|->',
  async run(argv) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const file = positionals[0];
    if (!file) {
      process.stderr.write(`${this.usage}\n`);
      return 2;
    }
    const config = loadConfig();
    const rt = createInsightRuntime(compiledLexicon(config.insight.keywordsDir));
    const bad: number[] = [];
    try {
      for await (const { line, text } of jsonLines(file)) {
        if (!text.trim()) continue;
        const parsed = parseLine(text);
        const item = parsed.ok ? (parsed.value as { id?: unknown; text?: unknown }) : null;
        if (!item || typeof item !== 'object' || typeof item.text !== 'string') {
          bad.push(line);
          process.stderr.write(`line ${line}: ${parsed.ok ? 'needs {"id", "text"}' : `not valid JSON (${parsed.error})`}\n`);
          continue;
        }
        const signals = rt.extract(item.text).map((s) => ({ category: s.category, sentiment: s.sentiment }));
        process.stdout.write(`${JSON.stringify({ id: item.id ?? null, signals })}\n`);
      }
    } catch (error) {
      process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    if (bad.length) process.stderr.write(`${bad.length} line(s) skipped: ${listLines(bad)}\n`);
    return 0;
  },
};

function progressBar(done: number, total: number, result: ArchiveResult): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const width = 24;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${result.received} read · ${result.added} added · ${result.duplicates} already there · ${result.rejected} invalid`;
}

/**
 * Lines per transaction. Each commit writes every index page the batch touched, and a batch
 * touches most of the rep and customer indexes however small it is: fewer, larger commits write
 * far less (storage 24 → 19 µs a line from 20,000 to 100,000 in `npm run bench -- insight`).
 */
const IMPORT_BATCH_LINES = 100_000;
/** Exit code of an import that kept the valid lines but skipped others (1: cannot read, 2: usage). */
const IMPORT_SKIPPED_EXIT = 3;
/** …and at most this much JSON per batch, so a file of long transcripts stays within memory. */
const IMPORT_BATCH_BYTES = 64 * 1024 * 1024;

export const importSubcommand: Subcommand = {
  summary: 'Load archived messages (JSON lines, the POST /api/messages item format); a re-run adds nothing',
  usage: `sales-radar import <file.jsonl> [--batch ${IMPORT_BATCH_LINES}]`,
  async run(argv) {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { batch: { type: 'string' } } });
    const file = positionals[0];
    const batchSize = Number(values.batch ?? IMPORT_BATCH_LINES);
    if (!file || !Number.isInteger(batchSize) || batchSize < 1) {
      process.stderr.write(`${this.usage}\n`);
      return 2;
    }
    let total: number;
    try {
      total = statSync(file).size;
    } catch (error) {
      process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    const config = loadConfig();
    const app = createApp(config, { logger: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel) });
    const result = emptyResult();
    const badJson: number[] = [];
    const tty = Boolean(process.stderr.isTTY);
    let done = 0;
    let lastPrinted = -1;
    let lastLine = '';
    const show = (final = false) => {
      const pct = Math.floor((done / Math.max(1, total)) * 10);
      if (tty) process.stderr.write(`\r${progressBar(done, total, result)}${final ? '\n' : ''}`);
      else if (pct !== lastPrinted || final) {
        // Not a terminal (a log file): one line per tenth, and the final one only if it says something new.
        const line = progressBar(done, total, result);
        lastPrinted = pct;
        if (line !== lastLine) process.stderr.write(`${line}\n`);
        lastLine = line;
      }
    };
    const endBulkWrites = beginBulkWrites(app.db);
    try {
      let batch: { raw: unknown; index: number; prefix: string }[] = [];
      let batchBytes = 0;
      const flush = () => {
        ingestArchived(app.services, batch, result);
        batch = [];
        batchBytes = 0;
        show();
      };
      for await (const { line, text, bytes } of jsonLines(file)) {
        done += bytes;
        if (!text.trim()) continue;
        const parsed = parseLine(text);
        if (!parsed.ok) {
          badJson.push(line);
          result.received += 1;
          result.rejected += 1;
          result.errors.push({ index: line, field: `line ${line}`, message: `not valid JSON (${parsed.error})` });
          continue;
        }
        batch.push({ raw: parsed.value, index: line, prefix: `line ${line}` });
        batchBytes += bytes;
        if (batch.length >= batchSize || batchBytes >= IMPORT_BATCH_BYTES) flush();
      }
      if (batch.length) flush();
      done = total;
      show(true);
    } finally {
      endBulkWrites();
      await app.stop();
    }
    const invalidLines = [...new Set(result.errors.map((e) => e.index))].sort((a, b) => a - b);
    process.stdout.write(
      `${file}: ${result.received} message(s) read, ${result.added} added, ${result.duplicates} already there (imported before or repeated in the file), ` +
        `${result.flagged} from unknown senders (kept, not attributed), ${result.rejected} skipped.\n`,
    );
    if (badJson.length) process.stdout.write(`Malformed JSON on line(s): ${listLines(badJson)}\n`);
    const invalid = invalidLines.filter((l) => !badJson.includes(l));
    if (invalid.length) {
      process.stdout.write(`Invalid message(s) on line(s): ${listLines(invalid)}\n`);
      for (const e of result.errors.filter((x) => !badJson.includes(x.index)).slice(0, 10)) process.stdout.write(`  ${e.field}: ${e.message}\n`);
    }
    // A scheduled import should notice skipped lines: the valid ones are in, but the run is not clean.
    if (result.rejected > 0) {
      process.stdout.write(`Exit code ${IMPORT_SKIPPED_EXIT}: ${result.rejected} line(s) skipped; fix them and run the same file again (what is in stays in).\n`);
      return IMPORT_SKIPPED_EXIT;
    }
    return 0;
  },
};

export const briefSubcommand: Subcommand = {
  summary: 'Print (--dry-run) or send every 沟通洞察简报 of a business day',
  usage: 'sales-radar brief [--date YYYY-MM-DD] [--dry-run]',
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { date: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
    const config = loadConfig();
    const tz = config.insight.brief.timeZone;
    const date = values.date ?? localDate(Date.now(), tz);
    if (!isCalendarDate(date)) {
      process.stderr.write(`--date must be YYYY-MM-DD (got "${date}")\n\n${this.usage}\n`);
      return 2;
    }
    const dryRun = Boolean(values['dry-run']);
    if (date > localDate(Date.now(), tz)) {
      process.stderr.write(`${date} is in the future: a day's briefs can be shown from that day on.\n`);
      return 2;
    }
    const app = createApp(config, { logger: createLogger(dryRun ? 'error' : config.logLevel === 'info' ? 'warn' : config.logLevel) });
    try {
      const briefs = createBriefService(app.services);
      const scheduled = briefs.scheduledAt(date);
      const end = scheduled ?? Math.min(Date.now(), localMidnight(addDays(date, 1), tz));
      if (scheduled === null && !dryRun) {
        process.stderr.write(`${date} is not a business day for BRIEF_CRON: nothing sent (--dry-run shows what its briefs would hold).\n`);
        return 2;
      }
      if (scheduled === null) process.stderr.write(`${date} is not a business day for BRIEF_CRON; showing the day as of ${new Date(end).toISOString()}.\n`);
      const run = briefs.runDay(date, { end: dryRun ? end : Math.min(Date.now(), Math.max(end, Date.now())), dryRun });
      for (const b of run.briefs) {
        process.stdout.write(`===== ${b.user.name}（${b.kind === 'rep' ? '销售' : '主管'}，${b.user.id}）\n${toPlainText(b.message)}\n\n`);
      }
      const c = run.counts;
      process.stdout.write(
        dryRun
          ? `${date}: ${c.sent} brief(s) shown, ${c.skipped} with nothing to report skipped (BRIEF_EMPTY=${config.insight.brief.empty}); nothing sent.\n`
          : `${date}: ${c.sent} sent, ${c.already} already sent before, ${c.unreachable} not reachable on any channel (logged), ${c.skipped} skipped.\n`,
      );
      return 0;
    } finally {
      await app.stop();
    }
  },
};
