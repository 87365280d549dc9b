// Sending through message/send with the shared outbox: tokens, transient and permanent
// failures, restart, pacing and congested minutes, against the fake WeCom.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markdown, text } from '../../../src/core/message.ts';
import { decodePayload } from '../../../src/channels/wecom/decode.ts';
import { utf8Bytes } from '../../../src/channels/wecom/render.ts';
import type { User } from '../../../src/domain/types.ts';
import { createClock, startWorld, T0, type World } from './world.ts';

function lastOutbox(w: World) {
  const row = w.app.db.prepare('SELECT id FROM outbox ORDER BY id DESC LIMIT 1').get() as { id: number };
  return w.app.store.outbox.get(row.id)!;
}

/** The fake records a message before our side has read the answer: wait for the outbox too. */
const settled = (w: World) => w.until(() => ['sent', 'failed'].includes(lastOutbox(w).status), 'outbox row settled');

describe('WeCom access token', () => {
  let w: World;
  let lina: User;
  beforeAll(async () => {
    w = await startWorld();
    lina = w.app.store.users.get('demo-lina')!;
  });
  afterAll(async () => w.close());

  async function pushAndWait(message: string): Promise<void> {
    const before = w.fake.delivered('lina').length;
    w.app.services.push(lina, text(message));
    await w.fake.waitFor(() => w.fake.delivered('lina').length > before);
    await settled(w);
  }

  it('fetches the token once and reuses it while valid', async () => {
    await pushAndWait('一');
    await pushAndWait('二');
    await pushAndWait('三');
    expect(w.fake.calls.gettoken).toBe(1);
  });

  it('refreshes once and retries when the token is revoked before it expires (40014)', async () => {
    w.fake.revokeToken();
    await pushAndWait('撤销后');
    expect(w.fake.calls.gettoken).toBe(2);
    expect(lastOutbox(w)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('refreshes once and retries when the token expires mid-send (42001)', async () => {
    w.fake.expireToken();
    await pushAndWait('过期后');
    expect(w.fake.calls.gettoken).toBe(3);
    expect(w.fake.contents('lina').at(-1)).toBe('过期后');
  });

  it('lets concurrent senders wait for one refresh', async () => {
    w.fake.revokeToken();
    const body = { touser: 'lina', agentid: 1000002, enable_duplicate_check: 0 as const, msgtype: 'text' as const };
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => w.channel.api.sendMessage({ ...body, text: { content: `并发${i}` } })));
    expect(results.every((r) => r.errcode === 0)).toBe(true);
    expect(w.fake.calls.gettoken).toBe(4);
  });

  it('refreshes before expires_in runs out', async () => {
    w.clock.advance(7200_000 - 4 * 60_000); // inside the 5-minute margin
    await pushAndWait('提前刷新');
    expect(w.fake.calls.gettoken).toBe(5);
  });
});

describe('WeCom outbox: failures', () => {
  let w: World;
  let lina: User;
  beforeAll(async () => {
    w = await startWorld();
    lina = w.app.store.users.get('demo-lina')!;
  });
  afterEach(() => w.fake.clearFailures());
  afterAll(async () => w.close());

  it('retries transient failures (-1, HTTP 500, 45033) with back-off and delivers once', async () => {
    w.fake.failNext('message/send', { errcode: -1, errmsg: 'system busy' });
    w.fake.failNext('message/send', { status: 500 });
    w.fake.failNext('message/send', { errcode: 45033, errmsg: 'api concurrent out of limit' });
    const before = w.fake.delivered('lina').length;
    w.app.services.push(lina, text('重试后送达'));
    await w.fake.waitFor(() => w.fake.delivered('lina').length > before);
    await settled(w);
    expect(lastOutbox(w)).toMatchObject({ status: 'sent', attempts: 4 });
    expect(w.fake.contents('lina').filter((c) => c === '重试后送达')).toHaveLength(1);
    expect(w.logs.filter((l) => l.msg === 'outbound message will be retried').map((l) => l.error)).toEqual([
      expect.stringContaining('-1 system busy'),
      expect.stringContaining('HTTP 500'),
      expect.stringContaining('45033'),
    ]);
  });

  it('waits a minute after 45009 (frequency limit) before trying again', async () => {
    w.fake.failNext('message/send', { errcode: 45009, errmsg: 'api freq out of limit' });
    w.app.services.push(lina, text('限频后送达'));
    await w.until(() => lastOutbox(w).attempts === 1 && lastOutbox(w).status === 'pending', 'first attempt');
    const row = lastOutbox(w);
    expect(row.nextAttemptAt - w.clock.now()).toBeGreaterThan(50_000);
    w.clock.advance(61_000);
    await w.fake.waitFor(() => w.fake.contents('lina').includes('限频后送达'));
    await settled(w);
    expect(lastOutbox(w)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('stops on a permanent error, keeps WeCom\'s text, hints the admin and reports degraded health', async () => {
    w.fake.failNext('message/send', { errcode: 60020, errmsg: 'not allow to access from your ip' });
    w.app.services.push(lina, text('不会送达'));
    await w.until(() => lastOutbox(w).status === 'failed', 'marked failed');
    expect(lastOutbox(w)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('60020 not allow to access from your ip') });
    const line = w.logs.find((l) => l.msg === 'WeCom refused the message');
    expect(line).toMatchObject({ hint: expect.stringContaining('企业可信IP'), error: expect.stringContaining('60020') });
    const health = (await (await fetch(`${w.base}/healthz`)).json()) as any;
    expect(health.channels.wecom).toMatchObject({ status: 'degraded', detail: expect.stringContaining('60020') });

    // Fixed by the admin: the next send succeeds and health recovers.
    w.app.services.push(lina, text('恢复'));
    await w.fake.waitFor(() => w.fake.contents('lina').includes('恢复'));
    expect(((await (await fetch(`${w.base}/healthz`)).json()) as any).channels.wecom.status).toBe('ok');
  });

  it('marks 81013 (no valid recipient) failed without retrying', async () => {
    w.app.store.users.upsert({ id: 'u-gone', name: '离职者', role: 'rep', managerId: null, teamName: null, hiredAt: null, wecomUserId: 'gone', dingtalkStaffId: null });
    w.fake.markInvalid('gone');
    w.app.services.push(w.app.store.users.get('u-gone')!, text('找不到人'));
    await w.until(() => lastOutbox(w).status === 'failed', 'marked failed');
    expect(lastOutbox(w)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('81013') });
    expect(w.logs.find((l) => l.msg === 'WeCom refused the message' && l.error.includes('81013'))?.hint).toContain('可见范围');
  });

  it('treats a revoked secret (40001 at gettoken) as a configuration error, not a loop', async () => {
    w.fake.revokeToken();
    w.fake.failNext('gettoken', { errcode: 40001, errmsg: 'invalid credential' });
    w.app.services.push(lina, text('密钥错误'));
    await w.until(() => lastOutbox(w).status === 'failed', 'marked failed');
    expect(lastOutbox(w).attempts).toBe(1);
    expect(w.logs.find((l) => l.msg === 'WeCom refused the message' && l.error.includes('40001'))?.hint).toContain('WECOM_SECRET');
  });

  it('sends a long markdown reply as parts under 2,048 bytes and does not repeat a part on retry', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `**客户${i}** 恒信精密机械有限公司：T3 方案报价，预计本月签约，金额 38万`);
    w.fake.failNext('message/send', {}); // part 1 goes through
    w.fake.failNext('message/send', { errcode: -1, errmsg: 'system busy' }); // part 2 fails once
    const before = w.fake.delivered('lina').length;
    w.app.services.push(lina, markdown('客户清单', lines.join('\n')));
    await w.until(() => lastOutbox(w).status === 'sent', 'sent');
    const parts = w.fake.delivered('lina').slice(before);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(utf8Bytes(p.body.markdown.content)).toBeLessThanOrEqual(2048);
    expect(parts.map((p) => p.body.markdown.content).join('\n')).toBe(`**客户清单**\n${lines.join('\n')}`);
  });
});

describe('WeCom slow answers', () => {
  it('gives up on an answer slower than WECOM_TIMEOUT_MS and retries', async () => {
    const w = await startWorld({ env: { WECOM_TIMEOUT_MS: '300' } });
    try {
      const lina = w.app.store.users.get('demo-lina')!;
      w.app.services.push(lina, text('先预热'));
      await w.fake.waitFor(() => w.fake.delivered('lina').length === 1);
      w.fake.failNext('message/send', { delayMs: 700, errcode: -1 });
      w.app.services.push(lina, text('慢回答'));
      await w.until(() => lastOutbox(w).status === 'sent', 'sent after retry');
      expect(lastOutbox(w).attempts).toBe(2);
      expect(w.logs.some((l) => l.msg === 'outbound message will be retried' && /no answer within 300 ms/.test(l.error))).toBe(true);
    } finally {
      await w.close();
    }
  });
});

describe('WeCom restart', () => {
  it('resumes the outbox, never reprocesses a message, and finishes callbacks acknowledged before the stop', async () => {
    const clock = createClock();
    const first = await startWorld({ clock });
    const { fake, dir } = first;
    fake.failNext('message/send', { status: 502 }, 10_000);
    // A reply that cannot be sent yet.
    const e = first.client.envelope(first.client.text('chenjing', '/我的漏斗', '880001'));
    expect((await first.client.postRaw(e.body, e.query)).status).toBe(200);
    await first.until(() => first.app.store.outbox.list('pending').some((r) => r.attempts >= 1), 'a failed attempt');
    // A contact change stored and acknowledged, but the process stops before handling it.
    const contact = decodePayload(first.client.contact('create_user', { UserID: 'newbie', Name: '钱多多', Department: '1' }), new Date(clock.now()));
    if (contact.kind === 'ignored') throw new Error('unreachable');
    expect(first.app.router.accept(contact.inbound)).toBe(true);
    await first.stopApp();

    fake.clearFailures();
    const second = await startWorld({ clock, fake, dir });
    try {
      await fake.waitFor(() => fake.delivered('chenjing').length === 1);
      expect(fake.contents('chenjing')[0]).toContain('陈静的销售漏斗');
      expect(second.app.store.users.findByWecomUserId('newbie')).toMatchObject({ name: '钱多多', role: 'rep' });

      // WeCom retries the first message to the new process: acknowledged, not run again.
      expect((await second.client.postRaw(e.body, e.query)).status).toBe(200);
      await second.app.dispatcher.drain('wecom');
      expect(fake.delivered('chenjing')).toHaveLength(1);
    } finally {
      await second.close();
      await fake.close();
      dir.cleanup();
    }
  });
});

describe('WeCom pacing', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld();
  });
  afterAll(async () => w.close());

  it('sends at most 30 a minute to one member, so WeCom drops nothing, and sends the rest later', async () => {
    const lina = w.app.store.users.get('demo-lina')!;
    for (let i = 1; i <= 35; i += 1) w.app.services.push(lina, text(`提醒 ${i}`));
    await w.fake.waitFor(() => w.fake.sent.length >= 30);
    await w.app.dispatcher.drain('wecom');
    expect(w.fake.sent).toHaveLength(30);
    expect(w.app.store.outbox.list('pending')).toHaveLength(5);
    w.clock.advance(61_000);
    await w.fake.waitFor(() => w.fake.sent.length === 35);
    expect(w.fake.sent.filter((m) => m.dropped)).toHaveLength(0);
    expect(w.fake.contents('lina').at(-1)).toBe('提醒 35');
    // Another member is not held back by lina's limit.
    w.app.services.push(w.app.store.users.get('demo-zhangwei')!, text('你好'));
    await w.fake.waitFor(() => w.fake.delivered('zhangwei').length === 1);
  });

  it('holds pushes in the congested :00 and :30 minutes, replies are not held', async () => {
    const at = createClock(Date.parse('2026-03-02T10:30:05+08:00'));
    const h = await startWorld({ clock: at });
    try {
      h.app.services.push(h.app.store.users.get('demo-liuyang')!, text('晨报'));
      await h.until(() => h.app.store.outbox.list('pending').some((r) => r.lastError?.includes('congested')), 'held');
      const held = h.app.store.outbox.list('pending')[0]!;
      expect(held.nextAttemptAt).toBeGreaterThanOrEqual(Date.parse('2026-03-02T10:31:00+08:00'));
      // A reply to a typed command goes out at once.
      await h.client.post(h.client.text('liuyang', '/帮助'));
      await h.fake.waitFor(() => h.fake.delivered('liuyang').length === 1);
      expect(h.fake.contents('liuyang')[0]).toContain('可用命令');
      at.advance(3 * 60_000);
      await h.fake.waitFor(() => h.fake.contents('liuyang').includes('晨报'));
    } finally {
      await h.close();
    }
  });
});

describe('test clock', () => {
  it('starts on a Monday morning in Shanghai outside the congested minutes', () => {
    expect(new Date(T0).toISOString()).toBe('2026-03-02T02:07:00.000Z');
  });
});
