// Finding customers by name or alias: in free text (attribution of a chat line) and from what
// a rep typed after /记录 or /归属. Names and aliases are normalised like message text.
// Sized for organisations with 100,000 customers: exact lookups at the positions where some
// name could start, with the rep's own customers preferred.
import { normalizeEntry } from './lexicon.ts';

export interface NamedCustomer {
  id: string;
  name: string;
  ownerId: string;
  aliases: string[];
}

export interface NameIndex {
  customers: Map<string, NamedCustomer>;
  /** Short names and aliases for the segmenter's user dictionary (long legal names rarely appear in chat). */
  words: string[];
  /** Every name and alias (two characters or more) → customer ids. */
  exact: Map<string, string[]>;
  /** For names of three or more characters: their first three code units → the lengths that occur, longest first. */
  lengths: Map<number, number[]>;
  /** Two-character names by their code units. */
  short: Set<number>;
}

/** Names shorter than this are too ambiguous to find in free text (an alias like 华). */
const MIN_NAME_LENGTH = 2;
/** Names up to this length go into the segmenter's dictionary. */
const SEGMENTER_NAME_MAX = 8;

const key2 = (s: string, i: number) => s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
const key3 = (s: string, i: number) => (s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1)) * 65536 + s.charCodeAt(i + 2);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function createNameIndex(customers: NamedCustomer[]): NameIndex {
  const index: NameIndex = { customers: new Map(), words: [], exact: new Map(), lengths: new Map(), short: new Set() };
  const words = new Set<string>();
  for (const c of customers) {
    index.customers.set(c.id, c);
    const seen = new Set<string>();
    for (const raw of [c.name, ...c.aliases]) {
      const text = normalizeEntry(raw);
      if (text.length < MIN_NAME_LENGTH || seen.has(text)) continue;
      seen.add(text);
      push(index.exact, text, c.id);
      if (text.length === 2) index.short.add(key2(text, 0));
      else {
        const k = key3(text, 0);
        const lengths = index.lengths.get(k) ?? [];
        if (!lengths.includes(text.length)) {
          lengths.push(text.length);
          lengths.sort((a, b) => b - a);
        }
        index.lengths.set(k, lengths);
      }
      if (text.length <= SEGMENTER_NAME_MAX) words.add(text);
    }
  }
  index.words = [...words];
  return index;
}

/**
 * The customer a normalised text mentions: the longest name or alias found (the earliest of
 * equal length), preferring the rep's own customers. Null when none. One pass over the text,
 * trying only the name lengths that start with the characters at each position, so the cost
 * does not grow with the number of customers.
 */
interface NameMatch {
  id: string;
  length: number;
}

export function findCustomerInText(index: NameIndex, text: string, ownerId?: string): NamedCustomer | null {
  const best: { own: NameMatch | null; any: NameMatch | null } = { own: null, any: null };
  const consider = (ids: string[], length: number) => {
    if (!best.any || length > best.any.length) best.any = { id: ids[0]!, length };
    if (ownerId && (!best.own || length > best.own.length)) {
      for (const id of ids) {
        if (index.customers.get(id)?.ownerId === ownerId) {
          best.own = { id, length };
          break;
        }
      }
    }
  };
  for (let i = 0; i + 1 < text.length; i++) {
    if (i + 2 < text.length) {
      for (const length of index.lengths.get(key3(text, i)) ?? []) {
        const ids = i + length <= text.length ? index.exact.get(text.slice(i, i + length)) : undefined;
        if (ids) consider(ids, length);
      }
    }
    if (index.short.has(key2(text, i))) {
      const ids = index.exact.get(text.slice(i, i + 2));
      if (ids) consider(ids, 2);
    }
  }
  const found = best.own ?? best.any;
  return found ? (index.customers.get(found.id) ?? null) : null;
}

export type CustomerLookup =
  | { kind: 'found'; customer: NamedCustomer }
  | { kind: 'ambiguous'; candidates: NamedCustomer[] }
  | { kind: 'none' };

/** Resolves what a user typed as a customer: its id, an exact name or alias, then a unique partial match. */
export function lookupCustomer(index: NameIndex, typed: string, ownerId?: string): CustomerLookup {
  const q = normalizeEntry(typed);
  if (!q) return { kind: 'none' };
  const byId = index.customers.get(typed.trim());
  if (byId) return { kind: 'found', customer: byId };
  const all = [...index.customers.values()];
  const pick = (list: NamedCustomer[]): CustomerLookup => {
    if (list.length === 1) return { kind: 'found', customer: list[0]! };
    const own = list.filter((c) => c.ownerId === ownerId);
    if (own.length === 1) return { kind: 'found', customer: own[0]! };
    return { kind: 'ambiguous', candidates: (own.length > 1 ? own : list).slice(0, 5) };
  };
  const exact = all.filter((c) => [c.name, ...c.aliases].some((n) => normalizeEntry(n) === q));
  if (exact.length > 0) return pick(exact);
  const partial = all.filter((c) => normalizeEntry(c.name).includes(q) || c.aliases.some((a) => a.length >= 2 && q.includes(normalizeEntry(a))));
  if (partial.length > 0) return pick(partial);
  return { kind: 'none' };
}
