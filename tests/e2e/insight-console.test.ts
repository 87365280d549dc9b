// Conversation insight end to end through the console channel: chat lines become records
// attributed in the documented order, the rep is asked once, and the daily brief goes out
// exactly once per person and business day (restart, re-run, second process, catch-up).
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { loadDemo } from '../../src/demo/demo-org.ts';
import { consoleInbound } from '../../src/channels/console/console-channel.ts';
import { findUser } from '../../src/channels/console/console-repl.ts';
import type { DomainEvents } from '../../src/core/events.ts';
import { runDueBriefs } from '../../src/jobs/brief-job.ts';
import { createBriefService, extendBriefs } from '../../src/services/brief-service.ts';
import { text, toPlainText } from '../../src/core/message.ts';
import type { Store } from '../../src/store/index.ts';
import { createIngestService } from '../../src/services/ingest-service.ts';

/** Monday 2026-11-23, 08:20:30 in Shanghai: just after the default brief time. */
const MONDAY_0820 = Date.parse('2026-11-23T08:20:30+08:00');
const SUNDAY_AFTERNOON = Date.parse('2026-11-22T15:00:00+08:00');
/** Monday 10:00 in Shanghai: working hours, so SOP cards go out at once (21:00–08:00 holds them). */
const MONDAY_MORNING = Date.parse('2026-11-23T10:00:00+08:00');

const apps: TestApp[] = [];
afterEach(async () => {
  for (const t of apps.splice(0)) await t.close();
});

function addCustomers(store: Store): void {
  store.customers.upsert({ id: 'c-huakang', name: '华康医疗器械有限公司', ownerId: 'demo-lina', industry: '医疗', tier: 'K', aliases: ['华康'], externalUserIds: ['wm-huakang-1'] });
  store.customers.upsert({ id: 'c-qiming', name: '启明教育科技有限公司', ownerId: 'demo-lina', industry: '教育', tier: 'R', aliases: ['启明'], externalUserIds: [] });
  store.customers.upsert({ id: 'c-youxian', name: '优鲜快消品有限公司', ownerId: 'demo-chenjing', industry: '零售', tier: 'R', aliases: ['优鲜'], externalUserIds: [] });
}

function start(options: { now?: number | (() => number); env?: Record<string, string> } = {}): TestApp {
  // A fixed default: what the rep sees depends on the hour (quiet hours hold coaching cards).
  const clock = options.now ?? MONDAY_MORNING;
  const t = createTestApp({
    ...(clock !== undefined ? { now: typeof clock === 'function' ? clock : () => clock } : {}),
    env: options.env ?? {},
  });
  apps.push(t);
  loadDemo(t.app.store, typeof clock === 'function' ? clock() : (clock ?? Date.now()));
  addCustomers(t.app.store);
  return t;
}

interface SendOptions {
  at?: number;
  group?: string;
  voice?: boolean;
}

/** Sends a line as a user (optionally in a group, at a time) and returns what the bot answered them. */
async function send(t: TestApp, who: string, line: string, options: SendOptions = {}): Promise<string> {
  const user = findUser(t.app, who)!;
  const inbound = consoleInbound(user.id, line, new Date(options.at ?? t.app.services.now()));
  if (options.group) inbound.conversation = { id: options.group, kind: 'group' };
  if (options.voice) inbound.contentType = 'voice';
  const before = t.printed.length;
  await t.app.router.handleInbound(inbound);
  await t.app.dispatcher.drain('console');
  return t.printed
    .slice(before)
    .filter((d) => d.userId === user.id)
    .map((d) => d.text)
    .join('\n');
}

function conversations(t: TestApp): { customer_id: string | null; text: string; flags: string | null }[] {
  return t.app.db.prepare('SELECT customer_id, text, flags FROM conversations ORDER BY id').all() as never;
}

describe('conversation ingest in chat', () => {
  it('records a rep\'s line, finds the customer by alias, extracts signals and announces them', async () => {
    const t = start();
    const seen: DomainEvents['signalsExtracted'][] = [];
    t.app.services.events.on('signalsExtracted', (e) => seen.push(e));
    const reply = await send(t, '李娜', '华康那边说预算已经批下来了，下个月招标');
    // The acknowledgement first, then (in working hours) the coaching card the fresh signals call for.
    expect(reply.startsWith('已记录 · 华康医疗器械有限公司\n信号：预算（积极）、招标（积极）\n【SOP-')).toBe(true);
    expect(reply).toMatch(/【SOP-\d+ [^】]+】\n客户：华康医疗器械有限公司/);
    expect(conversations(t)).toEqual([{ customer_id: 'c-huakang', text: '华康那边说预算已经批下来了，下个月招标', flags: null }]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ userId: 'demo-lina', customerId: 'c-huakang' });
    expect(seen[0]!.signals.map((s) => [s.category, s.sentiment, s.quote])).toEqual([
      ['budget', 'positive', '华康那边说预算已经批下来了'],
      ['tender', 'positive', '下个月招标'],
    ]);
  });

  it('settles a name several customers share by the words around it, or asks with those customers first', async () => {
    const t = start();
    // The demo team has three customers called 启航 (two of them 李娜's) and three called 明德.
    expect(await send(t, '李娜', '西安启航说下个月招标')).toContain('已记录 · 西安启航医疗器械有限公司');
    const asked = await send(t, '李娜', '启航说预算已经批了');
    expect(asked).toContain('这条沟通是关于哪位客户的？');
    expect(asked.split('\n').filter((l) => /^[1-3]\. /.test(l)).every((l) => l.includes('启航'))).toBe(true);
    expect(await send(t, '李娜', '1')).toMatch(/^已将 1 条记录关联到「\S+启航\S+」：\n「启航说预算已经批了」\n有误可发送 \/归属 撤销。(\n【SOP-|$)/);
    expect(await send(t, '陈静', '/记录 长沙明德 下个月招标')).toContain('已记录 · 长沙明德');
  });

  it('/记录 with a name several customers share keeps the line and asks which one', async () => {
    const t = start();
    const asked = await send(t, '李娜', '/记录 启航 客户说下个月招标');
    expect(asked).toContain('已记录。信号：招标（积极）\n这条沟通是关于哪位客户的？');
    const options = asked.split('\n').filter((l) => /^\d\. /.test(l));
    expect(options.slice(0, 2).every((l) => l.includes('启航'))).toBe(true);
    // Someone owning none of them (the manager) is told whose each one is.
    const managerAsked = await send(t, '王强', '/记录 启航 客户说预算批了');
    expect(managerAsked).toMatch(/\n1\. \S*启航\S*（\S+）\n/);
    // Typed as people type it: 第2个 answers the question too.
    expect(await send(t, '李娜', '第2个')).toMatch(/^已将 1 条记录关联到「\S+启航\S+」：\n「客户说下个月招标」/);
    expect(conversations(t).map((c) => c.customer_id)).toEqual([expect.stringMatching(/./), null]); // the manager's line waits for his answer
  });

  it('/记录 with a shared name while another question is open asks for the full name, so the line cannot join that answer', async () => {
    const t = start();
    expect(await send(t, '李娜', '客户说预算批下来了')).toContain('这条沟通是关于哪位客户的？');
    const refused = await send(t, '李娜', '/记录 启航 客户说下个月招标');
    expect(refused).toContain('「启航」对应多个客户');
    expect(await send(t, '李娜', '２')).toMatch(/^已将 1 条记录关联到「.+」：\n「客户说预算批下来了」/);
    expect(conversations(t)).toHaveLength(1);
  });

  it('closes a question after four hours: later lines ask afresh and do not join the old answer', async () => {
    let now = MONDAY_MORNING;
    const t = start({ now: () => now });
    expect(await send(t, '李娜', '客户说预算批下来了')).toContain('这条沟通是关于哪位客户的？');
    now += 5 * 3_600_000;
    expect(await send(t, '李娜', '对方说下个月招标')).toContain('这条沟通是关于哪位客户的？');
    expect(await send(t, '李娜', '/归属 华康')).toBe('已将 1 条记录关联到「华康医疗器械有限公司」：\n「对方说下个月招标」\n有误可发送 /归属 撤销。');
    expect(conversations(t).map((c) => c.customer_id)).toEqual([null, 'c-huakang']);
  });

  it('/记录 names the customer explicitly and wins over a name in the text', async () => {
    const t = start();
    expect(await send(t, '李娜', '/记录 启明 华康的人说他们领导还没批')).toBe('已记录 · 启明教育科技有限公司\n信号：审批（消极）');
    expect(conversations(t)[0]!.customer_id).toBe('c-qiming');
    expect(await send(t, '李娜', '/记录 华康')).toContain('用法：/记录 客户名 沟通内容');
    // A name no customer has (not yet synced, a typo): the line is kept and the rep asked.
    const unknown = await send(t, '李娜', '/记录 不存在的客户 预算有了');
    expect(unknown).toContain('没有找到客户「不存在的客户」，这条先记下了。\n已记录。信号：预算（积极）\n这条沟通是关于哪位客户的？');
    expect(conversations(t).map((c) => [c.text, c.customer_id])).toEqual([
      ['华康的人说他们领导还没批', 'c-qiming'],
      ['预算有了', null],
    ]);
    // With that question open, another unknown name is refused rather than joining its answer.
    expect(await send(t, '李娜', '/记录 也不存在 招标下周')).toContain('没有找到客户「也不存在」');
    expect(conversations(t)).toHaveLength(2);
  });

  it('uses the group\'s bound customer for lines addressed to the bot in that group', async () => {
    const t = start();
    expect(await send(t, '李娜', '/绑定 华康')).toContain('只能在客户群里使用');
    expect(await send(t, '李娜', '@销售雷达 /绑定 华康', { group: 'room-huakang' })).toContain('本群已绑定客户「华康医疗器械有限公司」');
    expect(await send(t, '刘洋', '@销售雷达 他们领导还没批', { group: 'room-huakang' })).toBe('已记录 · 华康医疗器械有限公司\n信号：审批（消极）');
    expect(conversations(t).at(-1)).toMatchObject({ customer_id: 'c-huakang', text: '他们领导还没批' });
    expect(await send(t, '李娜', '/绑定', { group: 'room-huakang' })).toContain('本群绑定的客户：华康医疗器械有限公司');
    expect(await send(t, '李娜', '/绑定 取消', { group: 'room-huakang' })).toBe('已解除本群的客户绑定。');
  });

  it('falls back to the customer opened with /客户 in the last 30 minutes', async () => {
    let now = Date.parse('2026-11-23T14:00:00+08:00');
    const t = start({ now: () => now });
    t.app.services.events.emit('customerOpened', { userId: 'demo-lina', customerId: 'c-qiming', at: now });
    now += 29 * 60_000;
    expect(await send(t, '李娜', '客户说太贵了，能不能打个九折')).toBe('已记录 · 启明教育科技有限公司\n信号：价格异议（消极）');
    now += 2 * 60_000;
    expect(await send(t, '李娜', '客户说再考虑考虑')).toContain('这条沟通是关于哪位客户的？');
  });

  it('keeps an unattributed line, asks once, and the answer attributes it and the later lines with signals', async () => {
    const t = start();
    const seen: DomainEvents['signalsExtracted'][] = [];
    t.app.services.events.on('signalsExtracted', (e) => seen.push(e));
    const first = await send(t, '李娜', '客户说他们也在看销售易');
    expect(first).toContain('已记录。信号：竞品（消极）\n这条沟通是关于哪位客户的？');
    expect(first).toMatch(/1\. \S+/);
    const second = await send(t, '李娜', '另外他们领导还没批');
    expect(second).toContain('未关联客户');
    expect(second).not.toContain('哪位客户');
    // Small talk in between is recorded but not swept into the answer.
    expect(await send(t, '李娜', '好的收到')).toBe('已记录。');
    expect(await send(t, '李娜', '/归属 华康')).toBe(
      '已将 2 条记录关联到「华康医疗器械有限公司」：\n1. 「客户说他们也在看销售易」\n2. 「另外他们领导还没批」\n有误可发送 /归属 撤销 编号（或 /归属 撤销 全部）。',
    );
    expect(conversations(t).map((c) => c.customer_id)).toEqual(['c-huakang', 'c-huakang', null]);
    expect(seen.filter((e) => e.customerId === 'c-huakang')).toHaveLength(2);
    expect(await send(t, '李娜', '/归属 华康')).toBe('没有待关联客户的记录。');
    // A new unattributed line asks again; a bare number answers it.
    expect(await send(t, '李娜', '客户说预算被砍了一半')).toContain('这条沟通是关于哪位客户的？');
    expect(await send(t, '李娜', '9')).toContain('没有编号 9');
    expect(await send(t, '李娜', '1')).toMatch(/^已将 1 条记录关联到「.+」：\n「客户说预算被砍了一半」\n有误可发送 \/归属 撤销。$/);
  });

  it('lets /归属 take the lines the brief points at when no question is open (imports ask nobody)', async () => {
    const t = start({ now: MONDAY_0820, env: { BRIEF_CRON: '20 8 * * 1-5' } });
    const lina = t.app.store.users.get('demo-lina')!;
    createIngestService(t.app.services).record({ msgId: 'arch-1', source: 'import', user: lina, sender: 'demo-lina', text: '对方说下个月招标', sentAt: SUNDAY_AFTERNOON });
    createIngestService(t.app.services).record({ msgId: 'arch-2', source: 'import', user: lina, sender: 'demo-lina', text: '王总，方案已发您', sentAt: SUNDAY_AFTERNOON + 60_000 });
    const brief = await send(t, '李娜', '/简报');
    expect(brief).toContain('另有 1 条带信号的沟通未关联客户（如「对方说下个月招标」）：发送 /归属 查看并关联。');
    expect(await send(t, '李娜', '/归属')).toBe('未关联客户的沟通记录（1 条）：\n1. 「对方说下个月招标」\n发送 /归属 客户名 关联。');
    expect(await send(t, '李娜', '/归属 华康')).toBe('已将 1 条记录关联到「华康医疗器械有限公司」：\n「对方说下个月招标」\n有误可发送 /归属 撤销。');
    expect(conversations(t).map((c) => [c.text, c.customer_id])).toEqual([
      ['对方说下个月招标', 'c-huakang'],
      ['王总，方案已发您', null],
    ]);
    expect(await send(t, '李娜', '/归属 华康')).toBe('没有待关联客户的记录。');
  });

  it('lists the lines without a customer and files only the numbered ones (lines about different customers)', async () => {
    const t = start({ now: MONDAY_0820 });
    const lina = t.app.store.users.get('demo-lina')!;
    const ingest = createIngestService(t.app.services);
    const archived = ['对方说下个月招标', '客户说预算批下来了', '他们领导还没批'];
    archived.forEach((line, i) => ingest.record({ msgId: `arch-${i}`, source: 'import', user: lina, sender: 'demo-lina', text: line, sentAt: SUNDAY_AFTERNOON + i * 60_000 }));
    const list = await send(t, '李娜', '/归属');
    expect(list).toBe(
      '未关联客户的沟通记录（3 条）：\n1. 「对方说下个月招标」\n2. 「客户说预算批下来了」\n3. 「他们领导还没批」\n发送 /归属 客户名 全部关联，或 /归属 1,2 客户名 只关联其中几条。',
    );
    expect(await send(t, '李娜', '/归属 4 华康')).toBe('没有第 4 条，待关联的记录编号是 1–3（发送 /归属 查看）。');
    expect(await send(t, '李娜', '/归属 1，3 华康')).toBe(
      '已将 2 条记录关联到「华康医疗器械有限公司」：\n1. 「对方说下个月招标」\n2. 「他们领导还没批」\n有误可发送 /归属 撤销 编号（或 /归属 撤销 全部）。',
    );
    const customerOf = (line: string) => conversations(t).find((c) => c.text === line)?.customer_id;
    expect(archived.map(customerOf)).toEqual(['c-huakang', null, 'c-huakang']);
    // The list now holds the one line left, numbered anew.
    expect(await send(t, '李娜', '/归属')).toBe('未关联客户的沟通记录（1 条）：\n1. 「客户说预算批下来了」\n发送 /归属 客户名 关联。');
    expect(await send(t, '李娜', '/归属 1 启明')).toMatch(/^已将 1 条记录关联到「启明教育科技有限公司」：\n「客户说预算批下来了」\n有误可发送 \/归属 撤销。(\n【SOP-|$)/);
    expect(await send(t, '李娜', '/归属')).toBe('没有待关联客户的记录。');
    expect(await send(t, '李娜', '/归属 2 华康')).toBe('没有待关联客户的记录。');
  });

  it('keeps an open question open until all of its lines are filed', async () => {
    const t = start();
    expect(await send(t, '李娜', '客户说他们也在看销售易')).toContain('这条沟通是关于哪位客户的？');
    await send(t, '李娜', '另外他们领导还没批');
    expect(await send(t, '李娜', '/归属 2 华康')).toBe('已将 1 条记录关联到「华康医疗器械有限公司」：\n「另外他们领导还没批」\n有误可发送 /归属 撤销。');
    // The first line still waits: the question's numbers still answer it.
    expect(await send(t, '李娜', '/归属')).toBe('未关联客户的沟通记录（1 条）：\n1. 「客户说他们也在看销售易」\n发送 /归属 客户名 关联。');
    expect(await send(t, '李娜', '/归属 启明')).toBe('已将 1 条记录关联到「启明教育科技有限公司」：\n「客户说他们也在看销售易」\n有误可发送 /归属 撤销。');
    // Answered: a bare number is a plain line again.
    expect(await send(t, '李娜', '1')).toBe('已记录。发送 /帮助 查看可用命令。');
  });

  it('takes a wrong answer back, one listed line or all of them, and the lines can be filed anew', async () => {
    const t = start();
    expect(await send(t, '李娜', '/归属 撤销')).toBe('没有可撤销的关联（只能撤销 24 小时内最近一次关联）。');
    await send(t, '李娜', '客户说预算批下来了');
    await send(t, '李娜', '优鲜那边说下周招标'); // a colleague's customer: files under 优鲜 by name
    await send(t, '李娜', '对方说下个月挂网招标');
    await send(t, '李娜', '他们领导还没批');
    expect(await send(t, '李娜', '/归属 启明')).toContain('1. 「客户说预算批下来了」\n2. 「对方说下个月挂网招标」\n3. 「他们领导还没批」');
    // Line 2 was about another customer: take it back alone, by the number the reply showed.
    expect(await send(t, '李娜', '/归属 撤销 2')).toBe('已撤销：「对方说下个月挂网招标」不再关联「启明教育科技有限公司」。要关联到别的客户，发送 /归属 客户名。');
    expect(await send(t, '李娜', '/归属 撤销 2')).toBe('「对方说下个月挂网招标」已不在「启明教育科技有限公司」名下，无需撤销。');
    expect(await send(t, '李娜', '/归属 撤销 7')).toBe('没有编号「7」，请发送 /归属 撤销 1–3，或 /归属 撤销 全部。');
    const customerOf = (line: string) => conversations(t).find((c) => c.text === line)?.customer_id;
    expect(customerOf('对方说下个月挂网招标')).toBeNull();
    expect(customerOf('他们领导还没批')).toBe('c-qiming');
    const undone = t.app.store.db.prepare<[], { id: number }>("SELECT id FROM conversations WHERE text = '对方说下个月挂网招标'").get()!;
    expect(t.app.store.insight.signalsOfConversation(undone.id).map((s) => [s.category, s.customerId])).toEqual([['tender', null]]);
    // …and file it where it belongs.
    expect(await send(t, '李娜', '/归属 华康')).toBe('已将 1 条记录关联到「华康医疗器械有限公司」：\n「对方说下个月挂网招标」\n有误可发送 /归属 撤销。');
    // The whole answer: the last one (华康) goes back; the earlier 启明 lines stay.
    expect(await send(t, '李娜', '/归属 撤销 全部')).toBe('已撤销 1 条记录与「华康医疗器械有限公司」的关联。要关联到别的客户，发送 /归属 客户名。');
    expect(customerOf('对方说下个月挂网招标')).toBeNull();
    expect(customerOf('客户说预算批下来了')).toBe('c-qiming');
    expect(customerOf('优鲜那边说下周招标')).toBe('c-youxian');
    expect(await send(t, '李娜', '/归属 撤销')).toBe('没有可撤销的关联（只能撤销 24 小时内最近一次关联）。');
  });

  it('answers bad input clearly and loses nothing', async () => {
    const t = start();
    expect(await send(t, '李娜', '', { voice: true })).toBe('收到语音，但平台没有提供转写文字，未记录。请改发文字。');
    expect(await send(t, '李娜', '🙏🙏')).toBe('这条消息没有文字内容，未记录。');
    expect(await send(t, '李娜', '好的')).toBe('已记录。发送 /帮助 查看可用命令。');
    const long = `华康说预算被砍了。${'很长的会议纪要。'.repeat(3000)}`;
    expect(await send(t, '李娜', long)).toContain('消息超过 20000 字，只记录了前 20000 字。');
    const binary = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 104729) % 65536));
    expect(await send(t, '李娜', binary)).not.toContain('出错了');
    const stored = conversations(t);
    expect(stored.find((c) => c.flags === 'truncated')?.text).toHaveLength(20_000);

    const inbound = consoleInbound('demo-lina', '华康领导还没批');
    await t.app.router.handleInbound(inbound);
    expect(await t.app.router.handleInbound(inbound)).toBeNull(); // redelivered duplicate
    expect(conversations(t).filter((c) => c.text === '华康领导还没批')).toHaveLength(1);

    expect(await t.as('nobody').say('预算有了')).toContain('你还没有在销售雷达登记');
    expect(conversations(t).filter((c) => c.text === '预算有了')).toHaveLength(0);
  });
});

describe('/简报 on demand', () => {
  it('gives a rep their brief and a manager the team brief', async () => {
    const t = start({ now: MONDAY_0820 });
    await send(t, '李娜', '华康领导还没批，他们也在看销售易', { at: SUNDAY_AFTERNOON });
    await send(t, '李娜', '启明说预算已经批下来了，下个月招标', { at: SUNDAY_AFTERNOON + 60_000 });
    await send(t, '陈静', '优鲜那边招标流标了', { at: SUNDAY_AFTERNOON + 120_000 });

    const rep = await send(t, '李娜', '/简报');
    expect(rep).toContain('沟通洞察简报 · 李娜 11月23日 周一');
    expect(rep).toContain('上次简报以来沟通 2 位客户 · 4 条信号 · 风险 2');
    // New risks first, with a quote each and the MOT checklist.
    expect(rep.indexOf('华康医疗器械有限公司')).toBeLessThan(rep.indexOf('启明教育科技有限公司'));
    expect(rep).toContain('审批（消极）「华康领导还没批」');
    expect(rep).toContain('MOT：预算范围✓ 决策时间✗ 关键决策人✗');
    expect(rep).toContain('T3及以上储备');

    expect(await send(t, '李娜', '/简报 团队')).toContain('仅限主管和管理员');
    const team = await send(t, '王强', '/简报 团队');
    expect(team).toContain('团队沟通洞察 · 王强');
    expect(team).toContain('1. 招标×2 ｜ 新出现');
    expect(team).toContain('🔥 热点客户');
    expect(team).toContain('启明教育科技有限公司（李娜）');
    expect(team).toContain('⚠ 风险客户');
    expect(team).toMatch(/无沟通记录：.*张伟/);
    expect(await send(t, '王强', '/简报')).toContain('团队沟通洞察 · 王强');
    expect(await send(t, '王强', '/简报 华东大区')).toBe('/简报 后面只能跟“团队”两个字。要看「华东大区」每个人的漏斗，请发送 /团队漏斗 华东大区。');
  });
});

describe('the daily brief', () => {
  const env = { BRIEF_CRON: '20 8 * * 1-5' };

  function briefsPrinted(t: TestApp): { userId: string; text: string }[] {
    return t.printed.filter((d) => d.text.startsWith('沟通洞察简报') || d.text.startsWith('团队沟通洞察'));
  }

  it('goes out once per person per business day: a re-run, a restart and a second process send nothing more', async () => {
    const t = start({ now: MONDAY_0820, env });
    await send(t, '李娜', '华康领导还没批', { at: SUNDAY_AFTERNOON });
    expect(runDueBriefs(t.app.services)).toEqual({ ran: true, reason: 'due' });
    await t.app.dispatcher.drain('console');
    const first = briefsPrinted(t);
    // Six reps and their manager (the admin has no reps of their own).
    expect(first.map((b) => b.userId).sort()).toEqual(
      ['demo-chenjing', 'demo-lina', 'demo-liuyang', 'demo-wangqiang', 'demo-yangfan', 'demo-zhangwei', 'demo-zhaolei'].sort(),
    );
    expect(first.find((b) => b.userId === 'demo-lina')!.text).toContain('华康医疗器械有限公司');
    expect(first.find((b) => b.userId === 'demo-zhangwei')!.text).toContain('上次简报以来没有记录到客户沟通');

    runDueBriefs(t.app.services);
    await t.app.dispatcher.drain('console');
    expect(briefsPrinted(t)).toHaveLength(first.length);

    // A second process on the same database file, a few minutes later.
    const other = createTestApp({ now: () => MONDAY_0820 + 300_000, env: { ...env, DATABASE_PATH: t.config.databasePath } });
    apps.push(other);
    expect(runDueBriefs(other.app.services).ran).toBe(true);
    await other.app.dispatcher.drain('console');
    expect(briefsPrinted(other)).toHaveLength(0);
    const rows = t.app.db.prepare("SELECT COUNT(*) AS n FROM briefs WHERE business_date = '2026-11-23'").get() as { n: number };
    expect(rows.n).toBe(7);
  });

  it('tries a brief that reached nobody again on a later run the same morning, and sends it once', async () => {
    // First run: no channel is connected, so every brief goes to the log sink.
    const unconnected = createTestApp({ now: () => MONDAY_0820, env, console: false });
    apps.push(unconnected);
    loadDemo(unconnected.app.store, MONDAY_0820);
    addCustomers(unconnected.app.store);
    expect(runDueBriefs(unconnected.app.services).ran).toBe(true);
    const statuses = unconnected.app.db.prepare("SELECT DISTINCT status FROM briefs WHERE business_date = '2026-11-23'").all();
    expect(statuses).toEqual([{ status: 'unreachable' }]);

    // The admin connects the console and restarts at 09:10: the briefs go out now, once.
    const connected = createTestApp({ now: () => MONDAY_0820 + 50 * 60_000, env: { ...env, DATABASE_PATH: unconnected.config.databasePath } });
    apps.push(connected);
    runDueBriefs(connected.app.services);
    runDueBriefs(connected.app.services);
    await connected.app.dispatcher.drain('console');
    expect(briefsPrinted(connected)).toHaveLength(7);
    const sent = connected.app.db.prepare("SELECT COUNT(*) AS n FROM briefs WHERE business_date = '2026-11-23' AND status = 'sent'").get() as { n: number };
    expect(sent.n).toBe(7);
  });

  it("tells the owner what a colleague recorded about their customer, and lists the customer once for the manager", async () => {
    const t = start({ now: MONDAY_0820, env });
    // 优鲜 is 陈静's customer; 李娜 met them with her and reports it.
    expect(await send(t, '李娜', '优鲜说预算有80万，下周就要定', { at: SUNDAY_AFTERNOON })).toContain('已记录 · 优鲜快消品有限公司');
    const briefs = createBriefService(t.app.services).runDay('2026-11-23', { end: MONDAY_0820, dryRun: true }).briefs;
    const textOf = (id: string) => toPlainText(briefs.find((b) => b.user.id === id)!.message);
    expect(textOf('demo-chenjing')).toContain('优鲜快消品有限公司（另有李娜记录）');
    expect(textOf('demo-chenjing')).toContain('预算（积极）「优鲜说预算有80万」');
    expect(textOf('demo-lina')).toContain('优鲜快消品有限公司');
    const team = textOf('demo-wangqiang');
    expect(team).toContain('沟通 1 位客户 · 2 条信号'); // the line counts once, not for both reps
    expect(team.match(/优鲜快消品有限公司（陈静）/g)).toHaveLength(1);
    expect(team).not.toContain('优鲜快消品有限公司（李娜）');
  });

  it('shows the reserve as it stood that morning in a dry run of a past date', async () => {
    let now = MONDAY_0820;
    const t = start({ now: () => now, env });
    const briefs = createBriefService(t.app.services);
    const reserveLine = () => {
      const run = briefs.runDay('2026-11-23', { end: MONDAY_0820, dryRun: true });
      const lina = run.briefs.find((b) => b.user.id === 'demo-lina')!;
      return toPlainText(lina.message).split('\n').find((l) => l.includes('T3及以上储备'))!;
    };
    const before = reserveLine();
    // On Tuesday 李娜 brings two new deals to T3; Monday's brief, shown again on Wednesday, is unchanged.
    for (const id of ['o-new-1', 'o-new-2']) {
      t.app.store.opportunities.upsert({ id, customerId: 'c-huakang', ownerId: 'demo-lina', stage: 'T3', amount: 100_000, stageChangedAt: Date.parse('2026-11-24T15:00:00+08:00') });
    }
    now = Date.parse('2026-11-25T09:00:00+08:00');
    expect(reserveLine()).toBe(before);
    const today = createBriefService(t.app.services).repBrief(t.app.store.users.get('demo-lina')!, '2026-11-25', now);
    const t3 = (checks: { stage: string; count: number }[]) => checks.find((c) => c.stage === 'T3')!.count;
    expect(t3(today.reserve)).toBe(Number(/T3及以上储备 (\d+)个/.exec(before)![1]) + 2);
  });

  it('catches up when the process starts within the morning window, not after it, and not on a weekend', async () => {
    const late = start({ now: Date.parse('2026-11-23T10:45:00+08:00'), env });
    await late.app.start();
    await late.app.dispatcher.drain('console');
    expect(briefsPrinted(late).length).toBe(7);

    const tooLate = start({ now: Date.parse('2026-11-23T11:05:00+08:00'), env });
    expect(runDueBriefs(tooLate.app.services)).toEqual({ ran: false, reason: 'after the catch-up window' });
    const early = start({ now: Date.parse('2026-11-23T07:59:00+08:00'), env });
    expect(runDueBriefs(early.app.services)).toEqual({ ran: false, reason: 'before the scheduled time' });
    const sunday = start({ now: SUNDAY_AFTERNOON, env });
    expect(runDueBriefs(sunday.app.services)).toEqual({ ran: false, reason: 'not a business day' });
  });

  it('covers the conversations since the previous brief', async () => {
    let now = MONDAY_0820;
    const t = start({ now: () => now, env });
    await send(t, '李娜', '华康领导还没批', { at: SUNDAY_AFTERNOON });
    runDueBriefs(t.app.services);
    now = Date.parse('2026-11-24T08:20:10+08:00');
    await send(t, '李娜', '启明说预算已经批下来了', { at: Date.parse('2026-11-23T16:00:00+08:00') });
    runDueBriefs(t.app.services);
    await t.app.dispatcher.drain('console');
    const lina = briefsPrinted(t).filter((b) => b.userId === 'demo-lina');
    expect(lina).toHaveLength(2);
    expect(lina[1]!.text).toContain('启明教育科技有限公司');
    expect(lina[1]!.text).not.toContain('华康医疗器械有限公司');
  });

  it("judges the MOT checklist as the /推进 gate does (the rep's confirmations count) and takes sections from other modules", async () => {
    const t = start({ now: MONDAY_0820, env });
    await send(t, '李娜', '华康领导还没批', { at: SUNDAY_AFTERNOON });
    // An open deal on which 李娜 confirmed budget and timeline by hand (/推进 … 确认).
    t.app.store.opportunities.upsert({ id: 'o-huakang', customerId: 'c-huakang', ownerId: 'demo-lina', stage: 'T2', amount: 300_000, stageChangedAt: SUNDAY_AFTERNOON });
    t.app.store.pipeline.confirmFacts('o-huakang', ['budget', 'timeline'], 'demo-lina', 'chat');
    extendBriefs(t.app.services, {
      repSection: (user) =>
        user.id === 'demo-yangfan' ? { markdown: '**今日学习卡片（新人）**\n1. SOP-01 首次电话破冰', messages: [text('卡片 SOP-01：首次电话破冰')] } : { markdown: '', messages: [] },
    });
    runDueBriefs(t.app.services);
    runDueBriefs(t.app.services);
    await t.app.dispatcher.drain('console');
    expect(briefsPrinted(t).find((b) => b.userId === 'demo-lina')!.text).toContain('MOT：预算范围✓ 决策时间✓ 关键决策人✗');
    const yangfan = t.printed.filter((d) => d.userId === 'demo-yangfan').map((d) => d.text);
    expect(yangfan).toHaveLength(2);
    expect(yangfan[0]).toContain('今日学习卡片（新人）');
    expect(yangfan[1]).toBe('卡片 SOP-01：首次电话破冰');
  });

  it('sends nothing to people with nothing to report when BRIEF_EMPTY=none', async () => {
    const t = start({ now: MONDAY_0820, env: { ...env, BRIEF_EMPTY: 'none' } });
    await send(t, '李娜', '华康领导还没批', { at: SUNDAY_AFTERNOON });
    runDueBriefs(t.app.services);
    await t.app.dispatcher.drain('console');
    // 杨帆 is a new hire: today's learning cards count as something to report.
    expect(briefsPrinted(t).map((b) => b.userId).sort()).toEqual(['demo-lina', 'demo-wangqiang', 'demo-yangfan']);
    expect(briefsPrinted(t).find((b) => b.userId === 'demo-yangfan')!.text).toContain('今日学习卡片（新人）');
  });
});
