// `npm run eval:signals [-- [--errors] file.jsonl …]`: scores the extractor on the dev set of
// ../shared/corpus and on our own labelled sets in tests/fixtures, printing per-category
// P/R/F1 and both micro-F1s. Exit code 1 when the dev set misses the goals. The own sets:
//   signals-heldout.jsonl    69 lines written before the extractor; first score 92.3 / 87.7, then
//                            its errors were looked at
//   signals-heldout-2.jsonl  45 lines written later; first (blind) score 78.5 / 60.8, then used
//                            to widen the vocabulary
//   signals-blind.jsonl      42 lines written after the first lexicon work; first (blind) score
//                            87.3 / 76.1, then used to widen the vocabulary
//   signals-tune.jsonl       260 lines written by someone else, a tuning set; first score (lexicon
//                            at 2e9bcc6, before any tuning on it) 89.6 / 78.4 (P 91.3 R 87.9 /
//                            P 79.8 R 76.9); the lexicon before that work (cf71fd9) scored 86.7 / 74.4
//   signals-blind-2.jsonl    160 lines by an independent author; first (blind) score 81.9 / 69.8
//                            (P 87.2 R 77.2), then used to generalise the lexicon and grammar
//   signals-blind-3.jsonl    180 lines by an independent author; scored blind twice without its
//                            errors being read: 83.2 / 72.0 (lexicon round 1), 84.8 / 72.8
//                            (P 83.0 R 86.7, round 2); then used to generalise (round 3)
//   signals-blind-4.jsonl    150 lines by an independent author, written after round 3 and never
//                            tuned on: 88.7 / 82.8 (P 87.3 R 90.1 / P 81.5 R 84.2). It is the
//                            measure of new wording; tune on a new set, not on it
//   signals-blind-5.jsonl    200 lines by an independent author; first (blind) score 86.3 / 76.1
//                            (P 89.0 R 83.9 / P 78.5 R 74.0), then tuned on (general rules and
//                            vocabulary only; debatable gold labels left as they are)
//   signals-blind-6.jsonl    200 lines by an independent author (archived chats, call transcripts);
//                            scored blind twice without its errors being read: 88.1 / 78.1 (before
//                            the blind-5 round), 88.7 / 79.9 (P 89.0 R 88.5 / P 80.1 R 79.7, after
//                            it); then tuned on (general rules and vocabulary only)
//   signals-blind-7.jsonl    200 lines by an independent author who was asked for indirect wording
//                            (budget not always as 预算, approval not as 审批…), written after the
//                            blind-5 round; scored blind twice without its errors being read:
//                            82.9 / 67.2 before the blind-6 round, 82.9 / 67.8 (P 82.7 R 83.2 /
//                            P 67.6 R 67.9) after it; then tuned on (round 7: general rules and
//                            vocabulary only; debatable gold labels left as they are)
//   signals-blind-8.jsonl    200 lines by an independent author, half in indirect wording, written
//                            after the blind-6 round and never tuned on: 82.6 / 72.5 (P 86.0
//                            R 79.5 / P 75.4 R 69.7) both before and after the blind-7 round; then
//                            tuned on (round 8: general rules and vocabulary only; debatable gold
//                            labels left as they are)
//   signals-blind-9.jsonl    200 lines by an independent author, half ordinary and half indirect
//                            wording, written after the blind-7 round and never tuned on: 86.7 / 76.6
//                            before the blind-8 round, 87.0 / 76.4 (P 89.6 R 84.5 / P 78.7 R 74.2)
//                            after it; then tuned on (round 9: general rules and vocabulary only;
//                            debatable gold labels left as they are)
//   signals-blind-10.jsonl   200 lines by an independent author, half ordinary and half indirect
//                            wording (some traditional characters and Cantonese), written after the
//                            blind-8 round and never tuned on: 88.1 / 80.3 (P 89.3 R 86.9 / P 81.5
//                            R 79.2) before the blind-9 round, 89.5 / 81.8 (P 90.5 R 88.5 / P 82.7
//                            R 80.9) after it; then tuned on (round 10: general rules and vocabulary
//                            only; debatable gold labels left as they are)
//   signals-breadth.jsonl    283 lines of our own (breadth round: no tuning set, wording from domain
//                            knowledge), written with the lexicon in view; a regression check, not a
//                            measure
//   signals-blind-11.jsonl   200 lines by an independent author (hospitals, schools, bureaus, banks,
//                            factories; rep reports, forwarded customer messages, voice transcripts),
//                            half indirect wording, written after the blind-9 round and never tuned
//                            on: 87.1 / 80.3 (P 86.6 R 87.6 / P 79.9 R 80.8) before the blind-10
//                            round, 87.6 / 80.9 (P 87.2 R 88.1 / P 80.4 R 81.4) after it, 87.7 / 81.6
//                            (P 86.7 R 88.7 / P 80.7 R 82.5) after the breadth round, 88.5 / 82.4
//                            (P 87.8 R 89.3 / P 81.7 R 83.1) after round 12; then tuned on (round 13:
//                            precision first, general rules and vocabulary families only; debatable
//                            gold labels left as they are): 97.8 / 94.9 (P 97.2 R 98.3 / P 94.4
//                            R 95.5) after it
//   signals-blind-12.jsonl   200 lines by an independent author (SME sales: casual rep reports with
//                            abbreviations, pasted customer lines, manager remarks), half indirect
//                            wording, written after the blind-10 round; scored blind twice without
//                            its errors being read: 82.3 / 75.4 (P 82.3 R 82.3 / P 75.4 R 75.4) before
//                            the breadth round, 82.7 / 75.9 (P 82.0 R 83.4 / P 75.3 R 76.6) after it;
//                            then tuned on (round 12: precision first, general rules and vocabulary
//                            families only; debatable gold labels left as they are): 97.2 / 94.4
//                            (P 96.1 R 98.3 / P 93.3 R 95.4) after it
//   signals-blind-13.jsonl   200 lines by an independent author (enterprise and state-owned customers:
//                            集采, 信创, 比选, security reviews, pilots; weekly reports, pasted emails,
//                            meeting minutes), half indirect wording, written after round 12 and
//                            scored blind twice without its errors being read: 84.7 / 73.2 (P 82.0
//                            R 87.6 / P 70.9 R 75.7) before round 13, 84.9 / 73.4 (P 82.4 R 87.6 /
//                            P 71.3 R 75.7) after it; then tuned on (round 14: precision and
//                            sentiment first, general rules and vocabulary families only; debatable
//                            gold labels left as they are): 95.6 / 91.8 (P 93.0 R 98.3 / P 89.3
//                            R 94.4) after it
//   signals-blind-14.jsonl   200 lines by an independent author (channel, inside and key-account sales,
//                            a pre-sales engineer; renewals and add-ons), half indirect wording,
//                            written after round 13 and never tuned on: 86.3 / 76.2 (P 86.8 R 85.8 /
//                            P 76.6 R 75.7) before round 14, 86.6 / 76.4 (P 87.3 R 85.8 / P 77.1
//                            R 75.7) after it; 86.3 / 76.2 after round 16, 87.2 / 77.2 after round 18,
//                            87.2 / 77.7 after round 19.
//                            With blind-4, the measure of new wording; do not tune on it
//   signals-blind-16.jsonl   200 lines by an independent author (SaaS, equipment, medical, education,
//                            government IT, logistics, finance; 40% indirect wording, run-ons, English
//                            abbreviations), written after round 17: 88.3 / 72.8 (P 89.8 R 86.8 / P 74.1
//                            R 71.6) at first sight; then tuned on (round 18: general rules and
//                            vocabulary families; debatable gold labels left as they are): 93.9 / 89.0
//                            (P 93.7 R 94.1 / P 88.8 R 89.2) after it
//   signals-blind-17.jsonl   200 lines by an independent author (construction, energy, automotive, pharma
//                            distribution, agriculture, hotels, media; voice-transcript and dialect
//                            style), written after round 18: 85.4 / 72.4 (P 83.6 R 87.3 / P 70.9 R 74.0)
//                            at first sight; then tuned on (round 19: general rules and vocabulary
//                            families only; debatable gold labels left as they are): 89.6 / 83.5
//                            (P 86.4 R 93.1 / P 80.5 R 86.8) after it
//   signals-blind-18.jsonl   200 lines by an independent author (manufacturing, hospitals, schools, banks,
//                            government, retail, logistics, SaaS; spoken and indirect wording, a quarter
//                            without signals), written after round 19: 91.8 / 78.7 (P 89.4 R 94.4 /
//                            P 76.6 R 80.9) at first sight; then tuned on (round 20: keywords/ only,
//                            general families): 95.6 / 88.5 after it; 95.9 / 90.9 once 【经理】 tags
//                            mark manager lines
//   signals-blind-19.jsonl   200 lines by an independent author (insurance, pharma, chemicals, property,
//                            hotel chains, public hospitals, universities, city government, cross-border
//                            e-commerce; tagged forwards, minutes, contrast across clauses), written after
//                            round 20: 86.3 / 76.0 (P 87.3 R 85.4 / P 76.8 R 75.1) at first sight;
//                            then tuned on (round 21: keywords/ only, general families): 97.1 / 93.4
//   signals-blind-20.jsonl   200 lines by an independent author (conversation archives and call
//                            transcripts: speech-to-text register, fillers, run-ons, spoken dates and
//                            amounts, English fragments; seven industries), written after round 22 was
//                            reverted: 92.1 / 81.3 (P 96.4 R 88.2 / P 85.1 R 77.9) at first sight;
//                            then tuned on (round 23: keywords/ first, two general extractor rules): 96.4 / 91.1
//   signals-blind-21.jsonl   200 lines by an independent author (external customer groups and forwarded
//                            group chats where the customer's own staff speak, speaker tags, [转发];
//                            retail, logistics, agriculture, media, law firms, hotels, property), written
//                            after round 23: 85.9 / 77.3 (P 87.9 R 84.0 / P 79.1 R 75.6) at first sight;
//                            then tuned on (round 24: keywords/ first, two general extractor rules): 97.3 / 93.3
//   signals-blind-15.jsonl   200 lines by an independent author (seven industries; a third indirect or
//                            colloquial wording, lines without any signal), written after round 14
//                            and never tuned on: 93.3 / 86.4 (P 95.0 R 91.7 / P 87.9 R 85.0) at
//                            first sight, 93.6 / 87.7 after round 16 (twenty general rules, tuned on
//                            other sets; blind-4 unchanged, blind-14 86.6 / 76.4 → 86.3 / 76.2),
//                            94.1 / 88.2 after round 17 (rules behind QA misses; the others unchanged),
//                            94.4 / 88.6 after round 18 (tuned on blind-16; blind-14 → 87.2 / 77.2),
//                            94.7 / 88.8 after round 20 (tuned on blind-18; blind-4 92.9 / 90.3 →
//                            93.2 / 90.7, blind-14 unchanged at 87.2 / 77.7), 94.9 / 89.6 after
//                            round 21 (tuned on blind-19; blind-14 → 87.6 / 78.7, blind-4 unchanged).
//                            With blind-4 and blind-14, the measure of new wording
//   signals-blind-22.jsonl   200 lines by an independent author (terse CRM-style notes reps type on a phone
//                            after a visit, abbreviations, voice-input slips, managers' comments; seven
//                            industries), written before round 24 was merged and never tuned on: 94.5 / 87.3
//                            (P 95.0 R 94.1 / P 87.7 R 86.9) before and after round 24
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExtractor } from '../src/domain/insight/extractor.ts';
import { createJiebaSegmenter } from '../src/domain/insight/segmenter.ts';
import { evaluate, type EvalReport, type LabelledLine } from '../src/domain/insight/scoring.ts';
import { SIGNAL_CATEGORIES } from '../src/domain/insight/signal.ts';
import { loadLexicon } from '../src/services/lexicon-loader.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const GOALS = { categories: 0.9, pairs: 0.85 };

function devSetPath(): string | null {
  const candidates = [
    process.env.SIGNALS_DEV,
    join(root, '..', 'shared', 'corpus', 'signals-dev.jsonl'),
    join(root, '..', '..', 'shared', 'corpus', 'signals-dev.jsonl'),
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

function readSet(path: string): LabelledLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledLine);
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

function print(name: string, r: EvalReport, showErrors: boolean): void {
  process.stdout.write(`\n${name} (${r.lines} lines)\n`);
  process.stdout.write(`  ${'category'.padEnd(16)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}   tp  fp  fn\n`);
  for (const c of SIGNAL_CATEGORIES) {
    const s = r.perCategory[c];
    process.stdout.write(`  ${c.padEnd(16)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}  ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}\n`);
  }
  process.stdout.write(`  micro-F1 categories:          ${pct(r.categories.f1)}  (P ${pct(r.categories.precision)}, R ${pct(r.categories.recall)})\n`);
  process.stdout.write(`  micro-F1 category+sentiment:  ${pct(r.pairs.f1)}  (P ${pct(r.pairs.precision)}, R ${pct(r.pairs.recall)})\n`);
  if (showErrors) for (const e of r.errors) process.stdout.write(`  ✗ ${e.id} ${e.text}\n      gold ${e.gold.join(' ') || '-'} | got ${e.predicted.join(' ') || '-'}\n`);
}

const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const files = args.filter((a) => !a.startsWith('--'));
const lexicon = loadLexicon();
const segmenter = createJiebaSegmenter();
segmenter.addWords(lexicon.compiled.words);
const extractor = createExtractor(lexicon.compiled, segmenter);
const predict = (line: LabelledLine) => extractor.extract(line.text);

/** One of our own labelled sets in tests/fixtures (scored, no goal). */
const ownSet = (file: string, name: string) => ({ name, path: join(root, 'tests', 'fixtures', file), goal: false });

let failed = false;
let linesRead = 0;
const sets = files.length
  ? files.map((f) => ({ name: f, path: f, goal: false }))
  : [
      { name: 'dev: signals-dev.jsonl', path: devSetPath(), goal: true },
      ownSet('signals-heldout.jsonl', 'held-out (written first; first score 92.3 / 87.7, then used)'),
      ownSet('signals-heldout-2.jsonl', 'held-out 2 (first blind score 78.5 / 60.8, then used)'),
      ownSet('signals-blind.jsonl', 'blind (first blind score 87.3 / 76.1, then used)'),
      ownSet('signals-tune.jsonl', 'tuning set (first score 89.6 / 78.4, then tuned on)'),
      ownSet('signals-blind-2.jsonl', 'blind 2 (independent author; first blind score 81.9 / 69.8, then used)'),
      ownSet('signals-blind-3.jsonl', 'blind 3 (independent author; first blind score 84.8 / 72.8, then used)'),
      ownSet('signals-blind-5.jsonl', 'blind 5 (independent author; first blind score 86.3 / 76.1, then tuned on)'),
      ownSet('signals-blind-6.jsonl', 'blind 6 (independent author; first blind score 88.1 / 78.1, then tuned on)'),
      ownSet('signals-blind-7.jsonl', 'blind 7 (independent author, indirect wording; first blind score 82.9 / 67.2, then tuned on)'),
      ownSet('signals-blind-8.jsonl', 'blind 8 (independent author, half indirect wording; first blind score 82.6 / 72.5, then tuned on)'),
      ownSet('signals-blind-9.jsonl', 'blind 9 (independent author, half indirect wording; first blind score 87.0 / 76.4, then tuned on)'),
      ownSet('signals-blind-10.jsonl', 'blind 10 (independent author, half indirect wording; first blind score 89.5 / 81.8, then tuned on)'),
      ownSet('signals-blind-12.jsonl', 'blind 12 (independent author, SME chat; first blind score 82.3 / 75.4, tuned on in round 12: 97.2 / 94.4)'),
      ownSet('signals-blind-13.jsonl', 'blind 13 (independent author, enterprise and state-owned customers; first blind score 84.7 / 73.2, tuned on in round 14: 95.6 / 91.8)'),
      ownSet('signals-blind-11.jsonl', 'blind 11 (independent author, half indirect wording; first blind score 87.1 / 80.3, then tuned on (round 13: 97.8 / 94.9))'),
      ownSet('signals-blind-16.jsonl', 'blind 16 (independent author, 40% indirect wording; first blind score 88.3 / 72.8, tuned on in round 18: 93.9 / 89.0)'),
      ownSet('signals-blind-17.jsonl', 'blind 17 (independent author, voice and dialect style; first blind score 85.4 / 72.4, tuned on in round 19)'),
      ownSet('signals-blind-18.jsonl', 'blind 18 (independent author, spoken and indirect wording; first blind score 91.8 / 78.7, tuned on in round 20)'),
      ownSet('signals-blind-19.jsonl', 'blind 19 (independent author, tagged forwards and contrast across clauses; first blind score 86.3 / 76.0, tuned on in round 21)'),
      ownSet('signals-blind-20.jsonl', 'blind 20 (independent author, archives and call transcripts in spoken register; first blind score 92.1 / 81.3)'),
      ownSet('signals-blind-21.jsonl', 'blind 21 (independent author, customer groups and forwarded group chats; first blind score 85.9 / 77.3, tuned on in round 24)'),
      ownSet('signals-breadth.jsonl', 'breadth (written with the lexicon in view; a regression check, not a measure)'),
      ownSet('signals-blind-4.jsonl', 'blind 4 (independent author; never tuned on: keep it that way)'),
      ownSet('signals-blind-14.jsonl', 'blind 14 (independent author, half indirect wording; never tuned on: keep it that way)'),
      ownSet('signals-blind-15.jsonl', 'blind 15 (independent author, a third indirect wording; never tuned on: keep it that way)'),
      ownSet('signals-blind-22.jsonl', 'blind 22 (independent author, terse CRM-style notes; never tuned on: keep it that way)'),
    ];
for (const set of sets) {
  if (!set.path) {
    process.stdout.write(`\n${set.name}: not found (set SIGNALS_DEV to the dev set's path)\n`);
    failed = true;
    continue;
  }
  const report = evaluate(readSet(set.path), predict);
  linesRead += report.lines;
  print(`${set.name} [${relative(process.cwd(), set.path) || set.path}]`, report, showErrors);
  if (set.goal) {
    const ok = report.categories.f1 >= GOALS.categories && report.pairs.f1 >= GOALS.pairs;
    process.stdout.write(`  goal (≥ ${GOALS.categories * 100} / ≥ ${GOALS.pairs * 100}): ${ok ? 'met' : 'NOT met'}\n`);
    if (!ok) failed = true;
  }
}
// How often the extractor's pieces repeat in varied text (each line read once, from a cold cache):
// the bench's synthetic lines repeat far more, so its rate is no guide to real archives.
const cuts = segmenter.cutStats();
process.stdout.write(
  `\njieba: ${cuts.cuts} pieces cut for ${linesRead} lines, ${((cuts.fromCache / Math.max(1, cuts.cuts)) * 100).toFixed(0)}% answered from the cache of recent cuts\n`,
);
process.exitCode = failed ? 1 : 0;
