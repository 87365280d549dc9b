import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { hasPlatformChannel } from '../../../src/main.ts';

const full = {
  WECOM_CORP_ID: 'ww1436e0e65a779aee',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 's3cr3t',
  WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('WeCom configuration', () => {
  it('enables the channel when all five are set, with the public API as default base', () => {
    expect(loadConfig(full).wecom).toEqual({
      corpId: 'ww1436e0e65a779aee',
      agentId: 1000002,
      secret: 's3cr3t',
      token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
      encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
      apiBase: 'https://qyapi.weixin.qq.com',
      timeoutMs: 10_000,
      cardUrl: 'https://work.weixin.qq.com/',
    });
    expect(loadConfig({}).wecom).toBeUndefined();
    expect(hasPlatformChannel(full)).toBe(true);
  });

  it('names what is missing from a partial set', () => {
    const { WECOM_SECRET: _s, WECOM_TOKEN: _t, ...partial } = full;
    expect(problems(partial)).toEqual([expect.stringMatching(/^WECOM_SECRET, WECOM_TOKEN: missing/)]);
  });

  it('checks the AES key, the token and the agent id at start', () => {
    expect(problems({ ...full, WECOM_ENCODING_AES_KEY: 'tooshort' })).toEqual([expect.stringMatching(/^WECOM_ENCODING_AES_KEY: must be the 43-character/)]);
    expect(problems({ ...full, WECOM_TOKEN: 'has spaces in it' })).toEqual([expect.stringMatching(/^WECOM_TOKEN:/)]);
    expect(problems({ ...full, WECOM_AGENT_ID: 'abc' })).toEqual([expect.stringMatching(/^WECOM_AGENT_ID:/)]);
    expect(problems({ ...full, WECOM_API_BASE: 'not a url' })).toEqual([expect.stringMatching(/^WECOM_API_BASE:/)]);
  });
});
