// SQL for opportunities and their append-only stage history.
import type { Db } from './db.ts';
import type { Opportunity, StageChange } from '../domain/types.ts';
import type { Stage } from '../domain/stages.ts';

interface OpportunityRow {
  id: string;
  customer_id: string;
  owner_id: string;
  name: string | null;
  stage: Stage;
  amount: number;
  expected_close_date: string | null;
  stage_changed_at: number;
  created_at: number;
}

const toOpportunity = (r: OpportunityRow): Opportunity => ({
  id: r.id,
  customerId: r.customer_id,
  ownerId: r.owner_id,
  name: r.name,
  stage: r.stage,
  amount: r.amount,
  expectedCloseDate: r.expected_close_date,
  stageChangedAt: r.stage_changed_at,
  createdAt: r.created_at,
});

export interface OpportunityInput {
  id: string;
  customerId: string;
  ownerId: string;
  name?: string | null;
  stage: Stage;
  amount: number;
  expectedCloseDate?: string | null;
  /** When the current stage was entered; defaults to now for a new stage. */
  stageChangedAt?: number;
  changedBy?: string | null;
  source?: string;
}

export function createOpportunitiesStore(db: Db, now: () => number = Date.now) {
  const byId = db.prepare<[string], OpportunityRow>('SELECT * FROM opportunities WHERE id = ?');
  const byOwner = db.prepare<[string], OpportunityRow>(
    'SELECT * FROM opportunities WHERE owner_id = ? ORDER BY stage_changed_at DESC',
  );
  const byCustomer = db.prepare<[string], OpportunityRow>(
    'SELECT * FROM opportunities WHERE customer_id = ? ORDER BY stage_changed_at DESC',
  );
  const insert = db.prepare(`
    INSERT INTO opportunities (id, customer_id, owner_id, name, stage, amount, expected_close_date, stage_changed_at, created_at, updated_at)
    VALUES (@id, @customerId, @ownerId, @name, @stage, @amount, @expectedCloseDate, @stageChangedAt, @createdAt, @updatedAt)`);
  const update = db.prepare(`
    UPDATE opportunities SET customer_id = @customerId, owner_id = @ownerId, name = @name, stage = @stage, amount = @amount,
      expected_close_date = @expectedCloseDate, stage_changed_at = @stageChangedAt, updated_at = @updatedAt WHERE id = @id`);
  const insertHistory = db.prepare(
    'INSERT INTO stage_history (opportunity_id, from_stage, to_stage, changed_at, changed_by, source) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const historyOfOwner = db.prepare<[string], { opportunity_id: string; from_stage: Stage | null; to_stage: Stage; changed_at: number }>(
    `SELECT h.opportunity_id, h.from_stage, h.to_stage, h.changed_at
       FROM opportunities o JOIN stage_history h ON h.opportunity_id = o.id
      WHERE o.owner_id = ? ORDER BY h.opportunity_id, h.changed_at, h.id`,
  );
  const historyOf = db.prepare<[string], { opportunity_id: string; from_stage: Stage | null; to_stage: Stage; changed_at: number }>(
    'SELECT opportunity_id, from_stage, to_stage, changed_at FROM stage_history WHERE opportunity_id = ? ORDER BY changed_at, id',
  );
  const stageCountsByOwner = db.prepare<[string], { stage: Stage; n: number; amount: number }>(
    'SELECT stage, COUNT(*) AS n, COALESCE(SUM(amount), 0) AS amount FROM opportunities WHERE owner_id = ? GROUP BY stage',
  );

  /** Insert or update; a changed stage (or a new opportunity) appends a stage_history row. */
  const upsert = db.transaction((input: OpportunityInput): { created: boolean; stageChanged: boolean; previousStage: Stage | null } => {
    const existing = byId.get(input.id);
    const t = now();
    const row = {
      id: input.id,
      customerId: input.customerId,
      ownerId: input.ownerId,
      name: input.name ?? existing?.name ?? null,
      stage: input.stage,
      amount: input.amount,
      expectedCloseDate: input.expectedCloseDate === undefined ? (existing?.expected_close_date ?? null) : input.expectedCloseDate,
      updatedAt: t,
    };
    if (!existing) {
      const at = input.stageChangedAt ?? t;
      insert.run({ ...row, stageChangedAt: at, createdAt: at });
      insertHistory.run(input.id, null, input.stage, at, input.changedBy ?? null, input.source ?? 'api');
      return { created: true, stageChanged: true, previousStage: null };
    }
    const stageChanged = existing.stage !== input.stage;
    const at = stageChanged ? (input.stageChangedAt ?? t) : existing.stage_changed_at;
    update.run({ ...row, stageChangedAt: at });
    if (stageChanged) insertHistory.run(input.id, existing.stage, input.stage, at, input.changedBy ?? null, input.source ?? 'api');
    return { created: false, stageChanged, previousStage: existing.stage };
  });

  const toChange = (r: { opportunity_id: string; from_stage: Stage | null; to_stage: Stage; changed_at: number }): StageChange => ({
    opportunityId: r.opportunity_id,
    fromStage: r.from_stage,
    toStage: r.to_stage,
    changedAt: r.changed_at,
  });

  return {
    get: (id: string): Opportunity | null => {
      const r = byId.get(id);
      return r ? toOpportunity(r) : null;
    },
    listByOwner: (ownerId: string): Opportunity[] => byOwner.all(ownerId).map(toOpportunity),
    listByCustomer: (customerId: string): Opportunity[] => byCustomer.all(customerId).map(toOpportunity),
    historyOfOwner: (ownerId: string): StageChange[] => historyOfOwner.all(ownerId).map(toChange),
    historyOf: (opportunityId: string): StageChange[] => historyOf.all(opportunityId).map(toChange),
    stageTotalsByOwner: (ownerId: string) => stageCountsByOwner.all(ownerId),
    upsert,
  };
}

export type OpportunitiesStore = ReturnType<typeof createOpportunitiesStore>;
