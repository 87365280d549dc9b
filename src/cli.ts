// `sales-radar <subcommand>`: one table of subcommands; each returns an exit code.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { createLogger } from './logger.ts';
import { loadDemo } from './demo/demo-org.ts';
import { loadDemoConversations } from './demo/demo-conversations.ts';
import { findUser, runConsole, say } from './channels/console/console-repl.ts';
import { startService } from './main.ts';
import { SchemaTooNewError, openDatabase, schemaVersion } from './store/db.ts';
import { checkCardFolder } from './services/sop/card-library.ts';
import { briefSubcommand, importSubcommand, signalsSubcommand } from './cli/insight-cli.ts';

interface Subcommand {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  start: {
    summary: 'Run the service (HTTP API, jobs, configured channels; console when no platform is set)',
    usage: 'sales-radar start',
    run: async () => startService(),
  },
  demo: {
    summary: 'Load the demo team (once) and open the console as one of its users',
    usage: 'sales-radar demo [--as 李娜] [--say "/储备"]',
    async run(argv) {
      const { values } = parseArgs({ args: argv, options: { as: { type: 'string' }, say: { type: 'string', multiple: true } } });
      const config = loadConfig();
      const oneShot = Boolean(values.say?.length);
      const app = createApp(config, {
        console: { write: (d) => process.stdout.write(`${d.text}\n${oneShot ? '' : '\n'}`) },
        logger: createLogger(oneShot ? 'error' : config.logLevel === 'info' ? 'warn' : config.logLevel),
      });
      try {
        if (loadDemo(app.store) && loadDemoConversations(app.services) >= 0) process.stderr.write('已载入演示团队：主管王强与销售张伟、李娜、刘洋、陈静、杨帆、赵磊。\n');
        if (oneShot) {
          const user = values.as ? findUser(app, values.as) : null;
          if (!user) {
            process.stderr.write(values.as ? `没有找到用户「${values.as}」。\n` : '请用 --as 指定用户，例如 --as 李娜\n');
            return 2;
          }
          for (const line of values.say ?? []) await say(app, user, line);
          return 0;
        }
        await runConsole(app, { as: values.as });
        return 0;
      } finally {
        await app.stop();
      }
    },
  },
  cards: {
    summary: 'Check the SOP card folder: cards that load, and each refused file with its reason',
    usage: 'sales-radar cards [--dir templates/sop]',
    async run(argv) {
      const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' } } });
      const { text, ok } = checkCardFolder(values.dir ?? loadConfig().sop.cardsDir);
      process.stdout.write(`${text}\n`);
      return ok ? 0 : 1;
    },
  },
  migrate: {
    summary: 'Create or upgrade the database schema and print its version',
    usage: 'sales-radar migrate',
    async run() {
      const config = loadConfig();
      const db = openDatabase(config.databasePath);
      process.stdout.write(`${config.databasePath}: schema version ${schemaVersion(db)}\n`);
      db.close();
      return 0;
    },
  },
  // WeCom: test the app credentials (and optionally delivery) before saving the callback URL.
  'wecom-check': {
    summary: 'Check the WECOM_* settings against WeCom (token, trusted IP; --send <userid> sends a test message)',
    usage: 'sales-radar wecom-check [--send zhangsan]',
    async run(argv) {
      const { values } = parseArgs({ args: argv, options: { send: { type: 'string' } } });
      const config = loadConfig();
      if (!config.wecom) {
        process.stderr.write('WeCom is not configured: set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_ENCODING_AES_KEY.\n');
        return 1;
      }
      const { checkWecom } = await import('./channels/wecom/check.ts');
      const result = await checkWecom(config.wecom, values.send);
      process.stdout.write(`${result.lines.join('\n')}\n`);
      return result.ok ? 0 : 1;
    },
  },
  signals: signalsSubcommand,
  import: importSubcommand,
  brief: briefSubcommand,
};

export function usage(): string {
  const lines = ['Usage: sales-radar <subcommand> [options]', '', 'Subcommands:'];
  for (const [name, s] of Object.entries(SUBCOMMANDS)) lines.push(`  ${name.padEnd(12)} ${s.summary}`, `  ${''.padEnd(12)} ${s.usage}`);
  lines.push('', 'Configuration comes from environment variables; see README.md.');
  return lines.join('\n');
}

export function registerSubcommand(name: string, sub: Subcommand): void {
  SUBCOMMANDS[name] = sub;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    process.stderr.write(`Unknown subcommand "${name}".\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await sub.run(rest);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof SchemaTooNewError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${error.message}\n\n${sub.usage}\n`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
