import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDingtalkApi, type DingtalkApi } from '../../../src/channels/dingtalk/api-client.ts';
import { silentLogger } from '../../../src/logger.ts';
import { startFakeDingtalk, type FakeDingtalk } from '../../fakes/fake-dingtalk.ts';

const md = JSON.stringify({ title: '早报', text: '## 早上好' });

describe('DingTalk OpenAPI client against the fake', () => {
  let fake: FakeDingtalk;
  let clock: number;
  let api: DingtalkApi;
  beforeEach(async () => {
    fake = await startFakeDingtalk({ knownStaff: ['dt-lina', 'dt-zhangwei'] });
    clock = Date.now();
    api = createDingtalkApi({
      apiBase: fake.apiBase,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      robotCode: fake.clientId,
      logger: silentLogger(),
      now: () => clock,
    });
  });
  afterEach(async () => fake.close());

  it('caches the access token and refreshes it five minutes before it expires', async () => {
    expect((await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md)).ok).toBe(true);
    expect((await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md)).ok).toBe(true);
    expect(fake.tokenRequests).toBe(1);
    clock += (7200 - 301) * 1000;
    await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md);
    expect(fake.tokenRequests).toBe(1);
    clock += 2000;
    await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md);
    expect(fake.tokenRequests).toBe(2);
    expect(fake.sentTo('dt-lina')).toHaveLength(4);
  });

  it('asks for one token when many sends start together', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => api.sendToUsers(['dt-zhangwei'], 'sampleMarkdown', md)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fake.tokenRequests).toBe(1);
  });

  it('drops a revoked token and retries once with a fresh one', async () => {
    await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md);
    fake.revokeTokens();
    const r = await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md);
    expect(r.ok).toBe(true);
    expect(fake.tokenRequests).toBe(2);
    expect(fake.rejected).toContainEqual({ endpoint: 'auth', status: 401, code: 'InvalidAuthentication' });
    expect(fake.sentTo('dt-lina')).toHaveLength(2);
  });

  it('reports the per-person lists of a 200 answer', async () => {
    fake.flowControl('dt-lina');
    const r = await api.sendToUsers(['dt-lina', 'dt-zhangwei', 'dt-gone'], 'sampleMarkdown', md);
    expect(r).toMatchObject({ ok: true, data: { flowControlledStaffIdList: ['dt-lina'], invalidStaffIdList: ['dt-gone'] } });
    expect(fake.sent.map((s) => s.to)).toEqual(['dt-zhangwei']);
  });

  it('classifies throttling and 5xx as retry, bad parameters as permanent', async () => {
    fake.failNext('batchSend', 429, { code: 'Throttling.Api', message: 'too many' });
    expect(await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md)).toMatchObject({ ok: false, retry: true });
    fake.failNext('batchSend', 503, { code: 'ServiceUnavailable' });
    expect(await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md)).toMatchObject({ ok: false, retry: true });
    fake.failNext('groupSend', 400, { code: 'invalidParameter.openConversationId', message: 'no such group' });
    expect(await api.sendToGroup('cidNope', 'sampleMarkdown', md)).toMatchObject({ ok: false, retry: false });
    expect(await api.sendToUsers([], 'sampleMarkdown', md)).toMatchObject({ ok: false, retry: false });
  });

  it('retries when the API cannot be reached at all', async () => {
    await fake.close();
    const r = await api.sendToUsers(['dt-lina'], 'sampleMarkdown', md);
    expect(r).toMatchObject({ ok: false, retry: true });
    if (!r.ok) expect(r.error).toMatch(/^network/);
    fake = await startFakeDingtalk();
  });
});
