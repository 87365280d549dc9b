// A small organisation on a controllable clock for SOP card tests: admin 周敏, manager 王强
// with reps 李娜 (veteran) and 小新 (new hire), and 赵磊 in another team, each with customers.
import type { Sentiment, SignalCategory } from '../../src/domain/insight/signal.ts';
import type { Stage } from '../../src/domain/stages.ts';
import { createSyncService } from '../../src/services/sync-service.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** Tuesday 2026-11-10 10:00 in Shanghai. */
export const START = Date.parse('2026-11-10T10:00:00+08:00');
export const HOUR = 3_600_000;

export interface SopTestApp extends TestApp {
  clock: { now: number };
  /** Messages the console delivered to a user so far (after draining the outbox). */
  delivered(userId: string): Promise<string[]>;
  /** A customer's chat line with its signals, recorded and announced as the insight ingest does. */
  customerSays(customerId: string, text: string, signals: [SignalCategory, Sentiment, string][], at?: number): void;
  moveStage(opportunityId: string, stage: Stage): void;
  pushes(userId?: string): { id: number; cardId: string; customerId: string; trigger: string; learning: number; deliverAt: number }[];
}

let msgSeq = 0;

export function createSopTestApp(env: Record<string, string> = {}): SopTestApp {
  const clock = { now: START };
  const t = createTestApp({ now: () => clock.now, env });
  const { store, services } = t.app;
  const user = (id: string, name: string, role: 'rep' | 'manager' | 'admin', managerId: string | null, hiredAt: string) =>
    store.users.upsert({ id, name, role, managerId, teamName: managerId ? '华东大区' : null, hiredAt, wecomUserId: null, dingtalkStaffId: null });
  user('u-admin', '周敏', 'admin', null, '2018-05-01');
  user('u-mgr', '王强', 'manager', null, '2017-04-10');
  user('u-lina', '李娜', 'rep', 'u-mgr', '2021-07-15');
  user('u-new', '小新', 'rep', 'u-mgr', '2026-10-08');
  user('u-zhao', '赵磊', 'rep', null, '2019-06-03');
  const customer = (id: string, name: string, ownerId: string, industry: string, tier: 'K' | 'R' | null, aliases: string[] = []) =>
    store.customers.upsert({ id, name, ownerId, industry, tier, aliases, externalUserIds: [] });
  customer('c-hx', '华信医疗器械有限公司', 'u-lina', '医疗', 'K', ['华信']);
  customer('c-jm', '金茂精密机械有限公司', 'u-lina', '制造', 'R', ['金茂']);
  customer('c-hy', '华远连锁商业集团', 'u-lina', '零售', 'R', ['华远']);
  customer('c-xq', '新桥职业技术学院', 'u-new', '教育', null, ['新桥']);
  customer('c-yh', '远航供应链管理有限公司', 'u-zhao', '物流', 'R', ['远航']);
  const opp = (id: string, customerId: string, ownerId: string, stage: Stage, amount: number) =>
    store.opportunities.upsert({ id, customerId, ownerId, stage, amount, name: null, expectedCloseDate: '2026-12-20' });
  opp('o-hx', 'c-hx', 'u-lina', 'T2', 380_000);
  opp('o-jm', 'c-jm', 'u-lina', 'T3', 120_000);
  opp('o-hy', 'c-hy', 'u-lina', 'T1', 50_000);
  opp('o-xq', 'c-xq', 'u-new', 'T1', 200_000);
  opp('o-yh', 'c-yh', 'u-zhao', 'T2', 90_000);
  const sync = createSyncService(store, services.events);

  return {
    ...t,
    clock,
    async delivered(userId) {
      await t.app.dispatcher.drain('console');
      return t.printed.filter((d) => d.userId === userId).map((d) => d.text);
    },
    customerSays(customerId, text, signals, at = clock.now) {
      const c = store.customers.get(customerId)!;
      msgSeq += 1;
      const r = store.signals.record(
        { msgId: `test:${msgSeq}`, source: 'test', userId: c.ownerId, customerId, sender: 'customer', text, sentAt: at },
        signals.map(([category, sentiment, term]) => ({ category, sentiment, term, confidence: 0.9, quote: text })),
      )!;
      services.events.emit('signalsExtracted', { conversationId: r.conversationId, userId: c.ownerId, customerId, signals: r.signals });
    },
    moveStage(opportunityId, stage) {
      const o = store.opportunities.get(opportunityId)!;
      sync.putOpportunity(opportunityId, { customerId: o.customerId, ownerId: o.ownerId, stage, amount: o.amount });
    },
    pushes(userId) {
      const rows = store.db
        .prepare('SELECT id, card_id AS cardId, customer_id AS customerId, trigger, learning, deliver_at AS deliverAt, user_id AS userId FROM sop_pushes ORDER BY id')
        .all() as (ReturnType<SopTestApp['pushes']>[number] & { userId: string })[];
      return rows.filter((r) => !userId || r.userId === userId).map(({ userId: _u, ...r }) => r);
    },
  };
}
