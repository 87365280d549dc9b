// nodejieba as the extractor's segmenter. jieba's dictionary is process-wide, so words added
// here (the lexicon, customer names and aliases) form one user dictionary for the process;
// each word is inserted once.
import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import type { Segmenter } from './extractor.ts';
import { normalizeEntry } from './lexicon.ts';
import { addDictionary, createWordPairs, type WordPairs } from './word-pairs.ts';

const inserted = new Set<string>();
const added = new Set<string>();
// Words wait here until segmenting starts (the first cut, or the word pairs built for the
// extractor): loading jieba's dictionary costs ~240 MB, and processes that never segment (the
// brief job, the API without chat) should not pay for it.
const pending: string[] = [];
// The character pairs of jieba's dictionary, read on first use from the files it loads.
let pairs: WordPairs | null = null;

/** Built when the extractor first asks, which is when segmenting starts: the waiting words go to jieba then too. */
function wordPairs(): WordPairs {
  if (pairs) return pairs;
  flush();
  const files = nodejieba as unknown as { DEFAULT_DICT?: string; DEFAULT_USER_DICT?: string };
  if (!files.DEFAULT_DICT || !files.DEFAULT_USER_DICT) throw new Error('nodejieba does not name its dictionary files');
  const built = createWordPairs();
  addDictionary(built, readFileSync(files.DEFAULT_DICT, 'utf8'));
  addDictionary(built, readFileSync(files.DEFAULT_USER_DICT, 'utf8'));
  // Words still pending are added too: once inserted they are jieba's words (a word it knew already adds nothing new).
  for (const w of inserted) built.add(w);
  pairs = built;
  return pairs;
}

// The cuts of recent pieces. The extractor segments short pieces around lexicon matches (see
// boundaries in extractor.ts), and chat repeats them: over the 4,949 labelled lines of the dev
// and blind sets, read once from cold, 54% of the pieces had been cut before (`npm run
// eval:signals`). A call to jieba costs a native call, the piece in UTF-8 and a JS string per
// token; a lookup here one hash. Two generations of at most CACHE_GENERATION pieces each keep the
// recent ones; adding words to jieba's dictionary can change any cut, so it empties both.
const CACHE_GENERATION = 32_768;
/** Longer pieces are rare and cut as they come. */
const CACHED_PIECE_MAX = 32;
let recentCuts = new Map<string, readonly string[]>();
let olderCuts = new Map<string, readonly string[]>();
const cutStats = { cuts: 0, fromCache: 0 };

function cachedCut(text: string): readonly string[] {
  cutStats.cuts += 1;
  if (text.length > CACHED_PIECE_MAX) return nodejieba.cut(text);
  let words = recentCuts.get(text);
  if (words !== undefined) {
    cutStats.fromCache += 1;
    return words;
  }
  words = olderCuts.get(text);
  if (words !== undefined) cutStats.fromCache += 1;
  else words = nodejieba.cut(text);
  if (recentCuts.size >= CACHE_GENERATION) {
    olderCuts = recentCuts;
    recentCuts = new Map();
  }
  recentCuts.set(text, words);
  return words;
}

function flush(): void {
  if (pending.length === 0) return;
  recentCuts = new Map();
  olderCuts = new Map();
  for (const w of pending.splice(0)) {
    // Re-inserting a word jieba already knows would replace its frequency with the user-word
    // default and disturb segmentation around it: only words it would split are added.
    if (nodejieba.cut(w).length === 1) continue;
    nodejieba.insertWord(w);
    added.add(w);
  }
}

export interface JiebaSegmenter extends Segmenter {
  /** False when no word of jieba's dictionary (its files and every word added) holds `left` followed by `right`. */
  mayJoin(left: number, right: number): boolean;
  /** Adds words to the user dictionary (normalised like message text, applied before the next cut); returns how many were new. */
  addWords(words: Iterable<string>): number;
  /** Every word this process added, as a jieba user-dictionary file body (one word per line). */
  userDictionary(): string;
  /** Pieces cut since the process started, and how many of them were answered from the cache of recent cuts. */
  cutStats(): { cuts: number; fromCache: number };
}

export function createJiebaSegmenter(): JiebaSegmenter {
  return {
    cut(text: string): readonly string[] {
      if (pending.length) flush();
      return cachedCut(text);
    },
    mayJoin(left: number, right: number): boolean {
      return (pairs ?? wordPairs()).mayJoin(left, right);
    },
    addWords(words: Iterable<string>): number {
      let count = 0;
      for (const raw of words) {
        const w = normalizeEntry(raw);
        if (!w || w.length < 2 || inserted.has(w) || /\s/.test(w)) continue;
        inserted.add(w);
        pending.push(w);
        pairs?.add(w);
        count += 1;
      }
      return count;
    },
    cutStats: () => ({ ...cutStats }),
    userDictionary(): string {
      flush();
      return [...added].sort().join('\n');
    },
  };
}
