// Conversation ingest: attributes a line to a customer, extracts its signals, stores both and
// announces them (signalsExtracted). Shared by chat messages, /记录, POST /api/messages and
// `sales-radar import`, so every path follows the same attribution order:
//   explicit customer (/记录, customerId) → external contact → the group's bound customer →
//   a customer name or alias in the text → the customer the rep opened last (30 min, chat only)
//   → none (kept without customer; in chat the rep is asked once).
import { runNow, type Later, type Services } from '../core/context.ts';
import type { ChannelName } from '../core/message.ts';
import type { ConversationInput } from '../store/signals-store.ts';
import type { Signal, StoredSignal } from '../domain/insight/signal.ts';
import type { User } from '../domain/types.ts';
import { findNames, mentionedCustomer, type NameIndex, type NameMatch } from '../domain/insight/customer-names.ts';
import { normalizeText, type NormalizedText } from '../domain/insight/normalize.ts';
import { insightFor } from './insight.ts';

/** Longest text stored for one record; longer ones are cut and flagged `truncated`. */
export const MAX_TEXT_CHARS = 20_000;
/** A customer opened with /客户 counts for plain chat lines this long afterwards. */
export const LAST_OPENED_WINDOW_MS = 30 * 60_000;
const CHANNELS: ChannelName[] = ['wecom', 'dingtalk', 'console'];
/** One msgId in this many is looked up first in a large batch (see storedBefore). */
export const SAMPLE_STEP = 64;

export type AttributionVia = 'explicit' | 'contact' | 'group' | 'name' | 'opened';

/**
 * A lookup that answers each key once: within one batch the same senders, contacts and groups
 * come back on line after line, and a query per line cost an archive import more than extraction.
 */
export function memoized<V>(lookup: (key: string) => V): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    if (known.has(key)) return known.get(key)!;
    const value = lookup(key);
    known.set(key, value);
    return value;
  };
}

export interface RecordInput {
  msgId: string;
  source: string;
  user: User | null;
  sender: string;
  /** Group key ('<channel>:<conversation id>' for chat, the archive's roomId for imports). */
  roomId?: string | null;
  text: string;
  /** `text` already normalised (an archive checks it is not empty first), so it is not done twice. */
  normalized?: NormalizedText;
  sentAt: number;
  explicitCustomerId?: string | null;
  /** External contact ids (WeCom external_userid) that resolve to a customer. */
  contactIds?: string[];
  /** Who spoke, when it was one of our users (a manager's instructions read differently). */
  speakerRole?: User['role'];
  /** Written by our side to the customer (archives), so first-person promises are ours. */
  ownSide?: boolean;
  /** Use the rep's last opened customer (chat only: archives are history, not "now"). */
  useLastOpened?: boolean;
  flags?: string[];
}

export interface RecordOutcome {
  status: 'added' | 'duplicate';
  conversationId: number | null;
  customerId: string | null;
  via: AttributionVia | null;
  signals: StoredSignal[];
  /** Customers a shared name in the text could mean, when it did not say which (asked in chat). */
  nameCandidates: readonly string[];
}

/** Customer lookups of one batch (see memoized); an archive batch shares them with its own checks. */
export interface BatchLookups {
  contactCustomer(externalUserId: string): string | null;
  groupCustomer(roomKey: string): string | null;
}

export const batchLookups = (store: Services['store']): BatchLookups => ({
  contactCustomer: memoized((ext) => store.customers.customerIdOfContact(ext)),
  groupCustomer: memoized((key) => store.insight.groupCustomer(key)),
});

export function createIngestService(services: Services) {
  const { store, events } = services;
  const rt = insightFor(services);

  interface Attribution {
    customerId: string | null;
    via: AttributionVia | null;
    /** Customers a shared name could mean, when the text did not settle it. */
    candidates: readonly string[];
  }

  function attribute(input: RecordInput, normalized: string, names: NameIndex, named: readonly NameMatch[], lookups: BatchLookups): Attribution {
    if (input.explicitCustomerId) return { customerId: input.explicitCustomerId, via: 'explicit', candidates: [] };
    for (const ext of input.contactIds ?? []) {
      const customerId = lookups.contactCustomer(ext);
      if (customerId) return { customerId, via: 'contact', candidates: [] };
    }
    if (input.roomId) {
      // Chat rooms are keyed '<channel>:<id>'; an archive's roomid is the bare platform id.
      const keys = input.roomId.includes(':') ? [input.roomId] : [input.roomId, ...CHANNELS.map((c) => `${c}:${input.roomId}`)];
      for (const key of keys) {
        const bound = lookups.groupCustomer(key);
        if (bound) return { customerId: bound, via: 'group', candidates: [] };
      }
    }
    const mention = mentionedCustomer(names, normalized, input.user?.id, named);
    if (mention.customer) return { customerId: mention.customer.id, via: 'name', candidates: [] };
    const candidates = mention.candidates.map((c) => c.id);
    if (input.useLastOpened && input.user) {
      // A shared name the text did not settle: the customer just opened settles it only if it is one of them.
      const opened = store.insight.lastOpenedSince(input.user.id, input.sentAt - LAST_OPENED_WINDOW_MS);
      if (opened && (candidates.length === 0 || candidates.includes(opened))) return { customerId: opened, via: 'opened', candidates: [] };
    }
    return { customerId: null, via: null, candidates };
  }

  const NO_FLAGS: readonly string[] = [];
  const UNATTRIBUTED: Attribution = { customerId: null, via: null, candidates: [] };

  /** A line ready to write: what the store takes (conversation, signals), plus how it was attributed. */
  interface Prepared {
    conversation: ConversationInput;
    signals: Signal[];
    via: AttributionVia | null;
    candidates: readonly string[];
  }

  /** Attribution and extraction: everything but the write, so a batch is written in one go. */
  function prepare(input: RecordInput, names: NameIndex, lookups: BatchLookups): Prepared {
    let flags = input.flags ?? NO_FLAGS;
    let text = input.text;
    if (text.length > MAX_TEXT_CHARS) {
      text = text.slice(0, MAX_TEXT_CHARS);
      flags = [...flags, 'truncated'];
    }
    const normalized = input.normalized && text === input.text ? input.normalized : normalizeText(text);
    // Names are found whatever settles the customer: the extractor reads no signal inside one.
    const named = findNames(names, normalized.match);
    const { customerId, via, candidates } = flags.includes('unknown_sender') ? UNATTRIBUTED : attribute(input, normalized.match, names, named, lookups);
    return {
      conversation: {
        msgId: input.msgId,
        source: input.source,
        userId: input.user?.id ?? null,
        customerId,
        sender: input.sender,
        roomId: input.roomId ?? null,
        text,
        sentAt: input.sentAt,
        flags,
      },
      signals: rt.extractor.extractNormalized(normalized, { speakerRole: input.speakerRole, ownSide: input.ownSide ?? false, names: named }),
      via,
      candidates,
    };
  }

  const NOTHING_STORED: ReadonlySet<string> = new Set();

  /**
   * The msgIds of a batch stored before, so their lines are not even extracted. A large batch asks
   * about every SAMPLE_STEP-th msgId first and, when none of them was stored, about no more: a
   * fresh archive (the usual import) then costs one look-up in SAMPLE_STEP, and a batch sent again
   * (or an import run again) still finds its sample stored and is checked in full. A stored line
   * the sample missed is still skipped by the store; only its extraction is wasted.
   */
  function storedBefore(msgIds: string[]): ReadonlySet<string> {
    if (msgIds.length >= SAMPLE_STEP * 4 && store.insight.existingMessages(msgIds.filter((_, i) => i % SAMPLE_STEP === 0)).size === 0) return NOTHING_STORED;
    return store.insight.existingMessages(msgIds);
  }

  /**
   * Stores a batch without announcing it; lines stored before (same msgId) are not extracted.
   * A msgId twice in one batch is left to the store, which writes the first and skips the other:
   * rare enough that a set of every msgId of the batch, which only spared that repeat its
   * extraction, is not kept.
   */
  function storeBatch(inputs: RecordInput[], lookups: BatchLookups): RecordOutcome[] {
    const stored = storedBefore(inputs.map((i) => i.msgId));
    const names = rt.names();
    const duplicate: RecordOutcome = { status: 'duplicate', conversationId: null, customerId: null, via: null, signals: [], nameCandidates: [] };
    const prepared = inputs.map((input) => (stored.size > 0 && stored.has(input.msgId) ? null : prepare(input, names, lookups)));
    const todo = prepared.filter((p): p is Prepared => p !== null);
    const written = store.signals.recordMany(todo);
    let k = 0;
    return prepared.map((p) => {
      if (!p) return duplicate;
      const r = written[k++];
      if (!r) return duplicate;
      return { status: 'added', conversationId: r.conversationId, customerId: p.conversation.customerId, via: p.via, signals: r.signals, nameCandidates: p.candidates };
    });
  }

  function announce(outcome: RecordOutcome, userId: string | null): void {
    if (outcome.status !== 'added' || outcome.signals.length === 0 || outcome.conversationId === null) return;
    events.emit('signalsExtracted', { conversationId: outcome.conversationId, userId, customerId: outcome.customerId, signals: outcome.signals });
  }

  return {
    /** Stores one record and announces its signals (through `later` when given: after the reply to a chat line). */
    record(input: RecordInput, later: Later = runNow): RecordOutcome {
      const [outcome] = storeBatch([input], batchLookups(store));
      later(() => announce(outcome!, input.user?.id ?? null));
      return outcome!;
    },

    /** Stores many records in one transaction, then announces their signals. */
    recordMany(inputs: RecordInput[], lookups: BatchLookups = batchLookups(store)): RecordOutcome[] {
      const outcomes = storeBatch(inputs, lookups);
      outcomes.forEach((o, i) => announce(o, inputs[i]!.user?.id ?? null));
      return outcomes;
    },

    /** Attributes stored records to a customer later (the answer to "which customer?"). */
    attributeLater(conversationIds: number[], customerId: string, userId: string | null, later: Later = runNow): number {
      store.db.transaction(() => {
        for (const id of conversationIds) store.signals.attribute(id, customerId);
      })();
      later(() => {
        for (const id of conversationIds) {
          const signals = store.insight.signalsOfConversation(id);
          if (signals.length) events.emit('signalsExtracted', { conversationId: id, userId, customerId, signals });
        }
      });
      return conversationIds.length;
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
