import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { checkWecom } from '../../../src/channels/wecom/check.ts';
import { FAKE_APP, startFakeWecom, wecomEnv, type FakeWecom } from '../../fakes/fake-wecom.ts';

describe('sales-radar wecom-check', () => {
  let fake: FakeWecom;
  beforeAll(async () => {
    fake = await startFakeWecom(FAKE_APP);
  });
  afterAll(async () => fake.close());
  const config = (env: Record<string, string> = {}) => loadConfig({ ...wecomEnv(fake.url), ...env }).wecom!;

  it('confirms working credentials and delivery to a member', async () => {
    const r = await checkWecom(config(), 'lina');
    expect(r.ok).toBe(true);
    expect(r.lines.join('\n')).toContain('message/send to lina: accepted');
    expect(fake.contents('lina')[0]).toContain('连接测试');
  });

  it('names a wrong secret and the untrusted IP with the fix', async () => {
    const bad = await checkWecom(config({ WECOM_SECRET: 'wrong' }));
    expect(bad.ok).toBe(false);
    expect(bad.lines.join('\n')).toMatch(/40001[\s\S]*hint: WECOM_SECRET/);

    fake.failNext('message/send', { errcode: 60020, errmsg: 'not allow to access from your ip' });
    const ip = await checkWecom(config(), 'lina');
    expect(ip.ok).toBe(false);
    expect(ip.lines.join('\n')).toMatch(/60020[\s\S]*企业可信IP/);
  });
});
