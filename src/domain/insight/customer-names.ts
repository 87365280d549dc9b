// Finding customers by name or alias: in free text (attribution of a chat line) and from what
// a rep typed after /记录 or /归属. Names and aliases are normalised like message text.
import { normalizeEntry } from './lexicon.ts';

export interface NamedCustomer {
  id: string;
  name: string;
  ownerId: string;
  aliases: string[];
}

interface Node {
  next: Map<number, Node>;
  ids: string[];
}

export interface NameIndex {
  customers: Map<string, NamedCustomer>;
  /** Every normalised name and alias (for the segmenter's user dictionary). */
  words: string[];
  root: Node;
}

/** Names shorter than this are too ambiguous to find in free text (an alias like 华). */
const MIN_NAME_LENGTH = 2;

export function createNameIndex(customers: NamedCustomer[]): NameIndex {
  const root: Node = { next: new Map(), ids: [] };
  const words = new Set<string>();
  const map = new Map<string, NamedCustomer>();
  for (const c of customers) {
    map.set(c.id, c);
    for (const raw of [c.name, ...c.aliases]) {
      const w = normalizeEntry(raw);
      if (w.length < MIN_NAME_LENGTH) continue;
      words.add(w);
      let node = root;
      for (let i = 0; i < w.length; i++) {
        const code = w.charCodeAt(i);
        let n = node.next.get(code);
        if (!n) {
          n = { next: new Map(), ids: [] };
          node.next.set(code, n);
        }
        node = n;
      }
      if (!node.ids.includes(c.id)) node.ids.push(c.id);
    }
  }
  return { customers: map, words: [...words], root };
}

/**
 * The customer a normalised text mentions: the longest name or alias found, preferring the
 * rep's own customers when several match. Null when none.
 */
export function findCustomerInText(index: NameIndex, text: string, ownerId?: string): NamedCustomer | null {
  let best: { id: string; length: number; own: boolean } | null = null;
  for (let i = 0; i < text.length; i++) {
    let node = index.root.next.get(text.charCodeAt(i));
    let j = i + 1;
    while (node) {
      for (const id of node.ids) {
        const own = ownerId !== undefined && index.customers.get(id)?.ownerId === ownerId;
        const length = j - i;
        if (!best || (own && !best.own) || (own === best.own && length > best.length)) best = { id, length, own };
      }
      if (j >= text.length) break;
      node = node.next.get(text.charCodeAt(j));
      j += 1;
    }
  }
  return best ? (index.customers.get(best.id) ?? null) : null;
}

export type CustomerLookup =
  | { kind: 'found'; customer: NamedCustomer }
  | { kind: 'ambiguous'; candidates: NamedCustomer[] }
  | { kind: 'none' };

/** Resolves what a user typed as a customer: exact name or alias first, then a unique partial match. */
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
  const partial = all.filter((c) => normalizeEntry(c.name).includes(q) || c.aliases.some((a) => q.includes(normalizeEntry(a)) && a.length >= 2));
  if (partial.length > 0) return pick(partial);
  return { kind: 'none' };
}
