// jieba cuts wherever no word of its dictionary holds the two characters around a position side
// by side. The extractor relies on that to segment only the pieces of a line between such cuts
// that a lexicon match asks about, instead of whole lines.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import nodejieba from 'nodejieba';
import { compiledLexicon } from '../../../src/services/insight.ts';
import { createExtractor } from '../../../src/domain/insight/extractor.ts';
import { createJiebaSegmenter } from '../../../src/domain/insight/segmenter.ts';
import { normalizeText } from '../../../src/domain/insight/normalize.ts';
import { addDictionary, createWordPairs } from '../../../src/domain/insight/word-pairs.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const labelledLines = readdirSync(fixtures)
  .filter((f) => f.startsWith('signals-') && f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(`${fixtures}${f}`, 'utf8').split('\n').filter((l) => l.trim()))
  .map((l) => (JSON.parse(l) as { text: string }).text);

describe('word pairs', () => {
  it('says two characters cannot join only when no word added holds them side by side', () => {
    const pairs = createWordPairs(16);
    pairs.add('领导还没批');
    const code = (s: string) => s.charCodeAt(0);
    expect(pairs.mayJoin(code('还'), code('没'))).toBe(true);
    expect(pairs.mayJoin(code('没'), code('还'))).toBe(false);
    expect(pairs.mayJoin(code('批'), code('领'))).toBe(false);
  });

  it('never puts a cut between the two halves of one character', () => {
    const pairs = createWordPairs(16);
    const emoji = '👍';
    expect(pairs.mayJoin(emoji.charCodeAt(0), emoji.charCodeAt(1))).toBe(true);
  });

  it('reads the words of a jieba dictionary file, with or without frequency and tag', () => {
    const pairs = createWordPairs(16);
    expect(addDictionary(pairs, '云计算\n区块链 10 nz\n蓝翔 nz\n好\n')).toBe(3);
    expect(pairs.mayJoin('链'.charCodeAt(0), ' '.charCodeAt(0))).toBe(false);
    expect(pairs.mayJoin('蓝'.charCodeAt(0), '翔'.charCodeAt(0))).toBe(true);
  });
});

describe('segmenting pieces instead of lines', () => {
  const lexicon = compiledLexicon();
  const segmenter = createJiebaSegmenter();
  segmenter.addWords(lexicon.words);

  it('jieba cuts at every position where the dictionary pairs say nothing joins', () => {
    const missed: string[] = [];
    for (const line of labelledLines) {
      const text = normalizeText(line).match;
      const cuts = new Set<number>();
      let pos = 0;
      for (const token of nodejieba.cut(text)) cuts.add((pos += token.length));
      for (let i = 1; i < text.length; i++) {
        if (!segmenter.mayJoin(text.charCodeAt(i - 1), text.charCodeAt(i)) && !cuts.has(i)) missed.push(`${text.slice(0, i)}|${text.slice(i)}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('finds the same signals as segmenting whole lines, from much less text', () => {
    let pieceChars = 0;
    let lineChars = 0;
    const byPieces = createExtractor(lexicon, { cut: (t) => ((pieceChars += t.length), segmenter.cut(t)), mayJoin: (l, r) => segmenter.mayJoin(l, r) });
    const byLines = createExtractor(lexicon, { cut: (t) => ((lineChars += t.length), segmenter.cut(t)) });
    const differ: string[] = [];
    for (const line of labelledLines) {
      if (JSON.stringify(byPieces.extract(line)) !== JSON.stringify(byLines.extract(line))) differ.push(line);
    }
    expect(differ).toEqual([]);
    expect(labelledLines.length).toBeGreaterThan(3000);
    expect(pieceChars).toBeLessThan(lineChars / 2);
  });
});

describe('the cache of recent cuts', () => {
  it('gives the words jieba gives, and answers a piece cut before without asking jieba again', () => {
    const segmenter = createJiebaSegmenter();
    const pieces = labelledLines.slice(0, 300).map((line) => normalizeText(line).match.slice(0, 8));
    const before = segmenter.cutStats();
    for (const piece of pieces) expect(segmenter.cut(piece)).toEqual(nodejieba.cut(piece));
    for (const piece of pieces) expect(segmenter.cut(piece)).toEqual(nodejieba.cut(piece));
    const after = segmenter.cutStats();
    expect(after.cuts - before.cuts).toBe(pieces.length * 2);
    expect(after.fromCache - before.fromCache).toBeGreaterThanOrEqual(pieces.length);
  });

  it('cuts a piece afresh once a word added to the dictionary could change it', () => {
    const segmenter = createJiebaSegmenter();
    expect(segmenter.cut('鲸汇通达')).toEqual(['鲸', '汇', '通达']);
    segmenter.addWords(['鲸汇通']); // a customer name, say
    expect(segmenter.cut('鲸汇通达')).toEqual(['鲸汇通', '达']);
  });
});
