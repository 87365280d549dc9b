// Archived messages (WeCom 会话内容存档, call transcripts…) in the one format shared by
// POST /api/messages and `sales-radar import`: {msgId, from, to[], roomId?, time, text,
// customerId?, externalUserId?}. Each item is validated on its own: valid items are kept,
// invalid ones reported with their field, duplicates (same msgId) add nothing.
import { z } from 'zod';
import type { Services } from '../core/context.ts';
import type { User } from '../domain/types.ts';
import { normalizeText } from '../domain/insight/normalize.ts';
import { fieldErrors, type FieldError } from './sync-service.ts';
import { batchLookups, createIngestService, MAX_TEXT_CHARS, memoized, type BatchLookups, type RecordInput } from './ingest-service.ts';

const id = z.string().trim().min(1).max(128);
const TIME_FORMAT = 'expected epoch milliseconds (2000–2099) or ISO 8601 with its offset, e.g. 2026-11-23T10:00:00+08:00';

export const archivedMessageSchema = z
  .object({
    msgId: z.string().trim().min(1).max(200),
    from: id,
    to: z.array(id).max(500).default([]),
    roomId: z.string().trim().min(1).max(200).nullish(),
    /** Epoch milliseconds or ISO 8601 with offset. */
    // A time without its offset is refused, not guessed: 10:00 in Shanghai and in UTC are 8 hours apart.
    time: z.union([
      z.number().int().min(946_684_800_000, TIME_FORMAT).max(4_102_444_800_000, TIME_FORMAT),
      z.iso.datetime({ offset: true, error: TIME_FORMAT }),
    ]),
    text: z.string().max(MAX_TEXT_CHARS, `longer than ${MAX_TEXT_CHARS} characters`),
    customerId: id.nullish(),
    externalUserId: id.nullish(),
  })
  .strict();

export type ArchivedMessage = z.infer<typeof archivedMessageSchema>;

export interface ItemError extends FieldError {
  /** Position in the batch (API) or line number (import). */
  index: number;
  msgId?: string;
}

export interface ArchiveResult {
  received: number;
  added: number;
  duplicates: number;
  /** Kept but flagged: senders we cannot resolve (not attributed). */
  flagged: number;
  rejected: number;
  errors: ItemError[];
}

export function emptyResult(): ArchiveResult {
  return { received: 0, added: 0, duplicates: 0, flagged: 0, rejected: 0, errors: [] };
}

/** Who is who in the archive: our users by id, WeCom or DingTalk id; customers by id or external contact. */
export interface ArchiveLookups extends BatchLookups {
  user(ref: string): User | null;
  customerExists(customerId: string): boolean;
}

/** Lookups for one batch: each sender, recipient, customer and contact is looked up once (memoized). */
export function archiveLookups(services: Services): ArchiveLookups {
  const { users, customers } = services.store;
  return {
    ...batchLookups(services.store),
    user: memoized((ref) => users.get(ref) ?? users.findByWecomUserId(ref) ?? users.findByDingtalkStaffId(ref)),
    customerExists: memoized((id) => customers.exists(id)),
  };
}

/**
 * Validates one raw item and resolves who is who. Returns the record to store or the item's
 * errors. A sender that is neither our user nor a known external contact is kept, flagged
 * `unknown_sender` and not attributed.
 */
export function prepareArchived(
  lookups: ArchiveLookups,
  raw: unknown,
  index: number,
  prefix: string,
): { input: RecordInput; flagged: boolean } | { errors: ItemError[] } {
  const parsed = archivedMessageSchema.safeParse(raw);
  const msgId = typeof (raw as { msgId?: unknown })?.msgId === 'string' ? (raw as { msgId: string }).msgId : undefined;
  const fail = (errors: FieldError[]) => ({ errors: errors.map((e) => ({ ...e, index, ...(msgId ? { msgId } : {}) })) });
  if (!parsed.success) return fail(fieldErrors(parsed.error, prefix));
  const m = parsed.data;
  const normalized = normalizeText(m.text);
  if (!normalized.match) return fail([{ field: `${prefix}.text`, message: 'empty after removing noise' }]);
  if (m.customerId && !lookups.customerExists(m.customerId)) return fail([{ field: `${prefix}.customerId`, message: `unknown customer ${m.customerId}` }]);

  const fromUser = lookups.user(m.from);
  const contactIds = [m.externalUserId, fromUser ? null : m.from, ...m.to].filter((x): x is string => Boolean(x));
  const fromContact = !fromUser && lookups.contactCustomer(m.from) !== null;
  const user = fromUser ?? (fromContact || m.externalUserId || m.customerId ? (m.to.map((t) => lookups.user(t)).find((u) => u !== null) ?? null) : null);
  const unknownSender = !fromUser && !fromContact && !m.externalUserId && !m.customerId;
  const input: RecordInput = {
    msgId: m.msgId,
    source: 'archive',
    user: unknownSender ? null : user,
    sender: m.from,
    roomId: m.roomId ?? null,
    text: m.text,
    normalized,
    sentAt: typeof m.time === 'number' ? m.time : Date.parse(m.time),
    explicitCustomerId: m.customerId ?? null,
    contactIds,
    speakerRole: fromUser?.role,
    ownSide: fromUser !== null,
    flags: unknownSender ? ['unknown_sender'] : [],
  };
  return { input, flagged: unknownSender };
}

/** Validates, stores and counts a batch (one transaction for the valid items). */
export function ingestArchived(services: Services, items: { raw: unknown; index: number; prefix: string }[], into: ArchiveResult = emptyResult()): ArchiveResult {
  const ready: { input: RecordInput; flagged: boolean }[] = [];
  const lookups = archiveLookups(services);
  for (const item of items) {
    into.received += 1;
    const p = prepareArchived(lookups, item.raw, item.index, item.prefix);
    if ('errors' in p) {
      into.rejected += 1;
      into.errors.push(...p.errors);
    } else ready.push(p);
  }
  const outcomes = createIngestService(services).recordMany(ready.map((r) => r.input), lookups);
  outcomes.forEach((o, i) => {
    if (o.status === 'duplicate') into.duplicates += 1;
    else {
      into.added += 1;
      if (ready[i]!.flagged) into.flagged += 1;
    }
  });
  return into;
}
