// Which SOP cards fit a (rep, customer) now: the stage must fit; industry, K/R tier and audience
// filter (a K or R card needs a customer of that tier); fresh signals, specificity and
// colleagues' feedback score. Pure and allocation-light,
// because it runs for every customer view, stage change and signal (bench: 100k pairs × 500 cards).
import { STAGES, stageName, type Stage } from '../stages.ts';
import { CATEGORY_LABELS, SENTIMENTS, SIGNAL_CATEGORIES, type Sentiment, type SignalCategory } from '../insight/signal.ts';
import type { SopCard } from './card.ts';
import { DAY_MS } from '../time.ts';
import { shortQuote } from '../quote.ts';

export interface FeedbackCounts {
  full: number;
  partial: number;
  none: number;
}

export interface MatchSignal {
  category: SignalCategory;
  sentiment: Sentiment;
  at: number;
  quote: string;
}

export interface MatchContext {
  stage: Stage;
  industry: string | null;
  tier: 'K' | 'R' | null;
  newHire: boolean;
  /** The customer's signals of the signal window (14 days), any order. */
  signals: readonly MatchSignal[];
  now: number;
  /** Cards not to return (pushed to this rep for this customer in the last 7 days; retired). */
  exclude?: { has(cardId: string): boolean };
  /** Only cards triggered by one of these signals (a push on fresh signals). */
  triggeredBy?: readonly MatchSignal[];
  feedback?: ReadonlyMap<string, FeedbackCounts>;
  limit?: number;
}

export interface CardMatch {
  card: SopCard;
  score: number;
  /** One line, 为什么推荐. */
  reason: string;
  /** The signal that triggered the card, if any. */
  signal: MatchSignal | null;
}

export const SIGNAL_WINDOW_DAYS = 14;

export const WEIGHTS = {
  /** A card listing only this stage gets the full value; one listing five gets a fifth. */
  stageSpecificity: 2,
  industry: 3,
  tier: 1.5,
  newHire: 1.5,
  /** Per trigger hit, times recency (1 within 2 days, falling to 0.4 at 14 days). */
  signalExact: 5,
  signalCategory: 4,
  signalCap: 8,
  /** Feedback moves a card by up to ±3, shrunk while there are few answers. */
  feedback: 3,
  feedbackPrior: 4,
} as const;

interface IndexedCard {
  card: SopCard;
  /** Position in the index, for per-card arrays. */
  ordinal: number;
  industries: Set<string> | null;
  stageWeight: number;
  /** Trigger slots (see slotOf) and their weights, precomputed so matching allocates nothing per card. */
  slots: number[];
  slotWeights: number[];
}

export interface CardIndex {
  cards: SopCard[];
  byStage: Map<Stage, IndexedCard[]>;
  byId: Map<string, SopCard>;
  /** Candidates per stage, tier and industry (filled on first use; a few dozen lists at most). */
  buckets: Map<string, IndexedCard[]>;
  /** Feedback score per card ordinal, per feedback map (callers reuse one map for many matches). */
  feedbackScores: WeakMap<object, Float64Array>;
  size: number;
}

const CATEGORY_INDEX = new Map(SIGNAL_CATEGORIES.map((c, i) => [c, i]));
const SENTIMENT_INDEX = new Map(SENTIMENTS.map((s, i) => [s, i]));
const ANY_SENTIMENT = SENTIMENTS.length;
const SLOTS = SIGNAL_CATEGORIES.length * (SENTIMENTS.length + 1);

/** A (category, sentiment or any) pair as a small integer. */
function slotOf(category: SignalCategory, sentiment: Sentiment | null): number {
  return CATEGORY_INDEX.get(category)! * (SENTIMENTS.length + 1) + (sentiment ? SENTIMENT_INDEX.get(sentiment)! : ANY_SENTIMENT);
}

export function buildCardIndex(cards: SopCard[]): CardIndex {
  const byStage = new Map<Stage, IndexedCard[]>(STAGES.map((s) => [s, []]));
  const sorted = [...cards].sort((a, b) => a.id.localeCompare(b.id));
  for (const [ordinal, card] of sorted.entries()) {
    const entry: IndexedCard = {
      card,
      ordinal,
      industries: card.industries ? new Set(card.industries) : null,
      stageWeight: WEIGHTS.stageSpecificity / card.stages.length,
      slots: card.triggers.map((t) => slotOf(t.category, t.sentiment)),
      slotWeights: card.triggers.map((t) => (t.sentiment ? WEIGHTS.signalExact : WEIGHTS.signalCategory)),
    };
    for (const s of card.stages) byStage.get(s)!.push(entry);
  }
  return {
    cards,
    byStage,
    byId: new Map(cards.map((c) => [c.id, c])),
    buckets: new Map(),
    feedbackScores: new WeakMap(),
    size: sorted.length,
  };
}

/** The stage's cards whose industry and K/R tier fit the customer, in id order. */
function candidatesFor(index: CardIndex, stage: Stage, industry: string | null, tier: 'K' | 'R' | null): IndexedCard[] {
  const key = `${stage}|${tier ?? ''}|${industry ?? ''}`;
  let list = index.buckets.get(key);
  if (!list) {
    list = (index.byStage.get(stage) ?? []).filter(
      (e) => (!e.industries || (industry !== null && e.industries.has(industry))) && (e.card.tier === 'all' || e.card.tier === tier),
    );
    // Unknown industries could grow the cache without bound; only keep a bounded number of lists.
    if (index.buckets.size < 2000) index.buckets.set(key, list);
  }
  return list;
}

function feedbackScores(index: CardIndex, feedback: ReadonlyMap<string, FeedbackCounts>): Float64Array {
  let scores = index.feedbackScores.get(feedback);
  if (!scores) {
    scores = new Float64Array(index.size);
    for (const list of index.byStage.values()) for (const e of list) scores[e.ordinal] = feedbackScore(feedback.get(e.card.id));
    index.feedbackScores.set(feedback, scores);
  }
  return scores;
}

export function recency(at: number, now: number): number {
  const days = Math.max(0, (now - at) / DAY_MS);
  if (days <= 2) return 1;
  return Math.max(0.4, 1 - (0.6 * (days - 2)) / (SIGNAL_WINDOW_DAYS - 2));
}

/** Best (most recent-weighted) signal per slot, in reusable buffers (matching is synchronous). */
interface SignalTable {
  w: Float64Array;
  s: (MatchSignal | null)[];
}
const newTable = (): SignalTable => ({ w: new Float64Array(SLOTS), s: new Array<MatchSignal | null>(SLOTS).fill(null) });
const allTable = newTable();
const freshTable = newTable();

function fillTable(t: SignalTable, signals: readonly MatchSignal[], now: number): SignalTable {
  t.w.fill(0);
  t.s.fill(null);
  const put = (slot: number, w: number, s: MatchSignal) => {
    if (w > t.w[slot]!) {
      t.w[slot] = w;
      t.s[slot] = s;
    }
  };
  for (const s of signals) {
    const w = recency(s.at, now);
    put(slotOf(s.category, s.sentiment), w, s);
    put(slotOf(s.category, null), w, s);
  }
  return t;
}

export function feedbackScore(f: FeedbackCounts | undefined): number {
  if (!f) return 0;
  const n = f.full + f.partial + f.none;
  if (n === 0) return 0;
  const rate = (f.full + 0.5 * f.partial - f.none) / n;
  return WEIGHTS.feedback * rate * (n / (n + WEIGHTS.feedbackPrior));
}

export function matchCards(index: CardIndex, ctx: MatchContext): CardMatch[] {
  const limit = ctx.limit ?? 3;
  if (limit <= 0) return [];
  const candidates = candidatesFor(index, ctx.stage, ctx.industry, ctx.tier);
  const fbScores = ctx.feedback ? feedbackScores(index, ctx.feedback) : null;
  const all = fillTable(allTable, ctx.signals, ctx.now);
  const fresh = ctx.triggeredBy ? fillTable(freshTable, ctx.triggeredBy, ctx.now) : null;
  const top: { entry: IndexedCard; score: number; hit: MatchSignal | null; fb: number }[] = [];

  for (const entry of candidates) {
    const card = entry.card;
    if (ctx.exclude?.has(card.id)) continue;
    if (card.audience === 'new_hires' && !ctx.newHire) continue;

    let signalScore = 0;
    let hit: MatchSignal | null = null;
    let hitWeight = 0;
    let triggered = fresh === null;
    for (let k = 0; k < entry.slots.length; k++) {
      const slot = entry.slots[k]!;
      const w = all.w[slot]!;
      if (w > 0) {
        signalScore += entry.slotWeights[k]! * w;
        if (w > hitWeight) {
          hitWeight = w;
          hit = all.s[slot]!;
        }
      }
      if (fresh && !triggered && fresh.w[slot]! > 0) {
        triggered = true;
        hit = fresh.s[slot]!;
        hitWeight = Infinity;
      }
    }
    if (!triggered) continue;

    const fb = fbScores ? fbScores[entry.ordinal]! : 0;
    const score =
      entry.stageWeight +
      Math.min(signalScore, WEIGHTS.signalCap) +
      (entry.industries ? WEIGHTS.industry : 0) +
      (card.tier !== 'all' ? WEIGHTS.tier : 0) +
      (card.audience === 'new_hires' ? WEIGHTS.newHire : 0) +
      fb;

    // Keep the best `limit` in order; candidates arrive sorted by id, so ties keep the lower id.
    if (top.length === limit && score <= top[limit - 1]!.score) continue;
    let i = top.length;
    while (i > 0 && top[i - 1]!.score < score) i -= 1;
    top.splice(i, 0, { entry, score, hit, fb });
    if (top.length > limit) top.pop();
  }

  return top.map(({ entry, score, hit, fb }) => ({
    card: entry.card,
    score,
    signal: hit,
    reason: explain(entry, ctx, hit, fb),
  }));
}

function daysAgo(at: number, now: number): string {
  const d = Math.floor((now - at) / DAY_MS);
  return d <= 0 ? '今天' : d === 1 ? '昨天' : `${d}天前`;
}

export { shortQuote };

/** The one-line 为什么推荐, strongest evidence first. */
function explain(entry: IndexedCard, ctx: MatchContext, signal: MatchSignal | null, fb: number): string {
  const card = entry.card;
  const parts: string[] = [];
  if (signal) parts.push(`客户${daysAgo(signal.at, ctx.now)}提到${CATEGORY_LABELS[signal.category]}：“${shortQuote(signal.quote)}”`);
  if (entry.industries && ctx.industry) parts.push(`${ctx.industry}行业专用`);
  if (card.tier !== 'all') parts.push(`${card.tier}类客户打法`);
  if (card.audience === 'new_hires') parts.push('新人必学');
  if (parts.length === 0) parts.push(`适用${stageName(ctx.stage)}阶段：${shortQuote(card.sections.scene.split(/[。；\n]/)[0]!, 20)}`);
  else if (parts.length === 1) parts.push(`适用${stageName(ctx.stage)}阶段`);
  const f = ctx.feedback?.get(card.id);
  const n = f ? f.full + f.partial + f.none : 0;
  if (f && n >= 3) {
    const useful = Math.round(((f.full + f.partial) / n) * 100);
    parts.push(fb >= 0 ? `同事反馈${useful}%适用（${n}条）` : `同事反馈偏负面（${n}条），用前先看禁忌`);
  }
  return parts.join('；');
}
