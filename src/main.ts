// `npm start`: validate the environment, wire the app, start it; SIGTERM/SIGINT stop it cleanly.
// Without platform credentials and with a terminal attached, it also loads the demo team (when
// the database has no organisation yet) and opens the console.
import { join, dirname } from 'node:path';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { createLogger } from './logger.ts';
import { loadDemo } from './demo/demo-org.ts';
import { loadDemoConversations } from './demo/demo-conversations.ts';
import { runConsole } from './channels/console/console-repl.ts';
import { SchemaTooNewError } from './store/db.ts';

export async function startService(): Promise<number> {
  const config = loadConfig();
  const interactive = Boolean(process.stdin.isTTY) && !hasPlatformChannel();
  const logFile = join(dirname(config.databasePath), 'sales-radar.log');
  const logger = interactive
    ? createLogger(config.logLevel, pino.destination({ dest: logFile, mkdir: true, sync: false }))
    : createLogger(config.logLevel);
  const app = createApp(config, { logger, console: interactive });
  const { port } = await app.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (interactive) {
    if (app.store.users.count() === 0 && loadDemo(app.store) && loadDemoConversations(app.services) >= 0) process.stdout.write('数据库为空，已载入演示团队（主管王强 + 6 名销售）。\n');
    process.stdout.write(`销售雷达已启动：http://${config.host}:${port}/healthz ，日志写入 ${logFile}\n`);
    await runConsole(app);
    await stop('console closed');
  } else {
    process.stdout.write(`sales-radar listening on http://${config.host}:${port}\n`);
  }
  return 0;
}

/** True when any platform channel has credentials (they add themselves to this check). */
export function hasPlatformChannel(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.WECOM_CORP_ID || env.DINGTALK_CLIENT_ID);
}

const isEntry = process.argv[1] && import.meta.url === `file://${process.argv[1]}`;
if (isEntry) {
  startService().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof SchemaTooNewError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`sales-radar failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    }
    process.exit(1);
  });
}
