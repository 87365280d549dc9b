// A realistic demo organisation (seed 003): manager 王强 and reps A–F, 12 weeks of stage
// history in which 李娜 (B), 陈静 (D) and 杨帆 (E) slide below the T3 safety level.
// Deterministic (seeded), so every demo looks the same relative to the day it is loaded.
import type { Store } from '../store/index.ts';
import { STAGES, stageRank, type Stage } from '../domain/stages.ts';
import { DAY_MS } from '../domain/time.ts';

export const DEMO_MANAGER_ID = 'demo-wangqiang';

interface RepProfile {
  letter: string;
  id: string;
  name: string;
  wecom: string;
  hiredAt: string;
  /** Final stage counts: T0 T1 T2 T3 T4 WIN LOST */
  finals: [number, number, number, number, number, number, number];
  /** Reps whose lost deals fell out recently, so their reserve declines week by week. */
  declining: boolean;
}

export const DEMO_REPS: RepProfile[] = [
  { letter: 'A', id: 'demo-zhangwei', name: '张伟', wecom: 'zhangwei', hiredAt: '2021-03-01', finals: [4, 3, 3, 4, 2, 3, 2], declining: false },
  { letter: 'B', id: 'demo-lina', name: '李娜', wecom: 'lina', hiredAt: '2022-07-15', finals: [3, 2, 2, 2, 1, 1, 5], declining: true },
  { letter: 'C', id: 'demo-liuyang', name: '刘洋', wecom: 'liuyang', hiredAt: '2020-11-09', finals: [5, 4, 3, 4, 2, 2, 1], declining: false },
  { letter: 'D', id: 'demo-chenjing', name: '陈静', wecom: 'chenjing', hiredAt: '2023-02-20', finals: [2, 2, 1, 1, 1, 2, 4], declining: true },
  { letter: 'E', id: 'demo-yangfan', name: '杨帆', wecom: 'yangfan', hiredAt: '2026-09-01', finals: [3, 3, 2, 3, 1, 1, 4], declining: true },
  { letter: 'F', id: 'demo-zhaolei', name: '赵磊', wecom: 'zhaolei', hiredAt: '2019-06-03', finals: [4, 3, 3, 3, 3, 2, 1], declining: false },
];

const INDUSTRIES: { industry: string; suffix: string }[] = [
  { industry: '制造', suffix: '精密机械有限公司' },
  { industry: '医疗', suffix: '医疗器械有限公司' },
  { industry: '教育', suffix: '职业技术学院' },
  { industry: '零售', suffix: '连锁商业集团' },
  { industry: '金融', suffix: '农村商业银行' },
  { industry: '物流', suffix: '供应链管理有限公司' },
  { industry: '能源', suffix: '新能源科技有限公司' },
];
const CITIES = ['上海', '杭州', '苏州', '南京', '合肥', '武汉', '成都', '西安', '广州', '深圳', '青岛', '宁波', '无锡', '长沙'];
const WORDS = ['恒信', '瑞康', '华通', '中科', '金盛', '远航', '博雅', '天成', '鼎新', '明德', '启航', '嘉禾', '同舟', '正泰', '海纳'];

/** Small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function isDemoLoaded(store: Store): boolean {
  return store.users.get(DEMO_MANAGER_ID) !== null;
}

/** Loads the demo once; returns false when it was already there (nothing is duplicated). */
export function loadDemo(store: Store, now: number = Date.now()): boolean {
  if (isDemoLoaded(store)) return false;
  const rnd = seededRandom(20260301);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]!;
  const usedNames = new Set<string>();

  store.db.transaction(() => {
    store.users.upsert({
      id: 'demo-zhoumin', name: '周敏', role: 'admin', managerId: null, teamName: null, hiredAt: '2018-05-01',
      wecomUserId: 'zhoumin', dingtalkStaffId: null,
    });
    store.users.upsert({
      id: DEMO_MANAGER_ID, name: '王强', role: 'manager', managerId: null, teamName: '华东大区', hiredAt: '2017-04-10',
      wecomUserId: 'wangqiang', dingtalkStaffId: null,
    });
    for (const rep of DEMO_REPS) {
      store.users.upsert({
        id: rep.id, name: rep.name, role: 'rep', managerId: DEMO_MANAGER_ID, teamName: '华东大区', hiredAt: rep.hiredAt,
        wecomUserId: rep.wecom, dingtalkStaffId: null,
      });
      let n = 0;
      rep.finals.forEach((count, stageIndex) => {
        const final = STAGES[stageIndex]!;
        for (let k = 0; k < count; k++) {
          n += 1;
          const { industry, suffix } = pick(INDUSTRIES);
          let name = '';
          do name = `${pick(CITIES)}${pick(WORDS)}${suffix}`;
          while (usedNames.has(name));
          usedNames.add(name);
          const customerId = `demo-cust-${rep.letter}${String(n).padStart(2, '0')}`;
          const amount = Math.round((5 + rnd() * 115) * 10) * 1000;
          store.customers.upsert({
            id: customerId,
            name,
            ownerId: rep.id,
            industry,
            tier: amount >= 500_000 ? 'K' : 'R',
            aliases: [name.slice(2, 4)],
            externalUserIds: [],
          });
          writeHistory(store, {
            id: `demo-opp-${rep.letter}${String(n).padStart(2, '0')}`,
            customerId,
            ownerId: rep.id,
            name: `${name.slice(2, 4)}${pick(['CRM升级', '销售管理平台', '数据中台', '营销自动化', '渠道管理系统'])}`,
            final,
            amount,
            rnd,
            now,
            recentExit: rep.declining,
          });
        }
      });
    }
  })();
  return true;
}

function writeHistory(
  store: Store,
  o: { id: string; customerId: string; ownerId: string; name: string; final: Stage; amount: number; rnd: () => number; now: number; recentExit: boolean },
): void {
  // The ladder this deal climbed: up to its final open stage, to T4 then WIN, or to T3 then LOST.
  const top = o.final === 'WIN' ? 4 : o.final === 'LOST' ? 3 : stageRank(o.final);
  const path: Stage[] = ['T0', 'T1', 'T2', 'T3', 'T4'].slice(0, top + 1) as Stage[];
  if (o.final === 'WIN' || o.final === 'LOST') path.push(o.final);
  const times = stageTimes(path.length, o);
  const expectedCloseDate = new Date(o.now + (10 + o.rnd() * 80) * DAY_MS).toISOString().slice(0, 10);
  path.forEach((stage, i) => {
    const at = times[i]!;
    store.opportunities.upsert({
      id: o.id,
      customerId: o.customerId,
      ownerId: o.ownerId,
      name: o.name,
      stage,
      amount: o.amount,
      expectedCloseDate,
      stageChangedAt: at,
      source: 'demo',
    });
  });
}

/** When each step of the path happened (ascending, all in the past). */
function stageTimes(steps: number, o: { final: Stage; rnd: () => number; now: number; recentExit: boolean }): number[] {
  const days = (d: number) => o.now - d * DAY_MS;
  if (o.final === 'LOST' && o.recentExit) {
    // Reached T3 two months ago, then fell out one by one over the last seven weeks: the decline.
    const created = days(80 + o.rnd() * 4);
    const atT3 = days(60 + o.rnd() * 6);
    const lost = days(2 + o.rnd() * 48);
    return [...spread(created, atT3, steps - 1), lost];
  }
  const created = days(30 + o.rnd() * 54);
  const end = o.final === 'WIN' || o.final === 'LOST' ? days(20 + o.rnd() * 8) : days(1 + o.rnd() * 12);
  return spread(created, end, steps);
}

function spread(from: number, to: number, steps: number): number[] {
  if (steps <= 1) return [from];
  return Array.from({ length: steps }, (_, i) => Math.round(from + ((to - from) * i) / (steps - 1)));
}
