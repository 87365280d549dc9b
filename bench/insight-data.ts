// Synthetic organisation and chat lines for the insight benchmarks: 100 teams of 50 reps, 20
// customers each (with aliases the lines mention), and one day of lines in the shapes reps write.
import type { createApp } from '../src/app.ts';
import { seededRandom } from '../src/demo/demo-org.ts';
import type { RecordInput } from '../src/services/ingest-service.ts';
import type { User } from '../src/domain/types.ts';

type App = ReturnType<typeof createApp>;

export const TEAMS = 100;
export const REPS_PER_TEAM = 50;
export const CUSTOMERS_PER_REP = 20;
export const DAY = '2026-11-22';
export const DAY_START = Date.parse(`${DAY}T00:00:00+08:00`);

// Synthetic lines: the shapes reps and customers write, with {c} where the customer's alias goes.
export const TEMPLATES = [
  '{c}那边说今年的预算有八十万左右', '{c}的预算被砍了，原来的方案要缩水', '客户问预算大概多少，我说下周给方案',
  '{c}下个月挂网招标，标书这周开始准备', '{c}这次不走招标了，直接单一来源', '招标流程要走多久？需要哪些资质？',
  '{c}领导还没批，还在等老板拍板', '{c}的采购申请审批通过了', '方案要上党委会讨论一下',
  '能不能约一下{c}的王总见个面', '一直见不到{c}的老板，都是采购在对接', '他们那边到底谁拍板还不清楚',
  '{c}计划Q3上线，月底前定', '时间还不确定，明年再说吧', '{c}希望国庆前上线',
  '客户比较着急，希望尽快上系统', '{c}说不着急，慢慢来', '老板催得紧，这周要看到报价',
  '{c}也在看销售易和纷享销客', '他们用过别家，体验不好，这次不会再选', '你们跟用友比有什么优势？',
  '太贵了，能不能再便宜点', '{c}说价格可以接受', '实施费能不能免掉？',
  '约了周三下午给{c}做演示', 'POC没通过，识别准确率不够', '能不能先试用一个月再决定？',
  '{c}合同盖章了，原件今天寄出', '合同卡在法务那边，违约条款要改', '发票抬头和税号我一会儿发你',
  '{c}说再考虑考虑，最近事情多', '项目先暂缓，等新领导到岗', '发了三次消息都没回，电话也不接',
  'IT部门担心数据安全，不同意上公有云', '需要和{c}的ERP对接，接口文档发我', '信息中心说安全评估已经通过了',
  '好的，收到', '谢谢，周末愉快！', '明天上午十点电话沟通可以吗？', '资料已发邮箱，请查收',
  '不好意思刚在开会，晚点回您', '附件是案例，供参考', '辛苦了🙏', '嗯嗯，了解', '路上有点堵，晚到十分钟',
  '{c}的王工微信加上了', '下周我去杭州出差，顺路拜访{c}', '價格沒問題，合同下週簽', '客户说ＰＯＣ效果不错👍',
  '{c}说不是没有预算，是要走流程', '难道他们没有预算吗？', '帮您预算一下工期，大概三周',
];
const WORDS = ['恒信', '瑞康', '华通', '中科', '金盛', '远航', '博雅', '天成', '鼎新', '明德', '启航', '嘉禾', '同舟', '正泰', '海纳', '华康', '启明', '优鲜', '星辰', '卓越'];
const SUFFIX = ['精密机械有限公司', '医疗器械有限公司', '职业技术学院', '连锁商业集团', '农村商业银行', '供应链管理有限公司'];

/** The alias rep n's customer c goes by in the bench lines (part of its name). */
export const aliasOf = (n: number, c: number): string => `${WORDS[(n + c) % WORDS.length]}${n}-${c}`;

/** The bench org: `teams` teams (TEAMS by default) of REPS_PER_TEAM reps with CUSTOMERS_PER_REP customers each. */
export function seedOrg(app: App, teams = TEAMS): { reps: User[] } {
  const { store } = app;
  const rnd = seededRandom(4242);
  store.db.transaction(() => {
    for (let t = 0; t < teams; t++) {
      const managerId = `bench-mgr-${t}`;
      store.users.upsert({ id: managerId, name: `主管${t}`, role: 'manager', managerId: null, teamName: `团队${t}`, hiredAt: '2020-01-01', wecomUserId: null, dingtalkStaffId: null });
      for (let r = 0; r < REPS_PER_TEAM; r++) {
        const n = t * REPS_PER_TEAM + r;
        const repId = `bench-rep-${n}`;
        store.users.upsert({ id: repId, name: `销售${n}`, role: 'rep', managerId, teamName: `团队${t}`, hiredAt: '2022-01-01', wecomUserId: `wx-rep-${n}`, dingtalkStaffId: null });
        for (let c = 0; c < CUSTOMERS_PER_REP; c++) {
          const alias = aliasOf(n, c);
          const customerId = `bench-c-${n}-${c}`;
          store.customers.upsert({ id: customerId, name: `${alias}${SUFFIX[c % SUFFIX.length]}`, ownerId: repId, industry: null, tier: c % 5 === 0 ? 'K' : 'R', aliases: [alias], externalUserIds: [`wm-${n}-${c}`] });
          if (c < 8) {
            store.opportunities.upsert({ id: `bench-o-${n}-${c}`, customerId, ownerId: repId, stage: (['T1', 'T2', 'T3', 'T4'] as const)[Math.floor(rnd() * 4)]!, amount: 100_000, stageChangedAt: DAY_START - 10 * 86_400_000 });
          }
        }
      }
    }
  })();
  return { reps: store.users.list().filter((u) => u.role === 'rep') };
}

/** Message i of `total` spread over the day: a rep, one of their customers' aliases (or none), a template. */
export function message(i: number, total: number, rnd: () => number, reps: User[]): RecordInput {
  const rep = reps[Math.floor(rnd() * reps.length)]!;
  const n = Number(rep.id.slice('bench-rep-'.length));
  const c = Math.floor(rnd() * CUSTOMERS_PER_REP);
  const alias = aliasOf(n, c);
  const template = TEMPLATES[Math.floor(rnd() * TEMPLATES.length)]!;
  const text = template.includes('{c}') ? template.replace('{c}', alias) : rnd() < 0.5 ? `${alias}：${template}` : template;
  return { msgId: `bench-${i}`, source: 'bench', user: rep, sender: rep.id, text, sentAt: DAY_START + Math.floor((i / total) * 86_000_000) };
}

/**
 * Line i of a WeCom-style archive (会话内容存档) in the import format: a rep and one of their
 * customer's contacts writing to each other (the rep's WeCom id, the contact's external id), a
 * fifth of them in a group chat, time as ISO 8601 with offset.
 */
export function archiveLine(i: number, total: number, rnd: () => number, reps: User[]): Record<string, unknown> {
  const m = message(i, total, rnd, reps);
  const n = Number(m.user!.id.slice('bench-rep-'.length));
  const contact = `wm-${n}-${Math.floor(rnd() * CUSTOMERS_PER_REP)}`;
  const fromRep = rnd() < 0.5;
  const line: Record<string, unknown> = {
    msgId: `archive-${i}`,
    from: fromRep ? `wx-rep-${n}` : contact,
    to: [fromRep ? contact : `wx-rep-${n}`],
    time: new Date(m.sentAt + 8 * 3_600_000).toISOString().replace('Z', '+08:00'),
    text: m.text,
  };
  if (rnd() < 0.2) line.roomId = `wr-${n}-${i % 97}`;
  return line;
}
