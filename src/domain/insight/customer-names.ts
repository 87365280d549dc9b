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
  /** Every name and alias (two characters or more) → the customers it names. */
  exact: Map<string, NamedCustomer[]>;
  /** Bit table of the hashes (hashPrefixes) of every name of three or more characters: a clear bit rules a length out without a slice. */
  hashBits: Uint8Array;
  /** Bit table of the first two code units of every name (pairBit): most positions of a text start no name, and fail here. */
  pairBits: Uint8Array;
  /** Where a name may start: first code unit → second code unit → what follows (small-integer keys keep lookups cheap). */
  starts: Map<number, Map<number, NameStart>>;
}

const HASH_BITS = 1 << 24; // 2 MB; 200,000 names set about 1% of the bits
const PAIR_BITS = 1 << 20; // 128 KB
const setBit = (bits: Uint8Array, i: number): void => {
  bits[i >>> 3]! |= 1 << (i & 7);
};
const hasBit = (bits: Uint8Array, i: number): boolean => (bits[i >>> 3]! & (1 << (i & 7))) !== 0;
const pairBit = (first: number, second: number): number => (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 12;
const hashBit = (hash: number): number => hash & (HASH_BITS - 1);

interface NameStart {
  /** A two-character name is exactly these two code units. */
  short: boolean;
  /** Names of three or more characters: third code unit → the lengths that occur, longest first. */
  lengths: Map<number, number[]>;
}

/** Names shorter than this are too ambiguous to find in free text (an alias like 华). */
const MIN_NAME_LENGTH = 2;
/** Names up to this length go into the segmenter's dictionary. */
const SEGMENTER_NAME_MAX = 8;

/**
 * Writes a 30-bit hash (stays a small integer in V8) of every prefix of text[from, from + max)
 * into prefixHashes (the prefix of k + 1 characters at k) and returns how many. One buffer for
 * every call: a view of it per call cost more than the hashing.
 */
const prefixHashes = new Int32Array(256);
function hashPrefixes(text: string, from: number, max: number): number {
  const n = Math.min(max, prefixHashes.length);
  let h = 0;
  for (let k = 0; k < n; k++) {
    h = (Math.imul(h, 31) + text.charCodeAt(from + k)) & 0x3fffffff;
    prefixHashes[k] = h;
  }
  return n;
}

function startOf(index: NameIndex, text: string): NameStart {
  let second = index.starts.get(text.charCodeAt(0));
  if (!second) index.starts.set(text.charCodeAt(0), (second = new Map()));
  let start = second.get(text.charCodeAt(1));
  if (!start) second.set(text.charCodeAt(1), (start = { short: false, lengths: new Map() }));
  return start;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function createNameIndex(customers: NamedCustomer[]): NameIndex {
  const index: NameIndex = {
    customers: new Map(),
    words: [],
    exact: new Map(),
    hashBits: new Uint8Array(HASH_BITS / 8),
    pairBits: new Uint8Array(PAIR_BITS / 8),
    starts: new Map(),
  };
  const words = new Set<string>();
  for (const c of customers) {
    index.customers.set(c.id, c);
    const seen = new Set<string>();
    for (const raw of [c.name, ...c.aliases]) {
      const text = normalizeEntry(raw);
      if (text.length < MIN_NAME_LENGTH || seen.has(text)) continue;
      seen.add(text);
      push(index.exact, text, c);
      const start = startOf(index, text);
      setBit(index.pairBits, pairBit(text.charCodeAt(0), text.charCodeAt(1)));
      if (text.length === 2) start.short = true;
      else {
        if (hashPrefixes(text, 0, text.length) === text.length) setBit(index.hashBits, hashBit(prefixHashes[text.length - 1]!));
        const lengths = start.lengths.get(text.charCodeAt(2)) ?? [];
        if (!lengths.includes(text.length)) {
          lengths.push(text.length);
          lengths.sort((a, b) => b - a);
        }
        start.lengths.set(text.charCodeAt(2), lengths);
      }
      if (text.length <= SEGMENTER_NAME_MAX) words.add(text);
    }
  }
  index.words = [...words];
  return index;
}

/** What a text says about customers: the one it names, or the ones a shared name could mean. */
export interface CustomerMention {
  customer: NamedCustomer | null;
  /** Customers sharing the name found (the rep's own when any), when the text does not tell them apart. */
  candidates: NamedCustomer[];
}

/**
 * The customer a normalised text mentions: the longest name or alias found (the earliest of
 * equal length), preferring the rep's own customers. Null when none.
 */
export function findCustomerInText(index: NameIndex, text: string, ownerId?: string): NamedCustomer | null {
  return mentionedCustomer(index, text, ownerId).customer;
}

/**
 * Every name or alias in a normalised text: at each position, the longest one starting there. One
 * pass over the text, trying only the name lengths that start with the characters at each
 * position, so the cost does not grow with the number of customers.
 */
export function findNames(index: NameIndex, text: string): readonly NameMatch[] {
  let matches: NameMatch[] | null = null;
  for (let i = 0; i + 1 < text.length; i++) {
    if (!hasBit(index.pairBits, pairBit(text.charCodeAt(i), text.charCodeAt(i + 1)))) continue;
    const start = index.starts.get(text.charCodeAt(i))?.get(text.charCodeAt(i + 1));
    if (!start) continue;
    const longer = i + 2 < text.length ? start.lengths.get(text.charCodeAt(i + 2)) : undefined;
    // Only the longest name starting here counts: a shorter one is part of it (恒信 in 恒信医疗).
    // Candidate lengths are screened by a hash of the text's prefix, so a miss costs no slice.
    let found = false;
    if (longer) {
      const hashed = hashPrefixes(text, i, Math.min(text.length - i, longer[0]!));
      for (const length of longer) {
        if (length > hashed || !hasBit(index.hashBits, hashBit(prefixHashes[length - 1]!))) continue;
        const named = index.exact.get(text.slice(i, i + length));
        if (!named) continue;
        (matches ??= []).push({ named, start: i, end: i + length });
        found = true;
        break;
      }
    }
    if (!found && start.short) {
      const named = index.exact.get(text.slice(i, i + 2));
      if (named) (matches ??= []).push({ named, start: i, end: i + 2 });
    }
  }
  return matches ?? NO_NAMES;
}

/**
 * Like findCustomerInText, but a name several customers share (启航 for 西安启航… and 南京启航…) is
 * settled by the text around it (西安启航 → 西安启航医疗器械有限公司), and left open, with the
 * candidates, when the text does not tell them apart: a guess would file the line under the wrong
 * customer without anyone noticing.
 * `matches` are the names findNames found in the text, when the caller has them already.
 */
export function mentionedCustomer(index: NameIndex, text: string, ownerId?: string, matches: readonly NameMatch[] = findNames(index, text)): CustomerMention {
  if (!matches.length) return { customer: null, candidates: [] };
  // The rep's own customer wins, unless its name is only part of a longer name (恒信 in 恒信医疗).
  let best: { match: NameMatch; pool: NamedCustomer[] } | null = null;
  if (ownerId) {
    for (const m of matches) {
      const length = m.end - m.start;
      if (best && length <= best.match.end - best.match.start) continue;
      // Most names belong to one customer: no new list for them.
      const own = m.named.length === 1 ? (m.named[0]!.ownerId === ownerId ? m.named : null) : m.named.filter((c) => c.ownerId === ownerId);
      if (!own?.length || (matches.length > 1 && matches.some((o) => o.start <= m.start && m.end <= o.end && o.end - o.start > length))) continue;
      best = { match: m, pool: own };
    }
  }
  if (!best) {
    for (const m of matches) if (!best || m.end - m.start > best.match.end - best.match.start) best = { match: m, pool: m.named };
  }
  const { match, pool } = best!;
  const everyone = match.named;
  if (everyone.length === 1) return { customer: everyone[0]!, candidates: [] };
  // The words around the name come first, whoever owns the customer (西安启航 is 西安启航…, even
  // when the rep's own customers are 南京启航… and 成都启航…); then the rep's only one by that name.
  const settled = settleByContext(everyone, text, match);
  if (settled) return { customer: settled, candidates: [] };
  return pool.length === 1 ? { customer: pool[0]!, candidates: [] } : { customer: null, candidates: [...pool] };
}

/**
 * The one customer whose full name agrees with more of the text around a shared name than any
 * other (长沙 before 明德 → 长沙明德农村商业银行), or null when none or several agree as much.
 */
function settleByContext(customers: NamedCustomer[], text: string, match: NameMatch): NamedCustomer | null {
  const said = text.slice(match.start, match.end);
  let best: NamedCustomer | null = null;
  let bestScore = 0;
  let tie = false;
  for (const c of customers) {
    const name = normalizeEntry(c.name);
    const at = name.indexOf(said);
    if (at < 0) continue;
    let score = 0;
    while (at - score - 1 >= 0 && match.start - score - 1 >= 0 && name[at - score - 1] === text[match.start - score - 1]) score += 1;
    let after = 0;
    while (at + said.length + after < name.length && match.end + after < text.length && name[at + said.length + after] === text[match.end + after]) after += 1;
    score += after;
    if (score > bestScore) {
      best = c;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) tie = true;
  }
  return best && !tie ? best : null;
}

/** A name or alias found in a text, with the customers it names, at [start, end). */
export interface NameMatch {
  named: NamedCustomer[];
  start: number;
  end: number;
}

const NO_NAMES: readonly NameMatch[] = [];

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
  // A name containing what was typed (长沙明德 in 长沙明德农村商业银行) says more than an alias
  // contained in it (明德, shared by every 明德).
  const inName = all.filter((c) => normalizeEntry(c.name).includes(q));
  if (inName.length > 0) return pick(inName);
  const byAlias = all.filter((c) => c.aliases.some((a) => a.length >= 2 && q.includes(normalizeEntry(a))));
  if (byAlias.length > 0) return pick(byAlias);
  return { kind: 'none' };
}
