// The lexicon's character trie packed into a double array: every line is walked character
// by character from every position, and a step is two typed-array reads instead of a Map
// lookup per node.

/** A trie as it is built: children keyed by UTF-16 code unit. */
export interface TrieNode<T> {
  next: Map<number, TrieNode<T>>;
  entries: T[];
}

export interface CharTrie<T> {
  /** A dense id (from 1) for every code unit some word uses; 0 for the others, which no word contains. */
  charIds: Uint16Array;
  /** From state s, character id c leads to state base[s] + c when check[base[s] + c] === s. The root is state 0. */
  base: Int32Array;
  check: Int32Array;
  /** What the words ending in each state carry (undefined: no word ends there). */
  entries: (T[] | undefined)[];
}

export const TRIE_ROOT = 0;
const FREE = -1;

export function packTrie<T>(root: TrieNode<T>): CharTrie<T> {
  const charIds = new Uint16Array(0x10000);
  let ids = 0;
  const assignIds = (node: TrieNode<T>): void => {
    for (const [code, child] of node.next) {
      if (charIds[code] === 0) charIds[code] = ++ids;
      assignIds(child);
    }
  };
  assignIds(root);

  const base: number[] = [];
  const check: number[] = [FREE];
  const entries: (T[] | undefined)[] = [];
  const taken = (t: number) => t === TRIE_ROOT || (check[t] ?? FREE) !== FREE;
  // Breadth first; each state's children go to the first base where all their slots are free.
  const queue: [TrieNode<T>, number][] = [[root, TRIE_ROOT]];
  let firstFree = 1;
  for (let q = 0; q < queue.length; q++) {
    const [node, state] = queue[q]!;
    entries[state] = node.entries.length > 0 ? node.entries : undefined;
    const children = [...node.next].map(([code, child]) => ({ id: charIds[code]!, child })).sort((a, b) => a.id - b.id);
    if (children.length === 0) {
      base[state] = 0;
      continue;
    }
    let b = Math.max(0, firstFree - children[0]!.id);
    while (children.some((c) => taken(b + c.id))) b += 1;
    base[state] = b;
    for (const c of children) {
      check[b + c.id] = state;
      queue.push([c.child, b + c.id]);
    }
    while (taken(firstFree)) firstFree += 1;
  }
  // Room for base[s] + any id past the last state: a step never reads outside the arrays.
  const size = check.length + ids + 1;
  const packedBase = new Int32Array(size);
  const packedCheck = new Int32Array(size).fill(FREE);
  for (let s = 0; s < check.length; s++) {
    packedBase[s] = base[s] ?? 0;
    if (check[s] !== undefined) packedCheck[s] = check[s]!;
  }
  const packedEntries = new Array<T[] | undefined>(size).fill(undefined);
  entries.forEach((e, s) => (packedEntries[s] = e));
  return { charIds, base: packedBase, check: packedCheck, entries: packedEntries };
}

/** True when some word of the trie occurs in the text, anywhere. */
export function containsAnyWord<T>(trie: CharTrie<T>, text: string): boolean {
  const { charIds, base, check, entries } = trie;
  for (let i = 0; i < text.length; i++) {
    let state = TRIE_ROOT;
    for (let j = i; j < text.length; j++) {
      const next = base[state]! + charIds[text.charCodeAt(j)]!;
      if (check[next] !== state) break;
      state = next;
      if (entries[state] !== undefined) return true;
    }
  }
  return false;
}
