// Small talk is common in archives and costs a segmenter call each; a line that holds no whole
// term, weak term or phrase of the lexicon cannot carry a signal and is never segmented.
import { describe, expect, it } from 'vitest';
import { compiledLexicon } from '../../../src/services/insight.ts';
import { createExtractor } from '../../../src/domain/insight/extractor.ts';
import { createJiebaSegmenter } from '../../../src/domain/insight/segmenter.ts';

function countingExtractor() {
  const lexicon = compiledLexicon();
  const jieba = createJiebaSegmenter();
  jieba.addWords(lexicon.words);
  const cut: string[] = [];
  const extractor = createExtractor(lexicon, { cut: (text) => (cut.push(text), jieba.cut(text)) });
  return { extractor, cut };
}

describe('segmenting only lines that may carry a signal', () => {
  it('does not segment small talk, even when it starts like a lexicon word', () => {
    const { extractor, cut } = countingExtractor();
    for (const line of ['好的，收到', '资料已发邮箱，请查收', '路上有点堵，晚到十分钟', '微信加上了', '合作愉快', '收到，马上安排']) expect(extractor.extract(line)).toEqual([]);
    expect(cut).toEqual([]);
  });

  it('segments a line with a lexicon word and finds its signal', () => {
    const { extractor, cut } = countingExtractor();
    expect(extractor.extract('客户说今年没有预算').map((s) => `${s.category}/${s.sentiment}`)).toEqual(['budget/negative']);
    expect(cut).toHaveLength(1);
  });
});
