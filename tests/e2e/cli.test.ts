import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, createTestApp } from '../support/harness.ts';
import { runConsole } from '../../src/channels/console/console-repl.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'sales-radar.mjs');
const dir = tempDir();
afterAll(() => dir.cleanup());

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: join(dir.path, 'cli.db'), LOG_LEVEL: 'silent', ...env },
    timeout: 30_000,
  });
}

describe('sales-radar command line', () => {
  it('lists its subcommands', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/demo/);
    expect(r.stdout).toMatch(/start/);
  });

  it('runs the demo non-interactively and loads it only once', () => {
    const first = cli(['demo', '--as', '李娜', '--say', '/储备']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('李娜的商机储备');
    expect(first.stdout).toMatch(/T3及以上储备 \d+个（安全水位 5个） 低于安全水位，差\d+个/);
    expect(first.stdout).toMatch(/趋势：每周 [-+]?[\d.]+个/);
    const second = cli(['demo', '--as', '王强', '--say', '/团队漏斗']);
    expect(second.stderr).not.toContain('已载入演示团队');
    // six reps, each listed once
    expect(second.stdout.match(/^(⚠ )?(张伟|李娜|刘洋|陈静|杨帆|赵磊)：/gm)).toHaveLength(6);
  });

  it('explains a bad configuration and exits non-zero', () => {
    const r = cli(['demo', '--as', '李娜', '--say', '/储备'], { PORT: 'not-a-port' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT:');
  });

  it('starts the service without a terminal and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, DATABASE_PATH: join(dir.path, 'svc.db'), PORT: '0', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('interactive console', () => {
  it('lets a person pick a user by number, run commands and switch identity', async () => {
    const t = createTestApp({ console: { write: (d) => output.write(`${d.text}\n`) } });
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (b: Buffer) => (screen += b.toString()));
    loadDemo(t.app.store);
    const done = runConsole(t.app, { input, output });
    // Type a line, then wait until the screen shows what a person would wait for.
    const waitFor = async (expected: string) => {
      for (let i = 0; i < 200 && !screen.includes(expected); i++) await new Promise((r) => setTimeout(r, 25));
      expect(screen).toContain(expected);
    };
    const type = async (line: string, expected: string) => {
      input.write(`${line}\n`);
      await waitFor(expected);
    };
    await waitFor('请选择身份');
    const lina = /(\d+)\. 李娜/.exec(screen)?.[1];
    expect(lina).toBeDefined();
    await type(lina!, '你现在是 李娜');
    await type('/我的漏斗', '李娜的销售漏斗');
    await type('.as 王强', '已切换为 王强');
    await type('／团队漏斗', '王强的团队漏斗');
    input.write('.quit\n');
    await done;
    expect(screen).toContain('你现在是 李娜');
    expect(screen).toContain('李娜的销售漏斗');
    expect(screen).toContain('已切换为 王强');
    expect(screen).toContain('王强的团队漏斗');
    await t.close();
  });
});
