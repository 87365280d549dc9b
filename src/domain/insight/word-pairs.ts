// Which two characters some word of the segmenter's dictionary holds side by side.
//
// jieba's tokens are dictionary words or single characters. Where no word of its dictionary (its
// own and every word added to it) has the two characters around a position next to each other,
// no token can span that position: jieba cuts there, whatever the rest of the line says. The
// extractor needs word boundaries only where a lexicon match starts or ends: those on such forced
// cuts are known at once, and for the others only the piece of line between the two nearest forced
// cuts is segmented (see boundaries in extractor.ts).
//
// The pairs live in a bit set indexed by a hash of the two UTF-16 code units. A collision only
// makes a position look joinable, so the extractor segments where it could have skipped: the
// answer "cannot join" is always exact.

export interface WordPairs {
  /** Adds the adjacent pairs of a dictionary word. */
  add(word: string): void;
  /** Adds the adjacent pairs of `text.slice(start, end)`, without making the string. */
  addRange(text: string, start: number, end: number): void;
  /** False when no word added holds `left` followed by `right`: a segmenter using them must cut between. */
  mayJoin(left: number, right: number): boolean;
}

/**
 * 2^24 bits (2 MB): jieba's dictionary holds about 300,000 distinct pairs, and customer names add
 * some more: about 2% of the bits are set, and a set bit only costs a segmentation the characters
 * could have spared. Every character pair of a line is looked up here: an 8 MB table missed the
 * processor's caches more (callgrind with a 2 MB last level: 131 → 123 read misses a line).
 */
const DEFAULT_BITS = 24;

export function createWordPairs(bits = DEFAULT_BITS): WordPairs {
  const words = new Int32Array(1 << (bits - 5));
  const shift = 32 - bits;
  const slot = (left: number, right: number) => Math.imul((left << 16) | right, 0x9e3779b1) >>> shift;
  const addRange = (text: string, start: number, end: number): void => {
    for (let i = start + 1; i < end; i++) {
      const s = slot(text.charCodeAt(i - 1), text.charCodeAt(i));
      words[s >>> 5]! |= 1 << (s & 31);
    }
  };
  return {
    add: (word) => addRange(word, 0, word.length),
    addRange,
    mayJoin(left: number, right: number): boolean {
      // Between the halves of a surrogate pair is inside one character: never a cut.
      if (left >= 0xd800 && left <= 0xdbff) return true;
      const s = slot(left, right);
      return (words[s >>> 5]! & (1 << (s & 31))) !== 0;
    },
  };
}

/** Adds every word of a jieba dictionary file body ("word [freq] [tag]" per line); returns how many. */
export function addDictionary(pairs: WordPairs, body: string): number {
  // By index, without a string per line: jieba's own dictionary has 350,000 lines.
  let count = 0;
  let start = 0;
  while (start < body.length) {
    let lineEnd = body.indexOf('\n', start);
    if (lineEnd < 0) lineEnd = body.length;
    let end = start;
    while (end < lineEnd && body.charCodeAt(end) !== 32) end++; // the word ends at the first space
    if (end > start && body.charCodeAt(end - 1) === 13) end -= 1; // \r\n line ends
    if (end - start >= 2) {
      pairs.addRange(body, start, end);
      count += 1;
    }
    start = lineEnd + 1;
  }
  return count;
}
