// Scores predicted signals against a labelled set (GUIDELINE.md format): per-category
// precision / recall / F1, and micro-F1 over categories and over category+sentiment pairs.
import { SIGNAL_CATEGORIES, type SignalCategory } from './signal.ts';

export interface LabelledLine {
  id: string;
  text: string;
  signals: { category: string; sentiment: string }[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  lines: number;
  perCategory: Record<SignalCategory, Score>;
  categories: Score;
  pairs: Score;
  /** Lines where prediction and gold differ (pairs), for inspection. */
  errors: { id: string; text: string; gold: string[]; predicted: string[] }[];
}

export function score(c: Counts): Score {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

function compare(gold: Set<string>, predicted: Set<string>, into: Counts): void {
  for (const p of predicted) if (gold.has(p)) into.tp += 1;
  else into.fp += 1;
  for (const g of gold) if (!predicted.has(g)) into.fn += 1;
}

export function evaluate(
  gold: LabelledLine[],
  predict: (line: LabelledLine) => { category: string; sentiment: string }[],
): EvalReport {
  const per = Object.fromEntries(SIGNAL_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<SignalCategory, Counts>;
  const cats: Counts = { tp: 0, fp: 0, fn: 0 };
  const pairs: Counts = { tp: 0, fp: 0, fn: 0 };
  const errors: EvalReport['errors'] = [];
  for (const line of gold) {
    const predicted = predict(line);
    const goldCats = new Set(line.signals.map((s) => s.category));
    const predCats = new Set(predicted.map((s) => s.category));
    compare(goldCats, predCats, cats);
    for (const c of SIGNAL_CATEGORIES) compare(goldCats.has(c) ? new Set([c]) : new Set(), predCats.has(c) ? new Set([c]) : new Set(), per[c]);
    const goldPairs = new Set(line.signals.map((s) => `${s.category}/${s.sentiment}`));
    const predPairs = new Set(predicted.map((s) => `${s.category}/${s.sentiment}`));
    compare(goldPairs, predPairs, pairs);
    const same = goldPairs.size === predPairs.size && [...goldPairs].every((p) => predPairs.has(p));
    if (!same) errors.push({ id: line.id, text: line.text, gold: [...goldPairs], predicted: [...predPairs] });
  }
  return {
    lines: gold.length,
    perCategory: Object.fromEntries(SIGNAL_CATEGORIES.map((c) => [c, score(per[c])])) as Record<SignalCategory, Score>,
    categories: score(cats),
    pairs: score(pairs),
    errors,
  };
}
