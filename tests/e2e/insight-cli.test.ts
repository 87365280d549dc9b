// The insight subcommands as a user runs them (`npx sales-radar …` in a child process) against a
// temp database: import with malformed lines and a resumable second run, signals in the corpus
// format, and brief --dry-run printing every brief without sending or recording anything.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, tempDir } from '../support/harness.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';
import { openDatabase } from '../../src/store/db.ts';

const root = join(__dirname, '..', '..');
const dir = tempDir('sales-radar-cli-');
const dbPath = join(dir.path, 'cli.db');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'sales-radar.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: dbPath, LOG_LEVEL: 'silent', BRIEF_CRON: '20 8 * * 1-5' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const t = createTestApp({ env: { DATABASE_PATH: dbPath } });
  loadDemo(t.app.store, Date.parse('2026-11-23T08:00:00+08:00'));
  t.app.store.customers.upsert({ id: 'c-huakang', name: '华康医疗器械有限公司', ownerId: 'demo-lina', industry: '医疗', tier: 'K', aliases: ['华康'], externalUserIds: ['wm-huakang-1'] });
  await t.close();
});
afterAll(() => dir.cleanup());

const count = (sql: string) => {
  const db = openDatabase(dbPath);
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('sales-radar import', () => {
  it('loads a JSON-lines archive, reports malformed lines by number, and a second run adds nothing', () => {
    const file = join(dir.path, 'archive.jsonl');
    const sunday = Date.parse('2026-11-22T15:00:00+08:00');
    const lines = [
      JSON.stringify({ msgId: 'imp-1', from: 'wm-huakang-1', to: ['lina'], time: sunday, text: '我们预算已经批下来了，下个月招标' }),
      '{"msgId": "imp-broken", "from": ',
      JSON.stringify({ msgId: 'imp-2', from: 'lina', to: ['wm-huakang-1'], time: sunday + 60_000, text: '收到，华康这边我们准备标书' }),
      '',
      'garbage \u0000\u0001',
      JSON.stringify({ msgId: 'imp-3', from: 'lina', time: 'not a time', text: '预算有了' }),
      JSON.stringify({ msgId: 'imp-4', from: 'stranger', to: [], time: sunday, text: '领导还没批' }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);

    const first = cli('import', file);
    expect(first.code).toBe(3); // valid lines kept, some skipped
    expect(first.stdout).toContain('6 message(s) read, 3 added, 0 already there (imported before or repeated in the file), 1 from unknown senders (kept, not attributed), 3 skipped.');
    expect(first.stdout).toContain('Malformed JSON on line(s): 2, 5');
    expect(first.stdout).toContain('Invalid message(s) on line(s): 6');
    expect(first.stdout).toContain('line 6.time');
    expect(first.stderr.match(/100%/g)).toHaveLength(1); // not a terminal: the last line once
    expect(count("SELECT COUNT(*) AS n FROM conversations WHERE customer_id = 'c-huakang'")).toBe(2);

    const second = cli('import', file);
    expect(second.stdout).toContain('0 added, 3 already there');
    expect(count('SELECT COUNT(*) AS n FROM conversations')).toBe(3);

    // A clean file exits 0; a message repeated within it is stored once.
    const clean = join(dir.path, 'clean.jsonl');
    const line = JSON.stringify({ msgId: 'imp-5', from: 'lina', time: sunday, text: '华康说下周签合同' });
    writeFileSync(clean, `${line}\n${line}\n`);
    const third = cli('import', clean);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('2 message(s) read, 1 added, 1 already there');

    expect(cli('import', join(dir.path, 'missing.jsonl')).code).toBe(1);
  }, 60_000); // four CLI runs, each loading jieba's dictionary: ~12 s on an idle machine
});

describe('sales-radar signals', () => {
  it('prints one corpus-format line per input line', () => {
    const file = join(dir.path, 'lines.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'a', text: '不是没有预算' })}\n${JSON.stringify({ id: 'b', text: '好的，收到。' })}\n{bad\n`);
    const r = cli('signals', file);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      '{"id":"a","signals":[{"category":"budget","sentiment":"positive"}]}',
      '{"id":"b","signals":[]}',
    ]);
    expect(r.stderr).toContain('line 3: not valid JSON');
  });
});

describe('sales-radar brief --dry-run', () => {
  it('prints every brief of the day and sends or records nothing', () => {
    const r = cli('brief', '--date', '2026-11-23', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('===== 李娜（销售，demo-lina）');
    expect(r.stdout).toContain('华康医疗器械有限公司');
    expect(r.stdout).toContain('===== 王强（主管，demo-wangqiang）');
    expect(r.stdout).toContain('2026-11-23: 7 brief(s) shown');
    expect(count('SELECT COUNT(*) AS n FROM briefs')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM outbox')).toBe(0);
    expect(cli('brief', '--date', '23.11.2026', '--dry-run').code).toBe(2);
    expect(cli('brief', '--date', '2026-02-30', '--dry-run').code).toBe(2); // no such day
    const future = cli('brief', '--date', '2099-01-05', '--dry-run');
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('in the future');
    const sunday = cli('brief', '--date', '2026-11-22'); // a Sunday: nothing is sent, nothing recorded
    expect(sunday.code).toBe(2);
    expect(sunday.stderr).toContain('not a business day');
    expect(count('SELECT COUNT(*) AS n FROM briefs')).toBe(0);
  });
});
