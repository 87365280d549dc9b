import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';

describe('DingTalk configuration', () => {
  it('is off without credentials', () => {
    expect(loadConfig({}).dingtalk).toBeUndefined();
  });

  it('defaults the robot code to the client id and the URLs to the official ones', () => {
    expect(loadConfig({ DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: 's3cret' }).dingtalk).toEqual({
      clientId: 'dingabc',
      clientSecret: 's3cret',
      robotCode: 'dingabc',
      gatewayUrl: 'https://api.dingtalk.com/v1.0/gateway/connections/open',
      apiBase: 'https://api.dingtalk.com',
      watchdogMs: 60_000,
      reconnectMs: 1_000,
    });
  });

  it('names the missing half of the id/secret pair', () => {
    expect(() => loadConfig({ DINGTALK_CLIENT_ID: 'dingabc' })).toThrow(ConfigError);
    expect(() => loadConfig({ DINGTALK_CLIENT_ID: 'dingabc' })).toThrow(/DINGTALK_CLIENT_SECRET: is required when DINGTALK_CLIENT_ID is set/);
    expect(() => loadConfig({ DINGTALK_CLIENT_SECRET: 'x' })).toThrow(/DINGTALK_CLIENT_ID: is required/);
  });

  it('rejects a base URL that is not a URL', () => {
    expect(() => loadConfig({ DINGTALK_CLIENT_ID: 'a', DINGTALK_CLIENT_SECRET: 'b', DINGTALK_API_BASE: 'api.dingtalk' })).toThrow(
      /DINGTALK_API_BASE: must be a URL/,
    );
  });
});
