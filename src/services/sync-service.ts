// CRM / org sync: validated, idempotent upserts of users, customers and opportunities.
// Shared by the REST API and the demo loader so both follow the same rules.
import { z } from 'zod';
import type { Store } from '../store/index.ts';
import type { EventHub } from '../core/events.ts';
import { STAGES } from '../domain/stages.ts';

const id = z.string().trim().min(1).max(128);
const isoDate = z.iso.date();
const isoInstant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const userBody = z
  .object({
    name: z.string().trim().min(1).max(64),
    role: z.enum(['rep', 'manager', 'admin']),
    managerId: id.nullish(),
    teamName: z.string().trim().min(1).max(64).nullish(),
    hiredAt: isoDate.nullish(),
    wecomUserId: z.string().trim().min(1).max(64).nullish(),
    dingtalkStaffId: z.string().trim().min(1).max(64).nullish(),
    active: z.boolean().optional(),
  })
  .strict();

export const customerBody = z
  .object({
    name: z.string().trim().min(1).max(128),
    ownerId: id,
    industry: z.string().trim().min(1).max(64).nullish(),
    aliases: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
    tier: z.enum(['K', 'R']).nullish(),
    externalUserIds: z.array(z.string().trim().min(1).max(128)).max(200).optional(),
  })
  .strict();

export const opportunityBody = z
  .object({
    customerId: id,
    ownerId: id,
    stage: z.enum(STAGES),
    amount: z.number().min(0).max(1e12),
    name: z.string().trim().min(1).max(128).nullish(),
    expectedCloseDate: isoDate.nullish(),
    stageChangedAt: isoInstant.optional(),
  })
  .strict();

export type UserBody = z.infer<typeof userBody>;
export type CustomerBody = z.infer<typeof customerBody>;
export type OpportunityBody = z.infer<typeof opportunityBody>;

export interface FieldError {
  field: string;
  message: string;
}

export class SyncError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    readonly fields: FieldError[],
  ) {
    super(fields.map((f) => `${f.field}: ${f.message}`).join('; '));
    this.name = 'SyncError';
  }
}

export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown field(s): ${i.keys.join(', ')}`;
    return { field: path || '(body)', message };
  });
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) throw new SyncError(400, fieldErrors(r.error));
  return r.data;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export function createSyncService(store: Store, events?: EventHub) {
  const { users, customers, opportunities } = store;

  function checkId(value: string): string {
    const r = id.safeParse(value);
    if (!r.success) throw new SyncError(400, [{ field: 'id', message: 'must be 1–128 characters' }]);
    return r.data;
  }

  function putUser(rawId: string, body: unknown): UpsertOutcome {
    const userId = checkId(rawId);
    const b = parse(userBody, body);
    if (b.managerId === userId) throw new SyncError(422, [{ field: 'managerId', message: 'a user cannot be their own manager' }]);
    const before = users.get(userId);
    const conflicts: FieldError[] = [];
    if (b.wecomUserId) {
      const other = users.findByWecomUserId(b.wecomUserId);
      if (other && other.id !== userId) conflicts.push({ field: 'wecomUserId', message: `already used by user ${other.id}` });
    }
    if (b.dingtalkStaffId) {
      const other = users.findByDingtalkStaffId(b.dingtalkStaffId);
      if (other && other.id !== userId) conflicts.push({ field: 'dingtalkStaffId', message: `already used by user ${other.id}` });
    }
    if (conflicts.length) throw new SyncError(409, conflicts);
    const next = {
      id: userId,
      name: b.name,
      role: b.role,
      managerId: b.managerId ?? null,
      teamName: b.teamName ?? null,
      hiredAt: b.hiredAt ?? null,
      wecomUserId: b.wecomUserId ?? null,
      dingtalkStaffId: b.dingtalkStaffId ?? null,
      active: b.active ?? true,
    };
    if (before && JSON.stringify(before) === JSON.stringify(next)) return 'unchanged';
    users.upsert(next);
    return before ? 'updated' : 'created';
  }

  function putCustomer(rawId: string, body: unknown): UpsertOutcome {
    const customerId = checkId(rawId);
    const b = parse(customerBody, body);
    if (!users.get(b.ownerId)) throw new SyncError(422, [{ field: 'ownerId', message: `unknown user ${b.ownerId}` }]);
    for (const ext of b.externalUserIds ?? []) {
      const other = customers.findByExternalUserId(ext);
      if (other && other.id !== customerId) {
        throw new SyncError(409, [{ field: 'externalUserIds', message: `${ext} already belongs to customer ${other.id}` }]);
      }
    }
    const before = customers.get(customerId);
    const next = {
      id: customerId,
      name: b.name,
      ownerId: b.ownerId,
      industry: b.industry ?? null,
      tier: b.tier ?? null,
      aliases: b.aliases ?? [],
      externalUserIds: [...new Set(b.externalUserIds ?? [])].sort(),
    };
    if (before && JSON.stringify(before) === JSON.stringify(next)) return 'unchanged';
    customers.upsert(next);
    return before ? 'updated' : 'created';
  }

  function putOpportunity(rawId: string, body: unknown, source = 'api'): UpsertOutcome & string {
    const opportunityId = checkId(rawId);
    const b = parse(opportunityBody, body);
    const errors: FieldError[] = [];
    if (!customers.exists(b.customerId)) errors.push({ field: 'customerId', message: `unknown customer ${b.customerId}` });
    if (!users.get(b.ownerId)) errors.push({ field: 'ownerId', message: `unknown user ${b.ownerId}` });
    if (errors.length) throw new SyncError(422, errors);
    const before = opportunities.get(opportunityId);
    const stageChangedAt = b.stageChangedAt ? Date.parse(b.stageChangedAt) : undefined;
    if (
      before &&
      before.customerId === b.customerId &&
      before.ownerId === b.ownerId &&
      before.stage === b.stage &&
      before.amount === b.amount &&
      (b.name === undefined || before.name === (b.name ?? null)) &&
      (b.expectedCloseDate === undefined || before.expectedCloseDate === (b.expectedCloseDate ?? null))
    ) {
      return 'unchanged';
    }
    const result = opportunities.upsert({
      id: opportunityId,
      customerId: b.customerId,
      ownerId: b.ownerId,
      name: b.name,
      stage: b.stage,
      amount: b.amount,
      expectedCloseDate: b.expectedCloseDate,
      stageChangedAt,
      source,
    });
    if (result.stageChanged && events) {
      events.emit('stageChanged', {
        opportunity: opportunities.get(opportunityId)!,
        fromStage: result.previousStage,
        toStage: b.stage,
        changedBy: null,
        source,
      });
    }
    return before ? 'updated' : 'created';
  }

  /** Applies one array in one transaction: valid items are kept, each invalid one reported. */
  function applyBatch<T extends { id?: unknown }>(
    items: unknown,
    put: (id: string, body: unknown) => UpsertOutcome,
  ): { applied: number; errors: { index: number; id?: string; fields: FieldError[] }[] } {
    if (items === undefined) return { applied: 0, errors: [] };
    if (!Array.isArray(items)) return { applied: 0, errors: [{ index: -1, fields: [{ field: '(array)', message: 'must be an array' }] }] };
    const errors: { index: number; id?: string; fields: FieldError[] }[] = [];
    let applied = 0;
    store.db.transaction(() => {
      items.forEach((item: T, index) => {
        if (typeof item !== 'object' || item === null || typeof item.id !== 'string') {
          errors.push({ index, fields: [{ field: 'id', message: 'each item needs a string id' }] });
          return;
        }
        const { id: itemId, ...body } = item as T & { id: string };
        try {
          put(itemId, body);
          applied += 1;
        } catch (error) {
          if (error instanceof SyncError) errors.push({ index, id: itemId, fields: error.fields });
          else throw error;
        }
      });
    })();
    return { applied, errors };
  }

  return {
    putUser,
    putCustomer,
    putOpportunity,
    batch(body: unknown) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new SyncError(400, [{ field: '(body)', message: 'expected an object with users, customers and opportunities arrays' }]);
      }
      const b = body as Record<string, unknown>;
      const unknownKeys = Object.keys(b).filter((k) => !['users', 'customers', 'opportunities'].includes(k));
      if (unknownKeys.length) throw new SyncError(400, [{ field: '(body)', message: `unknown field(s): ${unknownKeys.join(', ')}` }]);
      return {
        users: applyBatch(b.users, putUser),
        customers: applyBatch(b.customers, putCustomer),
        opportunities: applyBatch(b.opportunities, (i, x) => putOpportunity(i, x)),
      };
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
