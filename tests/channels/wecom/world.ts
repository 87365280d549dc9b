// A started app with the WeCom channel pointed at the loopback fake, a WeCom-like callback
// client, a clock that runs in real time from a fixed business moment (so :00/:30 holds and
// daily limits are deterministic) and can be moved forward, and captured logs.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createApp, type App } from '../../../src/app.ts';
import { loadDemo } from '../../../src/demo/demo-org.ts';
import type { WecomChannel } from '../../../src/channels/wecom/index.ts';
import { tempDir, testConfig } from '../../support/harness.ts';
import { FAKE_APP, startFakeWecom, wecomEnv, type FakeWecom } from '../../fakes/fake-wecom.ts';
import { createCallbackClient, type CallbackClient } from '../../fakes/wecom-callback-client.ts';

/** Monday 2 March 2026, 10:07:00 in Shanghai: not a congested :00/:30 minute. */
export const T0 = Date.parse('2026-03-02T10:07:00+08:00');

export function createClock(start = T0) {
  const began = Date.now();
  let skew = 0;
  return {
    now: () => start + (Date.now() - began) + skew,
    advance(ms: number) {
      skew += ms;
    },
  };
}

export type LogLine = Record<string, any> & { msg: string; level: number };

export interface World {
  app: App;
  fake: FakeWecom;
  client: CallbackClient;
  base: string;
  clock: ReturnType<typeof createClock>;
  logs: LogLine[];
  dir: { path: string; cleanup(): void };
  channel: WecomChannel;
  /** Polls until the predicate holds (the work after the acknowledgement is asynchronous). */
  until(predicate: () => boolean, what?: string, ms?: number): Promise<void>;
  /** Stops the app only (the fake and the database stay), for restart tests. */
  stopApp(): Promise<void>;
  close(): Promise<void>;
}

export interface WorldOptions {
  demo?: boolean;
  fake?: FakeWecom;
  clock?: ReturnType<typeof createClock>;
  dir?: { path: string; cleanup(): void };
  env?: Record<string, string>;
  tokenLifetimeS?: number;
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const clock = options.clock ?? createClock();
  const fake = options.fake ?? (await startFakeWecom({ ...FAKE_APP, now: clock.now, tokenLifetimeS: options.tokenLifetimeS }));
  const dir = options.dir ?? tempDir('sales-radar-wecom-');
  const config = testConfig(
    { ...wecomEnv(fake.url), WECOM_TIMEOUT_MS: '3000', ...options.env },
    dir.path,
  );
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const app = createApp(config, { logger, now: clock.now, outbox: { pollMs: 20, baseDelayMs: 20, maxAttempts: 8 } });
  if (options.demo !== false && app.store.users.count() === 0) loadDemo(app.store, clock.now());
  const { port } = await app.start();
  const base = `http://127.0.0.1:${port}`;
  const client = createCallbackClient({ ...FAKE_APP, url: `${base}/wecom/callback`, now: clock.now });
  const channel = app.channels.find((m) => m.channel.name === 'wecom')!.channel as WecomChannel;
  let stopped = false;
  const stopApp = async () => {
    if (!stopped) await app.stop();
    stopped = true;
  };

  return {
    app,
    fake,
    client,
    base,
    clock,
    logs,
    dir,
    channel,
    async until(predicate, what = 'condition', ms = 5000) {
      const deadline = Date.now() + ms;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stopApp,
    async close() {
      await stopApp();
      if (!options.fake) await fake.close();
      if (!options.dir) dir.cleanup();
    },
  };
}
