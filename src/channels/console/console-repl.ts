// The interactive terminal: pick a user, type commands, read replies. Meta commands start with
// a dot (.as 王强, .users, .quit) so they never collide with slash commands.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { App } from '../../app.ts';
import type { User } from '../../domain/types.ts';
import { consoleInbound } from './console-channel.ts';

const ROLE_LABEL = { rep: '销售', manager: '主管', admin: '管理员' } as const;

export function findUser(app: App, nameOrId: string): User | null {
  const users = app.store.users;
  return users.get(nameOrId) ?? users.findByName(nameOrId)[0] ?? null;
}

/** Sends one line as the user and resolves once its replies have been printed. */
export async function say(app: App, user: User, line: string): Promise<void> {
  await app.router.handleInbound(consoleInbound(user.id, line));
  await app.dispatcher.drain('console');
}

export async function runConsole(app: App, options: { as?: string; input?: Readable; output?: Writable } = {}): Promise<void> {
  const output = options.output ?? process.stdout;
  const rl = createInterface({ input: options.input ?? process.stdin, output, terminal: Boolean((options.input ?? process.stdin) as { isTTY?: boolean }).valueOf() });
  const print = (s: string) => output.write(`${s}\n`);
  const listUsers = () => {
    const users = app.store.users.list().filter((u) => u.active);
    users.forEach((u, i) => print(`  ${i + 1}. ${u.name}（${ROLE_LABEL[u.role]}${u.teamName ? ` · ${u.teamName}` : ''}）`));
    return users;
  };

  let user = options.as ? findUser(app, options.as) : null;
  if (options.as && !user) print(`没有找到用户「${options.as}」。`);
  while (!user) {
    print('请选择身份（输入序号或姓名）：');
    const users = listUsers();
    if (users.length === 0) {
      print('数据库里还没有用户。运行 npm run demo 载入演示团队，或通过 API 同步组织架构。');
      rl.close();
      return;
    }
    const answer = (await rl.question('> ').catch(() => null))?.trim();
    if (answer === undefined || answer === null) {
      rl.close();
      return;
    }
    const index = Number(answer);
    user = Number.isInteger(index) && index >= 1 ? (users[index - 1] ?? null) : findUser(app, answer);
  }
  print(`你现在是 ${user.name}（${ROLE_LABEL[user.role]}）。输入 /帮助 查看命令；.as 姓名 切换身份；.quit 退出。`);

  for (;;) {
    const line = await rl.question(`${user.name}> `).catch(() => null);
    if (line === null) break;
    const t = line.trim();
    if (!t) continue;
    if (t === '.quit' || t === '.exit') break;
    if (t === '.users') {
      listUsers();
      continue;
    }
    if (t.startsWith('.as')) {
      const next = findUser(app, t.slice(3).trim());
      if (next) {
        user = next;
        print(`已切换为 ${user.name}（${ROLE_LABEL[user.role]}）。`);
      } else print('没有这个用户。输入 .users 查看全部。');
      continue;
    }
    await say(app, user, t);
  }
  rl.close();
}
