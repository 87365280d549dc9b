// The daily 沟通洞察简报 as plain data (rendering lives in src/text/brief-render.ts).
// Rep: customers touched, per customer its signals by category with one quote each, new risks
// first, the MOT checklist (seed 001: 预算范围 / 决策时间 / 关键决策人), the reserve warning.
// Manager: the team's top keywords against their 7-day average, hot customers, customers at
// risk, reps below the safety level or without conversations, one line per rep.
import type { ReserveCheck } from '../funnel/funnel-math.ts';
import type { Sentiment, SignalCategory, StoredSignal } from './signal.ts';

export interface Period {
  start: number;
  end: number;
}

export interface CategoryLine {
  category: SignalCategory;
  /** The latest signal's sentiment: where the topic stands now. */
  sentiment: Sentiment;
  /** Signals of this category with that sentiment in the period. */
  count: number;
  /** The other directions the topic took in the period (a timeline both pushed back and agreed). */
  otherwise: Partial<Record<Sentiment, number>>;
  quote: string;
  /** Negative now, and no negative of this category in the 30 days before the period. */
  isNewRisk: boolean;
}

export interface MotStatus {
  budget: boolean;
  timeline: boolean;
  decisionMaker: boolean;
}

export interface CustomerDigest {
  customerId: string;
  name: string;
  conversations: number;
  signalCount: number;
  lines: CategoryLine[];
  mot: MotStatus;
  newRisk: boolean;
  negative: boolean;
  /** Colleagues who recorded lines about this customer (in its owner's brief). */
  reportedBy: string[];
}

export interface RepBrief {
  kind: 'rep';
  userId: string;
  name: string;
  date: string;
  period: Period;
  conversations: number;
  customers: CustomerDigest[];
  /** Lines with signals still without a customer, and the latest one's quote. */
  unattributed: number;
  unattributedQuote: string | null;
  signals: number;
  risks: number;
  reserve: ReserveCheck[];
  belowSafety: boolean;
  /** Markdown another module adds (SOP learning cards for new hires), shown before the reserve. */
  section?: string;
}

const SENTIMENT_ORDER: Record<Sentiment, number> = { negative: 0, positive: 1, neutral: 2 };

/** One customer's period: signals grouped by category, newest quote each, negatives first. */
export function digestCustomer(input: {
  customerId: string;
  name: string;
  conversations: number;
  /** Signals of the period for this customer (any order). */
  signals: StoredSignal[];
  /** Categories with a negative signal in the 30 days before the period (their negatives are not new). */
  priorRisks: ReadonlySet<SignalCategory>;
  /** The MOT checklist as the /推进 gate judges it (domain/pipeline/mot-gate checkFacts). */
  mot: MotStatus;
  reportedBy?: string[];
}): CustomerDigest {
  const latest = new Map<SignalCategory, StoredSignal>();
  const counts = new Map<SignalCategory, Partial<Record<Sentiment, number>>>();
  for (const s of input.signals) {
    const byDirection = counts.get(s.category) ?? {};
    byDirection[s.sentiment] = (byDirection[s.sentiment] ?? 0) + 1;
    counts.set(s.category, byDirection);
    const cur = latest.get(s.category);
    if (!cur || s.at > cur.at || (s.at === cur.at && s.id > cur.id)) latest.set(s.category, s);
  }
  const lines: CategoryLine[] = [...latest.values()].map((s) => {
    const { [s.sentiment]: count = 1, ...otherwise } = counts.get(s.category) ?? {};
    return {
      category: s.category,
      sentiment: s.sentiment,
      count,
      otherwise,
      quote: s.quote,
      isNewRisk: s.sentiment === 'negative' && !input.priorRisks.has(s.category),
    };
  });
  lines.sort(
    (a, b) =>
      Number(b.isNewRisk) - Number(a.isNewRisk) ||
      SENTIMENT_ORDER[a.sentiment] - SENTIMENT_ORDER[b.sentiment] ||
      b.count - a.count ||
      a.category.localeCompare(b.category),
  );
  return {
    customerId: input.customerId,
    name: input.name,
    conversations: input.conversations,
    signalCount: input.signals.length,
    lines,
    mot: input.mot,
    newRisk: lines.some((l) => l.isNewRisk),
    negative: lines.some((l) => l.sentiment === 'negative'),
    reportedBy: input.reportedBy ?? [],
  };
}

/** New risks first, then other customers with a negative signal, then the busiest. */
export function sortCustomers(list: CustomerDigest[]): CustomerDigest[] {
  return [...list].sort(
    (a, b) =>
      Number(b.newRisk) - Number(a.newRisk) ||
      Number(b.negative) - Number(a.negative) ||
      b.signalCount - a.signalCount ||
      b.conversations - a.conversations ||
      a.name.localeCompare(b.name, 'zh'),
  );
}

export function buildRepBrief(input: {
  userId: string;
  name: string;
  date: string;
  period: Period;
  customers: CustomerDigest[];
  conversations: number;
  unattributed: number;
  unattributedQuote?: string | null;
  reserve: ReserveCheck[];
  section?: string;
}): RepBrief {
  const customers = sortCustomers(input.customers);
  return {
    kind: 'rep',
    userId: input.userId,
    name: input.name,
    date: input.date,
    period: input.period,
    conversations: input.conversations,
    customers,
    unattributed: input.unattributed,
    unattributedQuote: input.unattributedQuote ?? null,
    signals: customers.reduce((n, c) => n + c.signalCount, 0),
    risks: customers.reduce((n, c) => n + c.lines.filter((l) => l.sentiment === 'negative').length, 0),
    reserve: input.reserve,
    belowSafety: input.reserve.some((c) => !c.ok),
    ...(input.section ? { section: input.section } : {}),
  };
}

/** A brief with nothing to report: no conversations in the period and nothing added by another module. */
export function isEmptyRepBrief(b: RepBrief): boolean {
  return b.conversations === 0 && b.customers.length === 0 && !b.section;
}

// ---------------------------------------------------------------------------------------------
// Manager

export interface KeywordTrend {
  term: string;
  category: SignalCategory;
  count: number;
  /** Average per day over the 7 days before the period. */
  average7: number;
  /** count / average7 - 1; null when the keyword did not occur in those 7 days. */
  change: number | null;
}

export interface CustomerMention {
  customerId: string;
  name: string;
  owner: string;
  categories: { category: SignalCategory; sentiment: Sentiment; quote: string }[];
}

export interface RepLine {
  userId: string;
  name: string;
  customers: number;
  signals: number;
  risks: number;
  reserve: ReserveCheck | undefined;
  belowSafety: boolean;
  silent: boolean;
}

export interface ManagerBrief {
  kind: 'manager';
  userId: string;
  name: string;
  date: string;
  period: Period;
  teamSize: number;
  conversations: number;
  /** Distinct customers and their signals (a line a colleague recorded counts once). */
  customers: number;
  signals: number;
  keywords: KeywordTrend[];
  hot: CustomerMention[];
  atRisk: CustomerMention[];
  /** How many customers qualified before the lists were cut to the limit. */
  hotTotal: number;
  atRiskTotal: number;
  belowSafety: string[];
  silent: string[];
  reps: RepLine[];
}

/**
 * Signals that make a customer "hot" (seed 001: the deals to push this week): tender or budget
 * positive, urgency, and a contract about to be signed (the one a manager would call first).
 */
export const HOT_SIGNALS: { category: SignalCategory; sentiment: Sentiment }[] = [
  { category: 'tender', sentiment: 'positive' },
  { category: 'budget', sentiment: 'positive' },
  { category: 'urgency', sentiment: 'positive' },
  { category: 'contract', sentiment: 'positive' },
];

/** The team's most mentioned keywords of the period, with their move against the 7-day daily average. */
export function topKeywords(
  period: { term: string; category: SignalCategory; n: number }[],
  week: { term: string; category: SignalCategory; n: number }[],
  limit = 3,
): KeywordTrend[] {
  const sum = (rows: typeof period) => {
    const m = new Map<string, { term: string; category: SignalCategory; n: number }>();
    for (const r of rows) {
      const key = `${r.category}\u0000${r.term}`;
      const cur = m.get(key);
      if (cur) cur.n += r.n;
      else m.set(key, { ...r });
    }
    return m;
  };
  const now = sum(period);
  const before = sum(week);
  return [...now.entries()]
    .sort((a, b) => b[1].n - a[1].n || a[1].term.localeCompare(b[1].term, 'zh'))
    .slice(0, limit)
    .map(([key, r]) => {
      const average7 = (before.get(key)?.n ?? 0) / 7;
      return { term: r.term, category: r.category, count: r.n, average7, change: average7 > 0 ? r.n / average7 - 1 : null };
    });
}

function mention(c: CustomerDigest, owner: string, pick: (l: CategoryLine) => boolean): CustomerMention {
  return {
    customerId: c.customerId,
    name: c.name,
    owner,
    categories: c.lines.filter(pick).map((l) => ({ category: l.category, sentiment: l.sentiment, quote: l.quote })),
  };
}

export function buildManagerBrief(input: {
  userId: string;
  name: string;
  date: string;
  period: Period;
  reps: RepBrief[];
  keywords: KeywordTrend[];
  limit?: number;
}): ManagerBrief {
  const limit = input.limit ?? 5;
  const hot: CustomerMention[] = [];
  const atRisk: CustomerMention[] = [];
  // A customer a colleague talked about shows in two reps' briefs (the owner's holds both sides):
  // list it once, from the brief that holds the most of it.
  const fullest = new Map<string, { c: CustomerDigest; rep: string }>();
  for (const rep of input.reps) {
    for (const c of rep.customers) {
      const seen = fullest.get(c.customerId);
      const fuller = !seen || c.signalCount > seen.c.signalCount || (c.signalCount === seen.c.signalCount && c.reportedBy.length > 0);
      if (fuller) fullest.set(c.customerId, { c, rep: rep.name });
    }
  }
  const isHot = (l: CategoryLine) => HOT_SIGNALS.some((h) => h.category === l.category && h.sentiment === l.sentiment);
  for (const { c, rep } of fullest.values()) {
    if (c.lines.some(isHot)) hot.push(mention(c, rep, isHot));
    const negatives = c.lines.filter((l) => l.sentiment === 'negative');
    if (c.lines.some((l) => l.category === 'risk') || c.newRisk || negatives.length >= 2) {
      atRisk.push(mention(c, rep, (l) => l.sentiment === 'negative'));
    }
  }
  const weight = (m: CustomerMention) => m.categories.length;
  hot.sort((a, b) => weight(b) - weight(a) || a.name.localeCompare(b.name, 'zh'));
  atRisk.sort((a, b) => weight(b) - weight(a) || a.name.localeCompare(b.name, 'zh'));
  const reps: RepLine[] = input.reps.map((r) => ({
    userId: r.userId,
    name: r.name,
    customers: r.customers.length,
    signals: r.signals,
    risks: r.risks,
    reserve: r.reserve.at(-1),
    belowSafety: r.belowSafety,
    silent: r.conversations === 0,
  }));
  return {
    kind: 'manager',
    userId: input.userId,
    name: input.name,
    date: input.date,
    period: input.period,
    teamSize: input.reps.length,
    conversations: input.reps.reduce((n, r) => n + r.conversations, 0),
    customers: fullest.size,
    signals: [...fullest.values()].reduce((n, f) => n + f.c.signalCount, 0),
    keywords: input.keywords,
    hot: hot.slice(0, limit),
    atRisk: atRisk.slice(0, limit),
    hotTotal: hot.length,
    atRiskTotal: atRisk.length,
    belowSafety: reps.filter((r) => r.belowSafety).map((r) => r.name),
    silent: reps.filter((r) => r.silent).map((r) => r.name),
    reps,
  };
}

export function isEmptyManagerBrief(b: ManagerBrief): boolean {
  return b.conversations === 0 && b.belowSafety.length === 0;
}
