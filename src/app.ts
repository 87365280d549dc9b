// Wires the application without doing I/O (createApp); start() opens the HTTP port, the
// channels, the outbox and the scheduler; stop() closes them in reverse order.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { openDatabase, type Db } from './store/db.ts';
import { createStore } from './store/index.ts';
import { loadRules, type Rules } from './domain/rules.ts';
import { createRouter, type ConversationHandler } from './core/router.ts';
import { createOutboxDispatcher } from './core/outbox-dispatcher.ts';
import type { Channel } from './core/channel.ts';
import type { PushOptions, Services } from './core/context.ts';
import type { OutboundMessage } from './core/message.ts';
import type { User } from './domain/types.ts';
import { createEventHub } from './core/events.ts';
import { COMMANDS } from './commands/index.ts';
import type { CommandSpec } from './core/command.ts';
import { createConfiguredChannels, type ChannelModule } from './channels/index.ts';
import { createConsoleChannel, type ConsoleDelivery } from './channels/console/console-channel.ts';
import { createHttpApp } from './http/server.ts';
import { createScheduler, type Job } from './jobs/scheduler.ts';
import { configuredJobs } from './jobs/index.ts';
import { registerSopModule } from './services/sop/index.ts';
import { connectBriefs } from './services/brief-extensions.ts';
import { mountPipelineApi } from './http/pipeline-api.ts';
import { onConversation as recordConversation } from './services/chat-ingest.ts';
import { setUpInsight } from './services/insight.ts';
import { mountMessagesApi } from './http/messages-api.ts';

export interface AppOptions {
  logger?: Logger;
  now?: () => number;
  db?: Db;
  rules?: Rules;
  /** Add the console channel; `write` receives what it prints. */
  console?: { write?: (d: ConsoleDelivery) => void } | boolean;
  /** Extra channels (tests); configured platform channels are added from config. */
  channels?: ChannelModule[];
  commands?: CommandSpec<any>[];
  jobs?: Job[];
  onConversation?: ConversationHandler;
  outbox?: { pollMs?: number; baseDelayMs?: number; maxAttempts?: number };
}

/** Preferred channel order for proactive pushes to a user. */
const PUSH_ORDER = ['wecom', 'dingtalk', 'console'] as const;

export function createApp(config: Config, options: AppOptions = {}) {
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? Date.now;
  const db = options.db ?? openDatabase(config.databasePath);
  const store = createStore(db, now);
  const rules = options.rules ?? loadRules(config.rulesFile);
  const dispatcher = createOutboxDispatcher({ outbox: store.outbox, logger, now, ...options.outbox });
  const channelMap = new Map<string, Channel>();

  const services: Services = {
    store,
    rules,
    config,
    logger,
    now,
    events: createEventHub(logger),
    push(user: User, message: OutboundMessage, pushOptions: PushOptions = {}): boolean {
      for (const name of PUSH_ORDER) {
        const target = channelMap.get(name)?.targetForUser?.(user);
        if (!target) continue;
        const id = store.outbox.enqueue({ ...target, userId: user.id }, message, pushOptions);
        if (id !== null) void dispatcher.notify(name);
        return id !== null;
      }
      logger.warn({ userId: user.id }, 'no channel reaches this user; push dropped');
      return false;
    },
  };

  registerSopModule(services);
  connectBriefs(services);

  const router = createRouter({
    services,
    commands: options.commands ?? COMMANDS,
    onConversation: options.onConversation ?? recordConversation,
    onQueued: (channel) => void dispatcher.notify(channel),
  });

  const modules: ChannelModule[] = [
    ...createConfiguredChannels(config, { router, services, notify: (channel) => void dispatcher.notify(channel) }),
    ...(options.channels ?? []),
  ];
  if (options.console) {
    const write = typeof options.console === 'object' ? options.console.write : undefined;
    modules.push({ channel: createConsoleChannel({ write }) });
  }
  for (const m of modules) {
    channelMap.set(m.channel.name, m.channel);
    dispatcher.register(m.channel);
  }

  // Conversation insight: validate keywords/ now (a bad file stops the start) and mount its API.
  setUpInsight(services);
  const http = createHttpApp({
    services,
    channels: modules,
    extendApi: (api) => {
      mountPipelineApi(api, services);
      mountMessagesApi(api, services);
    },
  });
  const scheduler = createScheduler(options.jobs ?? configuredJobs(config), services, logger);
  let server: Server | undefined;

  return {
    config,
    logger,
    db,
    store,
    services,
    router,
    dispatcher,
    channels: modules,
    http,
    scheduler,

    async start(): Promise<{ port: number }> {
      // Finish what was acknowledged before the last stop first, so no new delivery can race with it.
      await router.recover((m) => {
        const channel = channelMap.get(m.channel);
        return channel?.handle ? (x) => channel.handle!(x) : undefined;
      });
      server = await new Promise<Server>((resolve, reject) => {
        const s = http.listen(config.port, config.host, () => resolve(s));
        s.once('error', reject);
      });
      const port = (server.address() as AddressInfo).port;
      dispatcher.start();
      for (const m of modules) await m.channel.start();
      scheduler.start();
      logger.info({ host: config.host, port, channels: modules.map((m) => m.channel.name) }, 'sales-radar started');
      return { port };
    },

    async stop(): Promise<void> {
      await scheduler.stop();
      for (const m of [...modules].reverse()) await m.channel.stop();
      await dispatcher.stop();
      if (server) {
        const s = server;
        server = undefined;
        s.closeAllConnections?.();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      if (db.open) db.close();
    },
  };
}

export type App = ReturnType<typeof createApp>;
