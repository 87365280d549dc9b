import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { createClock, recordLine } from '../support/pipeline-fixtures.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';
import { DAY_MS } from '../../src/domain/time.ts';

const TOKEN = 'test-token-0123456789abcdef';

describe('pipeline API on a started server with the demo team', () => {
  let t: TestApp;
  let base: string;
  const clock = createClock('2026-05-13T02:00:00Z');
  const call = (method: string, path: string, body?: unknown, token: string | null = TOKEN) =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stageOf = (id: string) => t.app.store.opportunities.get(id)!.stage;

  beforeAll(async () => {
    t = createTestApp({ env: { API_TOKEN: TOKEN }, now: clock.now });
    loadDemo(t.app.store, clock.now());
    const { port } = await t.app.start();
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => t.close());

  it('refuses a move without a token', async () => {
    expect((await call('POST', '/api/opportunities/demo-opp-B06/stage', { stage: 'T3', by: 'demo-lina' }, null)).status).toBe(401);
  });

  it('answers the MOT gate with 409 and the missing facts, moving nothing', async () => {
    const r = await call('POST', '/api/opportunities/demo-opp-B06/stage', { stage: 'T3', by: 'demo-lina' });
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: 'mot_gate', from: 'T2', to: 'T3', missing: ['budget', 'timeline', 'decision_maker'] });
    expect(stageOf('demo-opp-B06')).toBe('T2');
  });

  it('moves once the signals are there, with the acting user in the history', async () => {
    const customerId = t.app.store.opportunities.get('demo-opp-B06')!.customerId;
    recordLine(t.app.store, {
      customerId, userId: 'demo-lina', sender: 'ext-api-1', text: '预算50万，月底定，张总拍板', at: clock.now() - DAY_MS,
      signals: [['budget', 'positive'], ['timeline', 'positive'], ['decision_maker', 'positive']],
    });
    const r = await call('POST', '/api/opportunities/demo-opp-B06/stage', { stage: '方案报价', by: 'demo-lina' });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { result: string; gate: { fact: string; status: string }[] };
    expect(body.result).toBe('moved');
    expect(body.gate.map((g) => g.status)).toEqual(['signal', 'signal', 'signal']);
    expect(t.app.db.prepare("SELECT changed_by, source FROM stage_history WHERE opportunity_id = 'demo-opp-B06' ORDER BY id DESC LIMIT 1").get())
      .toEqual({ changed_by: 'demo-lina', source: 'api' });
  });

  it("forbids a rep to move another rep's deal and lets the manager do it on behalf", async () => {
    const denied = await call('POST', '/api/opportunities/demo-opp-B09/stage', { stage: 'T4', by: 'demo-zhangwei' });
    expect(denied.status).toBe(403);
    expect(stageOf('demo-opp-B09')).toBe('T3');
    const ok = await call('POST', '/api/opportunities/demo-opp-B09/stage', { stage: 'T4', by: 'demo-wangqiang' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ result: 'moved', onBehalf: true });
  });

  it('validates the body, the stage, the acting user, the deal and the LOST reason', async () => {
    expect((await call('POST', '/api/opportunities/demo-opp-B04/stage', { stage: 'T2' })).status).toBe(400);
    expect((await call('POST', '/api/opportunities/demo-opp-B04/stage', { stage: 'T2', by: 'demo-lina', extra: 1 })).status).toBe(400);
    expect((await call('POST', '/api/opportunities/demo-opp-B04/stage', { stage: 'T9', by: 'demo-lina' })).status).toBe(400);
    expect((await call('POST', '/api/opportunities/demo-opp-B04/stage', '{"stage": ')).status).toBe(400);
    expect((await call('POST', '/api/opportunities/demo-opp-B04/stage', { stage: 'T2', by: 'nobody' })).status).toBe(422);
    expect((await call('POST', '/api/opportunities/nope/stage', { stage: 'T2', by: 'demo-lina' })).status).toBe(404);
    expect((await call('POST', '/api/opportunities/demo-opp-B04/stage', { stage: 'LOST', by: 'demo-lina', lostReason: '竞品' })).status).toBe(422);
    expect((await call('POST', '/api/opportunities/demo-opp-B04/stage', { stage: 'T1', by: 'demo-lina' })).status).toBe(409);
    const lost = await call('POST', '/api/opportunities/demo-opp-B04/stage', { stage: 'LOST', by: 'demo-lina', lostReason: '竞品', note: '客户选了别家' });
    expect(lost.status).toBe(200);
    expect(t.app.store.pipeline.lostReasonOf('demo-opp-B04')).toMatchObject({ reason: '竞品', note: '客户选了别家' });
  });

  it('serves the forecast, bottleneck and deal views as JSON', async () => {
    const f = await call('GET', '/api/forecast/demo-wangqiang');
    expect(f.status).toBe(200);
    const forecast = (await f.json()) as { scope: { kind: string; title: string }; forecast: { weeks: unknown[] }; ownerNames: Record<string, string> };
    expect(forecast.scope).toEqual({ kind: 'team', title: '华东大区' });
    expect(forecast.forecast.weeks).toHaveLength(13);
    expect(forecast.ownerNames['demo-lina']).toBe('李娜');

    const b = await call('GET', '/api/bottleneck/demo-lina');
    const bottleneck = (await b.json()) as { baseline: string; diagnosis: { lines: { factor: string }[] } };
    expect(bottleneck.baseline).toBe('team');
    expect(bottleneck.diagnosis.lines.map((l) => l.factor)).toEqual(['leads', 'reach', 'conversion', 'dealSize', 'repeat']);

    const d = await call('GET', '/api/deals/demo-wangqiang?scope=李娜');
    const deals = (await d.json()) as { user: { name: string }; deals: { deal: { id: string }; warnings: unknown[] }[] };
    expect(deals.user.name).toBe('李娜');
    expect(deals.deals.length).toBeGreaterThan(0);

    expect((await call('GET', '/api/forecast/nobody')).status).toBe(404);
    expect((await call('GET', '/api/forecast/demo-lina?scope=张伟')).status).toBe(403);
  });
});
