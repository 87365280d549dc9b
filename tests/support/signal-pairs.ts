// The extractor as the tests read it: a line → its signals as sorted 'category/sentiment' pairs,
// with the bundled lexicon (one runtime shared by the extractor test files).
import { createInsightRuntime, compiledLexicon } from '../../src/services/insight.ts';

export const insightRuntime = createInsightRuntime(compiledLexicon());

export const pairs = (text: string, role?: 'rep' | 'manager'): string[] =>
  insightRuntime
    .extract(text, role)
    .map((s) => `${s.category}/${s.sentiment}`)
    .sort();
