// Moving a deal through the pipeline from chat or the API: who may move it, the MOT gate on the
// way into 方案报价, explicit confirmations, LOST reasons, follow-ups. Every move goes through
// store.opportunities.upsert (stage history with changed_by and source) and emits stageChanged.
import { runNow, type Later, type Services } from '../core/context.ts';
import { UserError } from '../core/errors.ts';
import { text } from '../core/message.ts';
import { customerMotChecklist } from './mot-service.ts';
import { evaluateGate, gateApplies, type GateResult } from '../domain/pipeline/mot-gate.ts';
import type { Rules } from '../domain/rules.ts';
import { OPEN_STAGES, isOpenStage, stageRank, type Stage } from '../domain/stages.ts';
import type { SignalCategory } from '../domain/insight/signal.ts';
import type { User } from '../domain/types.ts';
import type { DealRow } from '../store/pipeline-store.ts';
import { canManage } from './pipeline-scope.ts';
import { PIPELINE_TEXT, dealLabel } from '../text/pipeline-render.ts';

/** The fact recorded when a rep confirms a signed intent (counts the deal as committed). */
export const SIGNED_INTENT_FACT: SignalCategory = 'contract';

/** What makes a deal in a committed stage committed: a confirmed signed intent or these signals. */
export function committedFacts(rules: Pick<Rules, 'committed'>): SignalCategory[] {
  return [...new Set([SIGNED_INTENT_FACT, ...rules.committed.signalCategories])];
}

export interface MoveRequest {
  to: Stage;
  /** Record the facts the move needs as confirmed by the caller. */
  confirm?: boolean;
  lostReason?: string;
  note?: string;
  /** 'chat' or 'api'; moves on someone else's deal get ':on-behalf' appended. */
  source: string;
}

export type MoveResult =
  | { status: 'moved'; deal: DealRow; from: Stage; to: Stage; gate: GateResult | null; confirmed: SignalCategory[]; onBehalf: boolean }
  | { status: 'recorded'; deal: DealRow; confirmed: SignalCategory[] }
  | { status: 'blocked'; deal: DealRow; from: Stage; to: Stage; gate: GateResult };

export function createStageMoveService(services: Services) {
  const { store, rules } = services;

  /** The MOT facts as the deal's customer has shown them (and the rep confirmed them). */
  function motChecks(deal: DealRow) {
    return customerMotChecklist(services, deal.customerId, deal.id, deal.createdAt).checks;
  }

  function assertCanManage(caller: User, deal: DealRow): void {
    if (canManage(store, caller, deal.ownerId)) return;
    throw new UserError('forbidden', PIPELINE_TEXT.notYourDeal(dealLabel(deal), store.users.get(deal.ownerId)?.name ?? deal.ownerId));
  }

  /**
   * Finds the deal a caller means: by id; by exact opportunity name, customer name or alias among
   * the deals they may manage, else by a part of those names; else by exact name anywhere (so that
   * someone else's deal is refused by name rather than "not found").
   */
  function findDeal(caller: User, query: string): DealRow {
    const q = query.trim();
    const byId = store.pipeline.deal(q);
    let candidates: DealRow[] = byId ? [byId] : [];
    if (!byId && caller.role !== 'admin') {
      const owners = [caller.id, ...(caller.role === 'manager' ? store.users.reportsOf(caller.id).map((u) => u.id) : [])];
      const mine = store.pipeline.dealsOf(owners);
      candidates = mine.filter((d) => d.name === q || d.customerName === q || d.customerAliases.includes(q));
      if (candidates.length === 0) candidates = mine.filter((d) => d.customerName.includes(q) || (d.name ?? '').includes(q));
    }
    if (candidates.length === 0) candidates = store.pipeline.dealsNamed(q);
    if (candidates.length === 0) throw new UserError('not_found', PIPELINE_TEXT.dealNotFound(q));
    const allowed = candidates.filter((d) => canManage(store, caller, d.ownerId));
    if (allowed.length === 0) {
      const owner = store.users.get(candidates[0]!.ownerId);
      throw new UserError('forbidden', PIPELINE_TEXT.notYourDeal(dealLabel(candidates[0]!), owner?.name ?? candidates[0]!.ownerId));
    }
    const open = allowed.filter((d) => isOpenStage(d.stage));
    const pool = open.length ? open : allowed;
    if (pool.length === 1) return pool[0]!;
    throw new UserError('conflict', PIPELINE_TEXT.ambiguousDeal(q, pool));
  }

  function notifyOwner(caller: User, deal: DealRow, message: string): void {
    if (caller.id === deal.ownerId) return;
    const owner = store.users.get(deal.ownerId);
    if (owner?.active) services.push(owner, text(message));
  }

  /**
   * Writes a move (no checks): history with who and why, and `alongside` in the same transaction;
   * the domain event goes out after the commit, so listeners never see a change that rolled back,
   * and through `later` (after the reply in chat, so the mover reads 已调整 before the SOP cards).
   */
  function applyMove(deal: DealRow, to: Stage, changedBy: string | null, source: string, alongside?: () => void, later: Later = runNow): DealRow {
    store.db.transaction(() => {
      store.opportunities.upsert({
        id: deal.id,
        customerId: deal.customerId,
        ownerId: deal.ownerId,
        stage: to,
        amount: deal.amount,
        changedBy,
        source,
      });
      alongside?.();
    })();
    const opportunity = store.opportunities.get(deal.id)!;
    later(() => services.events.emit('stageChanged', { opportunity, fromStage: deal.stage, toStage: to, changedBy, source }));
    return store.pipeline.deal(deal.id)!;
  }

  function move(caller: User, deal: DealRow, req: MoveRequest, later: Later = runNow): MoveResult {
    assertCanManage(caller, deal);
    const from = deal.stage;
    const to = req.to;
    const committedStage = isOpenStage(to) && rules.committed.stages.includes(to);
    if (from === to) {
      // Confirming a signed intent on a deal already in a committed stage is a record, not a move.
      if (req.confirm && committedStage) {
        store.pipeline.confirmFacts(deal.id, [SIGNED_INTENT_FACT], caller.id, req.source);
        return { status: 'recorded', deal, confirmed: [SIGNED_INTENT_FACT] };
      }
      throw new UserError('conflict', PIPELINE_TEXT.sameStage(dealLabel(deal), to));
    }
    if (to === 'LOST') {
      if (!req.lostReason || !rules.lostReasons.includes(req.lostReason) || !req.note || req.note.trim().length < 2) {
        const unknownReason = req.lostReason && !rules.lostReasons.includes(req.lostReason) ? req.lostReason : undefined;
        throw new UserError('bad_args', PIPELINE_TEXT.lostReasonNeeded(dealLabel(deal), rules.lostReasons, unknownReason));
      }
    }
    let gate: GateResult | null = null;
    const confirmed: SignalCategory[] = [];
    if (gateApplies(from, to, rules.mot)) {
      gate = evaluateGate(from, to, motChecks(deal), rules.mot);
      if (!gate.passed) {
        if (!req.confirm) return { status: 'blocked', deal, from, to, gate };
        const facts = gate.missing.map((m) => m.fact);
        store.pipeline.confirmFacts(deal.id, facts, caller.id, req.source);
        confirmed.push(...facts);
        gate = evaluateGate(from, to, motChecks(deal), rules.mot);
      }
    }
    // Without a gate to confirm, 确认 on a move into a committed stage (T4) records the signed intent.
    if (req.confirm && committedStage && confirmed.length === 0) {
      store.pipeline.confirmFacts(deal.id, [SIGNED_INTENT_FACT], caller.id, req.source);
      confirmed.push(SIGNED_INTENT_FACT);
    }
    const onBehalf = caller.id !== deal.ownerId;
    const source = onBehalf ? `${req.source}:on-behalf` : req.source;
    const moved = applyMove(
      deal,
      to,
      caller.id,
      source,
      () => {
        if (to === 'LOST') store.pipeline.recordLost(deal.id, req.lostReason!, req.note!.trim(), caller.id);
      },
      later,
    );
    notifyOwner(caller, deal, PIPELINE_TEXT.movedOnBehalf(caller.name, dealLabel(deal), from, to));
    return { status: 'moved', deal: moved, from, to, gate, confirmed, onBehalf };
  }

  /** One stage down (T3 → T2), for stale deals; null at the bottom of the ladder or when closed. */
  function demotionTarget(stage: Stage): Stage | null {
    if (!isOpenStage(stage) || stageRank(stage) === 0) return null;
    return OPEN_STAGES[stageRank(stage) - 1]!;
  }

  /** Schedules a follow-up reminder to the caller; stale alerts pause until it is due. */
  function scheduleFollowUp(caller: User, deal: DealRow, dueAt: number, dueDate: string): void {
    assertCanManage(caller, deal);
    store.pipeline.addFollowUp(deal.id, caller.id, dueAt);
    services.push(caller, PIPELINE_TEXT.followUpReminder(deal), { notBefore: dueAt, dedupKey: `pipeline:follow-up:${deal.id}:${caller.id}:${dueDate}` });
  }

  return { findDeal, move, applyMove, motChecks, demotionTarget, scheduleFollowUp };
}

export type StageMoveService = ReturnType<typeof createStageMoveService>;
