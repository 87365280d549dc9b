// Test harness: a real app on a temp SQLite file with the console channel captured, plus a
// chat-like client (`as(name).say('/我的漏斗')`) that returns what the bot printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { createApp, type AppOptions, type App } from '../../src/app.ts';
import { silentLogger } from '../../src/logger.ts';
import { consoleInbound, type ConsoleDelivery } from '../../src/channels/console/console-channel.ts';
import { findUser } from '../../src/channels/console/console-repl.ts';

export function tempDir(prefix = 'sales-radar-test-'): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function testConfig(overrides: Record<string, string> = {}, dir = tempDir().path): Config {
  // BRIEF_CRON off: a test started between 08:20 and 11:00 must not receive a catch-up brief
  // (brief tests turn it on with a fixed clock).
  return loadConfig({ DATABASE_PATH: join(dir, 'test.db'), PORT: '0', LOG_LEVEL: 'silent', BRIEF_CRON: 'off', ...overrides });
}

export interface TestApp {
  app: App;
  config: Config;
  /** Every message the console channel printed, in order. */
  printed: ConsoleDelivery[];
  as(nameOrId: string): ChatClient;
  close(): Promise<void>;
}

export interface ChatClient {
  /** Sends a line as this user and returns the plain text of the replies to them. */
  say(line: string): Promise<string>;
}

export function createTestApp(options: AppOptions & { env?: Record<string, string> } = {}): TestApp {
  const dir = tempDir();
  const config = testConfig(options.env ?? {}, dir.path);
  const printed: ConsoleDelivery[] = [];
  const app = createApp(config, {
    logger: silentLogger(),
    console: { write: (d) => printed.push(d) },
    ...options,
  });
  return {
    app,
    config,
    printed,
    as(nameOrId: string): ChatClient {
      return {
        async say(line: string): Promise<string> {
          const user = findUser(app, nameOrId);
          const senderId = user?.id ?? nameOrId;
          const before = printed.length;
          await app.router.handleInbound(consoleInbound(senderId, line));
          await app.dispatcher.drain('console');
          return printed
            .slice(before)
            .filter((d) => d.userId === senderId)
            .map((d) => d.text)
            .join('\n');
        },
      };
    },
    async close() {
      await app.stop();
      dir.cleanup();
    },
  };
}
