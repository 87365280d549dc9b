import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', databasePath: './data/sales-radar.db', timeZone: 'Asia/Shanghai', apiToken: undefined });
  });

  it('names every bad variable in one readable error', () => {
    try {
      loadConfig({ PORT: 'abc', TZ: 'Mars/Olympus', API_TOKEN: 'short', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'TZ', 'API_TOKEN', 'LOG_LEVEL']) expect(message).toContain(`${name}:`);
      expect(message).not.toContain('short'); // the token value itself is never echoed
    }
  });

  it('treats an empty API_TOKEN as unset', () => {
    expect(loadConfig({ API_TOKEN: '' }).apiToken).toBeUndefined();
  });
});
