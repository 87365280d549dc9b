// nodejieba as the extractor's segmenter. jieba's dictionary is process-wide, so words added
// here (the lexicon, customer names and aliases) form one user dictionary for the process;
// each word is inserted once.
import nodejieba from 'nodejieba';
import type { Segmenter } from './extractor.ts';
import { normalizeEntry } from './lexicon.ts';

const inserted = new Set<string>();
const added = new Set<string>();

export interface JiebaSegmenter extends Segmenter {
  /** Adds words to the user dictionary (normalised like message text); returns how many were new. */
  addWords(words: Iterable<string>): number;
  /** Every word this process added, as a jieba user-dictionary file body (one word per line). */
  userDictionary(): string;
}

export function createJiebaSegmenter(): JiebaSegmenter {
  return {
    cut: (text: string) => nodejieba.cut(text),
    addWords(words: Iterable<string>): number {
      let count = 0;
      for (const raw of words) {
        const w = normalizeEntry(raw);
        if (!w || w.length < 2 || inserted.has(w) || /\s/.test(w)) continue;
        inserted.add(w);
        // Re-inserting a word jieba already knows would replace its frequency with the user-word
        // default and disturb segmentation around it: only words it would split are added.
        if (nodejieba.cut(w).length === 1) continue;
        nodejieba.insertWord(w);
        added.add(w);
        count += 1;
      }
      return count;
    },
    userDictionary: () => [...added].sort().join('\n'),
  };
}
