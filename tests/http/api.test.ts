import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';

const TOKEN = 'test-token-0123456789abcdef';

describe('CRM / org sync API on a started server', () => {
  let t: TestApp;
  let base: string;
  const call = (method: string, path: string, body?: unknown, token: string | null = TOKEN) =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = createTestApp({ env: { API_TOKEN: TOKEN } });
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => t.close());

  it('reports health without a token', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ok', db: 'ok' });
  });

  it('rejects a wrong or missing token with 401', async () => {
    expect((await call('PUT', '/api/users/u1', { name: 'x', role: 'rep' }, 'wrong-token')).status).toBe(401);
    expect((await call('PUT', '/api/users/u1', { name: 'x', role: 'rep' }, null)).status).toBe(401);
    expect(t.app.store.users.get('u1')).toBeNull();
  });

  it('creates, then idempotently re-applies a user', async () => {
    const body = { name: '王强', role: 'manager', teamName: '华北', hiredAt: '2020-01-01', wecomUserId: 'wq' };
    const first = await call('PUT', '/api/users/m1', body);
    expect(first.status).toBe(201);
    const again = await call('PUT', '/api/users/m1', body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: 'm1', result: 'unchanged' });
  });

  it('lists each invalid field', async () => {
    const r = await call('PUT', '/api/users/u9', { name: '', role: 'boss', hiredAt: 'yesterday', extra: 1 });
    expect(r.status).toBe(400);
    const fields = ((await r.json()) as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['name', 'role', 'hiredAt']));
    expect(fields.some((f) => f === '(body)' || f === '')).toBe(true); // the unknown key
  });

  it('answers broken JSON with 400 and an oversize body with 413', async () => {
    expect((await call('PUT', '/api/users/u1', '{"name": ')).status).toBe(400);
    const huge = JSON.stringify({ users: [{ id: 'x', name: 'y'.repeat(6_000_000), role: 'rep' }] });
    const tooLarge = await call('POST', '/api/batch', huge);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { message: string }).message).toContain('5mb');
  });

  it('answers a body sent without the JSON content type with 415 and what to send', async () => {
    const r = await fetch(`${base}/api/users/u1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ name: '王强', role: 'rep' }),
    });
    expect(r.status).toBe(415);
    expect(((await r.json()) as { message: string }).message).toContain('Content-Type: application/json');
    expect(t.app.store.users.get('u1')).toBeNull();
  });

  it('refuses an opportunity for an unknown customer with 422', async () => {
    const r = await call('PUT', '/api/opportunities/o-x', { customerId: 'nope', ownerId: 'nobody', stage: 'T1', amount: 1 });
    expect(r.status).toBe(422);
    const fields = ((await r.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(['customerId', 'ownerId']);
  });

  it('writes stage history on stage changes only, with backfilled times', async () => {
    await call('PUT', '/api/users/r1', { name: '张伟', role: 'rep', managerId: 'm1', teamName: '华北' });
    await call('PUT', '/api/customers/c1', { name: '恒信精密', ownerId: 'r1', industry: '制造', tier: 'K', aliases: ['恒信'], externalUserIds: ['wmEXT1'] });
    const opp = { customerId: 'c1', ownerId: 'r1', stage: 'T1', amount: 300000, expectedCloseDate: '2026-12-31' };
    expect((await call('PUT', '/api/opportunities/o1', { ...opp, stageChangedAt: '2026-10-01T09:00:00+08:00' })).status).toBe(201);
    expect((await call('PUT', '/api/opportunities/o1', opp)).status).toBe(200);
    await call('PUT', '/api/opportunities/o1', { ...opp, stage: 'T3', stageChangedAt: '2026-11-02T09:00:00+08:00' });
    const history = t.app.store.opportunities.historyOf('o1');
    expect(history.map((h) => [h.fromStage, h.toStage, new Date(h.changedAt).toISOString()])).toEqual([
      [null, 'T1', '2026-10-01T01:00:00.000Z'],
      ['T1', 'T3', '2026-11-02T01:00:00.000Z'],
    ]);
    expect(t.app.store.customers.findByExternalUserId('wmEXT1')?.id).toBe('c1');
  });

  it('applies a batch, keeping valid items and reporting each bad one', async () => {
    const r = await call('POST', '/api/batch', {
      users: [
        { id: 'r2', name: '李娜', role: 'rep', managerId: 'm1' },
        { id: 'r3', name: '', role: 'rep' },
      ],
      customers: [{ id: 'c2', name: '瑞康医疗', ownerId: 'r2' }, { id: 'c3', name: '无主客户', ownerId: 'ghost' }],
      opportunities: [{ id: 'o2', customerId: 'c2', ownerId: 'r2', stage: 'T3', amount: 500000 }, { name: 'no id' }],
    });
    expect(r.status).toBe(207);
    const body = (await r.json()) as Record<string, { applied: number; errors: { index: number; id?: string }[] }>;
    expect(body.users).toMatchObject({ applied: 1, errors: [{ index: 1, id: 'r3' }] });
    expect(body.customers).toMatchObject({ applied: 1, errors: [{ index: 1, id: 'c3' }] });
    expect(body.opportunities).toMatchObject({ applied: 1, errors: [{ index: 1 }] });
    expect(t.app.store.users.get('r2')?.name).toBe('李娜');
    expect(t.app.store.opportunities.get('o2')?.stage).toBe('T3');
  });

  it('serves a funnel and 404s an unknown user', async () => {
    const r = await call('GET', '/api/funnel/r1');
    expect(r.status).toBe(200);
    const body = (await r.json()) as { summary: { openCount: number }; reserve: { stage: string; count: number }[] };
    expect(body.summary.openCount).toBe(1);
    expect(body.reserve.find((c) => c.stage === 'T3')?.count).toBe(1);
    expect((await call('GET', '/api/funnel/ghost')).status).toBe(404);
  });

  it('lets a manager see reports at any depth, and only them', async () => {
    await call('PUT', '/api/users/m0', { name: '总监', role: 'manager' });
    await call('PUT', '/api/users/m1', { name: '王强', role: 'manager', teamName: '华北', hiredAt: '2020-01-01', wecomUserId: 'wq', managerId: 'm0' });
    await call('PUT', '/api/users/m9', { name: '别组主管', role: 'manager' });
    expect(await t.as('m0').say('/团队漏斗')).toMatch(/张伟[\s\S]*李娜|李娜[\s\S]*张伟/);
    expect(await t.as('m9').say('/团队漏斗')).toContain('还没有销售代表');
  });
});

describe('API without API_TOKEN', () => {
  it('is disabled with a clear 503', async () => {
    const t = createTestApp();
    const { port } = await t.app.start();
    const r = await fetch(`http://127.0.0.1:${port}/api/funnel/x`);
    expect(r.status).toBe(503);
    expect(((await r.json()) as { message: string }).message).toContain('API_TOKEN');
    await t.close();
  });
});
